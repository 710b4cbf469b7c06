#include "http/movement_api.h"

#include "app/issuance.h"
#include "app/monitoring.h"
#include "app/movement_docs.h"
#include "app/registers.h"
#include "app/scans.h"
#include "core/instant.h"
#include "domain/barcode.h"
#include "domain/masking.h"
#include "domain/register.h"
#include "http/json.h"

namespace tereze::http {

namespace {

using domain::Bit;
using domain::Role;

Json TextOrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::string BarcodeOf(int64_t application_id) {
  return domain::MakeBarcode(domain::BarcodeKind::kApplication, application_id);
}

// A package as the movement screens list it: no personal data but a masked name.
Json PackageJson(const store::Package& p) {
  return {{"application_id", p.id},
          {"barcode", BarcodeOf(p.id)},
          {"service_code", p.service_code},
          {"provider_code", p.provider_code},
          {"stage", p.stage},
          {"applicant", domain::MaskName(p.applicant_full_name)},
          {"accepted_at", FormatInstantUtc(p.accepted_at_ms)},
          {"accepted_on", p.accepted_on},
          {"issue_date", TextOrNull(p.issue_date)},
          {"provider_deadline", TextOrNull(p.provider_deadline)},
          {"outcome", TextOrNull(p.outcome)},
          {"result_form", TextOrNull(p.result_form)},
          {"refusal_reason", TextOrNull(p.refusal_reason)},
          {"received_on", TextOrNull(p.received_on)},
          {"late", p.late},
          {"shelf", TextOrNull(p.shelf)},
          {"at_issuance_on", TextOrNull(p.at_issuance_on)},
          {"keep_until", TextOrNull(p.keep_until)},
          {"returned_after", p.returned_after},
          {"issued_at", InstantOrNull(p.issued_at_ms)},
          {"recipient", TextOrNull(domain::MaskName(p.recipient_name))}};
}

Json RegisterJson(const app::RegisterView& v) {
  const store::RegisterRow& r = v.row;
  Json j = {{"id", r.id},
            {"number", v.number},
            {"barcode", v.barcode},
            {"kind", r.kind},
            {"status", r.status},
            {"branch_id", r.branch_id},
            {"provider_code", r.provider_code},
            {"provider_name", {{"kk", v.provider_name.kk}, {"ru", v.provider_name.ru}}},
            {"direction", nullptr},
            {"method", TextOrNull(r.method)},
            {"courier", nullptr},
            {"formed_by", TextOrNull(v.formed_by_name)},
            {"formed_at", InstantOrNull(r.formed_at_ms)},
            {"dispatched_at", InstantOrNull(r.dispatched_at_ms)},
            {"acknowledged_at", InstantOrNull(r.acknowledged_at_ms)},
            {"received_at", InstantOrNull(r.received_at_ms)},
            {"line_count", r.line_count}};
  if (r.direction_id != 0) j["direction"] = {{"id", r.direction_id}, {"name", v.direction_name}};
  if (r.courier_id != 0) j["courier"] = {{"id", r.courier_id}, {"full_name", v.courier_name}};
  return j;
}

// Answers with the register as it is now (after a change committed).
void ReplyRegister(app::App& app, const app::Principal& who, int64_t id, unsigned status,
                   Json extra, const Reply& reply) {
  app::RegisterView v;
  Status s = app::GetRegister(app, who, id, true, &v);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json j = RegisterJson(v);
  Json lines = Json::array();
  for (const auto& p : v.lines) lines.push_back(PackageJson(p));
  j["lines"] = lines;
  if (extra.is_object()) {
    extra["register"] = j;
    return reply(JsonResponse(status, extra));
  }
  reply(JsonResponse(status, j));
}

void PublishBranch(app::App& app, int64_t branch_id, const Json& event) {
  app.Publish("branch:" + std::to_string(branch_id), event.dump());
}

// POST /api/v1/scans {"barcode", "action", "shelf"?}: a scanner types digits and Enter.
void Scan(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::optional<std::string> barcode, action, shelf;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"barcode", "action", "shelf"});
  if (s.ok()) s = GetString(body, "barcode", &barcode);
  if (s.ok()) s = GetString(body, "action", &action);
  if (s.ok()) s = GetString(body, "shelf", &shelf);
  if (s.ok() && (!barcode || !action)) {
    s = Status::Malformed("missing_field", "barcode and action are required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::ScanBarcode(
      app, *req.who, *barcode, *action, shelf.value_or(""),
      [reply, &app](const Status& st, const app::ScanResult& r) {
        if (!st.ok()) {
          Json details = nullptr;
          if (st.code() == "wrong_stage" && !r.whole_register && r.application_id != 0) {
            details = {{"stage", domain::ToString(r.stage)}};
          }
          if (st.code() == "wrong_stage" && r.whole_register) {
            details = {{"status", r.register_status}};
          }
          return reply(ErrorResponse(st, details));
        }
        if (r.whole_register) {
          return reply(JsonResponse(r.repeated ? 200 : 201, {{"register_id", r.register_id},
                                                             {"barcode", r.barcode},
                                                             {"status", r.register_status},
                                                             {"lines", r.lines},
                                                             {"moved", r.moved},
                                                             {"repeated", r.repeated}}));
        }
        Json j = {{"application_id", r.application_id},
                  {"barcode", r.barcode},
                  {"stage", domain::ToString(r.stage)},
                  {"repeated", r.repeated},
                  {"direction", nullptr},
                  {"register", nullptr}};
        if (r.direction_id != 0) {
          j["direction"] = {{"id", r.direction_id}, {"name", r.direction_name}};
        }
        if (r.register_id != 0) {
          j["register"] = {{"id", r.register_id}, {"number", r.register_number}};
        }
        if (!r.repeated) {
          PublishBranch(app, r.branch_id,
                        {{"type", "scan"},
                         {"application_id", r.application_id},
                         {"stage", domain::ToString(r.stage)}});
        }
        reply(JsonResponse(r.repeated ? 200 : 201, j));
      });
}

// POST /api/v1/scans/batch {"action", "barcodes", "shelf"?}: a stack scanned at one station,
// or a scanner's buffer sent when it is back in range; each barcode has its own outcome.
void ScanStack(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::optional<std::string> action, shelf;
  std::optional<std::vector<std::string>> barcodes;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"barcodes", "action", "shelf"});
  if (s.ok()) s = GetStringArray(body, "barcodes", &barcodes);
  if (s.ok()) s = GetString(body, "action", &action);
  if (s.ok()) s = GetString(body, "shelf", &shelf);
  if (s.ok() && (!barcodes || !action)) {
    s = Status::Malformed("missing_field", "barcodes and action are required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::ScanBatch(
      app, *req.who, *barcodes, *action, shelf.value_or(""),
      [reply](const Status& st, const std::vector<app::BatchItem>& items) {
        if (!st.ok()) return reply(ErrorResponse(st));
        Json out = Json::array();
        int64_t moved = 0;
        for (const auto& item : items) {
          const app::ScanResult& r = item.result;
          Json j = {{"barcode", r.barcode}, {"application_id", r.application_id}};
          if (!item.status.ok()) {
            j["status"] = HttpStatusOf(item.status);
            j["error"] = {{"code", item.status.code()}, {"message", item.status.message()}};
            if (item.status.code() == "wrong_stage") j["stage"] = domain::ToString(r.stage);
          } else {
            j["status"] = r.repeated ? 200 : 201;
            j["stage"] = domain::ToString(r.stage);
            j["repeated"] = r.repeated;
            if (!r.repeated) ++moved;
          }
          out.push_back(std::move(j));
        }
        reply(JsonResponse(200, {{"items", out}, {"moved", moved}}));
      });
}

