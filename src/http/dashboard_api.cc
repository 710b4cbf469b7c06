#include "http/dashboard_api.h"

#include <chrono>

#include "app/breaches.h"
#include "app/dashboard.h"
#include "core/instant.h"
#include "domain/barcode.h"
#include "domain/breach.h"
#include "http/json.h"

namespace tereze::http {

namespace {

using domain::Bit;
using domain::Role;

constexpr domain::RoleSet kReaders =
    Bit(Role::kBranchManager) | Bit(Role::kCentralOffice) | Bit(Role::kAuditor);

std::string QueryText(const Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? "" : it->second;
}

// An optional id in the query: absent or empty -> 0.
Status QueryId(const Request& req, const char* name, int64_t* out) {
  *out = 0;
  std::string text = QueryText(req, name);
  if (text.empty()) return Status::Ok();
  if (!ParseId(text, out).ok()) {
    return Status::Malformed("invalid_query", std::string(name) + ": a positive integer");
  }
  return Status::Ok();
}

Json TextOrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json BreachJson(const store::BreachRow& b) {
  Json details = Json::parse(b.details, nullptr, false);
  if (details.is_discarded()) details = Json::object();
  auto kind = domain::ParseBreachKind(b.kind);
  return {{"id", b.id},
          {"kind", b.kind},
          {"rule", kind ? domain::RuleOf(*kind) : ""},
          {"object", b.object_key},
          {"branch_id", b.branch_id},
          {"provider_code", TextOrNull(b.provider_code)},
          {"service_code", TextOrNull(b.service_code)},
          {"application_id", b.application_id == 0 ? Json(nullptr) : Json(b.application_id)},
          {"barcode",
           b.application_id == 0
               ? Json(nullptr)
               : Json(domain::MakeBarcode(domain::BarcodeKind::kApplication, b.application_id))},
          {"ticket_id", b.ticket_id == 0 ? Json(nullptr) : Json(b.ticket_id)},
          {"day", b.day},
          {"detected_at", FormatInstantUtc(b.detected_at_ms)},
          {"details", details}};
}

void ListBreaches(app::App& app, Request& req, const Reply& reply) {
  store::BreachFilter f;
  Status s = QueryId(req, "branch_id", &f.branch_id);
  if (s.ok()) s = QueryId(req, "before_id", &f.before_id);
  f.kind = QueryText(req, "kind");
  f.from = QueryText(req, "from");
  f.to = QueryText(req, "to");
  if (s.ok()) {
    std::string limit = QueryText(req, "limit");
    if (!limit.empty()) {
      int64_t n = 0;
      if (!ParseId(limit, &n).ok() || n < 1 || n > app::kMaxBreachPage) {
        s = Status::Malformed("invalid_limit", "limit: 1 to 500");
      } else {
        f.limit = static_cast<int>(n);
      }
    }
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  std::vector<store::BreachRow> rows;
  s = app::ListBreaches(app, *req.who, f, &rows);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& b : rows) items.push_back(BreachJson(b));
  Json next = rows.size() == static_cast<size_t>(f.limit) ? Json(rows.back().id) : Json(nullptr);
  reply(JsonResponse(200, {{"items", items}, {"next_before_id", next}}));
}

// {"periods": [{"period", "total", "by_kind": {kind: n}}], "totals": {kind: n}, "total": n}
Json CountsJson(const std::vector<store::BreachCount>& counts) {
  Json periods = Json::array();
  Json totals = Json::object();
  for (auto k : domain::AllBreachKinds()) totals[domain::ToString(k)] = 0;
  int64_t total = 0;
  for (const auto& c : counts) {
    if (periods.empty() || periods.back()["period"] != c.period) {
      periods.push_back({{"period", c.period}, {"total", 0}, {"by_kind", Json::object()}});
    }
    Json& p = periods.back();
    p["by_kind"][c.kind] = c.count;
    p["total"] = p["total"].get<int64_t>() + c.count;
    totals[c.kind] = totals.value(c.kind, int64_t{0}) + c.count;
    total += c.count;
  }
  return {{"periods", periods}, {"totals", totals}, {"total", total}};
}

void CountBreaches(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Status s = QueryId(req, "branch_id", &branch_id);
  std::string by = QueryText(req, "by");
  if (s.ok() && !by.empty() && by != "day" && by != "month") {
    s = Status::Malformed("invalid_query", "by: day or month");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  std::vector<store::BreachCount> counts;
  s = app::CountBreaches(app, *req.who, branch_id, QueryText(req, "from"), QueryText(req, "to"),
                         by == "month", &counts);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json body = CountsJson(counts);
  body["by"] = by == "month" ? "month" : "day";
  int64_t scoped = 0;
  (void)app::ScopeBranch(*req.who, branch_id, &scoped);  // allowed: CountBreaches checked it
  body["branch_id"] = scoped == 0 ? Json(nullptr) : Json(scoped);
  reply(JsonResponse(200, body));
}

void DetectNow(app::App& app, Request&, const Reply& reply) {
  app::BreachRun run;
  Status s = app::DetectBreaches(app, /*tickets_only=*/false, &run);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, {{"branches", run.branches}, {"recorded", run.recorded}}));
}

Json LiveJson(const app::LiveNumbers& n) {
  return {
      {"type", "live"},       {"branch_id", n.branch_id == 0 ? Json(nullptr) : Json(n.branch_id)},
      {"today", n.today},     {"accepted", n.accepted},
      {"refused", n.refused}, {"issued", n.issued},
      {"tickets", n.tickets}, {"waiting", n.waiting},
      {"serving", n.serving}, {"breaches_today", n.breaches_today}};
}

void GetDashboard(app::App& app, Request& req, const Reply& reply) {
  app::DashboardQuery q;
  Status s = QueryId(req, "branch_id", &q.branch_id);
  q.from = QueryText(req, "from");
  q.to = QueryText(req, "to");
  q.provider_code = QueryText(req, "provider_code");
  q.service_code = QueryText(req, "service_code");
  if (!s.ok()) return reply(ErrorResponse(s));
  app::Dashboard d;
  s = app::GetDashboard(app, *req.who, q, &d);
  if (!s.ok()) return reply(ErrorResponse(s));

  // Volumes by day (all services) and by service (the whole period).
  Json by_day = Json::array();
  std::map<std::string, std::pair<int64_t, int64_t>> by_service;
  Json by_day_service = Json::array();
  int64_t accepted = 0, refused = 0;
  for (const auto& v : d.volumes) {
    if (by_day.empty() || by_day.back()["day"] != v.day) {
      by_day.push_back({{"day", v.day}, {"accepted", 0}, {"refused", 0}});
    }
    Json& day = by_day.back();
    day["accepted"] = day["accepted"].get<int64_t>() + v.accepted;
    day["refused"] = day["refused"].get<int64_t>() + v.refused;
    by_service[v.service_code].first += v.accepted;
    by_service[v.service_code].second += v.refused;
    by_day_service.push_back({{"day", v.day},
                              {"service_code", v.service_code},
                              {"accepted", v.accepted},
                              {"refused", v.refused}});
    accepted += v.accepted;
    refused += v.refused;
  }
  Json services = Json::array();
  for (const auto& [code, n] : by_service) {
    services.push_back({{"service_code", code}, {"accepted", n.first}, {"refused", n.second}});
  }
  Json on_time = Json::array();
  int64_t done = 0, in_time = 0;
  for (const auto& o : d.on_time) {
    on_time.push_back({{"day", o.day}, {"done", o.done}, {"on_time", o.on_time}});
    done += o.done;
    in_time += o.on_time;
  }
  Json stages = Json::object();
  for (const auto& st : d.stages) stages[st.stage] = st.count;
  Json hours = Json::array();
  for (const auto& h : d.waits_by_hour) {
    hours.push_back({{"hour", h.hour},
                     {"tickets", h.tickets},
                     {"called", h.called},
                     {"mean_wait_ms", h.called == 0 ? 0 : h.wait_sum_ms / h.called},
                     {"max_wait_ms", h.max_wait_ms},
                     {"over_15_min", h.over_limit}});
  }
  Json scores = Json::array();
  int64_t rated = 0, score_sum = 0;
  for (int score = 1; score <= 5; ++score) {
    int64_t n = 0;
    for (const auto& r : d.ratings) {
      if (r.score == score) n = r.count;
    }
    scores.push_back({{"score", score}, {"count", n}});
    rated += n;
    score_sum += n * score;
  }
  Json breaches = CountsJson(d.breaches);
  reply(JsonResponse(
      200,
      {{"from", q.from},
       {"to", q.to},
       {"branch_id", d.branch_id == 0 ? Json(nullptr) : Json(d.branch_id)},
       {"provider_code", TextOrNull(q.provider_code)},
       {"service_code", TextOrNull(q.service_code)},
       {"volumes",
        {{"accepted", accepted},
         {"refused", refused},
         {"by_day", by_day},
         {"by_service", services},
         {"by_day_service", by_day_service}}},
       {"on_time",
        {{"done", done},
         {"on_time", in_time},
         {"share", done == 0 ? Json(nullptr) : Json(static_cast<double>(in_time) / done)},
         {"by_day", on_time}}},
       {"stages", stages},
       {"queue_waits_by_hour", hours},
       {"ratings",
        {{"count", rated},
         {"average", rated == 0 ? Json(nullptr) : Json(static_cast<double>(score_sum) / rated)},
         {"by_score", scores}}},
       {"breaches", breaches}}));
}

void GetLive(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Status s = QueryId(req, "branch_id", &branch_id);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::LiveNumbers n;
  s = app::GetLiveNumbersFor(app, *req.who, branch_id, &n);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, LiveJson(n)));
}

}  // namespace

