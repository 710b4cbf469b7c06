#include "http/admin_api.h"

#include <functional>

#include "app/branches.h"
#include "app/providers.h"
#include "http/json.h"

namespace tereze::http {

namespace {

using domain::Bit;
using domain::Role;

constexpr domain::RoleSet kAdmin = Bit(Role::kAdmin);
constexpr domain::RoleSet kBranchAdmins = Bit(Role::kAdmin) | Bit(Role::kBranchManager);
constexpr domain::RoleSet kTrainingReaders =
    Bit(Role::kAdmin) | Bit(Role::kBranchManager) | Bit(Role::kCentralOffice) | Bit(Role::kAuditor);
constexpr domain::RoleSet kStaff = domain::kAllRoles & ~Bit(Role::kProviderOfficer);

// Reads the {id} of the path and the body's fields; on success runs `act`.
template <typename Fields>
void WithIdAndFields(Request& req, const Reply& reply, Status (*read)(const Json&, Fields*),
                     const std::function<void(int64_t, const Fields&)>& act) {
  int64_t id = 0;
  Json body;
  Fields fields;
  Status s = ParseId(req.params[0], &id);
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = read(body, &fields);
  if (!s.ok()) return reply(ErrorResponse(s));
  act(id, fields);
}

template <typename T>
app::Done<T> Answer(const Reply& reply, unsigned status) {
  return [reply, status](const Status& st, const T& value) {
    if (!st.ok()) return reply(ErrorResponse(st));
    reply(JsonResponse(status, ToJson(value)));
  };
}

Status ReadBranchFields(const Json& body, app::BranchFields* f) {
  Status s =
      RejectUnknownFields(body, {"code", "name_kk", "name_ru", "name_en", "region", "address_kk",
                                 "address_ru", "time_zone", "opens_at", "closes_at",
                                 "open_weekdays", "video_surveillance", "retired"});
  for (auto [name, slot] : {std::pair{"code", &f->code},
                            {"name_kk", &f->name_kk},
                            {"name_ru", &f->name_ru},
                            {"name_en", &f->name_en},
                            {"region", &f->region},
                            {"address_kk", &f->address_kk},
                            {"address_ru", &f->address_ru},
                            {"time_zone", &f->time_zone},
                            {"opens_at", &f->opens_at},
                            {"closes_at", &f->closes_at},
                            {"open_weekdays", &f->open_weekdays}}) {
    if (s.ok()) s = GetString(body, name, slot);
  }
  if (s.ok()) s = GetBool(body, "video_surveillance", &f->video_surveillance);
  if (s.ok()) s = GetBool(body, "retired", &f->retired);
  return s;
}

Status ReadWindowFields(const Json& body, app::WindowFields* f) {
  Status s = RejectUnknownFields(body, {"number", "kind", "employee_id", "retired"});
  if (s.ok()) s = GetInt(body, "number", &f->number);
  if (s.ok()) s = GetString(body, "kind", &f->kind);
  if (s.ok()) s = GetInt(body, "employee_id", &f->employee_id);
  // Here null is a value: nobody sits at the window.
  if (s.ok() && body.contains("employee_id") && body["employee_id"].is_null()) f->employee_id = 0;
  if (s.ok()) s = GetBool(body, "retired", &f->retired);
  return s;
}

void CreateBranch(app::App& app, Request& req, const Reply& reply) {
  Json body;
  app::BranchFields f;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = ReadBranchFields(body, &f);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::CreateBranch(app, *req.who, f, Answer<domain::Branch>(reply, 201));
}

void UpdateBranch(app::App& app, Request& req, const Reply& reply) {
  WithIdAndFields<app::BranchFields>(
      req, reply, ReadBranchFields, [&](int64_t id, const app::BranchFields& f) {
        app::UpdateBranch(app, *req.who, id, f, Answer<domain::Branch>(reply, 200));
      });
}

void CreateWindow(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Json body;
  app::WindowFields f;
  Status s = ParseId(req.params[0], &branch_id);
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = ReadWindowFields(body, &f);
  if (s.ok() && !f.number) s = Status::Malformed("missing_field", "number is required");
  if (!s.ok()) return reply(ErrorResponse(s));
  app::CreateWindow(app, *req.who, branch_id, f, Answer<domain::Window>(reply, 201));
}

void UpdateWindow(app::App& app, Request& req, const Reply& reply) {
  WithIdAndFields<app::WindowFields>(
      req, reply, ReadWindowFields, [&](int64_t id, const app::WindowFields& f) {
        app::UpdateWindow(app, *req.who, id, f, Answer<domain::Window>(reply, 200));
      });
}

void ListDays(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  std::vector<domain::DayException> days;
  if (Status s = app::ListDayExceptions(app, id, &days); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  reply(JsonResponse(200, OnePage(days)));
}

void PutDay(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  Json body;
  std::optional<bool> open;
  std::optional<std::string> reason;
  Status s = ParseId(req.params[0], &id);
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"open", "reason"});
  if (s.ok()) s = GetBool(body, "open", &open);
  if (s.ok()) s = GetString(body, "reason", &reason);
  if (s.ok() && (!open || !reason)) {
    s = Status::Malformed("missing_field", "open and reason are required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::PutDayException(app, *req.who, id, domain::DayException{req.params[1], *open, *reason},
                       Answer<domain::DayException>(reply, 200));
}

void DeleteDay(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  app::DeleteDayException(app, *req.who, id, req.params[1], [reply](const Status& st, bool) {
    if (!st.ok()) return reply(ErrorResponse(st));
    Response r;
    r.status = 204;
    reply(std::move(r));
  });
}

void ListTrainings(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  std::vector<domain::Training> trainings;
  if (Status s = app::ListTrainings(app, *req.who, id, &trainings); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  reply(JsonResponse(200, OnePage(trainings)));
}

void AddTraining(app::App& app, Request& req, const Reply& reply) {
  domain::Training t;
  Json body;
  std::optional<std::string> topic, completed_on, valid_until;
  Status s = ParseId(req.params[0], &t.employee_id);
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"topic", "completed_on", "valid_until"});
  if (s.ok()) s = GetString(body, "topic", &topic);
  if (s.ok()) s = GetString(body, "completed_on", &completed_on);
  if (s.ok()) s = GetString(body, "valid_until", &valid_until);
  if (s.ok() && (!topic || !completed_on)) {
    s = Status::Malformed("missing_field", "topic and completed_on are required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  t.topic = *topic;
  t.completed_on = *completed_on;
  t.valid_until = valid_until.value_or("");
  app::AddTraining(app, *req.who, t, Answer<domain::Training>(reply, 201));
}

Status ReadUnitFields(const Json& body, app::ProviderUnitFields* f) {
  Status s = RejectUnknownFields(
      body, {"provider_code", "region", "name_kk", "name_ru", "address_ru", "retired"});
  for (auto [name, slot] : {std::pair{"provider_code", &f->provider_code},
                            {"region", &f->region},
                            {"name_kk", &f->name_kk},
                            {"name_ru", &f->name_ru},
                            {"address_ru", &f->address_ru}}) {
    if (s.ok()) s = GetString(body, name, slot);
  }
  if (s.ok()) s = GetBool(body, "retired", &f->retired);
  return s;
}

Status ReadDirectionFields(const Json& body, app::DirectionFields* f) {
  Status s = RejectUnknownFields(body, {"name", "unit_ids", "retired"});
  if (s.ok()) s = GetString(body, "name", &f->name);
  if (s.ok()) s = GetBool(body, "retired", &f->retired);
  if (s.ok() && body.contains("unit_ids") && !body["unit_ids"].is_null()) {
    const Json& ids = body["unit_ids"];
    if (!ids.is_array()) return Status::Malformed("invalid_type", "unit_ids must be an array");
    std::vector<int64_t> out;
    for (const auto& v : ids) {
      if (!v.is_number_integer()) {
        return Status::Malformed("invalid_type", "unit_ids must be an array of integers");
      }
      out.push_back(v.get<int64_t>());
    }
    f->unit_ids = std::move(out);
  }
  return s;
}

void ListUnits(app::App& app, Request& req, const Reply& reply) {
  auto param = [&](const char* name) {
    auto it = req.query.find(name);
    return it == req.query.end() ? std::string() : it->second;
  };
  std::vector<domain::ProviderUnit> units;
  Status s = app::ListProviderUnits(app, param("provider"), param("region"), &units);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, OnePage(units)));
}

void CreateUnit(app::App& app, Request& req, const Reply& reply) {
  Json body;
  app::ProviderUnitFields f;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = ReadUnitFields(body, &f);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::CreateProviderUnit(app, *req.who, f, Answer<domain::ProviderUnit>(reply, 201));
}

void UpdateUnit(app::App& app, Request& req, const Reply& reply) {
  WithIdAndFields<app::ProviderUnitFields>(
      req, reply, ReadUnitFields, [&](int64_t id, const app::ProviderUnitFields& f) {
        app::UpdateProviderUnit(app, *req.who, id, f, Answer<domain::ProviderUnit>(reply, 200));
      });
}

void ListBranchDirections(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  std::vector<domain::Direction> directions;
  Status s = app::ListDirections(app, *req.who, id, &directions);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, OnePage(directions)));
}