// GET /api/v1/barcodes/{barcode}: what a barcode names (screens cannot invert the bijection).
void Barcode(app::App&, Request& req, const Reply& reply) {
  domain::ParsedBarcode parsed;
  if (Status s = domain::ParseBarcode(req.params[0], &parsed); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  const char* kind = parsed.kind == domain::BarcodeKind::kApplication ? "application"
                     : parsed.kind == domain::BarcodeKind::kRefusal   ? "refusal"
                                                                      : "register";
  reply(JsonResponse(200, {{"kind", kind}, {"id", parsed.id}}));
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

// --- registers (R33, R35) -------------------------------------------------------------------

void FormRegister(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::optional<int64_t> branch_id;
  std::optional<std::string> provider;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"branch_id", "provider_code"});
  if (s.ok()) s = GetInt(body, "branch_id", &branch_id);
  if (s.ok()) s = GetString(body, "provider_code", &provider);
  if (s.ok() && (!branch_id || !provider)) {
    s = Status::Malformed("missing_field", "branch_id and provider_code are required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::FormRegister(app, *req.who, *branch_id, *provider,
                    [&app, who = *req.who, reply](const Status& st, int64_t id) {
                      if (!st.ok()) return reply(ErrorResponse(st));
                      ReplyRegister(app, who, id, 201, nullptr, reply);
                    });
}

void ListRegisters(app::App& app, Request& req, const Reply& reply) {
  store::RegisterFilter f;
  if (auto it = req.query.find("branch_id"); it != req.query.end()) {
    if (Status s = ParseId(it->second, &f.branch_id); !s.ok()) return reply(ErrorResponse(s));
  }
  if (auto it = req.query.find("kind"); it != req.query.end()) f.kind = it->second;
  if (auto it = req.query.find("status"); it != req.query.end()) f.status = it->second;
  if (!f.kind.empty() && !domain::ParseRegisterKind(f.kind)) {
    return reply(ErrorResponse(
        Status::Malformed("invalid_field", "kind: outgoing, results or unclaimed_return")));
  }
  if (!f.status.empty() && !domain::ParseRegisterStatus(f.status)) {
    return reply(ErrorResponse(Status::Malformed(
        "invalid_field", "status: formed, dispatched, acknowledged, received or rejected")));
  }
  std::vector<app::RegisterView> rows;
  if (Status s = app::ListRegisters(app, *req.who, f, &rows); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  Json items = Json::array();
  for (const auto& v : rows) items.push_back(RegisterJson(v));
  reply(JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}}));
}

