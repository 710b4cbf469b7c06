// Tests for the use cases of src/app against a real SQLite database (a fresh
// file under /tmp per test) and a TestClock: logging in and out, employees
// and what each role may do with them, and the demo loader. Every successful
// write must leave exactly one audit record naming the acting role (R26).
#include "app/app.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "app/auth.h"
#include "app/demo.h"
#include "app/employees.h"
#include "app/password.h"
#include "core/crypto.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/branches.h"

namespace tereze::app {
namespace {

using namespace std::chrono_literals;
using domain::Role;

constexpr int64_t kStart = 1795498200000;  // 2026-11-24T05:30:00Z
constexpr char kPassword[] = "correct-horse-battery";
constexpr char kIp[] = "10.1.2.3";

// One argon2 hash for every seeded employee: hashing costs tens of ms.
const std::string& SeedHash() {
  static const std::string hash = [] {
    std::string h;
    EXPECT_TRUE(HashPassword(kPassword, &h).ok());
    return h;
  }();
  return hash;
}

bool IsLowerHex(const std::string& s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

template <typename T>
struct Result {
  Status status;
  T value{};
};

// Runs an asynchronous use case and waits for its Done.
template <typename T, typename F>
Result<T> Call(F&& start) {
  auto promise = std::make_shared<std::promise<Result<T>>>();
  auto future = promise->get_future();
  start([promise](const Status& s, T v) { promise->set_value(Result<T>{s, std::move(v)}); });
  if (future.wait_for(60s) != std::future_status::ready) {
    return Result<T>{Status::Internal("timed out waiting for Done"), T{}};
  }
  return future.get();
}

class RecordingSink : public EventSink {
 public:
  void Publish(const std::string& topic, const std::string& json) override {
    std::lock_guard lock(mu_);
    events_.emplace_back(topic, json);
  }
  std::vector<std::pair<std::string, std::string>> events() {
    std::lock_guard lock(mu_);
    return events_;
  }

 private:
  std::mutex mu_;
  std::vector<std::pair<std::string, std::string>> events_;
};

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    path_ = "/tmp/tereze-app-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) +
            ".db";
    RemoveFiles();
    Status s =
        store::Database::Open("sqlite:" + path_, clock_, nullptr, {}, /*migrate=*/true, &db_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    app_ = std::make_unique<App>(*db_, clock_, &events_);
  }

  void TearDown() override {
    app_.reset();
    db_.reset();
    RemoveFiles();
  }

  void RemoveFiles() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::remove((path_ + suffix).c_str());
    }
  }

  App& app() { return *app_; }

  int64_t SeedBranch(const std::string& code) {
    domain::Branch b;
    b.code = code;
    b.name_kk = b.name_ru = b.name_en = "Branch " + code;
    b.region = "Astana";
    b.address_kk = b.address_ru = "Address";
    int64_t id = 0;
    Status s = db_->writer().Run(
        [&](store::WriteTx& tx) { return store::InsertBranch(tx.db(), b, false, &id); });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return id;
  }

