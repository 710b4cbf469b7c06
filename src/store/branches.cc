#include "store/branches.h"

namespace tereze::store {

namespace {
constexpr char kBranchColumns[] =
    "id, code, name_kk, name_ru, name_en, region, address_kk, address_ru, time_zone, opens_at, "
    "closes_at, open_weekdays, video_surveillance, retired_at_ms";

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
  b.video_surveillance = r.integer(12) != 0;
  b.retired = !r.is_null(13);
  return b;
}
}  // namespace

Status InsertBranch(Connection& db, const domain::Branch& b, bool is_demo, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO branches (code, name_kk, name_ru, name_en, region, address_kk, address_ru, "
      "time_zone, opens_at, closes_at, open_weekdays, is_demo, video_surveillance) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
      {b.code, b.name_kk, b.name_ru, b.name_en, b.region, b.address_kk, b.address_ru, b.time_zone,
       b.opens_at, b.closes_at, b.open_weekdays, int64_t{is_demo ? 1 : 0},
       int64_t{b.video_surveillance ? 1 : 0}},
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
      "SELECT id, branch_id, number, kind, employee_id, retired_at_ms FROM windows "
      "WHERE branch_id = $1 ORDER BY number",
      {branch_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back(domain::Window{r.integer(0), r.integer(1), static_cast<int>(r.integer(2)),
                                  r.text(3), r.integer(4), !r.is_null(5)});
  }
  return Status::Ok();
}

Status UpdateBranch(Connection& db, const domain::Branch& b, int64_t now_ms) {
  return db.Execute(
      "UPDATE branches SET name_kk = $2, name_ru = $3, name_en = $4, region = $5, "
      "address_kk = $6, address_ru = $7, time_zone = $8, opens_at = $9, closes_at = $10, "
      "open_weekdays = $11, video_surveillance = $12, "
      "retired_at_ms = CASE WHEN $13 = 0 THEN NULL ELSE COALESCE(retired_at_ms, $14) END "
      "WHERE id = $1",
      {b.id, b.name_kk, b.name_ru, b.name_en, b.region, b.address_kk, b.address_ru, b.time_zone,
       b.opens_at, b.closes_at, b.open_weekdays, int64_t{b.video_surveillance ? 1 : 0},
       int64_t{b.retired ? 1 : 0}, now_ms});
}

Status FindWindow(Connection& db, int64_t id, domain::Window* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, branch_id, number, kind, employee_id, retired_at_ms FROM windows WHERE id = $1",
      {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("window_not_found", "no such window");
  const Row& r = rows[0];
  *out = domain::Window{r.integer(0), r.integer(1), static_cast<int>(r.integer(2)),
                        r.text(3),    r.integer(4), !r.is_null(5)};
  return Status::Ok();
}

Status UpdateWindow(Connection& db, const domain::Window& w, int64_t now_ms) {
  Status s = db.Execute(
      "UPDATE windows SET number = $2, kind = $3, employee_id = $4, "
      "retired_at_ms = CASE WHEN $5 = 0 THEN NULL ELSE COALESCE(retired_at_ms, $6) END "
      "WHERE id = $1",
      {w.id, int64_t{w.number}, w.kind, w.employee_id == 0 ? Value{} : Value{w.employee_id},
       int64_t{w.retired ? 1 : 0}, now_ms});
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("window_exists", "this window number is taken in the branch");
  }
  return s;
}

Status PutDayException(Connection& db, int64_t branch_id, const domain::DayException& e) {
  Status s = db.Execute("DELETE FROM branch_day_exceptions WHERE branch_id = $1 AND day = $2",
                        {branch_id, e.day});
  if (!s.ok()) return s;
  return db.Execute(
      "INSERT INTO branch_day_exceptions (branch_id, day, is_open, reason) VALUES ($1, $2, $3, $4)",
      {branch_id, e.day, int64_t{e.open ? 1 : 0}, e.reason});
}

Status DeleteDayException(Connection& db, int64_t branch_id, const std::string& day,
                          bool* deleted) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "DELETE FROM branch_day_exceptions WHERE branch_id = $1 AND day = $2 RETURNING day",
      {branch_id, day}, &rows);
  *deleted = !rows.empty();
  return s;
}

Status ListDayExceptions(Connection& db, int64_t branch_id,
                         std::vector<domain::DayException>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT day, is_open, reason FROM branch_day_exceptions WHERE branch_id = $1 ORDER BY day",
      {branch_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows)
    out->push_back(domain::DayException{r.text(0), r.integer(1) != 0, r.text(2)});
  return Status::Ok();
}

Status InsertTraining(Connection& db, const domain::Training& t, int64_t recorded_by,
                      int64_t now_ms, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO employee_trainings (employee_id, topic, completed_on, valid_until, "
      "recorded_by, recorded_at_ms) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {t.employee_id, t.topic, t.completed_on,
       t.valid_until.empty() ? Value{} : Value{t.valid_until}, recorded_by, now_ms},
      &rows);
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status ListTrainings(Connection& db, int64_t employee_id, std::vector<domain::Training>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, employee_id, topic, completed_on, valid_until FROM employee_trainings "
      "WHERE employee_id = $1 ORDER BY id",
      {employee_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back(domain::Training{r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4)});
  }
  return Status::Ok();
}

Status GetDispatchRounds(Connection& db, int64_t branch_id, std::string* rounds) {
  std::vector<Row> rows;
  Status s = db.Execute("SELECT dispatch_rounds FROM branches WHERE id = $1", {branch_id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("branch_not_found", "no such branch");
  *rounds = rows[0].text(0);
  return Status::Ok();
}

Status SetDispatchRounds(Connection& db, int64_t branch_id, const std::string& rounds) {
  return db.Execute("UPDATE branches SET dispatch_rounds = $2 WHERE id = $1", {branch_id, rounds},
                    nullptr);
}

}  // namespace tereze::store