void GetRegister(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  ReplyRegister(app, *req.who, id, 200, nullptr, reply);
}

// The answer of an action on a whole register: the register as it is now.
auto RegisterMoveReply(app::App& app, const app::Principal& who, const Reply& reply) {
  return [&app, who, reply](const Status& st, const app::RegisterMove& m) {
    if (!st.ok()) return reply(ErrorResponse(st));
    ReplyRegister(app, who, m.register_id, 200,
                  {{"repeated", m.repeated}, {"lines", m.lines}, {"moved", m.moved}}, reply);
  };
}

void DispatchRegister(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  Json body;
  std::optional<std::string> method;
  std::optional<int64_t> courier_id;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"method", "courier_id"});
  if (s.ok()) s = GetString(body, "method", &method);
  if (s.ok()) s = GetInt(body, "courier_id", &courier_id);
  if (s.ok() && !method) s = Status::Malformed("missing_field", "method is required");
  if (!s.ok()) return reply(ErrorResponse(s));
  app::DispatchRegister(app, *req.who, id, *method, courier_id.value_or(0),
                        RegisterMoveReply(app, *req.who, reply));
}

void AcknowledgeRegister(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  Json body;
  Status s = ParseObject(req.body.empty() ? "{}" : req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {});
  if (!s.ok()) return reply(ErrorResponse(s));
  app::AcknowledgeRegister(app, *req.who, id, RegisterMoveReply(app, *req.who, reply));
}

