// SQL of employees and their sessions.
#pragma once

#include <optional>
#include <vector>

#include "domain/roles.h"
#include "store/connection.h"

namespace tereze::store {

struct EmployeeRow {
  domain::Employee employee;
  std::string password_hash;  // argon2id encoded; empty when not set
};

Status InsertEmployee(Connection& db, const domain::Employee& e, const std::string& password_hash,
                      int64_t now_ms, bool is_demo, int64_t* id_out);
// Writes every field of `e` but the login and the password.
Status UpdateEmployee(Connection& db, const domain::Employee& e, int64_t now_ms);
Status SetEmployeePassword(Connection& db, int64_t id, const std::string& password_hash,
                           int64_t now_ms);
// NotFound("employee_not_found") when absent.
Status FindEmployeeById(Connection& db, int64_t id, EmployeeRow* out);
Status FindEmployeeByLogin(Connection& db, const std::string& login, EmployeeRow* out);
// Employees with id > after_id in id order; branch_id 0 means every branch.
Status ListEmployees(Connection& db, int64_t branch_id, int64_t after_id, int limit,
                     std::vector<domain::Employee>* out);
// Counts employees not created by the demo loader.
Status CountNonDemoEmployees(Connection& db, int64_t* out);

struct SessionRow {
  int64_t employee_id = 0;
  std::string csrf_hash;
  int64_t expires_at_ms = 0;
  bool revoked = false;
};

Status InsertSession(Connection& db, const std::string& token_hash, const std::string& csrf_hash,
                     int64_t employee_id, int64_t now_ms, int64_t expires_at_ms);
Status FindSession(Connection& db, const std::string& token_hash, SessionRow* out);
// Sets revoked_at_ms; reports whether a live session was revoked.
Status RevokeSession(Connection& db, const std::string& token_hash, int64_t now_ms, bool* revoked);
// Revokes every live session of one employee (password change, deactivation).
Status RevokeEmployeeSessions(Connection& db, int64_t employee_id, int64_t now_ms);

}  // namespace tereze::store
