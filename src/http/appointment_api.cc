#include "http/appointment_api.h"

#include "app/appointments.h"
#include "core/instant.h"
#include "domain/appointment.h"
#include "http/json.h"
#include "http/queue_api.h"

namespace tereze::http {

namespace {

using domain::Bit;
using domain::Role;

Json AppointmentJson(const app::AppointmentView& v, bool staff) {
  const store::AppointmentRow& a = v.row;
  Json j = {{"id", a.id},     {"branch_id", a.branch_id},           {"queue", a.queue},
            {"slot", v.slot}, {"state", domain::ToString(a.state)}, {"lang", a.lang}};
  if (!v.code.empty()) j["code"] = v.code;
  if (staff) {
    j["iin"] = a.iin;
    j["phone"] = a.phone.empty() ? Json(nullptr) : Json(a.phone);
    j["ticket_id"] = a.ticket_id == 0 ? Json(nullptr) : Json(a.ticket_id);
    j["booked_at"] = FormatInstantUtc(a.created_at_ms);
  }
  return j;
}

std::string QueryOf(const Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? "" : it->second;
}

// GET /api/v1/branches/{id}/slots?queue=A&date=YYYY-MM-DD
void Slots(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Status s = ParseId(req.params[0], &branch_id);
  const std::string queue = QueryOf(req, "queue"), date = QueryOf(req, "date");
  if (s.ok() && (queue.empty() || date.empty())) {
    s = Status::Malformed("missing_field", "queue and date are required");
  }
  std::vector<app::SlotView> slots;
  if (s.ok()) s = app::ListFreeSlots(app, branch_id, queue, date, &slots);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& v : slots) {
    items.push_back({{"start", v.start}, {"capacity", v.capacity}, {"free", v.free}});
  }
  reply(JsonResponse(200, {{"queue", queue}, {"date", date}, {"items", items}}));
}

// POST /api/v1/branches/{id}/appointments {iin, queue, slot_start, phone?, lang}
void Book(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Status s = ParseId(req.params[0], &branch_id);
  Json body;
  std::optional<std::string> iin, queue, slot, phone, lang;
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"iin", "queue", "slot_start", "phone", "lang"});
  if (s.ok()) s = GetString(body, "iin", &iin);
  if (s.ok()) s = GetString(body, "queue", &queue);
  if (s.ok()) s = GetString(body, "slot_start", &slot);
  if (s.ok()) s = GetString(body, "phone", &phone);
  if (s.ok()) s = GetString(body, "lang", &lang);
  if (s.ok() && (!iin || !queue || !slot || !lang)) {
    s = Status::Malformed("missing_field", "iin, queue, slot_start and lang are required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::BookingRequest r{*iin, *queue, *slot, phone.value_or(""), *lang};
  app::BookAppointment(app, branch_id, r, [reply](const Status& st, const app::AppointmentView& v) {
    if (!st.ok()) return reply(ErrorResponse(st));
    reply(JsonResponse(201, AppointmentJson(v, false)));
  });
}

// {iin, code} of the public POSTs.
Status IinAndCode(const Request& req, std::string* iin, std::string* code) {
  Json body;
  std::optional<std::string> i, c;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"iin", "code"});
  if (s.ok()) s = GetString(body, "iin", &i);
  if (s.ok()) s = GetString(body, "code", &c);
  if (s.ok() && (!i || !c)) s = Status::Malformed("missing_field", "iin and code are required");
  if (s.ok()) {
    *iin = *i;
    *code = *c;
  }
  return s;
}

// POST /api/v1/appointments/{id}/cancel {iin, code}
void Cancel(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  std::string iin, code;
  Status s = ParseId(req.params[0], &id);
  if (s.ok()) s = IinAndCode(req, &iin, &code);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::CancelAppointment(app, id, iin, code,
                         [reply](const Status& st, const app::AppointmentView& v) {
                           if (!st.ok()) return reply(ErrorResponse(st));
                           reply(JsonResponse(200, AppointmentJson(v, false)));
                         });
}

