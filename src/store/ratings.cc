#include "store/ratings.h"

namespace tereze::store {

Status InsertRating(Connection& db, const Rating& r) {
  Status s = db.Execute(
      "INSERT INTO ratings (application_id, score, comment, channel, service_code, branch_id, "
      "employee_id, at_ms, provider_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "(SELECT provider_code FROM applications WHERE id = $1))",
      {r.application_id, r.score, r.comment, r.channel, r.service_code, r.branch_id, r.employee_id,
       r.at_ms});
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("already_rated", "this application has been rated already");
  }
  return s;
}

Status FindRating(Connection& db, int64_t application_id, Rating* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT application_id, score, comment, channel, service_code, branch_id, employee_id, "
      "at_ms FROM ratings WHERE application_id = $1",
      {application_id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("rating_not_found", "not rated");
  const Row& r = rows[0];
  *out = {r.integer(0), r.integer(1), r.text(2),    r.text(3),
          r.text(4),    r.integer(5), r.integer(6), r.integer(7)};
  return Status::Ok();
}

}  // namespace tereze::store
