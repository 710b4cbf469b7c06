#include "http/api.h"

#include "app/auth.h"
#include "app/employees.h"
#include "core/instant.h"
#include "http/admin_api.h"
#include "http/appointment_api.h"
#include "http/dashboard_api.h"
#include "http/intake_api.h"
#include "http/json.h"
#include "http/movement_api.h"
#include "http/openapi_json.h"  // generated from docs/openapi.json
#include "http/queue_api.h"
#include "http/reference_api.h"
#include "http/report_api.h"
#include "http/tracking_api.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/branches.h"

namespace tereze::http {

namespace {

using domain::Bit;
using domain::Role;

constexpr domain::RoleSet kStaff = domain::kAllRoles;
constexpr domain::RoleSet kBranchStaff =
    Bit(Role::kOperator) | Bit(Role::kConsultant) | Bit(Role::kCollection) | Bit(Role::kIssuance) |
    Bit(Role::kCourier) | Bit(Role::kBranchManager) | Bit(Role::kCentralOffice) |
    Bit(Role::kAdmin) | Bit(Role::kAuditor);
constexpr domain::RoleSet kPeopleReaders =
    Bit(Role::kAdmin) | Bit(Role::kBranchManager) | Bit(Role::kCentralOffice) | Bit(Role::kAuditor);
constexpr domain::RoleSet kPeopleManagers = Bit(Role::kAdmin) | Bit(Role::kBranchManager);
constexpr domain::RoleSet kAuditReaders = Bit(Role::kAuditor) | Bit(Role::kAdmin);

constexpr int64_t kMaxClockAdvanceS = 400LL * 24 * 3600;  // a little over a year

Response Ok(const Json& body) { return JsonResponse(200, body); }

template <typename T>
Json ItemsOf(const std::vector<T>& rows) {
  Json items = Json::array();
  for (const auto& row : rows) items.push_back(ToJson(row));
  return items;
}

// A page of a list: its items and the cursor that continues after the last.
template <typename T>
Json PageOf(const std::vector<T>& rows, const Page& page) {
  return {{"items", ItemsOf(rows)},
          {"next_cursor", NextCursor(rows.size(), page, rows.empty() ? 0 : rows.back().id)}};
}

// Reads the fields an employee body may carry.
Status ReadEmployeeFields(const Json& body, app::EmployeeFields* f) {
  for (auto [name, slot] : {std::pair{"surname", &f->surname},
                            {"name", &f->name},
                            {"patronymic", &f->patronymic},
                            {"position", &f->position},
                            {"position_kk", &f->position_kk},
                            {"provider_code", &f->provider_code}}) {
    if (Status s = GetString(body, name, slot); !s.ok()) return s;
  }
  if (Status s = GetInt(body, "branch_id", &f->branch_id); !s.ok()) return s;
  if (Status s = GetStringArray(body, "roles", &f->roles); !s.ok()) return s;
  return GetBool(body, "active", &f->active);
}

// --- health and description ---------------------------------------------------------------

void Healthz(app::App& app, Request&, const Reply& reply) {
  reply(Ok({{"status", "ok"}, {"now", FormatInstantUtc(app.clock().NowMs())}}));
}

void Readyz(app::App& app, Request&, const Reply& reply) {
  Status s = app.db().Read([](store::Connection& db) { return db.Execute("SELECT 1"); });
  if (!s.ok()) {
    reply(ErrorResponse(
        Status::Unavailable("database_unavailable", "the database is not reachable")));
    return;
  }
  reply(Ok({{"status", "ready"}, {"writer_queue_depth", app.db().writer().queue_depth()}}));
}

// --- auth --------------------------------------------------------------------------------

void Login(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::optional<std::string> login, password;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"login", "password"});
  if (s.ok()) s = GetString(body, "login", &login);
  if (s.ok()) s = GetString(body, "password", &password);
  if (s.ok() && (!login || !password)) {
    s = Status::Malformed("missing_field", "login and password are required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::Login(app, *login, *password, req.client_ip, [reply](const Status& st, app::LoginResult r) {
    if (!st.ok()) return reply(ErrorResponse(st));
    Response resp = Ok({{"token", r.token},
                        {"expires_at", FormatInstantUtc(r.expires_at_ms)},
                        {"employee", ToJson(r.employee)}});
    const int64_t max_age_s = app::kSessionLifetimeMs / 1000;
    resp.headers.emplace_back("Set-Cookie", "tereze_session=" + r.token +
                                                "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                                std::to_string(max_age_s));
    resp.headers.emplace_back(
        "Set-Cookie", "tereze_csrf=" + r.csrf_token +
                          "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age_s));
    reply(std::move(resp));
  });
}

void Logout(app::App& app, Request& req, const Reply& reply) {
  app::Logout(app, *req.who, [reply](const Status& st, bool) {
    if (!st.ok()) return reply(ErrorResponse(st));
    Response resp;
    resp.status = 204;
    resp.headers.emplace_back("Set-Cookie",
                              "tereze_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    resp.headers.emplace_back("Set-Cookie", "tereze_csrf=; Path=/; SameSite=Strict; Max-Age=0");
    reply(std::move(resp));
  });
}

void Me(app::App&, Request& req, const Reply& reply) {
  reply(Ok(
      {{"employee", ToJson(req.who->employee)}, {"acting_role", domain::RoleName(req.who->role)}}));
}

// --- branches ----------------------------------------------------------------------------

void ListBranches(app::App& app, Request& req, const Reply& reply) {
  Page page;
  if (Status s = ParsePage(req, &page); !s.ok()) return reply(ErrorResponse(s));
  std::vector<domain::Branch> branches;
  Status s = app.db().Read([&](store::Connection& db) {
    return store::ListBranches(db, 0, page.after_id, page.limit, &branches);
  });
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(Ok(PageOf(branches, page)));
}

void GetBranch(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  domain::Branch b;
  Status s = app.db().Read([&](store::Connection& db) { return store::FindBranch(db, id, &b); });
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(Ok(ToJson(b)));
}

void ListWindows(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  if (!req.who->employee.CanActInBranch(id)) {
    return reply(ErrorResponse(Status::Forbidden("this is another branch")));
  }
  std::vector<domain::Window> windows;
  domain::Branch b;
  Status s = app.db().Read([&](store::Connection& db) {
    Status st = store::FindBranch(db, id, &b);
    if (!st.ok()) return st;
    return store::ListWindows(db, id, &windows);
  });
  if (!s.ok()) return reply(ErrorResponse(s));
  // A branch has a few dozen windows: one page, always the last.
  reply(Ok(OnePage(windows)));
}

// --- employees ---------------------------------------------------------------------------

void ListEmployees(app::App& app, Request& req, const Reply& reply) {
  Page page;
  if (Status s = ParsePage(req, &page); !s.ok()) return reply(ErrorResponse(s));
  int64_t branch_id = 0;
  if (auto it = req.query.find("branch_id"); it != req.query.end()) {
    if (Status s = ParseId(it->second, &branch_id); !s.ok()) return reply(ErrorResponse(s));
  }
  std::vector<domain::Employee> employees;
  Status s = app::ListEmployees(app, *req.who, branch_id, page.after_id, page.limit, &employees);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(Ok(PageOf(employees, page)));
}

void CreateEmployee(app::App& app, Request& req, const Reply& reply) {
  Json body;
  app::EmployeeFields fields;
  std::optional<std::string> login, password;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) {
    s = RejectUnknownFields(body, {"login", "password", "surname", "name", "patronymic", "position",
                                   "position_kk", "branch_id", "roles", "active", "provider_code"});
  }
  if (s.ok()) s = GetString(body, "login", &login);
  if (s.ok()) s = GetString(body, "password", &password);
  if (s.ok()) s = ReadEmployeeFields(body, &fields);
  if (s.ok() && !login) s = Status::Malformed("missing_field", "login is required");
  if (!s.ok()) return reply(ErrorResponse(s));
  auto create = [&app, who = *req.who, login = *login, fields, password = password.value_or(""),
                 reply]() {
    app::CreateEmployee(
        app, who, login, fields, password, [reply](const Status& st, const domain::Employee& e) {
          if (!st.ok()) return reply(ErrorResponse(st));
          Response r = JsonResponse(201, ToJson(e));
          r.headers.emplace_back("Location", "/api/v1/employees/" + std::to_string(e.id));
          reply(std::move(r));
        });
  };
  // Hashing a password takes tens of milliseconds: not on an I/O thread.
  if (password && !password->empty()) {
    req.run_blocking(std::move(create));
  } else {
    create();
  }
}

void GetEmployee(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  domain::Employee e;
  Status s = app::GetEmployee(app, *req.who, id, &e);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(Ok(ToJson(e)));
}

void UpdateEmployee(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  Json body;
  app::EmployeeFields fields;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) {
    s = RejectUnknownFields(body, {"surname", "name", "patronymic", "position", "position_kk",
                                   "branch_id", "roles", "active", "provider_code"});
  }
  if (s.ok()) s = ReadEmployeeFields(body, &fields);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::UpdateEmployee(app, *req.who, id, fields,
                      [reply](const Status& st, const domain::Employee& e) {
                        if (!st.ok()) return reply(ErrorResponse(st));
                        reply(Ok(ToJson(e)));
                      });
}

void SetPassword(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  Json body;
  std::optional<std::string> password;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"password"});
  if (s.ok()) s = GetString(body, "password", &password);
  if (s.ok() && !password) s = Status::Malformed("missing_field", "password is required");
  if (!s.ok()) return reply(ErrorResponse(s));
  app::SetEmployeePassword(app, *req.who, id, *password, [reply](const Status& st, bool) {
    if (!st.ok()) return reply(ErrorResponse(st));
    Response r;
    r.status = 204;
    reply(std::move(r));
  });
}

