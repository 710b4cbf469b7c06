#include "store/personal_data.h"

namespace tereze::store {

namespace {}  // namespace

Status InsertPersonalDataRead(Connection& db, const PersonalDataRead& r) {
  return db.Execute(
      "INSERT INTO personal_data_reads (employee_id, role, branch_id, iin, object, at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {r.employee_id, r.role, NullIfZero(r.branch_id), r.iin, r.object, r.at_ms});
}

Status ListPersonalDataReads(Connection& db, const std::string& iin, int64_t employee_id,
                             int64_t after_id, int limit, std::vector<PersonalDataRead>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, employee_id, role, branch_id, iin, object, at_ms FROM personal_data_reads "
      "WHERE id > $1 AND ($2 = '' OR iin = $2) AND ($3 = 0 OR employee_id = $3) "
      "ORDER BY id LIMIT $4",
      {after_id, iin, employee_id, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back(
        {r.integer(0), r.integer(1), r.text(2), r.integer(3), r.text(4), r.text(5), r.integer(6)});
  }
  return Status::Ok();
}

Status InsertStateFetch(Connection& db, const StateFetch& f) {
  return db.Execute(
      "INSERT INTO state_fetches (iin, source, purpose, consent_reference, employee_id, "
      "branch_id, at_ms, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {f.iin, f.source, f.purpose, f.consent_reference, f.employee_id, NullIfZero(f.branch_id),
       f.at_ms, f.outcome});
}

Status ListStateFetches(Connection& db, const std::string& iin, int64_t after_id, int limit,
                        std::vector<StateFetch>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, iin, source, purpose, consent_reference, employee_id, branch_id, at_ms, "
      "outcome FROM state_fetches WHERE id > $1 AND ($2 = '' OR iin = $2) ORDER BY id LIMIT $3",
      {after_id, iin, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5),
                    r.integer(6), r.integer(7), r.text(8)});
  }
  return Status::Ok();
}

}  // namespace tereze::store
