// SQL of appointments (R8, issue 6) and of the branches that serve by
// appointment only.
#pragma once

#include <string>
#include <vector>

#include "domain/appointment.h"
#include "store/connection.h"

namespace tereze::store {

struct AppointmentRow {
  int64_t id = 0;
  int64_t branch_id = 0;
  std::string queue;
  std::string iin;
  std::string day;  // YYYY-MM-DD, local
  int64_t slot_minute = 0;
  int64_t slot_start_ms = 0;
  std::string code_sha256;
  std::string phone;
  std::string lang;
  domain::AppointmentState state = domain::AppointmentState::kBooked;
  int64_t created_at_ms = 0;
  int64_t ticket_id = 0;
};

// Fills row->id.
Status InsertAppointment(Connection& db, AppointmentRow* row);
Status FindAppointment(Connection& db, int64_t id, AppointmentRow* out);
// The IIN's booked appointments at `branch_id` today (`day`), by slot.
Status ListBookedOfIin(Connection& db, int64_t branch_id, const std::string& iin,
                       const std::string& day, std::vector<AppointmentRow>* out);
// The IIN's appointments that still count (booked or checked in) on days
// from `from_day` to `to_day`, in every branch.
Status ListActiveOfIin(Connection& db, const std::string& iin, const std::string& from_day,
                       const std::string& to_day, std::vector<AppointmentRow>* out);
// The branch's appointments of `day` (every queue, every state), by slot.
Status ListAppointmentsOfDay(Connection& db, int64_t branch_id, const std::string& day,
                             std::vector<AppointmentRow>* out);
// Booked or checked-in appointments per slot minute of the branch's queue on `day`.
Status CountTakenSlots(Connection& db, int64_t branch_id, const std::string& queue,
                       const std::string& day, std::vector<std::pair<int64_t, int64_t>>* out);
Status CancelAppointment(Connection& db, int64_t id, int64_t now_ms);
Status MarkCheckedIn(Connection& db, int64_t id, int64_t ticket_id);

// Windows (not retired) of the branch serving queues of `kind`.
Status CountWindowsOfKind(Connection& db, int64_t branch_id, const std::string& kind, int64_t* out);

Status IsAppointmentOnly(Connection& db, int64_t branch_id, bool* out);
Status SetAppointmentOnly(Connection& db, int64_t branch_id, bool on);

}  // namespace tereze::store
