#include "http/report_api.h"

#include "app/reports.h"
#include "core/instant.h"
#include "http/json.h"

namespace tereze::http {

namespace {

using domain::Bit;
using domain::Role;

Json FiguresJson(const domain::ReportFigures& f) {
  Json j = Json::object();
  for (const char* name : domain::kFigureNames) j[name] = *domain::FigureValue(f, name);
  j["rating_average"] = f.ratings > 0
                            ? Json(static_cast<double>(domain::RatingAverageTenths(f)) / 10)
                            : Json(nullptr);
  return j;
}

Json LineJson(const domain::ReportLine& l) {
  Json missing = Json::array();
  for (const auto& m : l.top_missing) missing.push_back({{"code", m.code}, {"count", m.count}});
  return {{"service_code", l.service_code},
          {"figures", FiguresJson(l.figures)},
          {"top_missing_documents", missing}};
}

Json ReportJson(const store::MonthlyReportRow& r) {
  return {{"id", r.id},
          {"branch_id", r.branch_id},
          {"provider_code", r.provider_code},
          {"provider_unit_id", r.provider_unit_id ? Json(r.provider_unit_id) : Json(nullptr)},
          {"month", r.month},
          {"generated_at", InstantOrNull(r.generated_at_ms)},
          {"generated_by", r.generated_by ? Json(r.generated_by) : Json(nullptr)},
          {"delivered_at", InstantOrNull(r.delivered_at_ms)},
          {"acknowledged_at", InstantOrNull(r.acknowledged_at_ms)},
          {"acknowledged_by", r.acknowledged_by ? Json(r.acknowledged_by) : Json(nullptr)},
          {"delivery_late", r.delivery_late},
          {"act_late", r.act_late},
          {"act", r.act_id ? Json{{"id", r.act_id}, {"status", r.act_status}} : Json(nullptr)},
          {"queue",
           {{"tickets", r.queue.tickets},
            {"called", r.queue.called},
            {"wait_sum_ms", r.queue.wait_sum_ms},
            {"wait_max_ms", r.queue.wait_max_ms},
            {"waited_over_15_min", r.queue.waited_over_15_min}}}};
}

Json FullReportJson(const app::ReportView& v) {
  Json j = ReportJson(v.row);
  j["provider_name"] = {{"kk", v.provider_name_kk}, {"ru", v.provider_name_ru}};
  j["provider_unit_name"] =
      v.row.provider_unit_id ? Json{{"kk", v.unit_name_kk}, {"ru", v.unit_name_ru}} : Json(nullptr);
  Json lines = Json::array();
  domain::ReportFigures total;
  for (const auto& l : v.row.lines) {
    lines.push_back(LineJson(l));
    total.Add(l.figures);
  }
  j["lines"] = lines;
  j["totals"] = FiguresJson(total);
  return j;
}

Json ActJson(const app::ActView& v) {
  Json d = Json::array();
  for (const auto& x : v.discrepancies) {
    d.push_back({{"id", x.id},
                 {"service_code", x.service_code},
                 {"figure", x.figure},
                 {"center_value", x.center_value},
                 {"provider_value", x.provider_value},
                 {"comment", x.comment},
                 {"side", x.side},
                 {"entered_by", x.entered_by},
                 {"entered_at", InstantOrNull(x.entered_at_ms)}});
  }
  return {
      {"id", v.act.id},
      {"report_id", v.act.report_id},
      {"status", v.act.status},
      {"drawn_at", InstantOrNull(v.act.drawn_at_ms)},
      {"drawn_by", v.act.drawn_by},
      {"center_signed_at", InstantOrNull(v.act.center_signed_at_ms)},
      {"center_signed_by", v.act.center_signed_by ? Json(v.act.center_signed_by) : Json(nullptr)},
      {"provider_signed_at", InstantOrNull(v.act.provider_signed_at_ms)},
      {"provider_signed_by",
       v.act.provider_signed_by ? Json(v.act.provider_signed_by) : Json(nullptr)},
      {"discrepancies", d},
      {"report", FullReportJson(v.report)}};
}

Json CentralJson(const store::CentralActRow& a) {
  Json lines = Json::array();
  for (const auto& l : a.lines) lines.push_back(LineJson(l));
  return {{"id", a.id},
          {"provider_code", a.provider_code},
          {"month", a.month},
          {"drawn_at", InstantOrNull(a.drawn_at_ms)},
          {"drawn_by", a.drawn_by},
          {"reports", a.reports},
          {"branches", a.branches},
          {"lines", lines}};
}

std::string Q(const Request& req, const char* name, const std::string& fallback = "") {
  auto it = req.query.find(name);
  return it == req.query.end() ? fallback : it->second;
}

Status MonthParam(const std::string& text, domain::Month* out) {
  auto m = domain::ParseMonth(text);
  if (!m) return Status::Malformed("invalid_month", "month is YYYY-MM");
  *out = *m;
  return Status::Ok();
}

void SendDocs(const std::vector<docs::ReportDoc>& list, const Request& req, const std::string& name,
              const Reply& reply) {
  const std::string format = Q(req, "format", "pdf"), lang = Q(req, "lang", "ru");
  std::string bytes, type;
  Status s = app::RenderDocs(list, format, lang, &bytes, &type);
  if (!s.ok()) return reply(ErrorResponse(s));
  Response r;
  r.body = std::move(bytes);
  r.content_type = type;
  r.headers.emplace_back("Content-Disposition",
                         std::string(format == "pdf" ? "inline" : "attachment") + "; filename=\"" +
                             name + "." + format + "\"");
  reply(std::move(r));
}

void ListReports(app::App& app, Request& req, const Reply& reply) {
  Page page;
  if (Status s = ParsePage(req, &page); !s.ok()) return reply(ErrorResponse(s));
  store::ReportFilter f;
  f.after_id = page.after_id;
  f.limit = page.limit;
  f.month = Q(req, "month");
  if (!f.month.empty() && !domain::ParseMonth(f.month)) {
    return reply(ErrorResponse(Status::Malformed("invalid_month", "month is YYYY-MM")));
  }
  if (auto b = Q(req, "branch_id"); !b.empty()) {
    if (Status s = ParseId(b, &f.branch_id); !s.ok()) return reply(ErrorResponse(s));
  }
  f.provider_code = Q(req, "provider_code");
  std::vector<store::MonthlyReportRow> rows;
  Status s = app::ListReports(app, *req.who, f, &rows);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& r : rows) items.push_back(ReportJson(r));
  reply(JsonResponse(
      200, {{"items", items},
            {"next_cursor", NextCursor(rows.size(), page, rows.empty() ? 0 : rows.back().id)}}));
}

void GetReport(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  app::ReportView v;
  if (Status s = app::GetReport(app, *req.who, id, &v); !s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, FullReportJson(v)));
}

