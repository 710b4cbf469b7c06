// The /api/v1 routes end to end: who may call what, sessions, CSRF,
// throttling, employees and the audit log.
#include <gtest/gtest.h>

#include "app/demo.h"
#include "support/fixture.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class Api : public ServerTest {};

std::string Concrete(const std::string& pattern) {
  std::string out = pattern;
  for (size_t pos; (pos = out.find("{id}")) != std::string::npos;) out.replace(pos, 4, "1");
  return out;
}

// Every route with every role: 401 without a session, 403 for a role the
// route does not list, and never 401/403 for a role it does.
TEST_F(Api, EveryRouteWithEveryRole) {
  const auto& routes = service_->router().routes();
  ASSERT_GE(routes.size(), 15u);
  int checked = 0;
  for (const auto& route : routes) {
    std::string target = Concrete(route->pattern);
    std::string body = route->method == "GET" ? "" : "{}";
    Client anonymous(port_);
    auto r = anonymous.Request(route->method, target, body);
    if (route->access == http::Access::kPublic) {
      EXPECT_NE(r.status, 401) << route->method << " " << target;
      EXPECT_NE(r.status, 403) << route->method << " " << target;
      continue;
    }
    EXPECT_EQ(r.status, 401) << route->method << " " << target << " " << r.body;
    EXPECT_EQ(r.error_code(), "unauthorized");
    Client bad_token(port_);
    EXPECT_EQ(bad_token
                  .Request(route->method, target, body,
                           {{"Authorization", "Bearer " + std::string(64, 'a')}})
                  .status,
              401);
    for (auto role : domain::AllRoles()) {
      std::string login = app::DemoLogin(role);
      // Logging out ends the session; use a session of its own.
      std::string token =
          route->pattern == "/api/v1/auth/logout" ? LoginToken(port_, login) : Token(login);
      ASSERT_FALSE(token.empty()) << login;
      Client c(port_);
      auto res = c.Request(route->method, target, body, {{"Authorization", "Bearer " + token}});
      bool allowed = (route->roles & domain::Bit(role)) != 0;
      if (allowed) {
        EXPECT_NE(res.status, 401)
            << login << " " << route->method << " " << target << " " << res.body;
        EXPECT_NE(res.status, 403)
            << login << " " << route->method << " " << target << " " << res.body;
      } else {
        EXPECT_EQ(res.status, 403)
            << login << " " << route->method << " " << target << " " << res.body;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST_F(Api, LoginReturnsTokenAndEmployeeAndSetsCookies) {
  Client c(port_);
  auto r = c.Post("/api/v1/auth/login", R"({"login":"operator","password":"tereze-demo"})");
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = r.json();
  EXPECT_EQ(j["token"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["employee"]["login"], "operator");
  EXPECT_EQ(j["employee"]["surname"], "Сәрсенбаева");
  EXPECT_EQ(j["employee"]["roles"], Json::array({"operator"}));
  // 12 hours from the test clock's 05:00Z.
  EXPECT_EQ(j["expires_at"].get<std::string>().substr(0, 16), "2026-11-24T17:00");
  const std::string& cookies = r.headers["set-cookie"];
  EXPECT_NE(cookies.find("tereze_session=" + j["token"].get<std::string>() + "; Path=/; HttpOnly"),
            std::string::npos);
  EXPECT_NE(cookies.find("tereze_csrf="), std::string::npos);
  auto me = c.Get("/api/v1/auth/me", j["token"]);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["employee"]["login"], "operator");
}

TEST_F(Api, WrongPasswordAndUnknownLoginAreTheSame401) {
  Client c(port_);
  auto a = c.Post("/api/v1/auth/login", R"({"login":"operator","password":"wrong-password"})");
  auto b = c.Post("/api/v1/auth/login", R"({"login":"nobody-here","password":"wrong-password"})");
  EXPECT_EQ(a.status, 401);
  EXPECT_EQ(b.status, 401);
  EXPECT_EQ(a.error_code(), "invalid_credentials");
  EXPECT_EQ(a.json()["error"]["message"], b.json()["error"]["message"]);
  EXPECT_EQ(c.Post("/api/v1/auth/login", R"({"login":"operator"})").error_code(), "missing_field");
  EXPECT_EQ(c.Post("/api/v1/auth/login", R"({"login":1,"password":"x"})").error_code(),
            "invalid_type");
}

TEST_F(Api, RepeatedFailedLoginsAreThrottled) {
  Client c(port_);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        c.Post("/api/v1/auth/login", R"({"login":"issuance","password":"guess-number-x"})").status,
        401);
  }
  // Now even the right password waits.
  auto r = c.Post("/api/v1/auth/login", R"({"login":"issuance","password":"tereze-demo"})");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.error_code(), "too_many_attempts");
  EXPECT_GT(std::stoi(r.headers["retry-after"]), 0);
  // Other logins are not affected, and the throttle ends with its window.
  EXPECT_EQ(LoginToken(port_, "courier").size(), 64u);
  c.Post("/api/v1/test/clock", R"({"advance_seconds": 901})");
  EXPECT_EQ(LoginToken(port_, "issuance").size(), 64u);
}

TEST_F(Api, SessionsExpireWithTheClock) {
  std::string t = LoginToken(port_, "consultant");
  Client c(port_);
  EXPECT_EQ(c.Get("/api/v1/auth/me", t).status, 200);
  c.Post("/api/v1/test/clock", R"({"advance_seconds": 43201})");
  auto r = c.Get("/api/v1/auth/me", t);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["error"]["message"], "the session expired");
}

