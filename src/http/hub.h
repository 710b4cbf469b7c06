// Hub: fans live events out to WebSocket subscribers by topic ("branch:7",
// "central"). It knows nothing of sockets: a subscriber is anything that can
// take a message; the server's WebSocket sessions are the real ones.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "app/app.h"

namespace tereze::http {

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // Must not block: queue the message and return.
  virtual void Send(std::shared_ptr<const std::string> message) = 0;
};

class Hub final : public app::EventSink {
 public:
  static constexpr size_t kMaxSubscribers = 10000;

  // False when the hub is full.
  bool Subscribe(const std::shared_ptr<Subscriber>& subscriber,
                 const std::vector<std::string>& topics);
  void Unsubscribe(const Subscriber* subscriber);

  // Sends {"topic": topic, "event": <json>} to the topic's subscribers.
  void Publish(const std::string& topic, const std::string& json) override;

  size_t subscriber_count() const;
  // Topics beginning with `prefix` that have subscribers, with how many
  // subscribed to each since the start (so a newcomer can be told the state).
  std::map<std::string, uint64_t> TopicsWithPrefix(const std::string& prefix) const;

 private:
  mutable std::mutex mu_;
  std::map<const Subscriber*, std::weak_ptr<Subscriber>> subscribers_;
  std::map<std::string, std::set<const Subscriber*>> by_topic_;
  std::map<std::string, uint64_t> joined_;  // subscriptions ever made, by topic
};

}  // namespace tereze::http