void ReportDocument(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  app::ReportView v;
  if (Status s = app::GetReport(app, *req.who, id, &v); !s.ok()) return reply(ErrorResponse(s));
  const std::string lang = Q(req, "lang", "ru");
  SendDocs({app::DocOfReport(app, v, lang)}, req, "report-" + std::to_string(id), reply);
}

void Acknowledge(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  app::AcknowledgeReport(app, *req.who, id,
                         [&app, who = *req.who, reply](const Status& st, int64_t id) {
                           if (!st.ok()) return reply(ErrorResponse(st));
                           app::ReportView v;
                           Status s = app::GetReport(app, who, id, &v);
                           if (!s.ok()) return reply(ErrorResponse(s));
                           reply(JsonResponse(200, FullReportJson(v)));
                         });
}

void Generate(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::optional<std::string> month_text;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"month"});
  if (s.ok()) s = GetString(body, "month", &month_text);
  if (s.ok() && !month_text) s = Status::Malformed("missing_field", "month is required");
  domain::Month month;
  if (s.ok()) s = MonthParam(*month_text, &month);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::MonthlyRun run;
  s = app::GenerateMonth(app, &*req.who, month, 2, &run);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, {{"month", month.ToString()},
                           {"generated", run.generated},
                           {"delivered", run.delivered},
                           {"flagged", run.flagged}}));
}

void ReplyAct(app::App& app, const app::Principal& who, int64_t id, unsigned status,
              const Reply& reply) {
  app::ActView v;
  Status s = app::GetAct(app, who, id, &v);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(status, ActJson(v)));
}

void DrawAct(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  app::DrawAct(app, *req.who, id, [&app, who = *req.who, reply](const Status& st, int64_t act) {
    if (!st.ok()) return reply(ErrorResponse(st));
    ReplyAct(app, who, act, 201, reply);
  });
}

