#include "store/violations.h"

namespace tereze::store {

namespace {
constexpr char kColumns[] =
    "id, branch_id, reported_by, reported_at_ms, category, description, place, closed_by, "
    "closed_at_ms, resolution";
Violation FromRow(const Row& r) {
  return {r.integer(0), r.integer(1), r.integer(2), r.integer(3), r.text(4),
          r.text(5),    r.text(6),    r.integer(7), r.integer(8), r.text(9)};
}
}  // namespace

Status InsertViolation(Connection& db, const Violation& v, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO violations (branch_id, reported_by, reported_at_ms, category, description, "
      "place) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {v.branch_id, v.reported_by, v.reported_at_ms, v.category, v.description, v.place}, &rows);
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status FindViolation(Connection& db, int64_t id, Violation* out) {
  std::vector<Row> rows;
  Status s =
      db.Execute(std::string("SELECT ") + kColumns + " FROM violations WHERE id = $1", {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("violation_not_found", "no such violation");
  *out = FromRow(rows[0]);
  return Status::Ok();
}

Status CloseViolation(Connection& db, int64_t id, int64_t closed_by, int64_t now_ms,
                      const std::string& resolution) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "UPDATE violations SET closed_by = $2, closed_at_ms = $3, resolution = $4 "
      "WHERE id = $1 AND closed_by IS NULL RETURNING id",
      {id, closed_by, now_ms, resolution}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::Conflict("violation_closed", "the violation is closed already");
  return Status::Ok();
}

Status ListViolations(Connection& db, int64_t branch_id, bool open_only, int64_t before_id,
                      int limit, std::vector<Violation>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kColumns +
                            " FROM violations WHERE branch_id = $1 AND ($2 = 0 OR id < $2) "
                            "AND ($3 = 0 OR closed_by IS NULL) ORDER BY id DESC LIMIT $4",
                        {branch_id, before_id, int64_t{open_only ? 1 : 0}, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

}  // namespace tereze::store