// POST /api/v1/branches/{id}/check-in {iin, code}: the kiosk.
void CheckIn(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  std::string iin, code;
  Status s = ParseId(req.params[0], &branch_id);
  if (s.ok()) s = IinAndCode(req, &iin, &code);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::CheckInAppointment(app, branch_id, iin, code,
                          [reply](const Status& st, const app::TicketView& v) {
                            if (!st.ok()) return reply(ErrorResponse(st));
                            reply(JsonResponse(201, TicketJson(v)));
                          });
}

// GET /api/v1/branches/{id}/appointments?date=YYYY-MM-DD (staff)
void List(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Status s = ParseId(req.params[0], &branch_id);
  const std::string date = QueryOf(req, "date");
  if (s.ok() && date.empty()) s = Status::Malformed("missing_field", "date is required");
  std::vector<app::AppointmentView> rows;
  if (s.ok()) s = app::ListAppointments(app, *req.who, branch_id, date, &rows);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& v : rows) items.push_back(AppointmentJson(v, true));
  reply(JsonResponse(200, {{"date", date}, {"items", items}}));
}

// GET|PUT /api/v1/branches/{id}/appointment-only {"appointment_only": bool}
void GetAppointmentOnly(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  bool on = false;
  Status s = ParseId(req.params[0], &branch_id);
  if (s.ok()) s = app::GetAppointmentOnly(app, branch_id, &on);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, {{"branch_id", branch_id}, {"appointment_only", on}}));
}

void PutAppointmentOnly(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Status s = ParseId(req.params[0], &branch_id);
  Json body;
  std::optional<bool> on;
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"appointment_only"});
  if (s.ok()) s = GetBool(body, "appointment_only", &on);
  if (s.ok() && !on) s = Status::Malformed("missing_field", "appointment_only is required");
  if (!s.ok()) return reply(ErrorResponse(s));
  app::SetAppointmentOnly(
      app, *req.who, branch_id, *on, [reply, branch_id](const Status& st, bool value) {
        if (!st.ok()) return reply(ErrorResponse(st));
        reply(JsonResponse(200, {{"branch_id", branch_id}, {"appointment_only", value}}));
      });
}

// Public booking, cancelling and checking in are limited per client address.
bool Throttled(app::App& app, const Request& req, const Reply& reply) {
  int64_t wait_s = app.booking_limiter().Acquire(req.client_ip);
  if (wait_s == 0) return false;
  reply(ErrorResponse(
      Status::Throttled("rate_limited", "too many requests from here; wait", wait_s)));
  return true;
}

}  // namespace

void AddAppointmentRoutes(Router& router, app::App& app) {
  auto add = [&](const char* method, const char* pattern, Access access, domain::RoleSet roles,
                 std::function<void(app::App&, Request&, const Reply&)> fn) {
    router.Add(Route{method, pattern, access, roles, false, false,
                     [&app, fn](Request& req, const Reply& reply) { fn(app, req, reply); }});
  };
  const Access pub = Access::kPublic;
  add("GET", "/api/v1/branches/{id}/slots", pub, 0, Slots);
  for (auto [path, fn] : {std::pair{"/api/v1/branches/{id}/appointments", &Book},
                          {"/api/v1/appointments/{id}/cancel", &Cancel},
                          {"/api/v1/branches/{id}/check-in", &CheckIn}}) {
    add("POST", path, pub, 0, [fn](app::App& a, Request& req, const Reply& reply) {
      if (!Throttled(a, req, reply)) fn(a, req, reply);
    });
  }
  add("GET", "/api/v1/branches/{id}/appointment-only", pub, 0, GetAppointmentOnly);
  add("PUT", "/api/v1/branches/{id}/appointment-only", Access::kAuthenticated,
      Bit(Role::kBranchManager) | Bit(Role::kCentralOffice) | Bit(Role::kAdmin),
      PutAppointmentOnly);
  add("GET", "/api/v1/branches/{id}/appointments", Access::kAuthenticated,
      Bit(Role::kBranchManager) | Bit(Role::kOperator), List);
}

}  // namespace tereze::http