  domain::Employee SeedEmployee(const std::string& login, domain::RoleSet roles,
                                int64_t branch_id) {
    domain::Employee e;
    e.login = login;
    e.surname = "Сейтқали";
    e.name = "Нұрлан";
    e.position = "Маман";
    e.roles = roles;
    e.branch_id = branch_id;
    Status s = db_->writer().Run([&](store::WriteTx& tx) {
      return store::InsertEmployee(tx.db(), e, SeedHash(), tx.now_ms(), false, &e.id);
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return e;
  }

  std::vector<domain::AuditRecord> AuditLog() {
    std::vector<domain::AuditRecord> out;
    Status s = db_->Read(
        [&](store::Connection& c) { return store::ListAuditRecords(c, 0, 100000, &out); });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  bool AuditChainWhole() {
    store::AuditVerification v;
    Status s = db_->Read([&](store::Connection& c) { return store::VerifyAuditChain(c, &v); });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return s.ok() && v.whole;
  }

  // Checks that exactly one audit record was appended since `before` records,
  // by `who` acting in `who.role`.
  void ExpectOneAuditRecord(size_t before, const Principal& who, const std::string& action,
                            const std::string& object) {
    auto log = AuditLog();
    ASSERT_EQ(log.size(), before + 1) << action;
    const auto& r = log.back();
    EXPECT_EQ(r.action, action);
    EXPECT_EQ(r.object, object);
    EXPECT_EQ(r.role, domain::RoleName(who.role));
    EXPECT_EQ(r.employee_id, who.employee.id);
    EXPECT_EQ(r.branch_id, who.employee.branch_id);
    EXPECT_EQ(r.change_digest.size(), 64u);
    EXPECT_TRUE(AuditChainWhole());
  }

  store::EmployeeRow FindByLogin(const std::string& login) {
    store::EmployeeRow row;
    Status s =
        db_->Read([&](store::Connection& c) { return store::FindEmployeeByLogin(c, login, &row); });
    EXPECT_TRUE(s.ok()) << login << ": " << s.ToString();
    return row;
  }

  Result<LoginResult> DoLogin(const std::string& login, const std::string& password,
                              const std::string& ip = kIp) {
    return Call<LoginResult>(
        [&](Done<LoginResult> done) { Login(app(), login, password, ip, std::move(done)); });
  }

  TestClock clock_{kStart};
  RecordingSink events_;
  std::string path_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<App> app_;
};

// --- Logging in and out -------------------------------------------------------

class AuthTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure()) return;
    branch_ = SeedBranch("B1");
    op_ = SeedEmployee("aigerim", domain::Bit(Role::kOperator) | domain::Bit(Role::kIssuance),
                       branch_);
  }
  int64_t branch_ = 0;
  domain::Employee op_;
};

TEST_F(AuthTest, LoginIssuesATokenThatAuthenticates) {
  auto r = DoLogin("aigerim", kPassword);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.value.token.size(), 64u);
  EXPECT_TRUE(IsLowerHex(r.value.token)) << r.value.token;
  EXPECT_EQ(r.value.csrf_token.size(), 64u);
  EXPECT_NE(r.value.token, r.value.csrf_token);
  EXPECT_EQ(r.value.employee.id, op_.id);
  EXPECT_GE(r.value.expires_at_ms, kStart + kSessionLifetimeMs);
  EXPECT_LE(r.value.expires_at_ms, clock_.NowMs() + kSessionLifetimeMs);

  Authenticated who;
  Status s = Authenticate(app(), r.value.token, &who);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(who.principal.employee.id, op_.id);
  EXPECT_EQ(who.principal.employee.login, "aigerim");
  EXPECT_EQ(who.principal.token_hash, Sha256Hex(r.value.token));
  EXPECT_EQ(who.csrf_hash, Sha256Hex(r.value.csrf_token));

  // A second login is a second, independent session.
  auto again = DoLogin("aigerim", kPassword);
  ASSERT_TRUE(again.status.ok());
  EXPECT_NE(again.value.token, r.value.token);

  // R26: the login is audited, as the person's first role.
  auto log = AuditLog();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "auth.login");
  EXPECT_EQ(log[0].role, "operator");
  EXPECT_EQ(log[0].employee_id, op_.id);
  EXPECT_EQ(log[0].object, "employee/" + std::to_string(op_.id));
}

TEST_F(AuthTest, OnlyTheTokensHashIsStored) {
  auto r = DoLogin("aigerim", kPassword);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  std::vector<store::Row> sessions, audit;
  Status s = db_->Read([&](store::Connection& c) {
    Status st = c.Execute(
        "SELECT token_hash, csrf_hash, employee_id, created_at_ms, expires_at_ms, revoked_at_ms "
        "FROM sessions",
        {}, &sessions);
    if (!st.ok()) return st;
    return c.Execute("SELECT role, action, object, change_digest, prev_hash, hash FROM audit_log",
                     {}, &audit);
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].text(0), Sha256Hex(r.value.token));
  EXPECT_EQ(sessions[0].text(1), Sha256Hex(r.value.csrf_token));
  EXPECT_EQ(sessions[0].integer(2), op_.id);
  EXPECT_EQ(sessions[0].integer(4), r.value.expires_at_ms);
  EXPECT_TRUE(sessions[0].is_null(5));
  for (const auto* rows : {&sessions, &audit}) {
    for (const auto& row : *rows) {
      for (size_t i = 0; i < row.columns.size(); ++i) {
        const std::string& text = row.text(i);
        EXPECT_EQ(text.find(r.value.token), std::string::npos) << "token stored in " << text;
        EXPECT_EQ(text.find(r.value.csrf_token), std::string::npos) << "csrf stored in " << text;
      }
    }
  }
}

