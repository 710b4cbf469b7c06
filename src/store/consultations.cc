#include "store/consultations.h"

namespace tereze::store {

Status InsertConsultation(Connection& db, Consultation* c) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO consultations (ticket_id, branch_id, window_id, employee_id, service_code, "
      "outcome, note, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {c->ticket_id, c->branch_id, c->window_id, c->employee_id, c->service_code, c->outcome,
       c->note, c->at_ms},
      &rows);
  if (!s.ok()) return s;
  c->id = rows.at(0).integer(0);
  return Status::Ok();
}

Status ListConsultationsOfTicket(Connection& db, int64_t ticket_id,
                                 std::vector<Consultation>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, ticket_id, branch_id, window_id, employee_id, service_code, outcome, note, "
      "at_ms FROM consultations WHERE ticket_id = $1 ORDER BY id",
      {ticket_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back({r.integer(0), r.integer(1), r.integer(2), r.integer(3), r.integer(4), r.text(5),
                    r.text(6), r.text(7), r.integer(8)});
  }
  return Status::Ok();
}

Status CountConsultationsOfTicket(Connection& db, int64_t ticket_id, int64_t* out) {
  std::vector<Row> rows;
  Status s =
      db.Execute("SELECT COUNT(*) FROM consultations WHERE ticket_id = $1", {ticket_id}, &rows);
  if (!s.ok()) return s;
  *out = rows.at(0).integer(0);
  return Status::Ok();
}

Status CountConsultations(Connection& db, int64_t branch_id, int64_t from_ms, int64_t to_ms,
                          std::map<std::pair<std::string, std::string>, int64_t>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT service_code, outcome, COUNT(*) FROM consultations WHERE branch_id = $1 AND "
      "at_ms >= $2 AND at_ms < $3 GROUP BY service_code, outcome",
      {branch_id, from_ms, to_ms}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) (*out)[{r.text(0), r.text(1)}] = r.integer(2);
  return Status::Ok();
}

}  // namespace tereze::store
