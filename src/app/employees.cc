#include "app/employees.h"

#include "app/auth.h"
#include "app/password.h"
#include "store/accounts.h"

namespace tereze::app {

namespace {

constexpr size_t kMaxNameLength = 100;

bool ValidLogin(const std::string& login) {
  if (login.size() < 3 || login.size() > kMaxLoginLength) return false;
  for (char c : login) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Status CheckText(const char* field, const std::string& value, bool required) {
  if (required && value.empty()) {
    return Status::Refused("invalid_field", std::string(field) + " is required");
  }
  if (value.size() > kMaxNameLength) {
    return Status::Refused("invalid_field", std::string(field) + " is longer than 100 bytes");
  }
  return Status::Ok();
}

// Applies `f` to `e` and checks the result, including what `who` may grant.
Status Apply(const Principal& who, const EmployeeFields& f, domain::Employee* e) {
  if (f.surname) e->surname = *f.surname;
  if (f.name) e->name = *f.name;
  if (f.patronymic) e->patronymic = *f.patronymic;
  if (f.position) e->position = *f.position;
  if (f.position_kk) e->position_kk = *f.position_kk;
  if (f.branch_id) e->branch_id = *f.branch_id;
  if (f.active) e->active = *f.active;
  if (f.provider_code) e->provider_code = *f.provider_code;
  if (f.roles) {
    domain::RoleSet roles = 0;
    for (const auto& name : *f.roles) {
      auto r = domain::ParseRole(name);
      if (!r) return Status::Refused("invalid_role", "unknown role: " + name);
      roles |= domain::Bit(*r);
    }
    e->roles = roles;
  }
  for (auto [field, value, required] : {std::tuple{"surname", &e->surname, true},
                                        {"name", &e->name, true},
                                        {"patronymic", &e->patronymic, false},
                                        {"position", &e->position, true},
                                        {"position_kk", &e->position_kk, false}}) {
    if (Status s = CheckText(field, *value, required); !s.ok()) return s;
  }
  if (e->roles == 0) return Status::Refused("invalid_role", "an employee needs at least one role");
  if (e->provider_code.size() > 16) {
    return Status::Refused("invalid_field", "provider_code is longer than 16 bytes");
  }
  // Roles that work at a desk belong to a branch; central and provider roles need none.
  const domain::RoleSet branchless =
      domain::kCentralRoles | domain::Bit(domain::Role::kProviderOfficer);
  if ((e->roles & ~branchless) != 0 && e->branch_id == 0) {
    return Status::Refused("branch_required", "branch roles need a branch_id");
  }
  if (!who.employee.IsCentral()) {
    if (e->branch_id != who.employee.branch_id) {
      return Status::Forbidden("you may manage employees of your own branch only");
    }
    if ((e->roles & branchless) != 0) {
      return Status::Forbidden("only central roles may grant central or provider roles");
    }
  }
  return Status::Ok();
}

std::string ChangeText(const domain::Employee& e) {
  return "login=" + e.login + "\nsurname=" + e.surname + "\nname=" + e.name +
         "\npatronymic=" + e.patronymic + "\nposition=" + e.position +
         "\nposition_kk=" + e.position_kk + "\nbranch_id=" + std::to_string(e.branch_id) +
         "\nroles=" + domain::RolesToText(e.roles) + "\nactive=" + (e.active ? "1" : "0") +
         "\nprovider_code=" + e.provider_code;
}

void AnnounceChange(App& app, const char* type, const domain::Employee& e) {
  std::string json =
      std::string("{\"type\":\"") + type + "\",\"employee_id\":" + std::to_string(e.id) + "}";
  app.Publish("branch:" + std::to_string(e.branch_id), json);
}

bool MaySee(const Principal& who, const domain::Employee& e) {
  return who.employee.IsCentral() ||
         (who.employee.branch_id != 0 && e.branch_id == who.employee.branch_id) ||
         e.id == who.employee.id;
}

}  // namespace

void CreateEmployee(App& app, const Principal& who, const std::string& login,
                    const EmployeeFields& fields, const std::string& password,
                    const Done<domain::Employee>& done) {
  if (!ValidLogin(login)) {
    done(Status::Refused("invalid_login", "login is 3-64 of a-z, 0-9, '.', '_', '-'"), {});
    return;
  }
  auto e = std::make_shared<domain::Employee>();
  e->login = login;
  if (!fields.branch_id) e->branch_id = who.employee.branch_id;
  if (Status s = Apply(who, fields, e.get()); !s.ok()) {
    done(s, {});
    return;
  }
  std::string password_hash;
  if (!password.empty()) {
    if (Status s = CheckPasswordPolicy(password); !s.ok()) {
      done(s, {});
      return;
    }
    if (Status s = HashPassword(password, &password_hash); !s.ok()) {
      done(s, {});
      return;
    }
  }
  Status s = app.db().writer().Submit(
      [e, who, password_hash](store::WriteTx& tx) {
        Status st = store::InsertEmployee(tx.db(), *e, password_hash, tx.now_ms(), false, &e->id);
        if (st.code() == store::kForeignKeyViolation) {
          return Status::Refused("branch_not_found", "no such branch");
        }
        if (!st.ok()) return st;
        return tx.Audit(
            AuditOf(who, "employee.create", "employee/" + std::to_string(e->id), ChangeText(*e)));
      },
      [&app, e, done](const Status& st) {
        if (st.ok()) AnnounceChange(app, "employee.created", *e);
        done(st, *e);
      });
  if (!s.ok()) done(s, {});
}

void UpdateEmployee(App& app, const Principal& who, int64_t id, const EmployeeFields& fields,
                    const Done<domain::Employee>& done) {
  auto e = std::make_shared<domain::Employee>();
  Status s = app.db().writer().Submit(
      [e, who, id, fields](store::WriteTx& tx) {
        // Read inside the writer: the change applies to the current row.
        store::EmployeeRow row;
        Status st = store::FindEmployeeById(tx.db(), id, &row);
        if (!st.ok()) return st;
        if (!MaySee(who, row.employee)) {
          return Status::NotFound("employee_not_found", "no such employee");
        }
        if (!who.employee.IsCentral() && row.employee.IsCentral()) {
          return Status::Forbidden("only central roles may change a central employee");
        }
        *e = row.employee;
        st = Apply(who, fields, e.get());
        if (!st.ok()) return st;
        if (e->id == who.employee.id && fields.roles && e->roles != row.employee.roles) {
          return Status::Forbidden("an employee may not change their own roles");
        }
        st = store::UpdateEmployee(tx.db(), *e, tx.now_ms());
        if (st.code() == store::kForeignKeyViolation) {
          return Status::Refused("branch_not_found", "no such branch");
        }
        if (!st.ok()) return st;
        if (!e->active) {
          st = store::RevokeEmployeeSessions(tx.db(), e->id, tx.now_ms());
          if (!st.ok()) return st;
        }
        return tx.Audit(
            AuditOf(who, "employee.update", "employee/" + std::to_string(e->id), ChangeText(*e)));
      },
      [&app, e, done](const Status& st) {
        if (st.ok()) {
          app.sessions().Invalidate();  // sessions carry the employee's roles and branch
          AnnounceChange(app, "employee.updated", *e);
        }
        done(st, *e);
      });
  if (!s.ok()) done(s, {});
}

void SetEmployeePassword(App& app, const Principal& who, int64_t id, const std::string& password,
                         const Done<bool>& done) {
  if (Status s = CheckPasswordPolicy(password); !s.ok()) {
    done(s, false);
    return;
  }
  std::string hash;
  if (Status s = HashPassword(password, &hash); !s.ok()) {
    done(s, false);
    return;
  }
  Status s = app.db().writer().Submit(
      [who, id, hash](store::WriteTx& tx) {
        store::EmployeeRow row;
        Status st = store::FindEmployeeById(tx.db(), id, &row);
        if (!st.ok()) return st;
        bool self = id == who.employee.id;
        bool manager =
            who.role == domain::Role::kAdmin ||
            (who.role == domain::Role::kBranchManager &&
             row.employee.branch_id == who.employee.branch_id && !row.employee.IsCentral());
        if (!self && !manager) {
          return MaySee(who, row.employee)
                     ? Status::Forbidden("you may not set this employee's password")
                     : Status::NotFound("employee_not_found", "no such employee");
        }
        st = store::SetEmployeePassword(tx.db(), id, hash, tx.now_ms());
        if (!st.ok()) return st;
        st = store::RevokeEmployeeSessions(tx.db(), id, tx.now_ms());
        if (!st.ok()) return st;
        return tx.Audit(AuditOf(who, "employee.password", "employee/" + std::to_string(id),
                                "password changed"));
      },
      [&app, done](const Status& st) {
        if (st.ok()) app.sessions().Invalidate();
        done(st, st.ok());
      });
  if (!s.ok()) done(s, false);
}

Status GetEmployee(App& app, const Principal& who, int64_t id, domain::Employee* out) {
  store::EmployeeRow row;
  Status s =
      app.db().Read([&](store::Connection& db) { return store::FindEmployeeById(db, id, &row); });
  if (!s.ok()) return s;
  // Another branch's employee is as good as absent: no probing across branches.
  if (!MaySee(who, row.employee)) return Status::NotFound("employee_not_found", "no such employee");
  *out = row.employee;
  return Status::Ok();
}

Status ListEmployees(App& app, const Principal& who, int64_t branch_id, int64_t after_id, int limit,
                     std::vector<domain::Employee>* out) {
  if (!who.employee.IsCentral()) {
    if (who.employee.branch_id == 0 || (branch_id != 0 && branch_id != who.employee.branch_id)) {
      return Status::Forbidden("you may list employees of your own branch only");
    }
    branch_id = who.employee.branch_id;
  }
  return app.db().Read([&](store::Connection& db) {
    return store::ListEmployees(db, branch_id, after_id, limit, out);
  });
}

}  // namespace tereze::app