TEST_F(AuthTest, SessionExpiresAfterTwelveHours) {
  auto r = DoLogin("aigerim", kPassword);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  Authenticated who;
  ASSERT_TRUE(clock_.Advance(kSessionLifetimeMs - 60 * 1000));
  EXPECT_TRUE(Authenticate(app(), r.value.token, &who).ok());
  ASSERT_TRUE(clock_.Advance(60 * 1000 + 1000));  // 12 h + 1 s after login
  Status s = Authenticate(app(), r.value.token, &who);
  EXPECT_EQ(s.kind(), Status::Kind::kUnauthorized) << s.ToString();
}

TEST_F(AuthTest, LogoutRevokesTheSession) {
  auto r = DoLogin("aigerim", kPassword);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  Authenticated who;
  ASSERT_TRUE(Authenticate(app(), r.value.token, &who).ok());
  who.principal.role = Role::kIssuance;
  size_t before = AuditLog().size();

  auto out = Call<bool>([&](Done<bool> done) { Logout(app(), who.principal, std::move(done)); });
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_TRUE(out.value);
  ExpectOneAuditRecord(before, who.principal, "auth.logout", "employee/" + std::to_string(op_.id));
  Status s = Authenticate(app(), r.value.token, &who);
  EXPECT_EQ(s.kind(), Status::Kind::kUnauthorized) << s.ToString();

  // Again: nothing left to revoke, nothing audited.
  out = Call<bool>([&](Done<bool> done) { Logout(app(), who.principal, std::move(done)); });
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_FALSE(out.value);
  EXPECT_EQ(AuditLog().size(), before + 1);
}

TEST_F(AuthTest, UnknownOrMalformedTokensAreRefused) {
  Authenticated who;
  for (const std::string& token : {std::string(""), std::string("abc"), std::string(64, 'a'),
                                   RandomHex(32), RandomHex(32) + "00"}) {
    Status s = Authenticate(app(), token, &who);
    EXPECT_EQ(s.kind(), Status::Kind::kUnauthorized) << token << ": " << s.ToString();
  }
}

TEST_F(AuthTest, WrongPasswordThenThrottled) {
  auto r = DoLogin("aigerim", "wrong-password-1");
  EXPECT_EQ(r.status.kind(), Status::Kind::kUnauthorized) << r.status.ToString();
  EXPECT_EQ(r.status.code(), "invalid_credentials");
  EXPECT_TRUE(r.value.token.empty());
  // An unknown login fails the same way, revealing nothing.
  r = DoLogin("nobody", kPassword);
  EXPECT_EQ(r.status.code(), "invalid_credentials");
  r = DoLogin("", kPassword);
  EXPECT_EQ(r.status.code(), "invalid_credentials");
  r = DoLogin(std::string(65, 'a'), kPassword);
  EXPECT_EQ(r.status.code(), "invalid_credentials");

  for (int i = 2; i <= 5; ++i) {
    r = DoLogin("aigerim", "wrong-password-" + std::to_string(i));
    EXPECT_EQ(r.status.code(), "invalid_credentials") << "attempt " << i;
  }
  // The sixth attempt is refused even with the right password.
  r = DoLogin("aigerim", kPassword);
  EXPECT_EQ(r.status.kind(), Status::Kind::kThrottled) << r.status.ToString();
  EXPECT_EQ(r.status.code(), "too_many_attempts");
  EXPECT_GT(r.status.retry_after_s(), 0);
  EXPECT_LE(r.status.retry_after_s(), 15 * 60);
  EXPECT_TRUE(AuditLog().empty());  // failed logins write nothing

  ASSERT_TRUE(clock_.Advance(15 * 60 * 1000));
  r = DoLogin("aigerim", kPassword);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
}