void ProviderResults(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::optional<int64_t> branch_id;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"branch_id", "items"});
  if (s.ok()) s = GetInt(body, "branch_id", &branch_id);
  if (s.ok() && !branch_id) s = Status::Malformed("missing_field", "branch_id is required");
  std::vector<app::ProviderDecision> decisions;
  if (s.ok()) {
    auto it = body.find("items");
    if (it == body.end() || !it->is_array()) {
      s = Status::Malformed("missing_field", "items: an array of decisions");
    } else if (it->size() > domain::kMaxRegisterLines) {
      s = Status::Malformed("invalid_field", "items: at most 500");
    } else {
      for (const auto& item : *it) {
        if (!s.ok()) break;
        if (!item.is_object()) {
          s = Status::Malformed("invalid_field", "items: objects");
          break;
        }
        s = RejectUnknownFields(
            item, {"barcode", "outcome", "form", "reason", "certificate_valid_until"});
        std::optional<std::string> barcode, outcome, form, reason, valid_until;
        if (s.ok()) s = GetString(item, "barcode", &barcode);
        if (s.ok()) s = GetString(item, "outcome", &outcome);
        if (s.ok()) s = GetString(item, "form", &form);
        if (s.ok()) s = GetString(item, "reason", &reason);
        if (s.ok()) s = GetString(item, "certificate_valid_until", &valid_until);
        if (s.ok() && (!barcode || !outcome)) {
          s = Status::Malformed("missing_field", "items[]: barcode and outcome are required");
        }
        if (s.ok()) {
          decisions.push_back({*barcode, *outcome, form.value_or(""), reason.value_or(""),
                               valid_until.value_or("")});
        }
      }
    }
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::SubmitProviderResults(app, *req.who, *branch_id, std::move(decisions),
                             [&app, who = *req.who, reply](const Status& st, int64_t id) {
                               if (!st.ok()) return reply(ErrorResponse(st));
                               ReplyRegister(app, who, id, 201, nullptr, reply);
                             });
}

void ReceiveRegister(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  Json body;
  std::optional<std::vector<std::string>> barcodes;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"barcodes"});
  if (s.ok()) s = GetStringArray(body, "barcodes", &barcodes);
  if (s.ok() && !barcodes) s = Status::Malformed("missing_field", "barcodes: what was scanned");
  if (!s.ok()) return reply(ErrorResponse(s));
  app::ReceiveRegister(
      app, *req.who, id, std::move(*barcodes),
      [&app, who = *req.who, reply](const Status& st, const app::Reception& r) {
        if (!st.ok()) return reply(ErrorResponse(st));
        Json extra = {{"accepted", r.accepted}, {"late", r.late}, {"act", nullptr}};
        if (!r.accepted) {
          Json missing = Json::array();
          for (int64_t m : r.act.missing) missing.push_back(BarcodeOf(m));
          extra["act"] = {
              {"id", r.act.id}, {"seq", r.act.seq}, {"missing", missing}, {"extra", r.act.extra}};
        }
        ReplyRegister(app, who, r.register_id, 200, extra, reply);
      });
}

// R33, R35: the printed register (two copies) and the act of refusal.
void Pdf(Request& req, const Reply& reply, const std::string& name,
         const std::function<Status(int64_t, const std::string&, std::string*)>& render) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  std::string lang = req.query.count("lang") ? req.query.at("lang") : "ru";
  std::string pdf;
  if (Status s = render(id, lang, &pdf); !s.ok()) return reply(ErrorResponse(s));
  reply(PdfResponse(std::move(pdf), name + "-" + std::to_string(id) + "-" + lang + ".pdf"));
}

void RegisterPdf(app::App& app, Request& req, const Reply& reply) {
  Pdf(req, reply, "register", [&](int64_t id, const std::string& lang, std::string* pdf) {
    return app::RenderRegister(app, *req.who, id, lang, pdf);
  });
}

