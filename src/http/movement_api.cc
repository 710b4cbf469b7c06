#include "http/movement_api.h"

#include "app/scans.h"
#include "core/instant.h"
#include "http/json.h"

namespace tereze::http {

namespace {

using domain::Bit;
using domain::Role;

// POST /api/v1/scans {"barcode", "action"}: a scanner types digits and Enter.
void Scan(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::optional<std::string> barcode, action;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"barcode", "action"});
  if (s.ok()) s = GetString(body, "barcode", &barcode);
  if (s.ok()) s = GetString(body, "action", &action);
  if (s.ok() && (!barcode || !action)) {
    s = Status::Malformed("missing_field", "barcode and action are required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::ScanBarcode(app, *req.who, *barcode, *action,
                   [reply, &app](const Status& st, const app::ScanResult& r) {
                     if (!st.ok()) return reply(ErrorResponse(st));
                     Json j = {{"application_id", r.application_id},
                               {"barcode", r.barcode},
                               {"stage", domain::ToString(r.stage)},
                               {"repeated", r.repeated},
                               {"direction", nullptr}};
                     if (r.direction_id != 0) {
                       j["direction"] = {{"id", r.direction_id}, {"name", r.direction_name}};
                     }
                     if (!r.repeated) {
                       app.Publish("branch:" + std::to_string(r.branch_id),
                                   Json{{"type", "scan"},
                                        {"application_id", r.application_id},
                                        {"stage", domain::ToString(r.stage)}}
                                       .dump());
                     }
                     reply(JsonResponse(r.repeated ? 200 : 201, j));
                   });
}

// GET /api/v1/branches/{id}/uncollected: accepted, not collected by the end of their day (R22).
void Uncollected(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  if (Status s = ParseId(req.params[0], &branch_id); !s.ok()) return reply(ErrorResponse(s));
  std::vector<app::Uncollected> rows;
  if (Status s = app::ListUncollected(app, *req.who, branch_id, &rows); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  Json items = Json::array();
  for (const auto& u : rows) {
    items.push_back({{"application_id", u.application_id},
                     {"barcode", u.barcode},
                     {"provider_code", u.provider_code},
                     {"accepted_at", FormatInstantUtc(u.accepted_at_ms)}});
  }
  reply(JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}}));
}

}  // namespace

void AddMovementRoutes(Router& router, app::App& app) {
  constexpr domain::RoleSet kScanners = Bit(Role::kCollection) | Bit(Role::kCourier) |
                                        Bit(Role::kProviderOfficer) | Bit(Role::kIssuance);
  constexpr domain::RoleSet kWatchers = Bit(Role::kCollection) | Bit(Role::kBranchManager) |
                                        Bit(Role::kCentralOffice) | Bit(Role::kAuditor);
  router.Add(Route{"GET", "/api/v1/branches/{id}/uncollected", Access::kAuthenticated, kWatchers,
                   false, false,
                   [&app](Request& req, const Reply& reply) { Uncollected(app, req, reply); }});
  router.Add(Route{"POST", "/api/v1/scans", Access::kAuthenticated, kScanners, false, false,
                   [&app](Request& req, const Reply& reply) { Scan(app, req, reply); }});
}

}  // namespace tereze::http