TEST_F(AuthTest, DisabledAccountCannotLogIn) {
  domain::Employee gone = SeedEmployee("gone", domain::Bit(Role::kOperator), branch_);
  gone.active = false;
  ASSERT_TRUE(db_->writer()
                  .Run([&](store::WriteTx& tx) {
                    return store::UpdateEmployee(tx.db(), gone, tx.now_ms());
                  })
                  .ok());
  auto r = DoLogin("gone", kPassword);
  EXPECT_EQ(r.status.kind(), Status::Kind::kForbidden) << r.status.ToString();
  EXPECT_EQ(r.status.code(), "account_disabled");
  EXPECT_TRUE(r.value.token.empty());
  // A wrong password says nothing about the account being disabled.
  r = DoLogin("gone", "wrong-password");
  EXPECT_EQ(r.status.code(), "invalid_credentials");
}

// --- Employees ------------------------------------------------------------------

class EmployeesTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure()) return;
    branch1_ = SeedBranch("B1");
    branch2_ = SeedBranch("B2");
    admin_ = {SeedEmployee("admin", domain::Bit(Role::kAdmin), 0), Role::kAdmin, ""};
    manager_ = {SeedEmployee("manager", domain::Bit(Role::kBranchManager), branch1_),
                Role::kBranchManager, ""};
    other_ = SeedEmployee("other.op", domain::Bit(Role::kOperator), branch2_);
  }

  EmployeeFields Fields(std::vector<std::string> roles) {
    EmployeeFields f;
    f.surname = "Сәрсенбаева";
    f.name = "Әйгерім";
    f.patronymic = "Қайратқызы";
    f.position = "Оператор";
    f.roles = std::move(roles);
    return f;
  }

  Result<domain::Employee> Create(const Principal& who, const std::string& login,
                                  const EmployeeFields& f, const std::string& password = "") {
    return Call<domain::Employee>([&](Done<domain::Employee> done) {
      CreateEmployee(app(), who, login, f, password, std::move(done));
    });
  }

  Result<domain::Employee> Update(const Principal& who, int64_t id, const EmployeeFields& f) {
    return Call<domain::Employee>(
        [&](Done<domain::Employee> done) { UpdateEmployee(app(), who, id, f, std::move(done)); });
  }

  int64_t branch1_ = 0, branch2_ = 0;
  Principal admin_, manager_;
  domain::Employee other_;
};

TEST_F(EmployeesTest, ManagerCreatesInOwnBranch) {
  size_t before = AuditLog().size();
  auto r = Create(manager_, "new.op", Fields({"operator", "issuance"}), "long-enough-pw");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_GT(r.value.id, 0);
  EXPECT_EQ(r.value.branch_id, branch1_);  // the manager's branch by default
  EXPECT_EQ(r.value.roles, domain::Bit(Role::kOperator) | domain::Bit(Role::kIssuance));
  ExpectOneAuditRecord(before, manager_, "employee.create",
                       "employee/" + std::to_string(r.value.id));

  store::EmployeeRow row = FindByLogin("new.op");
  EXPECT_EQ(row.employee.id, r.value.id);
  EXPECT_EQ(row.employee.FullName(), "Сәрсенбаева Әйгерім Қайратқызы");
  EXPECT_EQ(row.password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("long-enough-pw", row.password_hash));

  // Live screens of the branch hear about it.
  bool announced = false;
  for (const auto& [topic, json] : events_.events()) {
    if (topic == "branch:" + std::to_string(branch1_) &&
        json.find("employee.created") != std::string::npos) {
      announced = true;
    }
  }
  EXPECT_TRUE(announced);

  // Explicitly naming the own branch is the same.
  EmployeeFields f = Fields({"courier"});
  f.branch_id = branch1_;
  EXPECT_TRUE(Create(manager_, "courier1", f).status.ok());
}

TEST_F(EmployeesTest, ManagerCannotCreateInAnotherBranch) {
  size_t before = AuditLog().size();
  EmployeeFields f = Fields({"operator"});
  f.branch_id = branch2_;
  auto r = Create(manager_, "intruder", f);
  EXPECT_EQ(r.status.kind(), Status::Kind::kForbidden) << r.status.ToString();
  store::EmployeeRow row;
  Status s = db_->Read(
      [&](store::Connection& c) { return store::FindEmployeeByLogin(c, "intruder", &row); });
  EXPECT_EQ(s.kind(), Status::Kind::kNotFound);
  EXPECT_EQ(AuditLog().size(), before);
}