void ActPdf(app::App& app, Request& req, const Reply& reply) {
  Pdf(req, reply, "act", [&](int64_t id, const std::string& lang, std::string* pdf) {
    return app::RenderAct(app, *req.who, id, lang, pdf);
  });
}

// --- issuance (R18.8, R24, R25) -----------------------------------------------------------

int64_t BranchParam(Request& req, Status* s) {
  int64_t id = 0;
  *s = ParseId(req.params[0], &id);
  return id;
}

void Shelf(app::App& app, Request& req, const Reply& reply, bool expiring) {
  Status s;
  int64_t branch_id = BranchParam(req, &s);
  if (!s.ok()) return reply(ErrorResponse(s));
  int days = -1;
  if (expiring) {
    days = 7;
    if (auto it = req.query.find("expiring_within_days"); it != req.query.end()) {
      int64_t d = 0;
      if (!ParseId(it->second, &d).ok() || d > 366) {
        return reply(
            ErrorResponse(Status::Malformed("invalid_field", "expiring_within_days: 1 to 366")));
      }
      days = static_cast<int>(d);
    }
  }
  std::vector<store::Package> rows;
  if (s = app::ListShelf(app, *req.who, branch_id, days, &rows); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  Json items = Json::array();
  for (const auto& p : rows) items.push_back(PackageJson(p));
  reply(JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}}));
}

void Deadlines(app::App& app, Request& req, const Reply& reply) {
  Status s;
  int64_t branch_id = BranchParam(req, &s);
  if (!s.ok()) return reply(ErrorResponse(s));
  std::string provider = req.query.count("provider_code") ? req.query.at("provider_code") : "";
  app::DeadlineReport report;
  if (s = app::ListDeadlines(app, *req.who, branch_id, provider, &report); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  auto list = [](const std::vector<app::DeadlineItem>& items) {
    Json out = Json::array();
    for (const auto& i : items) {
      Json j = PackageJson(i.package);
      j["reason"] = domain::ToString(i.state);
      out.push_back(j);
    }
    return out;
  };
  reply(JsonResponse(200, {{"late", list(report.late)},
                           {"due_soon", list(report.due_soon)},
                           {"on_time", {{"done", report.done}, {"on_time", report.on_time}}}}));
}

void MissedDispatches(app::App& app, Request& req, const Reply& reply) {
  Status s;
  int64_t branch_id = BranchParam(req, &s);
  if (!s.ok()) return reply(ErrorResponse(s));
  auto it = req.query.find("date");
  if (it == req.query.end()) {
    return reply(ErrorResponse(Status::Malformed("missing_field", "date: YYYY-MM-DD")));
  }
  std::vector<store::Package> rows;
  if (s = app::ListMissedDispatches(app, *req.who, branch_id, it->second, &rows); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  Json items = Json::array();
  for (const auto& p : rows) items.push_back(PackageJson(p));
  reply(JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}}));
}

void GetRounds(app::App& app, Request& req, const Reply& reply) {
  Status s;
  int64_t branch_id = BranchParam(req, &s);
  if (!s.ok()) return reply(ErrorResponse(s));
  std::vector<std::string> rounds;
  if (s = app::GetDispatchRounds(app, *req.who, branch_id, &rounds); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  reply(JsonResponse(200, {{"rounds", rounds}}));
}

void PutRounds(app::App& app, Request& req, const Reply& reply) {
  Status s;
  int64_t branch_id = BranchParam(req, &s);
  Json body;
  std::optional<std::vector<std::string>> rounds;
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"rounds"});
  if (s.ok()) s = GetStringArray(body, "rounds", &rounds);
  if (s.ok() && !rounds) s = Status::Malformed("missing_field", "rounds is required");
  if (!s.ok()) return reply(ErrorResponse(s));
  app::SetDispatchRounds(app, *req.who, branch_id, *rounds,
                         [&app, who = *req.who, branch_id, reply](const Status& st, bool) {
                           if (!st.ok()) return reply(ErrorResponse(st));
                           std::vector<std::string> now;
                           Status s2 = app::GetDispatchRounds(app, who, branch_id, &now);
                           if (!s2.ok()) return reply(ErrorResponse(s2));
                           reply(JsonResponse(200, {{"rounds", now}}));
                         });
}

}  // namespace

