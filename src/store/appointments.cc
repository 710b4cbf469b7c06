#include "store/appointments.h"

namespace tereze::store {

namespace {

constexpr char kColumns[] =
    "id, branch_id, queue, iin, day, slot_minute, slot_start_ms, code_sha256, phone, lang, "
    "state, created_at_ms, ticket_id";

AppointmentRow FromRow(const Row& r) {
  AppointmentRow a;
  a.id = r.integer(0);
  a.branch_id = r.integer(1);
  a.queue = r.text(2);
  a.iin = r.text(3);
  a.day = r.text(4);
  a.slot_minute = r.integer(5);
  a.slot_start_ms = r.integer(6);
  a.code_sha256 = r.text(7);
  a.phone = r.text(8);
  a.lang = r.text(9);
  a.state =
      domain::ParseAppointmentState(r.text(10)).value_or(domain::AppointmentState::kCancelled);
  a.created_at_ms = r.integer(11);
  a.ticket_id = r.integer(12);
  return a;
}

Status Select(Connection& db, const std::string& where, std::span<const Value> params,
              std::vector<AppointmentRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kColumns + " FROM appointments WHERE " + where,
                        params, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

}  // namespace

Status InsertAppointment(Connection& db, AppointmentRow* row) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO appointments (branch_id, queue, iin, day, slot_minute, slot_start_ms, "
      "code_sha256, phone, lang, state, created_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
      {row->branch_id, row->queue, row->iin, row->day, row->slot_minute, row->slot_start_ms,
       row->code_sha256, row->phone, row->lang, std::string(domain::ToString(row->state)),
       row->created_at_ms},
      &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::Internal("no id returned");
  row->id = rows[0].integer(0);
  return Status::Ok();
}

Status FindAppointment(Connection& db, int64_t id, AppointmentRow* out) {
  std::vector<AppointmentRow> rows;
  const Value params[] = {id};
  if (Status s = Select(db, "id = $1", params, &rows); !s.ok()) return s;
  if (rows.empty()) return Status::NotFound("appointment_not_found", "no such appointment");
  *out = rows[0];
  return Status::Ok();
}

Status ListBookedOfIin(Connection& db, int64_t branch_id, const std::string& iin,
                       const std::string& day, std::vector<AppointmentRow>* out) {
  const Value params[] = {branch_id, iin, day};
  return Select(db,
                "branch_id = $1 AND iin = $2 AND day = $3 AND state = 'booked' "
                "ORDER BY slot_minute, id",
                params, out);
}

Status ListActiveOfIin(Connection& db, const std::string& iin, const std::string& from_day,
                       const std::string& to_day, std::vector<AppointmentRow>* out) {
  const Value params[] = {iin, from_day, to_day};
  return Select(db,
                "iin = $1 AND day >= $2 AND day <= $3 AND state <> 'cancelled' "
                "ORDER BY day, slot_minute, id",
                params, out);
}

Status ListAppointmentsOfDay(Connection& db, int64_t branch_id, const std::string& day,
                             std::vector<AppointmentRow>* out) {
  const Value params[] = {branch_id, day};
  return Select(db, "branch_id = $1 AND day = $2 ORDER BY slot_minute, queue, id", params, out);
}

Status CountTakenSlots(Connection& db, int64_t branch_id, const std::string& queue,
                       const std::string& day, std::vector<std::pair<int64_t, int64_t>>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT slot_minute, COUNT(*) FROM appointments WHERE branch_id = $1 AND queue = $2 "
      "AND day = $3 AND state <> 'cancelled' GROUP BY slot_minute ORDER BY slot_minute",
      {branch_id, queue, day}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->emplace_back(r.integer(0), r.integer(1));
  return Status::Ok();
}

Status CancelAppointment(Connection& db, int64_t id, int64_t now_ms) {
  return db.Execute(
      "UPDATE appointments SET state = 'cancelled', cancelled_at_ms = $2 WHERE id = $1",
      {id, now_ms}, nullptr);
}

Status MarkCheckedIn(Connection& db, int64_t id, int64_t ticket_id) {
  return db.Execute("UPDATE appointments SET state = 'checked_in', ticket_id = $2 WHERE id = $1",
                    {id, ticket_id}, nullptr);
}

Status CountWindowsOfKind(Connection& db, int64_t branch_id, const std::string& kind,
                          int64_t* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT COUNT(*) FROM windows WHERE branch_id = $1 AND kind = $2 AND retired_at_ms IS NULL",
      {branch_id, kind}, &rows);
  if (!s.ok()) return s;
  *out = rows.empty() ? 0 : rows[0].integer(0);
  return Status::Ok();
}

Status IsAppointmentOnly(Connection& db, int64_t branch_id, bool* out) {
  std::vector<Row> rows;
  Status s = db.Execute("SELECT branch_id FROM appointment_only_branches WHERE branch_id = $1",
                        {branch_id}, &rows);
  if (!s.ok()) return s;
  *out = !rows.empty();
  return Status::Ok();
}

Status SetAppointmentOnly(Connection& db, int64_t branch_id, bool on) {
  Status s = db.Execute("DELETE FROM appointment_only_branches WHERE branch_id = $1", {branch_id},
                        nullptr);
  if (!s.ok() || !on) return s;
  return db.Execute("INSERT INTO appointment_only_branches (branch_id) VALUES ($1)", {branch_id},
                    nullptr);
}

}  // namespace tereze::store
