// Employees: create, change, set a password, read and list, within the
// acting employee's branch unless their role is central.
#pragma once

#include <optional>
#include <vector>

#include "app/app.h"

namespace tereze::app {

// Fields of an employee as given by a caller; validated by the use case.
struct EmployeeFields {
  std::optional<std::string> surname, name, patronymic, position, position_kk;
  std::optional<int64_t> branch_id;  // 0: none
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> active;
  std::optional<std::string> provider_code;  // provider officers: whose officer ("" none)
};

// login: 3-64 of [a-z0-9._-]. password optional (empty: set later).
void CreateEmployee(App& app, const Principal& who, const std::string& login,
                    const EmployeeFields& fields, const std::string& password,
                    const Done<domain::Employee>& done);
void UpdateEmployee(App& app, const Principal& who, int64_t id, const EmployeeFields& fields,
                    const Done<domain::Employee>& done);
// Sets a new password and ends the employee's sessions. An employee may set
// their own; an admin or branch manager anyone's within their scope.
void SetEmployeePassword(App& app, const Principal& who, int64_t id, const std::string& password,
                         const Done<bool>& done);

Status GetEmployee(App& app, const Principal& who, int64_t id, domain::Employee* out);
// branch_id 0 lists what `who` may see.
Status ListEmployees(App& app, const Principal& who, int64_t branch_id, int64_t after_id, int limit,
                     std::vector<domain::Employee>* out);

}  // namespace tereze::app
