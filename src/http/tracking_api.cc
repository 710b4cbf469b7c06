#include "http/tracking_api.h"

#include "app/catalog.h"
#include "app/tracking.h"
#include "core/instant.h"
#include "http/json.h"

namespace tereze::http {

namespace {

// GET /api/v1/track/{barcode}: the stage and dates, no personal data, no
// employee; rate-limited per client address.
void TrackApplication(app::App& app, Request& req, const Reply& reply) {
  if (int64_t wait_s = app.track_limiter().Acquire(req.client_ip); wait_s > 0) {
    return reply(ErrorResponse(
        Status::Throttled("too_many_requests", "too many tracking requests; wait", wait_s)));
  }
  app::TrackView view;
  if (Status s = app::Track(app, req.params[0], &view); !s.ok()) return reply(ErrorResponse(s));
  const domain::Application& a = view.application;
  Json service_name = nullptr;
  app::CatalogSnapshot snapshot = app.catalog().Current();
  for (const auto& s : snapshot.catalog->services) {
    if (s.code == a.service_code) service_name = {{"kk", s.name.kk}, {"ru", s.name.ru}};
  }
  Json events = Json::array();
  for (const auto& e : view.events) {
    events.push_back({{"kind", e.kind}, {"stage", e.stage}, {"at", FormatInstantUtc(e.at_ms)}});
  }
  reply(JsonResponse(200,
                     {{"barcode", req.params[0]},
                      {"status", a.refused() ? "refused" : "accepted"},
                      {"stage", a.stage},
                      {"service_code", a.service_code},
                      {"service_name", service_name},
                      {"lang", a.lang},
                      {"accepted_on", a.accepted_on.ToString()},
                      {"issue_date", a.issue_date ? Json(a.issue_date->ToString()) : Json(nullptr)},
                      {"rated", view.rated},
                      {"events", events}}));
}

// POST /api/v1/track/{barcode}/rating {score, comment?, channel?}: R23, once per application.
void Rate(app::App& app, Request& req, const Reply& reply) {
  if (int64_t wait_s = app.track_limiter().Acquire(req.client_ip); wait_s > 0) {
    return reply(
        ErrorResponse(Status::Throttled("too_many_requests", "too many requests; wait", wait_s)));
  }
  Json body;
  std::optional<int64_t> score;
  std::optional<std::string> comment, channel;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"score", "comment", "channel"});
  if (s.ok()) s = GetInt(body, "score", &score);
  if (s.ok()) s = GetString(body, "comment", &comment);
  if (s.ok()) s = GetString(body, "channel", &channel);
  if (s.ok() && !score) s = Status::Malformed("missing_field", "score is required");
  if (!s.ok()) return reply(ErrorResponse(s));
  app::RateApplication(app, req.params[0], *score, comment.value_or(""),
                       channel.value_or("receipt"), [reply](const Status& st, bool) {
                         if (!st.ok()) return reply(ErrorResponse(st));
                         reply(JsonResponse(201, {{"rated", true}}));
                       });
}

}  // namespace

void AddTrackingRoutes(Router& router, app::App& app) {
  router.Add(
      Route{"GET", "/api/v1/track/{barcode}", Access::kPublic, 0, false, false,
            [&app](Request& req, const Reply& reply) { TrackApplication(app, req, reply); }});
  router.Add(Route{"POST", "/api/v1/track/{barcode}/rating", Access::kPublic, 0, false, false,
                   [&app](Request& req, const Reply& reply) { Rate(app, req, reply); }});
}

}  // namespace tereze::http
