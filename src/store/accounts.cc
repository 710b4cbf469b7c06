#include "store/accounts.h"

namespace tereze::store {

namespace {

constexpr char kEmployeeColumns[] =
    "id, login, surname, name, patronymic, position, branch_id, roles, active, password_hash, "
    "provider_code, position_kk";

EmployeeRow FromRow(const Row& row) {
  EmployeeRow out;
  domain::Employee& e = out.employee;
  e.id = row.integer(0);
  e.login = row.text(1);
  e.surname = row.text(2);
  e.name = row.text(3);
  e.patronymic = row.text(4);
  e.position = row.text(5);
  e.branch_id = row.integer(6);
  e.roles = domain::RolesFromText(row.text(7)).value_or(0);
  e.active = row.integer(8) != 0;
  out.password_hash = row.text(9);
  e.provider_code = row.text(10);
  e.position_kk = row.text(11);
  return out;
}

Status FindOneEmployee(Connection& db, const std::string& where, const Value& key,
                       EmployeeRow* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      std::string("SELECT ") + kEmployeeColumns + " FROM employees WHERE " + where, {key}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("employee_not_found", "no such employee");
  *out = FromRow(rows[0]);
  return Status::Ok();
}

}  // namespace

Status InsertEmployee(Connection& db, const domain::Employee& e, const std::string& password_hash,
                      int64_t now_ms, bool is_demo, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO employees (login, surname, name, patronymic, position, branch_id, roles, "
      "password_hash, active, created_at_ms, updated_at_ms, is_demo, provider_code, position_kk) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13) RETURNING id",
      {e.login, e.surname, e.name, NullIfEmpty(e.patronymic), e.position, NullIfZero(e.branch_id),
       domain::RolesToText(e.roles), NullIfEmpty(password_hash), int64_t{e.active ? 1 : 0}, now_ms,
       int64_t{is_demo ? 1 : 0}, NullIfEmpty(e.provider_code), e.position_kk},
      &rows);
  // The login is the only unique column; a missing branch stays a
  // foreign-key violation for the caller to name.
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("login_taken", "an employee with this login exists");
  }
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status UpdateEmployee(Connection& db, const domain::Employee& e, int64_t now_ms) {
  return db.Execute(
      "UPDATE employees SET surname = $2, name = $3, patronymic = $4, position = $5, "
      "branch_id = $6, roles = $7, active = $8, updated_at_ms = $9, provider_code = $10, "
      "position_kk = $11 WHERE id = $1",
      {e.id, e.surname, e.name, NullIfEmpty(e.patronymic), e.position, NullIfZero(e.branch_id),
       domain::RolesToText(e.roles), int64_t{e.active ? 1 : 0}, now_ms,
       NullIfEmpty(e.provider_code), e.position_kk});
}

Status SetEmployeePassword(Connection& db, int64_t id, const std::string& password_hash,
                           int64_t now_ms) {
  return db.Execute("UPDATE employees SET password_hash = $2, updated_at_ms = $3 WHERE id = $1",
                    {id, password_hash, now_ms});
}

Status FindEmployeeById(Connection& db, int64_t id, EmployeeRow* out) {
  return FindOneEmployee(db, "id = $1", Value{id}, out);
}

Status FindEmployeeByLogin(Connection& db, const std::string& login, EmployeeRow* out) {
  return FindOneEmployee(db, "login = $1", Value{login}, out);
}

Status ListEmployees(Connection& db, int64_t branch_id, int64_t after_id, int limit,
                     std::vector<domain::Employee>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kEmployeeColumns +
                            " FROM employees WHERE id > $1 AND ($2 = 0 OR branch_id = $2) "
                            "ORDER BY id LIMIT $3",
                        {after_id, branch_id, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& row : rows) out->push_back(FromRow(row).employee);
  return Status::Ok();
}

Status CountNonDemoEmployees(Connection& db, int64_t* out) {
  std::vector<Row> rows;
  Status s = db.Execute("SELECT COUNT(*) FROM employees WHERE is_demo = 0", {}, &rows);
  if (!s.ok()) return s;
  *out = rows.at(0).integer(0);
  return Status::Ok();
}

Status InsertSession(Connection& db, const std::string& token_hash, const std::string& csrf_hash,
                     int64_t employee_id, int64_t now_ms, int64_t expires_at_ms) {
  return db.Execute(
      "INSERT INTO sessions (token_hash, csrf_hash, employee_id, created_at_ms, expires_at_ms) "
      "VALUES ($1, $2, $3, $4, $5)",
      {token_hash, csrf_hash, employee_id, now_ms, expires_at_ms});
}

Status FindSession(Connection& db, const std::string& token_hash, SessionRow* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT employee_id, csrf_hash, expires_at_ms, revoked_at_ms FROM sessions "
      "WHERE token_hash = $1",
      {token_hash}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("session_not_found", "no such session");
  out->employee_id = rows[0].integer(0);
  out->csrf_hash = rows[0].text(1);
  out->expires_at_ms = rows[0].integer(2);
  out->revoked = !rows[0].is_null(3);
  return Status::Ok();
}

Status RevokeSession(Connection& db, const std::string& token_hash, int64_t now_ms, bool* revoked) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "UPDATE sessions SET revoked_at_ms = $2 WHERE token_hash = $1 AND revoked_at_ms IS NULL "
      "RETURNING employee_id",
      {token_hash, now_ms}, &rows);
  if (!s.ok()) return s;
  *revoked = !rows.empty();
  return Status::Ok();
}

Status RevokeEmployeeSessions(Connection& db, int64_t employee_id, int64_t now_ms) {
  return db.Execute(
      "UPDATE sessions SET revoked_at_ms = $2 WHERE employee_id = $1 AND revoked_at_ms IS NULL",
      {employee_id, now_ms});
}

}  // namespace tereze::store
