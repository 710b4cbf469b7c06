#include "store/branches.h"

namespace tereze::store {

namespace {
constexpr char kBranchColumns[] =
    "id, code, name_kk, name_ru, name_en, region, address_kk, address_ru, time_zone, opens_at, "
    "closes_at, open_weekdays";

domain::Branch BranchFromRow(const Row& r) {
  domain::Branch b;
  b.id = r.integer(0);
  b.code = r.text(1);
  b.name_kk = r.text(2);
  b.name_ru = r.text(3);
  b.name_en = r.text(4);
  b.region = r.text(5);
  b.address_kk = r.text(6);
  b.address_ru = r.text(7);
  b.time_zone = r.text(8);
  b.opens_at = r.text(9);
  b.closes_at = r.text(10);
  b.open_weekdays = r.text(11);
  return b;
}
}  // namespace

Status InsertBranch(Connection& db, const domain::Branch& b, bool is_demo, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO branches (code, name_kk, name_ru, name_en, region, address_kk, address_ru, "
      "time_zone, opens_at, closes_at, open_weekdays, is_demo) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
      {b.code, b.name_kk, b.name_ru, b.name_en, b.region, b.address_kk, b.address_ru, b.time_zone,
       b.opens_at, b.closes_at, b.open_weekdays, int64_t{is_demo ? 1 : 0}},
      &rows);
  if (s.code() == kUniqueViolation)
    return Status::Conflict("branch_exists", "branch code is taken");
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status FindBranch(Connection& db, int64_t id, domain::Branch* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kBranchColumns + " FROM branches WHERE id = $1",
                        {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("branch_not_found", "no such branch");
  *out = BranchFromRow(rows[0]);
  return Status::Ok();
}

Status ListBranches(Connection& db, int64_t only_branch_id, int64_t after_id, int limit,
                    std::vector<domain::Branch>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kBranchColumns +
                            " FROM branches WHERE id > $1 AND ($2 = 0 OR id = $2) "
                            "ORDER BY id LIMIT $3",
                        {after_id, only_branch_id, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(BranchFromRow(r));
  return Status::Ok();
}

Status InsertWindow(Connection& db, const domain::Window& w, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO windows (branch_id, number, kind, employee_id) VALUES ($1, $2, $3, $4) "
      "RETURNING id",
      {w.branch_id, int64_t{w.number}, w.kind, w.employee_id == 0 ? Value{} : Value{w.employee_id}},
      &rows);
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("window_exists", "this window number is taken in the branch");
  }
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status ListWindows(Connection& db, int64_t branch_id, std::vector<domain::Window>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, branch_id, number, kind, employee_id FROM windows WHERE branch_id = $1 "
      "ORDER BY number",
      {branch_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back(domain::Window{r.integer(0), r.integer(1), static_cast<int>(r.integer(2)),
                                  r.text(3), r.integer(4)});
  }
  return Status::Ok();
}

}  // namespace tereze::store