TEST_F(EmployeesTest, ManagerCannotGrantCentralOrProviderRoles) {
  size_t before = AuditLog().size();
  for (const char* role : {"admin", "central_office", "auditor", "provider_officer"}) {
    auto r = Create(manager_, std::string("x-") + role, Fields({"operator", role}));
    EXPECT_EQ(r.status.kind(), Status::Kind::kForbidden) << role << ": " << r.status.ToString();
    EmployeeFields f = Fields({role});
    f.branch_id = 0;
    r = Create(manager_, std::string("y-") + role, f);
    EXPECT_EQ(r.status.kind(), Status::Kind::kForbidden) << role << ": " << r.status.ToString();
  }
  EXPECT_EQ(AuditLog().size(), before);
}

TEST_F(EmployeesTest, AdminMayGrantAnyRoleAnywhere) {
  for (const char* role : {"admin", "central_office", "auditor", "provider_officer"}) {
    size_t before = AuditLog().size();
    EmployeeFields f = Fields({role});
    f.branch_id = 0;
    auto r = Create(admin_, std::string("c-") + role, f);
    ASSERT_TRUE(r.status.ok()) << role << ": " << r.status.ToString();
    EXPECT_EQ(r.value.branch_id, 0);
    ExpectOneAuditRecord(before, admin_, "employee.create",
                         "employee/" + std::to_string(r.value.id));
  }
  size_t before = AuditLog().size();
  EmployeeFields f = Fields({"operator"});
  f.branch_id = branch2_;
  auto r = Create(admin_, "b2.op", f);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.value.branch_id, branch2_);
  ExpectOneAuditRecord(before, admin_, "employee.create", "employee/" + std::to_string(r.value.id));
}

TEST_F(EmployeesTest, InvalidInputIsRefused) {
  size_t before = AuditLog().size();
  for (const std::string& login :
       {std::string("ab"), std::string("Upper"), std::string("has space"), std::string(65, 'a'),
        std::string("кирилл"), std::string(""), std::string("semi;colon")}) {
    auto r = Create(admin_, login, Fields({"auditor"}));
    EXPECT_EQ(r.status.kind(), Status::Kind::kRefused) << login;
    EXPECT_EQ(r.status.code(), "invalid_login") << login;
  }
  EXPECT_TRUE(Create(admin_, "ok.login_1-x", Fields({"auditor"})).status.ok());

  auto r = Create(admin_, "wizard", Fields({"operator", "wizard"}));
  EXPECT_EQ(r.status.code(), "invalid_role") << r.status.ToString();
  r = Create(admin_, "noroles", Fields({}));
  EXPECT_EQ(r.status.code(), "invalid_role") << r.status.ToString();

  // A desk role needs a branch.
  EmployeeFields f = Fields({"operator"});
  f.branch_id = 0;
  r = Create(admin_, "deskless", f);
  EXPECT_EQ(r.status.code(), "branch_required") << r.status.ToString();

  f = Fields({"auditor"});
  f.surname = "";
  r = Create(admin_, "nosurname", f);
  EXPECT_EQ(r.status.code(), "invalid_field") << r.status.ToString();

  r = Create(admin_, "weakpw", Fields({"auditor"}), "short");
  EXPECT_EQ(r.status.code(), "weak_password") << r.status.ToString();

  EXPECT_EQ(AuditLog().size(), before + 1);  // only the one valid create
}

TEST_F(EmployeesTest, TakenLoginAndMissingBranch) {
  size_t before = AuditLog().size();
  auto r = Create(admin_, "manager", Fields({"auditor"}));
  EXPECT_EQ(r.status.kind(), Status::Kind::kConflict) << r.status.ToString();
  EXPECT_EQ(r.status.code(), "login_taken");

  EmployeeFields f = Fields({"operator"});
  f.branch_id = 999999;
  r = Create(admin_, "lost", f);
  EXPECT_EQ(r.status.kind(), Status::Kind::kRefused) << r.status.ToString();
  EXPECT_EQ(r.status.code(), "branch_not_found");
  EXPECT_EQ(AuditLog().size(), before);
  EXPECT_TRUE(AuditChainWhole());
}