// --- audit -------------------------------------------------------------------------------

void ListAudit(app::App& app, Request& req, const Reply& reply) {
  Page page;
  if (Status s = ParsePage(req, &page); !s.ok()) return reply(ErrorResponse(s));
  std::vector<domain::AuditRecord> records;
  Status s = app.db().Read([&](store::Connection& db) {
    return store::ListAuditRecords(db, page.after_id, page.limit, &records);
  });
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(Ok(PageOf(records, page)));
}

void VerifyAudit(app::App& app, Request&, const Reply& reply) {
  store::AuditVerification v;
  Status s = app.db().Read([&](store::Connection& db) { return store::VerifyAuditChain(db, &v); });
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(Ok({{"whole", v.whole},
            {"records_checked", v.records_checked},
            {"first_broken_id", v.whole ? Json(nullptr) : Json(v.first_broken_id)},
            {"reason", v.whole ? Json(nullptr) : Json(v.reason)}}));
}

// --- test clock --------------------------------------------------------------------------

void AdvanceClock(app::App& app, TestClock& clock, Request& req, const Reply& reply) {
  Json body;
  std::optional<int64_t> seconds;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"advance_seconds"});
  if (s.ok()) s = GetInt(body, "advance_seconds", &seconds);
  if (s.ok() && !seconds) s = Status::Malformed("missing_field", "advance_seconds is required");
  if (s.ok() && (*seconds < 0 || *seconds > kMaxClockAdvanceS)) {
    s = Status::Refused("invalid_advance",
                        "advance_seconds is 0 to 34560000: time never goes back");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  clock.Advance(*seconds * 1000);
  app.WakeDailyJobs();  // R25: a month ahead applies the storage terms
  reply(Ok({{"now", FormatInstantUtc(clock.NowMs())}}));
}

}  // namespace

