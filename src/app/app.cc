#include "app/app.h"

#include <cstdio>
#include <cstdlib>

#include "app/appointments.h"
#include "app/calendar_data.h"  // generated from data/calendar/
#include "app/catalog.h"
#include "app/daily_jobs.h"
#include "app/intake.h"
#include "app/outbox_sender.h"
#include "app/queue.h"
#include "app/scans.h"
#include "app/tracking.h"
#include "core/crypto.h"

namespace tereze::app {

App::App(store::Database& db, const Clock& clock, EventSink* events)
    : db_(db),
      clock_(clock),
      events_(events),
      throttle_(clock),
      catalog_(std::make_unique<CatalogRegistry>(db)),
      desks_(std::make_unique<DeskCache>()),
      directions_(std::make_unique<DirectionCache>()),
      queue_(std::make_unique<QueueService>(*this)),
      track_limiter_(clock, kTrackRequestsPerMinute, int64_t{60} * 1000),
      booking_limiter_(clock, kBookingRequestsPerMinute, int64_t{60} * 1000) {
  // The shipped calendars are checked by the unit tests; failing here means
  // the binary itself is broken, so stop rather than serve wrong dates.
  Status s = LoadShippedCalendars(&calendar_);
  if (!s.ok()) {
    std::fprintf(stderr, "tereze: shipped calendar does not parse: %s\n", s.ToString().c_str());
    std::abort();
  }
}

Status LoadShippedCalendars(domain::HolidayCalendar* calendar) {
  for (const char* text : kCalendars) {
    Status s = domain::HolidayCalendar::Parse(text, calendar);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

App::~App() = default;

domain::AuditRecord AuditOf(const Principal& who, std::string action, std::string object,
                            const std::string& change) {
  domain::AuditRecord r;
  r.employee_id = who.employee.id;
  r.role = std::string(domain::RoleName(who.role));
  r.branch_id = who.employee.branch_id;
  r.action = std::move(action);
  r.object = std::move(object);
  r.change_digest = Sha256Hex(change);
  return r;
}

domain::AuditRecord SystemAudit(std::string action, std::string object, const std::string& change) {
  domain::AuditRecord r;
  r.role = "system";
  r.action = std::move(action);
  r.object = std::move(object);
  r.change_digest = Sha256Hex(change);
  return r;
}

void App::WakeDailyJobs() {
  if (daily_jobs_) daily_jobs_->Wake();
}

void App::WakeOutbox() {
  if (outbox_) outbox_->Wake();
}

}  // namespace tereze::app
