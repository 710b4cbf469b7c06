// OutboxSender: sends what use cases wrote into the outbox (SMS, R10, R24),
// after their transactions committed. One attempt per message per round;
// a gateway that is down means a retry later with exponential backoff, a
// message the gateway refuses is marked failed. Delivery is at least once:
// a crash between the gateway's "accepted" and our "sent" sends it again.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "app/app.h"
#include "notify/sms_gateway.h"

namespace tereze::app {

class OutboxSender {
 public:
  struct Options {
    int64_t poll_ms = 1000;  // how often to look for due messages
    int batch = 100;         // messages per round
    int max_attempts = 20;   // then the message is failed for good
    int64_t first_backoff_ms = 2000;
    int64_t max_backoff_ms = int64_t{10} * 60 * 1000;
    std::string dlr_secret;  // signs delivery-report tokens; empty: random per process
  };

  OutboxSender(App& app, std::unique_ptr<notify::SmsGateway> gateway, Options options);
  ~OutboxSender();  // stops the thread

  // Starts the background thread.
  void Start();
  // Looks for due messages now (after a use case wrote one).
  void Wake();
  // One round on the calling thread: returns how many were handed to the gateway.
  Status RunOnce(int* sent);

  // The token of outbox message `id` for delivery reports, and its check.
  std::string DlrToken(int64_t id) const;
  bool ParseDlrToken(const std::string& token, int64_t* id) const;

 private:
  void Loop();

  App& app_;
  std::unique_ptr<notify::SmsGateway> gateway_;
  Options options_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace tereze::app