std::string DashboardTopic(int64_t branch_id) {
  return branch_id == 0 ? "dashboard:all" : "dashboard:" + std::to_string(branch_id);
}

void AddDashboardRoutes(Router& router, app::App& app) {
  auto add = [&](const char* method, const char* pattern, domain::RoleSet roles,
                 void (*fn)(app::App&, Request&, const Reply&), bool blocking = false) {
    router.Add(Route{method, pattern, Access::kAuthenticated, roles, blocking, false,
                     [&app, fn](Request& req, const Reply& reply) { fn(app, req, reply); }});
  };
  add("GET", "/api/v1/breaches", kReaders, ListBreaches);
  add("GET", "/api/v1/breaches/counts", kReaders, CountBreaches);
  // Runs the detection now (it also runs every hour): reads every branch, so off the I/O threads.
  add("POST", "/api/v1/breaches/detect", Bit(Role::kAdmin), DetectNow, /*blocking=*/true);
  // A national period reads millions of rows: off the I/O threads.
  add("GET", "/api/v1/dashboard", kReaders, GetDashboard, /*blocking=*/true);
  add("GET", "/api/v1/dashboard/live", kReaders, GetLive);
  router.Add(Route{"GET", "/api/v1/dashboard/ws", Access::kAuthenticated, kReaders, false,
                   /*websocket=*/true, nullptr});
}

