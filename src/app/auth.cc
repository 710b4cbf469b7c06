#include "app/auth.h"

#include "app/password.h"
#include "core/crypto.h"
#include "store/accounts.h"

namespace tereze::app {

namespace {
constexpr size_t kTokenBytes = 32;  // 256 bits
}  // namespace

void Login(App& app, const std::string& login, const std::string& password,
           const std::string& client_ip, const Done<LoginResult>& done) {
  if (login.empty() || login.size() > kMaxLoginLength || password.size() > kMaxPasswordLength) {
    done(Status::Unauthorized("invalid_credentials", "wrong login or password"), {});
    return;
  }
  if (int64_t wait_s = app.throttle().RetryAfterSeconds(login, client_ip); wait_s > 0) {
    done(Status::Throttled("too_many_attempts", "too many failed logins; wait and try again",
                           wait_s),
         {});
    return;
  }
  store::EmployeeRow row;
  Status s = app.db().Read(
      [&](store::Connection& db) { return store::FindEmployeeByLogin(db, login, &row); });
  if (s.kind() == Status::Kind::kNotFound) {
    BurnPasswordVerification(password);
  } else if (!s.ok()) {
    done(s, {});
    return;
  }
  if (!s.ok() || !VerifyPassword(password, row.password_hash)) {
    app.throttle().RecordFailure(login, client_ip);
    done(Status::Unauthorized("invalid_credentials", "wrong login or password"), {});
    return;
  }
  if (!row.employee.active) {
    done(Status::Forbidden("account_disabled", "this account is disabled"), {});
    return;
  }
  app.throttle().RecordSuccess(login);

  auto result = std::make_shared<LoginResult>();
  result->token = RandomHex(kTokenBytes);
  result->csrf_token = RandomHex(kTokenBytes);
  result->employee = row.employee;
  Principal who{row.employee, domain::Role::kOperator, Sha256Hex(result->token)};
  // The audit records the first of the employee's roles: logging in is done
  // as the person, not in one role.
  for (auto r : domain::AllRoles()) {
    if (row.employee.Has(r)) {
      who.role = r;
      break;
    }
  }
  Status submitted = app.db().writer().Submit(
      [result, who](store::WriteTx& tx) {
        result->expires_at_ms = tx.now_ms() + kSessionLifetimeMs;
        Status st = store::InsertSession(tx.db(), who.token_hash, Sha256Hex(result->csrf_token),
                                         who.employee.id, tx.now_ms(), result->expires_at_ms);
        if (!st.ok()) return st;
        return tx.Audit(AuditOf(who, "auth.login", "employee/" + std::to_string(who.employee.id),
                                "session=" + who.token_hash.substr(0, 16)));
      },
      [result, done](const Status& st) { done(st, st.ok() ? *result : LoginResult{}); });
  if (!submitted.ok()) done(submitted, {});
}

Status Authenticate(App& app, const std::string& token, Authenticated* out) {
  if (token.size() != 2 * kTokenBytes) return Status::Unauthorized("missing or malformed token");
  std::string token_hash = Sha256Hex(token);
  SessionCache::Entry entry;
  if (!app.sessions().Get(token_hash, &entry)) {
    const uint64_t generation = app.sessions().generation();
    store::SessionRow session;
    store::EmployeeRow row;
    Status s = app.db().Read([&](store::Connection& db) {
      Status st = store::FindSession(db, token_hash, &session);
      if (!st.ok()) return st;
      return store::FindEmployeeById(db, session.employee_id, &row);
    });
    if (s.kind() == Status::Kind::kNotFound) return Status::Unauthorized("unknown session");
    if (!s.ok()) return s;
    if (session.revoked) return Status::Unauthorized("the session was ended");
    if (!row.employee.active) return Status::Unauthorized("this account is disabled");
    entry = SessionCache::Entry{row.employee, session.csrf_hash, session.expires_at_ms};
    app.sessions().Put(token_hash, entry, generation);
  }
  if (app.clock().NowMs() >= entry.expires_at_ms) {
    return Status::Unauthorized("the session expired");
  }
  out->principal.employee = std::move(entry.employee);
  out->principal.token_hash = token_hash;
  out->csrf_hash = std::move(entry.csrf_hash);
  return Status::Ok();
}

void Logout(App& app, const Principal& who, const Done<bool>& done) {
  auto revoked = std::make_shared<bool>(false);
  Status s = app.db().writer().Submit(
      [who, revoked](store::WriteTx& tx) {
        Status st = store::RevokeSession(tx.db(), who.token_hash, tx.now_ms(), revoked.get());
        if (!st.ok() || !*revoked) return st;
        return tx.Audit(AuditOf(who, "auth.logout", "employee/" + std::to_string(who.employee.id),
                                "session=" + who.token_hash.substr(0, 16)));
      },
      [&app, revoked, done](const Status& st) {
        if (st.ok()) app.sessions().Invalidate();
        done(st, *revoked);
      });
  if (!s.ok()) done(s, false);
}

}  // namespace tereze::app