TEST_F(EmployeesTest, DeactivationRevokesSessions) {
  auto created = Create(manager_, "leaver", Fields({"operator"}), "long-enough-pw");
  ASSERT_TRUE(created.status.ok()) << created.status.ToString();
  auto login = DoLogin("leaver", "long-enough-pw");
  ASSERT_TRUE(login.status.ok()) << login.status.ToString();
  Authenticated who;
  ASSERT_TRUE(Authenticate(app(), login.value.token, &who).ok());

  size_t before = AuditLog().size();
  EmployeeFields f;
  f.active = false;
  auto r = Update(manager_, created.value.id, f);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_FALSE(r.value.active);
  ExpectOneAuditRecord(before, manager_, "employee.update",
                       "employee/" + std::to_string(created.value.id));

  Status s = Authenticate(app(), login.value.token, &who);
  EXPECT_EQ(s.kind(), Status::Kind::kUnauthorized) << s.ToString();
  // Not merely refused for being inactive: the session itself is revoked.
  store::SessionRow session;
  ASSERT_TRUE(db_->Read([&](store::Connection& c) {
                   return store::FindSession(c, Sha256Hex(login.value.token), &session);
                 })
                  .ok());
  EXPECT_TRUE(session.revoked);
  f.active = true;
  ASSERT_TRUE(Update(manager_, created.value.id, f).status.ok());
  s = Authenticate(app(), login.value.token, &who);
  EXPECT_EQ(s.kind(), Status::Kind::kUnauthorized) << s.ToString();
}

TEST_F(EmployeesTest, NobodyChangesTheirOwnRoles) {
  EmployeeFields f;
  f.roles = std::vector<std::string>{"admin", "auditor"};
  size_t before = AuditLog().size();
  auto r = Update(admin_, admin_.employee.id, f);
  EXPECT_EQ(r.status.kind(), Status::Kind::kForbidden) << r.status.ToString();

  f.roles = std::vector<std::string>{"branch_manager", "operator"};
  r = Update(manager_, manager_.employee.id, f);
  EXPECT_EQ(r.status.kind(), Status::Kind::kForbidden) << r.status.ToString();
  EXPECT_EQ(FindByLogin("manager").employee.roles, domain::Bit(Role::kBranchManager));
  EXPECT_EQ(AuditLog().size(), before);

  // Other fields of one's own record may change; naming the same roles is fine.
  EmployeeFields mine;
  mine.position = "Руководитель ЦОН";
  mine.roles = std::vector<std::string>{"branch_manager"};
  r = Update(manager_, manager_.employee.id, mine);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ExpectOneAuditRecord(before, manager_, "employee.update",
                       "employee/" + std::to_string(manager_.employee.id));
  EXPECT_EQ(FindByLogin("manager").employee.position, "Руководитель ЦОН");

  // An admin may change another employee's roles.
  f.roles = std::vector<std::string>{"operator", "consultant"};
  before = AuditLog().size();
  r = Update(admin_, other_.id, f);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(FindByLogin("other.op").employee.roles,
            domain::Bit(Role::kOperator) | domain::Bit(Role::kConsultant));
  ExpectOneAuditRecord(before, admin_, "employee.update", "employee/" + std::to_string(other_.id));
}

TEST_F(EmployeesTest, ManagerIsConfinedToOwnBranch) {
  EmployeeFields f;
  f.position = "Changed";
  size_t before = AuditLog().size();
  auto r = Update(manager_, other_.id, f);
  EXPECT_EQ(r.status.kind(), Status::Kind::kNotFound) << r.status.ToString();
  r = Update(manager_, admin_.employee.id, f);
  EXPECT_NE(r.status.kind(), Status::Kind::kOk);
  EXPECT_EQ(AuditLog().size(), before);

  domain::Employee e;
  EXPECT_EQ(GetEmployee(app(), manager_, other_.id, &e).kind(), Status::Kind::kNotFound);
  EXPECT_TRUE(GetEmployee(app(), admin_, other_.id, &e).ok());
  EXPECT_EQ(e.login, "other.op");

  std::vector<domain::Employee> list;
  EXPECT_EQ(ListEmployees(app(), manager_, branch2_, 0, 100, &list).kind(),
            Status::Kind::kForbidden);
  ASSERT_TRUE(ListEmployees(app(), manager_, 0, 0, 100, &list).ok());
  for (const auto& x : list) EXPECT_EQ(x.branch_id, branch1_) << x.login;
  list.clear();
  ASSERT_TRUE(ListEmployees(app(), admin_, 0, 0, 100, &list).ok());
  EXPECT_EQ(list.size(), 3u);
}

