// App: the use cases' shared context (database, clock, live events, login
// throttle) and the acting employee. Use cases live one per file beside it.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/login_throttle.h"
#include "app/rate_limiter.h"
#include "app/session_cache.h"
#include "core/clock.h"
#include "domain/audit_chain.h"
#include "domain/calendar.h"
#include "domain/roles.h"
#include "store/database.h"

namespace tereze::app {

// Where use cases announce changes for live screens (the WebSocket hub).
class EventSink {
 public:
  virtual ~EventSink() = default;
  // `topic` like "branch:7"; `json` a complete JSON object.
  virtual void Publish(const std::string& topic, const std::string& json) = 0;
};

// Who is acting, and in which of their roles (the first of their roles that
// the endpoint allows): the audit log records both.
struct Principal {
  domain::Employee employee;
  domain::Role role = domain::Role::kOperator;
  std::string token_hash;
};

class CatalogRegistry;
class OutboxSender;
class DeskCache;
class DirectionCache;
class QueueService;
class DailyJobs;
}  // namespace tereze::app
namespace tereze::gbd {
class StateSystems;
}  // namespace tereze::gbd
namespace tereze::voice {
class SpeechCache;
}  // namespace tereze::voice
namespace tereze::app {

template <typename T>
using Done = std::function<void(const Status&, T)>;

// Submits `command(tx, *result)` to the writer and calls `done(status,
// *result)` after the commit (or at once when the queue refuses it).
template <typename T, typename Fn>
void SubmitWrite(store::Database& db, std::shared_ptr<T> result, Fn command, const Done<T>& done) {
  Status s =
      db.writer().Submit([result, command](store::WriteTx& tx) { return command(tx, *result); },
                         [result, done](const Status& st) { done(st, *result); });
  if (!s.ok()) done(s, *result);
}

class App {
 public:
  App(store::Database& db, const Clock& clock, EventSink* events);
  ~App();

  store::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }
  LoginThrottle& throttle() { return throttle_; }
  SessionCache& sessions() { return sessions_; }
  CatalogRegistry& catalog() { return *catalog_; }
  DeskCache& desks() { return *desks_; }
  // Where the collection sector sends each provider's packages (R22), per branch.
  DirectionCache& directions() { return *directions_; }
  // The electronic queue of every branch (R8).
  QueueService& queue() { return *queue_; }
  // Public tracking requests per client address (R32).
  RateLimiter& track_limiter() { return track_limiter_; }
  // Public booking, cancelling and checking in per client address: a 6-character
  // code must not be guessable by trying.
  RateLimiter& booking_limiter() { return booking_limiter_; }
  // The holiday calendars shipped in data/calendar/ (R5).
  const domain::HolidayCalendar& calendar() const { return calendar_; }
  // Where the public pages live (tracking links on receipts, R32).
  const std::string& public_url() const { return public_url_; }
  void set_public_url(std::string url) { public_url_ = std::move(url); }
  // The outbox sender, when SMS are configured: woken after a commit that
  // wrote messages, so that a consent code leaves at once.
  OutboxSender* outbox() { return outbox_; }
  void set_outbox(OutboxSender* outbox) { outbox_ = outbox; }
  void WakeOutbox();
  // The scheduled jobs (R25 storage terms), woken when the test clock moves.
  void set_daily_jobs(DailyJobs* jobs) { daily_jobs_ = jobs; }
  void WakeDailyJobs();
  // The state information systems (R10, R27), when configured.
  gbd::StateSystems* state_systems() { return state_systems_; }
  // Spoken calls for the boards (R16), when espeak-ng is there.
  voice::SpeechCache* speech() { return speech_; }
  void set_speech(voice::SpeechCache* s) { speech_ = s; }
  void set_state_systems(gbd::StateSystems* s) { state_systems_ = s; }
  void Publish(const std::string& topic, const std::string& json) {
    if (events_) events_->Publish(topic, json);
  }

 private:
  store::Database& db_;
  const Clock& clock_;
  EventSink* events_;
  LoginThrottle throttle_;
  SessionCache sessions_;
  std::unique_ptr<CatalogRegistry> catalog_;
  std::unique_ptr<DeskCache> desks_;
  std::unique_ptr<DirectionCache> directions_;
  std::unique_ptr<QueueService> queue_;
  RateLimiter track_limiter_;
  RateLimiter booking_limiter_;
  domain::HolidayCalendar calendar_;
  std::string public_url_ = "http://127.0.0.1:8080";
  OutboxSender* outbox_ = nullptr;
  DailyJobs* daily_jobs_ = nullptr;
  gbd::StateSystems* state_systems_ = nullptr;
  voice::SpeechCache* speech_ = nullptr;
};

// Parses the calendars built into the binary; a bad one is a build mistake.
Status LoadShippedCalendars(domain::HolidayCalendar* calendar);

// An audit record for `who` doing `action` on `object`; `change` is the
// canonical text of what changed (its SHA-256 is stored).
domain::AuditRecord AuditOf(const Principal& who, std::string action, std::string object,
                            const std::string& change);
// The same for work done by the system itself (demo loader, jobs).
domain::AuditRecord SystemAudit(std::string action, std::string object, const std::string& change);

}  // namespace tereze::app
