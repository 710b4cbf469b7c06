// Service: the whole server wired together — clock, metrics, database,
// hub, use cases, routes, HTTP — so that `tereze serve` and the integration
// tests start exactly the same thing.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "app/app.h"
#include "app/daily_jobs.h"
#include "app/outbox_sender.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "gbd/state_systems.h"
#include "http/dashboard_api.h"
#include "http/hub.h"
#include "http/router.h"
#include "http/server.h"
#include "notify/sms_gateway.h"
#include "store/database.h"
#include "voice/speech.h"

namespace tereze::http {

struct ServiceOptions {
  std::string db_url;
  std::string test_clock;  // ISO 8601 instant; empty: the system clock
  std::string public_url;  // base of public links printed on receipts; empty: the default
  ServerOptions server;
  store::Database::Options database;
  // SMS through Kannel (R10, R24); empty sendsms_url: messages wait in the outbox.
  notify::KannelOptions sms;
  app::OutboxSender::Options outbox;
  // The state information systems (R10, R27); empty: not connected.
  std::string gbd_url;
  // Where spoken calls are cached (R16); empty: a folder under the system's temp directory.
  std::string speech_cache_dir;
  // The scheduled jobs (storage terms, breaches); tests may leave them off and run the
  // detection through POST /api/v1/breaches/detect, so that nothing races with them.
  bool daily_jobs = true;
};

class Service {
 public:
  // Opens (and migrates) the database, builds the routes, binds the port.
  static Status Start(const ServiceOptions& options, std::unique_ptr<Service>* out);
  ~Service();

  // Serves on the calling thread until Stop() or a signal.
  void Run(bool handle_signals) { server_->Run(handle_signals); }
  // Serves on a background thread (tests).
  void RunInBackground();
  void Stop();

  uint16_t port() const { return server_->port(); }
  const Clock& clock() const { return *clock_; }
  TestClock* test_clock() const { return test_clock_; }
  Metrics& metrics() { return metrics_; }
  store::Database& db() { return *db_; }
  app::App& app() { return *app_; }
  Router& router() { return *router_; }
  Hub& hub() { return hub_; }
  app::OutboxSender* outbox() { return outbox_.get(); }

 private:
  Service() = default;

  std::unique_ptr<Clock> clock_;
  TestClock* test_clock_ = nullptr;
  Metrics metrics_;
  std::unique_ptr<store::Database> db_;
  Hub hub_;
  std::unique_ptr<app::App> app_;
  std::unique_ptr<app::OutboxSender> outbox_;
  std::unique_ptr<app::DailyJobs> daily_jobs_;
  std::unique_ptr<DashboardFeed> dashboard_feed_;
  std::unique_ptr<voice::SpeechCache> speech_;
  std::unique_ptr<gbd::StateSystems> state_systems_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

}  // namespace tereze::http