TEST_F(EmployeesTest, SetPasswordEndsSessions) {
  auto created = Create(manager_, "forgetful", Fields({"operator"}), "first-password");
  ASSERT_TRUE(created.status.ok()) << created.status.ToString();
  auto login = DoLogin("forgetful", "first-password");
  ASSERT_TRUE(login.status.ok()) << login.status.ToString();

  size_t before = AuditLog().size();
  auto r = Call<bool>([&](Done<bool> done) {
    SetEmployeePassword(app(), manager_, created.value.id, "second-password", std::move(done));
  });
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ExpectOneAuditRecord(before, manager_, "employee.password",
                       "employee/" + std::to_string(created.value.id));
  Authenticated who;
  EXPECT_FALSE(Authenticate(app(), login.value.token, &who).ok());
  EXPECT_EQ(DoLogin("forgetful", "first-password").status.code(), "invalid_credentials");
  EXPECT_TRUE(DoLogin("forgetful", "second-password").status.ok());

  // A manager may not set the password of another branch's employee.
  r = Call<bool>([&](Done<bool> done) {
    SetEmployeePassword(app(), manager_, other_.id, "third-password", std::move(done));
  });
  EXPECT_FALSE(r.status.ok());
  r = Call<bool>([&](Done<bool> done) {
    SetEmployeePassword(app(), manager_, other_.id, "short", std::move(done));
  });
  EXPECT_EQ(r.status.code(), "weak_password");
}

// --- The demo -------------------------------------------------------------------

using DemoTest = AppTest;

TEST_F(DemoTest, LoadsTenEmployeesAndTheBranch) {
  DemoSummary summary;
  Status s = LoadDemo(app(), &summary);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(summary.created);
  EXPECT_GT(summary.branch_id, 0);
  EXPECT_EQ(summary.employees, 10);

  const std::vector<std::pair<std::string, Role>> expected = {
      {"operator", Role::kOperator},     {"consultant", Role::kConsultant},
      {"collection", Role::kCollection}, {"issuance", Role::kIssuance},
      {"courier", Role::kCourier},       {"manager", Role::kBranchManager},
      {"central", Role::kCentralOffice}, {"provider", Role::kProviderOfficer},
      {"admin", Role::kAdmin},           {"auditor", Role::kAuditor},
  };
  std::string hash;
  for (const auto& [login, role] : expected) {
    EXPECT_EQ(DemoLogin(role), login);
    store::EmployeeRow row = FindByLogin(login);
    EXPECT_EQ(row.employee.roles, domain::Bit(role)) << login;
    EXPECT_TRUE(row.employee.active) << login;
    bool branchless = row.employee.IsCentral() || role == Role::kProviderOfficer;
    EXPECT_EQ(row.employee.branch_id, branchless ? 0 : summary.branch_id) << login;
    if (hash.empty()) {
      hash = row.password_hash;
      EXPECT_TRUE(VerifyPassword(kDemoPassword, hash));
    } else {
      EXPECT_EQ(row.password_hash, hash) << login;  // one hash, same password
    }
  }
  EXPECT_EQ(std::string(kDemoPassword), "tereze-demo");
  EXPECT_EQ(FindByLogin("operator").employee.FullName(), "Сәрсенбаева Әйгерім Қайратқызы");

  // A demo login works end to end.
  auto login = DoLogin("operator", "tereze-demo");
  EXPECT_TRUE(login.status.ok()) << login.status.ToString();

  // R26: the loader audits what it creates, as the system.
  auto log = AuditLog();
  ASSERT_GE(log.size(), 12u);  // branch, ten employees, windows (+ the login)
  EXPECT_EQ(log[0].action, "branch.create");
  EXPECT_EQ(log[0].role, "system");
  EXPECT_EQ(log[0].employee_id, 0);
  EXPECT_TRUE(AuditChainWhole());
}