void AddRoutes(Router& router, app::App& app, Metrics& metrics, const ApiOptions& options) {
  auto bind = [&app](void (*fn)(app::App&, Request&, const Reply&)) {
    return [&app, fn](Request& req, const Reply& reply) { fn(app, req, reply); };
  };
  auto pub = [&](const char* method, const char* pattern, Handler h) {
    router.Add(Route{method, pattern, Access::kPublic, 0, false, false, std::move(h)});
  };
  auto auth = [&](const char* method, const char* pattern, domain::RoleSet roles, Handler h,
                  bool blocking = false) {
    router.Add(
        Route{method, pattern, Access::kAuthenticated, roles, blocking, false, std::move(h)});
  };

  pub("GET", "/healthz", bind(Healthz));
  pub("GET", "/readyz", bind(Readyz));
  pub("GET", "/metrics", [&metrics](Request&, const Reply& reply) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.Render();
    reply(std::move(r));
  });
  pub("GET", "/api/v1/openapi.json", [](Request&, const Reply& reply) {
    Response r;
    r.body = kOpenApiJson;
    reply(std::move(r));
  });

  router.Add(Route{"POST", "/api/v1/auth/login", Access::kPublic, 0, /*blocking=*/true, false,
                   bind(Login)});
  auth("POST", "/api/v1/auth/logout", kStaff, bind(Logout));
  auth("GET", "/api/v1/auth/me", kStaff, bind(Me));

  pub("GET", "/api/v1/branches", bind(ListBranches));
  pub("GET", "/api/v1/branches/{id}", bind(GetBranch));
  auth("GET", "/api/v1/branches/{id}/windows", kBranchStaff, bind(ListWindows));

  auth("GET", "/api/v1/employees", kPeopleReaders, bind(ListEmployees));
  auth("POST", "/api/v1/employees", kPeopleManagers, bind(CreateEmployee));
  auth("GET", "/api/v1/employees/{id}", kPeopleReaders, bind(GetEmployee));
  auth("PATCH", "/api/v1/employees/{id}", kPeopleManagers, bind(UpdateEmployee));
  auth("POST", "/api/v1/employees/{id}/password", kStaff, bind(SetPassword), /*blocking=*/true);

  auth("GET", "/api/v1/audit", kAuditReaders, bind(ListAudit));
  auth("GET", "/api/v1/audit/verify", kAuditReaders, bind(VerifyAudit));

  AddReferenceRoutes(router, app);
  AddAdminRoutes(router, app);
  AddIntakeRoutes(router, app);
  AddTrackingRoutes(router, app);
  AddMovementRoutes(router, app);
  AddQueueRoutes(router, app);
  AddAppointmentRoutes(router, app);
  AddDashboardRoutes(router, app);
  AddReportRoutes(router, app);

  router.Add(Route{"GET", "/api/v1/ws", Access::kAuthenticated, kStaff, false, /*websocket=*/true,
                   nullptr});

  if (options.test_clock != nullptr) {
    TestClock* clock = options.test_clock;
    pub("POST", "/api/v1/test/clock",
        [clock, &app](Request& req, const Reply& reply) { AdvanceClock(app, *clock, req, reply); });
  }
}

}  // namespace tereze::http
