#include "app/intake.h"

#include "app/branches.h"
#include "app/catalog.h"
#include "app/signing.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/zone.h"
#include "domain/barcode.h"
#include "domain/messages.h"
#include "store/applications.h"
#include "store/branches.h"
#include "store/consents.h"
#include "store/outbox.h"

namespace tereze::app {

namespace {

// What the desk needs to know before it checks the package: where and when.
struct DeskContext {
  DeskCache::Desk desk;
  LocalDate today;
};

Status LoadDesk(App& app, const Principal& who, int64_t now_ms, DeskContext* ctx) {
  Status s = app.desks().Get(app.db(), who.employee, &ctx->desk);
  if (!s.ok()) return s;
  return CheckCenterOpen(app, ctx->desk.branch, ctx->desk.hours, now_ms, &ctx->today);
}

// R10: a consent by phone must have been confirmed with its code, for this person.
Status CheckRecordedConsents(App& app, const domain::ApplicationRequest& r) {
  return app.db().Read([&](store::Connection& db) {
    for (const auto& c : r.consents) {
      store::ConsentRow row;
      Status s = store::FindConsentByReference(db, c.reference, &row);
      if (s.kind() == Status::Kind::kNotFound) {
        if (c.kind == domain::ConsentKind::kSms) {
          return Status::Refused("consent_unknown",
                                 "no confirmed SMS consent has reference " + c.reference);
        }
        continue;  // a written or signed consent is recorded with the application
      }
      if (!s.ok()) return s;
      if (row.iin != r.applicant.iin || row.kind != domain::ToString(c.kind)) {
        return Status::Refused("consent_unknown",
                               "consent " + c.reference + " was given by another person");
      }
    }
    return Status::Ok();
  });
}

std::string AuditChange(const domain::Application& a) {
  std::string change = "status=" + std::string(a.refused() ? "refused" : "accepted") +
                       "\nservice=" + a.service_code + "\niin=" + a.applicant.iin +
                       "\nwindow=" + std::to_string(a.window_id) + "\ndocuments=";
  for (const auto& d : a.documents) change += d.code + ":" + domain::ToString(d.kind) + ",";
  change += "\nmissing=";
  for (const auto& m : a.missing) change += m + ",";
  if (a.issue_date) change += "\nissue_date=" + a.issue_date->ToString();
  return change;
}

}  // namespace

Status CheckCenterOpen(App& app, const domain::Branch& branch, const domain::BranchHours& hours,
                       int64_t now_ms, LocalDate* today) {
  int minute = 0;
  if (Status s = LocalTimeIn(branch.time_zone, now_ms, today, &minute); !s.ok()) return s;
  bool open = false;
  if (Status s = app.calendar().IsCenterOpenDay(*today, hours, &open); !s.ok()) return s;
  if (!open || minute < domain::MinutesOfDay(branch.opens_at) ||
      minute >= domain::MinutesOfDay(branch.closes_at)) {
    return Status::Refused("center_closed", "the center is closed now: it serves on open days, " +
                                                branch.opens_at + "-" + branch.closes_at);
  }
  return Status::Ok();
}

Status DeskCache::Get(store::Database& db, const domain::Employee& employee, Desk* out) {
  const int64_t now = SteadyNowMs();
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(employee.id);
    if (it != entries_.end() && now - it->second.loaded_at_steady_ms < kTtlMs) {
      *out = it->second.desk;
      return Status::Ok();
    }
  }
  Desk desk;
  Status s = db.Read([&](store::Connection& conn) {
    Status st = LoadBranchHours(conn, employee.branch_id, &desk.branch, &desk.hours);
    if (!st.ok()) return st;
    return FindIntakeWindow(conn, employee, &desk.window_id);
  });
  if (!s.ok()) return s;
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[employee.id] = {desk, now};
  *out = std::move(desk);
  return Status::Ok();
}

Status FindIntakeWindow(store::Connection& db, const domain::Employee& employee,
                        int64_t* window_id) {
  return FindSeatedWindow(db, employee, "intake", window_id);
}

Status FindSeatedWindow(store::Connection& db, const domain::Employee& employee,
                        const std::string& kind, int64_t* window_id) {
  std::vector<domain::Window> windows;
  Status s = store::ListWindows(db, employee.branch_id, &windows);
  if (!s.ok()) return s;
  for (const auto& w : windows) {
    if (w.employee_id == employee.id && !w.retired && w.kind == kind) {
      *window_id = w.id;
      return Status::Ok();
    }
  }
  return Status::Refused("not_at_window",
                         "you are not seated at an " + kind + " window of your branch (R8)");
}