TEST_F(Api, LogoutRevokesTheToken) {
  std::string t = LoginToken(port_, "collection");
  Client c(port_);
  EXPECT_EQ(c.Post("/api/v1/auth/logout", "", t).status, 204);
  EXPECT_EQ(c.Get("/api/v1/auth/me", t).status, 401);
}

TEST_F(Api, CookieSessionsNeedTheCsrfTokenToWrite) {
  Client c(port_);
  auto login = c.Post("/api/v1/auth/login", R"({"login":"manager","password":"tereze-demo"})");
  std::string token = login.json()["token"];
  std::string cookies = login.headers["set-cookie"];
  size_t at = cookies.find("tereze_csrf=") + 12;
  std::string csrf = cookies.substr(at, cookies.find(';', at) - at);
  std::string cookie = "tereze_session=" + token + "; tereze_csrf=" + csrf;
  // Reading with the cookie alone works.
  EXPECT_EQ(c.Request("GET", "/api/v1/auth/me", "", {{"Cookie", cookie}}).status, 200);
  // Writing without the header, or with a wrong one, is refused and changes nothing.
  const std::string patch = R"({"position":"Жаңа лауазым"})";
  auto no_header = c.Request("PATCH", "/api/v1/employees/1", patch, {{"Cookie", cookie}});
  EXPECT_EQ(no_header.status, 403);
  auto wrong = c.Request("PATCH", "/api/v1/employees/1", patch,
                         {{"Cookie", cookie}, {"X-CSRF-Token", std::string(64, '0')}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(c.Get("/api/v1/employees/1", token).json()["position"], "Оператор ЦОН");
  auto ok = c.Request("PATCH", "/api/v1/employees/1", patch,
                      {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(c.Get("/api/v1/employees/1", token).json()["position"], "Жаңа лауазым");
}

TEST_F(Api, CreateEmployeeIs201AndAudited) {
  Client c(port_);
  std::string admin = Token("admin");
  auto r = c.Post("/api/v1/employees",
                  R"({"login":"dana.n","surname":"Нұрболатқызы","name":"Дана","position":"Оператор",
                      "branch_id":1,"roles":["operator"],"password":"long-enough-pw"})",
                  admin);
  ASSERT_EQ(r.status, 201) << r.body;
  int64_t id = r.json()["id"];
  EXPECT_EQ(r.headers["location"], "/api/v1/employees/" + std::to_string(id));
  EXPECT_EQ(LoginToken(port_, "dana.n", "long-enough-pw").size(), 64u);
  // The same login again is a conflict.
  auto again = c.Post(
      "/api/v1/employees",
      R"({"login":"dana.n","surname":"X","name":"Y","position":"P","branch_id":1,"roles":["operator"]})",
      admin);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "login_taken");
  // The audit log names who did it, in which role, and what.
  auto audit = c.Get("/api/v1/audit?limit=500", Token("auditor")).json()["items"];
  bool found = false;
  for (auto& rec : audit) {
    if (rec["action"] == "employee.create" && rec["object"] == "employee/" + std::to_string(id)) {
      found = true;
      EXPECT_EQ(rec["role"], "admin");
      EXPECT_EQ(rec["employee_id"], 9);
      EXPECT_EQ(rec["change_digest"].get<std::string>().size(), 64u);
    }
  }
  EXPECT_TRUE(found);
  auto verify = c.Get("/api/v1/audit/verify", Token("auditor"));
  EXPECT_EQ(verify.json()["whole"], true);
}

TEST_F(Api, BadEmployeeInputIsRefusedAndChangesNothing) {
  Client c(port_);
  std::string admin = Token("admin");
  auto count = [&] { return c.Get("/api/v1/employees?limit=500", admin).json()["items"].size(); };
  size_t before = count();
  EXPECT_EQ(
      c.Post(
           "/api/v1/employees",
           R"({"login":"Bad Login","surname":"S","name":"N","position":"P","branch_id":1,"roles":["operator"]})",
           admin)
          .error_code(),
      "invalid_login");
  EXPECT_EQ(
      c.Post(
           "/api/v1/employees",
           R"({"login":"ok-login","surname":"S","name":"N","position":"P","branch_id":1,"roles":["wizard"]})",
           admin)
          .error_code(),
      "invalid_role");
  EXPECT_EQ(
      c.Post(
           "/api/v1/employees",
           R"({"login":"ok-login","surname":"","name":"N","position":"P","branch_id":1,"roles":["operator"]})",
           admin)
          .error_code(),
      "invalid_field");
  EXPECT_EQ(
      c.Post(
           "/api/v1/employees",
           R"({"login":"ok-login","surname":"S","name":"N","position":"P","branch_id":999,"roles":["operator"]})",
           admin)
          .error_code(),
      "branch_not_found");
  EXPECT_EQ(
      c.Post(
           "/api/v1/employees",
           R"({"login":"ok-login","surname":"S","name":"N","position":"P","branch_id":1,"roles":["operator"],"password":"short"})",
           admin)
          .error_code(),
      "weak_password");
  EXPECT_EQ(count(), before);
}

TEST_F(Api, ABranchManagerStaysInTheirBranch) {
  Client c(port_);
  std::string manager = Token("manager");
  // Cannot grant central roles.
  auto r = c.Post(
      "/api/v1/employees",
      R"({"login":"new-admin","surname":"S","name":"N","position":"P","branch_id":1,"roles":["admin"]})",
      manager);
  EXPECT_EQ(r.status, 403) << r.body;
  // Cannot see central employees (the admin, id 9) nor list another branch.
  EXPECT_EQ(c.Get("/api/v1/employees/9", manager).status, 404);
  EXPECT_EQ(c.Get("/api/v1/employees?branch_id=2", manager).status, 403);
  // Sees only their branch's employees.
  Json listed = c.Get("/api/v1/employees?limit=500", manager).json();
  for (auto& e : listed["items"]) {
    EXPECT_EQ(e["branch_id"], 1);
  }
  // Central office sees everyone.
  EXPECT_EQ(c.Get("/api/v1/employees?limit=500", Token("central")).json()["items"].size(), 10u);
}

TEST_F(Api, DeactivatingAnEmployeeEndsTheirSessions) {
  Client c(port_);
  std::string op = LoginToken(port_, "operator");
  EXPECT_EQ(c.Get("/api/v1/auth/me", op).status, 200);
  auto r = c.Request("PATCH", "/api/v1/employees/1", R"({"active":false})",
                     {{"Authorization", "Bearer " + Token("manager")}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(c.Get("/api/v1/auth/me", op).status, 401);
  EXPECT_EQ(LoginToken(port_, "operator"), "");
}

TEST_F(Api, BranchesArePublicAndWindowsShowWhoIsSeated) {
  Client c(port_);
  auto b = c.Get("/api/v1/branches");
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(b.json()["items"][0]["time_zone"], "Asia/Almaty");
  EXPECT_EQ(b.json()["items"][0]["opens_at"], "09:00");
  auto w = c.Get("/api/v1/branches/1/windows", Token("operator"));
  ASSERT_EQ(w.status, 200);
  auto items = w.json()["items"];
  ASSERT_EQ(items.size(), 10u);
  EXPECT_EQ(items[0]["number"], 1);
  EXPECT_EQ(items[0]["employee_id"], 1);  // the demo operator at window 1
  bool issuance_seated = false;
  for (auto& win : items) issuance_seated |= win["kind"] == "issuance" && win["employee_id"] == 4;
  EXPECT_TRUE(issuance_seated);
  EXPECT_EQ(c.Get("/api/v1/branches/2/windows", Token("operator")).status, 403);
  EXPECT_EQ(c.Get("/api/v1/branches/99").status, 404);
  EXPECT_EQ(c.Get("/api/v1/branches/abc").error_code(), "invalid_id");
}

TEST_F(Api, PasswordChangeEndsSessionsAndOnlySelfOrManagerMayDoIt) {
  Client c(port_);
  std::string op = LoginToken(port_, "operator");
  // The courier (id 5) may not set the operator's password.
  EXPECT_EQ(
      c.Post("/api/v1/employees/1/password", R"({"password":"another-password"})", Token("courier"))
          .status,
      403);
  EXPECT_EQ(c.Post("/api/v1/employees/1/password", R"({"password":"another-password"})", op).status,
            204);
  EXPECT_EQ(c.Get("/api/v1/auth/me", op).status, 401);
  EXPECT_EQ(LoginToken(port_, "operator", "another-password").size(), 64u);
}

}  // namespace
}  // namespace tereze::testing