DashboardFeed::DashboardFeed(app::App& app, Hub& hub, Options options)
    : app_(app), hub_(hub), options_(options) {}

DashboardFeed::~DashboardFeed() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DashboardFeed::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void DashboardFeed::Loop() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(options_.period_ms),
                   [this] { return stopping_; });
      if (stopping_) return;
    }
    Tick();
  }
}

void DashboardFeed::Tick() {
  const auto topics = hub_.TopicsWithPrefix("dashboard:");
  // Forget topics nobody follows any more.
  for (auto it = sent_.begin(); it != sent_.end();) {
    it = topics.count(it->first) ? std::next(it) : sent_.erase(it);
  }
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now().time_since_epoch())
                             .count();
  for (const auto& [topic, joined] : topics) {
    int64_t branch_id = 0;
    const std::string tail = topic.substr(std::string("dashboard:").size());
    if (tail != "all" && !ParseId(tail, &branch_id).ok()) continue;
    app::LiveNumbers n;
    if (!app::GetLiveNumbers(app_, branch_id, &n).ok()) continue;
    const std::string json = LiveJson(n).dump();
    Sent& last = sent_[topic];
    if (json == last.json && joined == last.joined && now_ms - last.at_ms < options_.heartbeat_ms) {
      continue;
    }
    last = {json, joined, now_ms};
    hub_.Publish(topic, json);
  }
}

}  // namespace tereze::http