void GetAct(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  ReplyAct(app, *req.who, id, 200, reply);
}

void ActDocument(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  app::ActView v;
  if (Status s = app::GetAct(app, *req.who, id, &v); !s.ok()) return reply(ErrorResponse(s));
  SendDocs({app::DocOfAct(app, v, Q(req, "lang", "ru"))}, req, "act-" + std::to_string(id), reply);
}

void AddDiscrepancy(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  Json body;
  std::optional<std::string> service, figure, comment;
  std::optional<int64_t> value;
  Status s = ParseObject(req.body, &body);
  if (s.ok())
    s = RejectUnknownFields(body, {"service_code", "figure", "provider_value", "comment"});
  if (s.ok()) s = GetString(body, "service_code", &service);
  if (s.ok()) s = GetString(body, "figure", &figure);
  if (s.ok()) s = GetString(body, "comment", &comment);
  if (s.ok()) s = GetInt(body, "provider_value", &value);
  if (s.ok() && (!service || !figure || !value)) {
    s = Status::Malformed("missing_field", "service_code, figure and provider_value are required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::DiscrepancyInput in{*service, *figure, comment.value_or(""), *value};
  app::AddDiscrepancy(app, *req.who, id, in,
                      [&app, who = *req.who, id, reply](const Status& st, int64_t) {
                        if (!st.ok()) return reply(ErrorResponse(st));
                        ReplyAct(app, who, id, 201, reply);
                      });
}

void Sign(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  app::SignAct(app, *req.who, id, [&app, who = *req.who, reply](const Status& st, int64_t id) {
    if (!st.ok()) return reply(ErrorResponse(st));
    ReplyAct(app, who, id, 200, reply);
  });
}

void DrawCentral(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::optional<std::string> provider, month_text;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"provider_code", "month"});
  if (s.ok()) s = GetString(body, "provider_code", &provider);
  if (s.ok()) s = GetString(body, "month", &month_text);
  if (s.ok() && (!provider || !month_text)) {
    s = Status::Malformed("missing_field", "provider_code and month are required");
  }
  domain::Month month;
  if (s.ok()) s = MonthParam(*month_text, &month);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::DrawCentralAct(app, *req.who, *provider, month,
                      [&app, who = *req.who, reply](const Status& st, int64_t id) {
                        if (!st.ok()) return reply(ErrorResponse(st));
                        store::CentralActRow a;
                        Status s = app::GetCentralAct(app, who, id, &a);
                        if (!s.ok()) return reply(ErrorResponse(s));
                        reply(JsonResponse(201, CentralJson(a)));
                      });
}

void ListCentral(app::App& app, Request& req, const Reply& reply) {
  const std::string month = Q(req, "month");
  if (!month.empty() && !domain::ParseMonth(month)) {
    return reply(ErrorResponse(Status::Malformed("invalid_month", "month is YYYY-MM")));
  }
  std::vector<store::CentralActRow> rows;
  Status s = app.db().Read(
      [&](store::Connection& db) { return store::ListCentralActs(db, month, &rows); });
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& a : rows) items.push_back(CentralJson(a));
  reply(JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}}));
}