void AddMovementRoutes(Router& router, app::App& app) {
  constexpr domain::RoleSet kScanners = Bit(Role::kCollection) | Bit(Role::kCourier) |
                                        Bit(Role::kProviderOfficer) | Bit(Role::kIssuance);
  constexpr domain::RoleSet kWatchers = Bit(Role::kCollection) | Bit(Role::kBranchManager) |
                                        Bit(Role::kCentralOffice) | Bit(Role::kAuditor);
  constexpr domain::RoleSet kRegisterReaders = kScanners | kWatchers;
  constexpr domain::RoleSet kShelfReaders = Bit(Role::kIssuance) | Bit(Role::kBranchManager) |
                                            Bit(Role::kCentralOffice) | Bit(Role::kAuditor);
  constexpr domain::RoleSet kReception = Bit(Role::kIssuance) | Bit(Role::kCollection);
  constexpr domain::RoleSet kRoundSetters = Bit(Role::kBranchManager) | Bit(Role::kAdmin);
  auto add = [&](const char* method, const char* pattern, domain::RoleSet roles,
                 std::function<void(app::App&, Request&, const Reply&)> fn) {
    router.Add(Route{method, pattern, Access::kAuthenticated, roles, false, false,
                     [&app, fn](Request& req, const Reply& reply) { fn(app, req, reply); }});
  };
  add("POST", "/api/v1/scans", kScanners, Scan);
  add("POST", "/api/v1/scans/batch", kScanners, ScanStack);
  add("GET", "/api/v1/barcodes/{barcode}", domain::kAllRoles, Barcode);
  add("GET", "/api/v1/branches/{id}/uncollected", kWatchers, Uncollected);
  add("POST", "/api/v1/registers", Bit(Role::kCollection), FormRegister);
  add("GET", "/api/v1/registers", kRegisterReaders, ListRegisters);
  add("GET", "/api/v1/registers/{id}", kRegisterReaders, GetRegister);
  add("POST", "/api/v1/registers/{id}/dispatch", Bit(Role::kCollection) | Bit(Role::kCourier),
      DispatchRegister);
  add("POST", "/api/v1/registers/{id}/acknowledge", Bit(Role::kProviderOfficer),
      AcknowledgeRegister);
  add("POST", "/api/v1/registers/{id}/receive", kReception, ReceiveRegister);
  add("GET", "/api/v1/registers/{id}/register.pdf", kRegisterReaders, RegisterPdf);
  add("GET", "/api/v1/acts/{id}/act.pdf", kRegisterReaders, ActPdf);
  add("POST", "/api/v1/provider/results", Bit(Role::kProviderOfficer), ProviderResults);
  add("GET", "/api/v1/branches/{id}/shelf", kShelfReaders,
      [](app::App& a, Request& r, const Reply& rep) { Shelf(a, r, rep, false); });
  add("GET", "/api/v1/branches/{id}/storage", kShelfReaders,
      [](app::App& a, Request& r, const Reply& rep) { Shelf(a, r, rep, true); });
  add("GET", "/api/v1/branches/{id}/deadlines", kWatchers, Deadlines);
  add("GET", "/api/v1/branches/{id}/missed-dispatches", kWatchers, MissedDispatches);
  add("GET", "/api/v1/branches/{id}/dispatch-rounds", kWatchers | Bit(Role::kAdmin), GetRounds);
  add("PUT", "/api/v1/branches/{id}/dispatch-rounds", kRoundSetters, PutRounds);
}

}  // namespace tereze::http