void CreateDirection(app::App& app, Request& req, const Reply& reply) {
  WithIdAndFields<app::DirectionFields>(
      req, reply, ReadDirectionFields, [&](int64_t id, const app::DirectionFields& f) {
        app::CreateDirection(app, *req.who, id, f, Answer<domain::Direction>(reply, 201));
      });
}

void UpdateDirection(app::App& app, Request& req, const Reply& reply) {
  WithIdAndFields<app::DirectionFields>(
      req, reply, ReadDirectionFields, [&](int64_t id, const app::DirectionFields& f) {
        app::UpdateDirection(app, *req.who, id, f, Answer<domain::Direction>(reply, 200));
      });
}

}  // namespace

void AddAdminRoutes(Router& router, app::App& app) {
  auto add = [&](const char* method, const char* pattern, domain::RoleSet roles,
                 void (*fn)(app::App&, Request&, const Reply&)) {
    router.Add(Route{method, pattern, Access::kAuthenticated, roles, false, false,
                     [&app, fn](Request& req, const Reply& reply) { fn(app, req, reply); }});
  };
  add("POST", "/api/v1/branches", kAdmin, CreateBranch);
  add("PATCH", "/api/v1/branches/{id}", kAdmin, UpdateBranch);
  add("POST", "/api/v1/branches/{id}/windows", kBranchAdmins, CreateWindow);
  add("PATCH", "/api/v1/windows/{id}", kBranchAdmins, UpdateWindow);
  add("GET", "/api/v1/branches/{id}/days", kStaff, ListDays);
  add("PUT", "/api/v1/branches/{id}/days/{date}", kBranchAdmins, PutDay);
  add("DELETE", "/api/v1/branches/{id}/days/{date}", kBranchAdmins, DeleteDay);
  add("GET", "/api/v1/employees/{id}/trainings", kTrainingReaders, ListTrainings);
  add("POST", "/api/v1/employees/{id}/trainings", kBranchAdmins, AddTraining);
  add("GET", "/api/v1/provider-units", domain::kAllRoles, ListUnits);
  add("POST", "/api/v1/provider-units", kAdmin, CreateUnit);
  add("PATCH", "/api/v1/provider-units/{id}", kAdmin, UpdateUnit);
  add("GET", "/api/v1/branches/{id}/directions", kStaff, ListBranchDirections);
  add("POST", "/api/v1/branches/{id}/directions", kBranchAdmins, CreateDirection);
  add("PATCH", "/api/v1/directions/{id}", kBranchAdmins, UpdateDirection);
}

}  // namespace tereze::http