void GetCentral(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  store::CentralActRow a;
  if (Status s = app::GetCentralAct(app, *req.who, id, &a); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  reply(JsonResponse(200, CentralJson(a)));
}

void CentralDocument(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  store::CentralActRow a;
  if (Status s = app::GetCentralAct(app, *req.who, id, &a); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  SendDocs({app::DocOfCentralAct(app, a, Q(req, "lang", "ru"))}, req,
           "central-act-" + std::to_string(id), reply);
}

}  // namespace

// The quality-assessment export's JSON and CSV (docs/quality_export.md).
void QualityExportHandler(app::App& app, Request& req, const Reply& reply) {
  domain::Month month;
  if (Status s = MonthParam(Q(req, "month"), &month); !s.ok()) return reply(ErrorResponse(s));
  const std::string format = Q(req, "format", "json");
  if (format != "json" && format != "csv") {
    return reply(ErrorResponse(Status::Malformed("invalid_format", "format is json or csv")));
  }
  std::vector<app::QualityRow> rows;
  Status s = app::QualityExport(app.db(), month, 2, nullptr, &rows);
  if (!s.ok()) return reply(ErrorResponse(s));
  Response r;
  if (format == "json") {
    Json items = Json::array();
    for (const auto& q : rows) {
      Json j = {{"branch_id", q.branch_id},
                {"branch_code", q.branch_code},
                {"region", q.region},
                {"provider_code", q.provider_code},
                {"service_code", q.service_code}};
      const Json figures = FiguresJson(q.figures);
      for (auto it = figures.begin(); it != figures.end(); ++it) j[it.key()] = it.value();
      items.push_back(std::move(j));
    }
    r.body = Json{
        {"schema", "tereze.quality_export.v1"},
        {"month", month.ToString()},
        {"generated_at", FormatInstantUtc(app.clock().NowMs())},
        {"rows",
         items}}.dump();
  } else {
    std::string out = "branch_id,branch_code,region,provider_code,service_code";
    for (const char* name : domain::kFigureNames) out += std::string(",") + name;
    out += ",rating_average\r\n";
    for (const auto& q : rows) {
      out += std::to_string(q.branch_id) + "," + q.branch_code + "," + q.region + "," +
             q.provider_code + "," + q.service_code;
      for (const char* name : domain::kFigureNames) {
        out += "," + std::to_string(*domain::FigureValue(q.figures, name));
      }
      const int64_t t = domain::RatingAverageTenths(q.figures);
      out += "," + (q.figures.ratings ? std::to_string(t / 10) + "." + std::to_string(t % 10) : "");
      out += "\r\n";
    }
    r.body = std::move(out);
    r.content_type = "text/csv; charset=utf-8";
  }
  reply(std::move(r));
}

void AddReportRoutes(Router& router, app::App& app) {
  constexpr domain::RoleSet kCentral = Bit(Role::kCentralOffice);
  constexpr domain::RoleSet kCentralReaders =
      Bit(Role::kCentralOffice) | Bit(Role::kAuditor) | Bit(Role::kAdmin);
  constexpr domain::RoleSet kReaders =
      kCentralReaders | Bit(Role::kBranchManager) | Bit(Role::kProviderOfficer);
  constexpr domain::RoleSet kSigners =
      Bit(Role::kCentralOffice) | Bit(Role::kBranchManager) | Bit(Role::kProviderOfficer);
  constexpr domain::RoleSet kCenter = Bit(Role::kCentralOffice) | Bit(Role::kBranchManager);
  constexpr domain::RoleSet kQuality = Bit(Role::kCentralOffice) | Bit(Role::kAuditor);
  auto add = [&](const char* method, const char* pattern, domain::RoleSet roles,
                 void (*fn)(app::App&, Request&, const Reply&), bool blocking = false) {
    router.Add(Route{method, pattern, Access::kAuthenticated, roles, blocking, false,
                     [&app, fn](Request& req, const Reply& reply) { fn(app, req, reply); }});
  };
  add("GET", "/api/v1/reports", kReaders, ListReports);
  add("POST", "/api/v1/reports/generate", kCentral, Generate, true);
  add("GET", "/api/v1/reports/{id}", kReaders, GetReport);
  add("GET", "/api/v1/reports/{id}/document", kReaders, ReportDocument, true);
  add("POST", "/api/v1/reports/{id}/acknowledge", Bit(Role::kProviderOfficer), Acknowledge);
  add("POST", "/api/v1/reports/{id}/act", kCenter, DrawAct);
  add("GET", "/api/v1/reconciliation-acts/{id}", kReaders, GetAct);
  add("GET", "/api/v1/reconciliation-acts/{id}/document", kReaders, ActDocument, true);
  add("POST", "/api/v1/reconciliation-acts/{id}/discrepancies", kSigners, AddDiscrepancy);
  add("POST", "/api/v1/reconciliation-acts/{id}/sign", kSigners, Sign);
  add("GET", "/api/v1/central-acts", kCentralReaders, ListCentral);
  add("POST", "/api/v1/central-acts", kCentral, DrawCentral);
  add("GET", "/api/v1/central-acts/{id}", kCentralReaders, GetCentral);
  add("GET", "/api/v1/central-acts/{id}/document", kCentralReaders, CentralDocument, true);
  add("GET", "/api/v1/quality-export", kQuality, QualityExportHandler, true);
}

}  // namespace tereze::http