void AcceptApplication(App& app, const Principal& who, domain::ApplicationRequest request,
                       const Done<IntakeOutcome>& done) {
  auto outcome = std::make_shared<IntakeOutcome>();
  const int64_t now_ms = app.clock().NowMs();
  DeskContext desk;
  if (Status s = LoadDesk(app, who, now_ms, &desk); !s.ok()) return done(s, *outcome);

  CatalogSnapshot snapshot = app.catalog().Current();
  const domain::Service* service = nullptr;
  for (const auto& s : snapshot.catalog->services) {
    if (s.code == request.service_code) service = &s;
  }
  if (!service) {
    return done(Status::Refused("service_unknown",
                                "no service " + request.service_code + " in the catalog in force"),
                *outcome);
  }
  domain::PackageVerdict verdict;
  Status s =
      domain::CheckApplication(*service, snapshot.catalog->mrp_tiyn, desk.today, request, &verdict);
  if (s.ok()) s = CheckRecordedConsents(app, request);
  if (!s.ok()) return done(s, *outcome);

  domain::Application& a = outcome->application;
  a.status = verdict.missing.empty() ? domain::ApplicationStatus::kAccepted
                                     : domain::ApplicationStatus::kRefused;
  a.stage = a.refused() ? "refused" : "accepted";
  a.branch_id = desk.desk.branch.id;
  a.window_id = desk.desk.window_id;
  a.employee_id = who.employee.id;
  a.ticket_id = request.ticket_id;
  a.service_code = service->code;
  a.provider_code = service->provider_code;
  a.catalog_version_id = snapshot.version_id;
  a.lang = request.lang;
  a.electronic = request.electronic;
  a.applicant = request.applicant;
  if (!a.applicant.phone.empty())
    domain::NormalizePhone(request.applicant.phone, &a.applicant.phone);
  a.representative = request.representative;
  if (a.representative && !a.representative->person.phone.empty()) {
    domain::NormalizePhone(request.representative->person.phone, &a.representative->person.phone);
  }
  a.payments = request.payments;
  a.consents = request.consents;
  a.form_complete = request.form_complete;
  a.first_time = request.first_time;
  a.fee_tiyn = verdict.fee_tiyn;
  a.price_tiyn = verdict.price_tiyn;
  a.accepted_at_ms = now_ms;
  a.accepted_on = desk.today;
  if (a.refused()) {
    a.documents = request.documents;  // what was presented, for the refusal receipt
    for (const auto* m : verdict.missing) {
      a.missing.push_back(m->code);
      outcome->missing.push_back(*m);
    }
  } else {
    a.documents = verdict.accepted;
    // R30: the acceptance day never counts. A term in hours ends the same day.
    if (service->term.unit == domain::TermUnit::kHours) {
      a.issue_date = a.provider_deadline = desk.today;
    } else {
      domain::DueDates due;
      s = domain::ComputeDueDates(app.calendar(), desk.desk.hours, desk.today, service->term.value,
                                  service->term.unit, &due);
      if (!s.ok()) return done(s, *outcome);
      a.issue_date = due.issue_date;
      a.provider_deadline = due.provider_deadline;
    }
    // R12: an electronic request is certified with the operator's own signature.
    if (a.electronic) {
      a.request_text = ElectronicRequestText(a, who.employee.FullName());
      std::string cms;
      s = SignAs(app, who.employee.id, a.request_text, now_ms, &cms);
      if (!s.ok()) return done(s, *outcome);
      a.request_sha256 = Sha256Hex(a.request_text);
      a.request_cms = Base64Encode(cms);
    }
  }

  SubmitWrite<IntakeOutcome>(
      app.db(), outcome,
      [who](store::WriteTx& tx, IntakeOutcome& out) {
        domain::Application& app_row = out.application;
        domain::ApplicationEvent event;
        event.kind = app_row.refused() ? "refused" : "accepted";
        event.stage = app_row.stage;
        event.at_ms = app_row.accepted_at_ms;
        event.employee_id = app_row.employee_id;
        event.branch_id = app_row.branch_id;
        event.window_id = app_row.window_id;
        Status st = store::InsertApplication(tx.db(), &app_row, event);
        if (!st.ok()) return st;
        const std::string object = "application/" + std::to_string(app_row.id);
        st = tx.Audit(AuditOf(who, app_row.refused() ? "application.refuse" : "application.accept",
                              object, AuditChange(app_row)));
        if (!st.ok() || app_row.refused() || app_row.applicant.phone.empty()) return st;
        // R24: the applicant learns by SMS that the application is accepted.
        store::OutboxMessage sms;
        sms.recipient = app_row.applicant.phone;
        sms.body = domain::SmsAccepted(
            app_row.lang, domain::MakeBarcode(domain::BarcodeKind::kApplication, app_row.id),
            *app_row.issue_date);
        sms.purpose = "accepted";
        sms.application_id = app_row.id;
        sms.created_at_ms = sms.next_attempt_at_ms = tx.now_ms();
        int64_t sms_id = 0;
        return store::InsertOutbox(tx.db(), sms, &sms_id);
      },
      [&app, done](const Status& st, const IntakeOutcome& out) {
        if (st.ok()) app.WakeOutbox();
        done(st, out);
      });
}

Status GetApplication(App& app, const Principal& who, int64_t id, domain::Application* out) {
  Status s =
      app.db().Read([&](store::Connection& db) { return store::FindApplication(db, id, out); });
  if (!s.ok()) return s;
  if (!who.employee.CanActInBranch(out->branch_id)) {
    // Another branch's application is not even confirmed to exist.
    return Status::NotFound("application_not_found", "no such application");
  }
  return Status::Ok();
}

}  // namespace tereze::app