TEST_F(DemoTest, SeatsOperatorAndIssuance) {
  DemoSummary summary;
  ASSERT_TRUE(LoadDemo(app(), &summary).ok());
  std::vector<domain::Window> windows;
  ASSERT_TRUE(db_->Read([&](store::Connection& c) {
                   return store::ListWindows(c, summary.branch_id, &windows);
                 })
                  .ok());
  ASSERT_EQ(windows.size(), 10u);
  const int64_t op = FindByLogin("operator").employee.id;
  const int64_t issuance = FindByLogin("issuance").employee.id;
  EXPECT_EQ(windows[0].number, 1);
  EXPECT_EQ(windows[0].employee_id, op);
  EXPECT_EQ(windows[0].kind, "intake");
  bool issuance_seated = false;
  std::set<int> numbers;
  for (const auto& w : windows) {
    numbers.insert(w.number);
    if (w.employee_id == issuance) {
      EXPECT_EQ(w.kind, "issuance");
      issuance_seated = true;
    }
  }
  EXPECT_TRUE(issuance_seated);
  EXPECT_EQ(numbers.size(), 10u);
}

TEST_F(DemoTest, LoadingTwiceIsHarmless) {
  DemoSummary first, second;
  ASSERT_TRUE(LoadDemo(app(), &first).ok());
  size_t audit = AuditLog().size();
  Status s = LoadDemo(app(), &second);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.branch_id, first.branch_id);
  EXPECT_EQ(AuditLog().size(), audit);
  std::vector<domain::Employee> all;
  Principal auditor{FindByLogin("auditor").employee, Role::kAuditor, ""};
  ASSERT_TRUE(ListEmployees(app(), auditor, 0, 0, 100, &all).ok());
  EXPECT_EQ(all.size(), 10u);
}

TEST_F(DemoTest, RefusesADatabaseWithRealEmployees) {
  DemoSummary summary;
  ASSERT_TRUE(LoadDemo(app(), &summary).ok());
  Principal admin{FindByLogin("admin").employee, Role::kAdmin, ""};
  EmployeeFields f;
  f.surname = "Real";
  f.name = "Person";
  f.position = "Auditor";
  f.roles = std::vector<std::string>{"auditor"};
  auto created = Call<domain::Employee>([&](Done<domain::Employee> done) {
    CreateEmployee(app(), admin, "real.person", f, "", std::move(done));
  });
  ASSERT_TRUE(created.status.ok()) << created.status.ToString();

  size_t audit = AuditLog().size();
  Status s = LoadDemo(app(), &summary);
  EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
  EXPECT_EQ(s.code(), "not_demo_database");
  EXPECT_EQ(AuditLog().size(), audit);
}

// --- Audit helpers ---------------------------------------------------------------

TEST(AuditOfTest, R26_RecordsTheActingRoleAndDigest) {
  Principal who;
  who.employee.id = 7;
  who.employee.branch_id = 3;
  who.employee.roles = domain::Bit(Role::kOperator) | domain::Bit(Role::kIssuance);
  who.role = Role::kIssuance;
  domain::AuditRecord r = AuditOf(who, "x.do", "thing/1", "change text");
  EXPECT_EQ(r.employee_id, 7);
  EXPECT_EQ(r.branch_id, 3);
  EXPECT_EQ(r.role, "issuance");
  EXPECT_EQ(r.action, "x.do");
  EXPECT_EQ(r.object, "thing/1");
  EXPECT_EQ(r.change_digest, Sha256Hex("change text"));

  domain::AuditRecord sys = SystemAudit("job.run", "job/1", "c");
  EXPECT_EQ(sys.role, "system");
  EXPECT_EQ(sys.employee_id, 0);
  EXPECT_EQ(sys.change_digest, Sha256Hex("c"));
}

}  // namespace
}  // namespace tereze::app
