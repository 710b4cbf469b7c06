#include "http/service.h"

#include <unistd.h>

#include <filesystem>

#include "core/instant.h"
#include "http/api.h"

namespace tereze::http {

Status Service::Start(const ServiceOptions& options, std::unique_ptr<Service>* out) {
  std::unique_ptr<Service> s(new Service());
  if (!options.test_clock.empty()) {
    auto start = ParseInstant(options.test_clock);
    if (!start) {
      return Status::Malformed("bad_test_clock",
                               "--test-clock is ISO 8601 with an offset, e.g. "
                               "2026-11-24T09:00:00+05:00");
    }
    auto clock = std::make_unique<TestClock>(*start);
    s->test_clock_ = clock.get();
    s->clock_ = std::move(clock);
  } else {
    s->clock_ = std::make_unique<SystemClock>();
  }
  Status st = store::Database::Open(options.db_url, *s->clock_, &s->metrics_, options.database,
                                    /*migrate=*/true, &s->db_);
  if (!st.ok()) return st;
  s->app_ = std::make_unique<app::App>(*s->db_, *s->clock_, &s->hub_);
  if (!options.public_url.empty()) s->app_->set_public_url(options.public_url);
  if (!options.sms.sendsms_url.empty()) {
    s->outbox_ = std::make_unique<app::OutboxSender>(
        *s->app_, std::make_unique<notify::KannelGateway>(options.sms), options.outbox);
    s->app_->set_outbox(s->outbox_.get());
    s->outbox_->Start();
  }
  if (!options.gbd_url.empty()) {
    s->state_systems_ = std::make_unique<gbd::HttpStateSystems>(options.gbd_url, 5000);
    s->app_->set_state_systems(s->state_systems_.get());
  }
  voice::SpeechCache::Options speech;
  speech.dir =
      options.speech_cache_dir.empty()
          ? (std::filesystem::temp_directory_path() / ("tereze-speech-" + std::to_string(getuid())))
                .string()
          : options.speech_cache_dir;
  s->speech_ = std::make_unique<voice::SpeechCache>(speech);
  s->app_->set_speech(s->speech_.get());
  if (options.daily_jobs) {
    s->daily_jobs_ = std::make_unique<app::DailyJobs>(*s->app_, app::DailyJobs::Options{});
    s->app_->set_daily_jobs(s->daily_jobs_.get());
    s->daily_jobs_->Start();
  }
  // Live dashboard numbers over WebSocket (issue 7).
  s->dashboard_feed_ = std::make_unique<DashboardFeed>(*s->app_, s->hub_, DashboardFeed::Options{});
  s->dashboard_feed_->Start();
  s->router_ = std::make_unique<Router>(s->metrics_);
  AddRoutes(*s->router_, *s->app_, s->metrics_, ApiOptions{s->test_clock_});
  s->server_ =
      std::make_unique<Server>(options.server, *s->app_, *s->router_, s->hub_, s->metrics_);
  // Answers are built on the I/O threads, not on the writer's.
  Server* server = s->server_.get();
  s->db_->writer().SetCompletionExecutor(
      [server](std::function<void()> fn) { server->Post(std::move(fn)); });
  st = s->server_->Listen();
  if (!st.ok()) return st;
  *out = std::move(s);
  return Status::Ok();
}

Service::~Service() {
  // Order matters: stop taking requests, let running handlers finish, drain
  // the writer (its callbacks post into the stopped but still living I/O
  // context), and only then destroy the I/O context with the sessions.
  Stop();
  if (thread_.joinable()) thread_.join();
  if (server_) server_->JoinBlocking();
  if (app_) app_->set_outbox(nullptr);
  if (app_) app_->set_daily_jobs(nullptr);
  daily_jobs_.reset();      // its thread writes the database too
  dashboard_feed_.reset();  // its thread reads the database and publishes to the hub
  if (app_) app_->set_speech(nullptr);
  outbox_.reset();  // its thread reads and writes the database
  db_.reset();
  server_.reset();
}

void Service::RunInBackground() {
  thread_ = std::thread([this] { server_->Run(/*handle_signals=*/false); });
}

void Service::Stop() {
  if (server_) server_->Stop();
}

}  // namespace tereze::http
