#include "app/appointments.h"

#include <map>

#include "app/branches.h"
#include "core/crypto.h"
#include "core/iin.h"
#include "core/zone.h"
#include "domain/appointment.h"
#include "domain/intake.h"
#include "store/branches.h"
#include "store/tickets.h"

namespace tereze::app {

namespace {

// The branch, its hours and the queue's kind and capacity.
struct Place {
  domain::Branch branch;
  domain::BranchHours hours;
  std::string kind;
  int capacity = 1;
};

Status LoadPlace(store::Connection& db, int64_t branch_id, const std::string& queue, Place* out) {
  Status s = LoadBranchHours(db, branch_id, &out->branch, &out->hours);
  if (s.kind() == Status::Kind::kNotFound) {
    return Status::NotFound("branch_not_found", "no such branch");
  }
  if (!s.ok()) return s;
  std::vector<store::QueueRow> queues;
  if (s = store::ListQueues(db, branch_id, &queues); !s.ok()) return s;
  for (const auto& q : queues) {
    if (q.code == queue) out->kind = q.kind;
  }
  if (out->kind.empty()) {
    return Status::NotFound("queue_unknown", "the branch has no queue " + queue);
  }
  int64_t windows = 0;
  if (s = store::CountWindowsOfKind(db, branch_id, out->kind, &windows); !s.ok()) return s;
  out->capacity = domain::SlotCapacity(static_cast<int>(windows));
  return Status::Ok();
}

std::string SlotText(const store::AppointmentRow& a) {
  auto day = LocalDate::Parse(a.day);
  return day ? domain::FormatSlotStart({*day, static_cast<int>(a.slot_minute)}) : a.day;
}

AppointmentView ViewOf(const store::AppointmentRow& a) { return {a, SlotText(a), ""}; }

std::string NewCode() {
  const std::string hex = RandomHex(domain::kBookingCodeLength);
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return domain::BookingCode(bytes);
}

}  // namespace

Status ListFreeSlots(App& app, int64_t branch_id, const std::string& queue, const std::string& date,
                     std::vector<SlotView>* out) {
  auto day = LocalDate::Parse(date);
  if (!day) return Status::Malformed("invalid_field", "date: YYYY-MM-DD");
  Place p;
  std::vector<std::pair<int64_t, int64_t>> taken;
  Status s = app.db().Read([&](store::Connection& db) {
    Status st = LoadPlace(db, branch_id, queue, &p);
    if (!st.ok()) return st;
    return store::CountTakenSlots(db, branch_id, queue, day->ToString(), &taken);
  });
  if (!s.ok()) return s;
  bool open = false;
  if (s = app.calendar().IsCenterOpenDay(*day, p.hours, &open); !s.ok()) return s;
  if (!open) return Status::Ok();
  const int64_t now_ms = app.clock().NowMs();
  std::map<int64_t, int64_t> by_minute(taken.begin(), taken.end());
  for (int minute : domain::SlotStarts(domain::MinutesOfDay(p.branch.opens_at),
                                       domain::MinutesOfDay(p.branch.closes_at))) {
    int64_t start_ms = 0;
    if (s = InstantOfLocalTime(p.branch.time_zone, *day, minute, &start_ms); !s.ok()) return s;
    if (start_ms <= now_ms) continue;
    const int free = p.capacity - static_cast<int>(by_minute[minute]);
    if (free > 0) out->push_back({domain::FormatSlotStart({*day, minute}), p.capacity, free});
  }
  return Status::Ok();
}

void BookAppointment(App& app, int64_t branch_id, const BookingRequest& r,
                     const Done<AppointmentView>& done) {
  IdentityNumber iin;
  if (Status s = ParseIin(r.iin, &iin); !s.ok()) return done(s, {});
  if (r.lang != "kk" && r.lang != "ru") {
    return done(Status::Malformed("invalid_field", "lang: kk or ru"), {});
  }
  std::string phone;
  if (!r.phone.empty() && !domain::NormalizePhone(r.phone, &phone)) {
    return done(Status::Malformed("invalid_field", "phone: +7XXXXXXXXXX"), {});
  }
  auto slot = domain::ParseSlotStart(r.slot_start);
  if (!slot) return done(Status::Malformed("invalid_field", "slot_start: YYYY-MM-DDTHH:MM"), {});
  Place p;
  Status s =
      app.db().Read([&](store::Connection& db) { return LoadPlace(db, branch_id, r.queue, &p); });
  if (!s.ok()) return done(s, {});
  bool open = false;
  if (s = app.calendar().IsCenterOpenDay(slot->day, p.hours, &open); !s.ok()) return done(s, {});
  if (!open) {
    return done(Status::Refused("center_closed", "the center is closed on " + slot->day.ToString()),
                {});
  }
  if (!domain::IsSlotStart(slot->minute, domain::MinutesOfDay(p.branch.opens_at),
                           domain::MinutesOfDay(p.branch.closes_at))) {
    return done(Status::Refused("slot_unavailable", "slots start every 15 minutes from " +
                                                        p.branch.opens_at + " and end by " +
                                                        p.branch.closes_at),
                {});
  }
  auto row = std::make_shared<AppointmentView>();
  store::AppointmentRow& a = row->row;
  if (s = InstantOfLocalTime(p.branch.time_zone, slot->day, slot->minute, &a.slot_start_ms);
      !s.ok()) {
    return done(s, {});
  }
  if (a.slot_start_ms <= app.clock().NowMs()) {
    return done(Status::Refused("slot_past", "the slot has begun or passed"), {});
  }
  a.branch_id = branch_id;
  a.queue = r.queue;
  a.iin = iin.digits;
  a.day = slot->day.ToString();
  a.slot_minute = slot->minute;
  a.phone = phone;
  a.lang = r.lang;
  row->code = NewCode();
  row->slot = domain::FormatSlotStart(*slot);
  a.code_sha256 = Sha256Hex(row->code);
  const int capacity = p.capacity;
  const LocalDate day = slot->day;
  SubmitWrite<AppointmentView>(
      app.db(), row,
      [capacity, day](store::WriteTx& tx, AppointmentView& v) {
        store::AppointmentRow& a = v.row;
        // Under the one writer: the counts cannot change before the insert.
        std::vector<store::AppointmentRow> prior;
        Status s = store::ListActiveOfIin(
            tx.db(), a.iin, day.AddDays(1 - domain::kBookingIntervalDays).ToString(),
            day.AddDays(domain::kBookingIntervalDays - 1).ToString(), &prior);
        if (!s.ok()) return s;
        std::vector<domain::PriorBooking> rules;
        for (const auto& b : prior) {
          if (auto d = LocalDate::Parse(b.day)) rules.push_back({*d, b.queue});
        }
        if (s = domain::CheckBookingRules(rules, day, a.queue); !s.ok()) return s;
        std::vector<std::pair<int64_t, int64_t>> taken;
        if (s = store::CountTakenSlots(tx.db(), a.branch_id, a.queue, a.day, &taken); !s.ok()) {
          return s;
        }
        for (const auto& [minute, count] : taken) {
          if (minute == a.slot_minute && count >= capacity) {
            return Status::Conflict("slot_full", "the slot is fully booked");
          }
        }
        a.created_at_ms = tx.now_ms();
        return store::InsertAppointment(tx.db(), &a);
      },
      [done](const Status& st, AppointmentView v) {
        if (!st.ok()) return done(st, {});
        done(st, std::move(v));
      });
}

void CancelAppointment(App& app, int64_t id, const std::string& iin, const std::string& code,
                       const Done<AppointmentView>& done) {
  IdentityNumber person;
  if (Status s = ParseIin(iin, &person); !s.ok()) return done(s, {});
  std::string normalized;
  if (!domain::NormalizeBookingCode(code, &normalized)) {
    return done(Status::NotFound("appointment_not_found", "no such appointment"), {});
  }
  auto view = std::make_shared<AppointmentView>();
  const std::string code_sha256 = Sha256Hex(normalized);
  SubmitWrite<AppointmentView>(
      app.db(), view,
      [id, digits = person.digits, code_sha256](store::WriteTx& tx, AppointmentView& v) {
        Status s = store::FindAppointment(tx.db(), id, &v.row);
        if (s.ok() &&
            (v.row.iin != digits || !ConstantTimeEquals(v.row.code_sha256, code_sha256))) {
          s = Status::NotFound("appointment_not_found", "no such appointment");
        }
        if (!s.ok()) return s;
        if (v.row.state != domain::AppointmentState::kBooked) {
          return Status::Conflict(
              "wrong_state", std::string("the appointment is ") + domain::ToString(v.row.state));
        }
        if (s = store::CancelAppointment(tx.db(), id, tx.now_ms()); !s.ok()) return s;
        v.row.state = domain::AppointmentState::kCancelled;
        v.slot = SlotText(v.row);
        return Status::Ok();
      },
      [done](const Status& st, AppointmentView v) {
        if (!st.ok()) return done(st, {});
        done(st, std::move(v));
      });
}

void CheckInAppointment(App& app, int64_t branch_id, const std::string& iin,
                        const std::string& code, const Done<TicketView>& done) {
  IdentityNumber person;
  if (Status s = ParseIin(iin, &person); !s.ok()) return done(s, {});
  std::string normalized;
  if (!domain::NormalizeBookingCode(code, &normalized)) {
    return done(Status::NotFound("appointment_not_found", "no such appointment"), {});
  }
  const int64_t now_ms = app.clock().NowMs();
  const std::string code_sha256 = Sha256Hex(normalized);
  store::AppointmentRow found;
  Status s = app.db().Read([&](store::Connection& db) {
    domain::Branch branch;
    domain::BranchHours hours;
    Status st = LoadBranchHours(db, branch_id, &branch, &hours);
    if (st.kind() == Status::Kind::kNotFound) {
      return Status::NotFound("branch_not_found", "no such branch");
    }
    LocalDate today;
    if (st.ok()) st = LocalDateIn(branch.time_zone, now_ms, &today);
    std::vector<store::AppointmentRow> rows;
    if (st.ok()) st = store::ListBookedOfIin(db, branch_id, person.digits, today.ToString(), &rows);
    if (!st.ok()) return st;
    for (const auto& a : rows) {
      if (ConstantTimeEquals(a.code_sha256, code_sha256)) {
        found = a;
        return Status::Ok();
      }
    }
    return Status::NotFound("appointment_not_found", "no appointment today with this code");
  });
  if (!s.ok()) return done(s, {});
  if (s = domain::CheckInWindow(found.slot_start_ms, now_ms); !s.ok()) return done(s, {});
  const int64_t id = found.id;
  app.queue().CheckIn(
      branch_id, found.queue, found.lang, found.phone,
      [id](store::WriteTx& tx, int64_t ticket_id) {
        store::AppointmentRow a;
        Status st = store::FindAppointment(tx.db(), id, &a);
        if (!st.ok()) return st;
        if (a.state != domain::AppointmentState::kBooked) {
          return Status::Conflict("wrong_state",
                                  std::string("the appointment is ") + domain::ToString(a.state));
        }
        return store::MarkCheckedIn(tx.db(), id, ticket_id);
      },
      done);
}

Status GetAppointmentOnly(App& app, int64_t branch_id, bool* on) {
  return app.db().Read([&](store::Connection& db) {
    domain::Branch branch;
    Status s = store::FindBranch(db, branch_id, &branch);
    if (s.kind() == Status::Kind::kNotFound) {
      return Status::NotFound("branch_not_found", "no such branch");
    }
    if (!s.ok()) return s;
    return store::IsAppointmentOnly(db, branch_id, on);
  });
}

void SetAppointmentOnly(App& app, const Principal& who, int64_t branch_id, bool on,
                        const Done<bool>& done) {
  if (!who.employee.CanActInBranch(branch_id)) {
    return done(Status::Forbidden("this is another branch"), false);
  }
  SubmitWrite<bool>(
      app.db(), std::make_shared<bool>(on),
      [who, branch_id](store::WriteTx& tx, bool& value) {
        domain::Branch branch;
        Status s = store::FindBranch(tx.db(), branch_id, &branch);
        if (s.kind() == Status::Kind::kNotFound) {
          return Status::NotFound("branch_not_found", "no such branch");
        }
        if (s.ok()) s = store::SetAppointmentOnly(tx.db(), branch_id, value);
        if (!s.ok()) return s;
        return tx.Audit(AuditOf(who, "branch.appointment_only",
                                "branch/" + std::to_string(branch_id), value ? "on" : "off"));
      },
      done);
}

Status ListAppointments(App& app, const Principal& who, int64_t branch_id, const std::string& date,
                        std::vector<AppointmentView>* out) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  auto day = LocalDate::Parse(date);
  if (!day) return Status::Malformed("invalid_field", "date: YYYY-MM-DD");
  std::vector<store::AppointmentRow> rows;
  Status s = app.db().Read([&](store::Connection& db) {
    return store::ListAppointmentsOfDay(db, branch_id, day->ToString(), &rows);
  });
  if (!s.ok()) return s;
  for (const auto& a : rows) out->push_back(ViewOf(a));
  return Status::Ok();
}

}  // namespace tereze::app
