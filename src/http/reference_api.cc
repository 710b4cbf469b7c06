#include "http/reference_api.h"

#include "app/branches.h"
#include "app/catalog.h"
#include "codec/catalog_json.h"
#include "core/iin.h"
#include "core/instant.h"
#include "core/local_date.h"
#include "core/zone.h"
#include "docs/checklist_pdf.h"
#include "domain/calendar.h"
#include "domain/catalog.h"
#include "http/json.h"
#include "store/branches.h"

namespace tereze::http {

namespace {

constexpr size_t kMaxQueryBytes = 200;
// A national catalog is about a thousand services of a few KiB each.
constexpr size_t kMaxCatalogBytes = 16 << 20;

// The year whose МРП prices a fee today: the local year in the default zone
// (around New Year the UTC year is five hours behind).
int CurrentYear(const app::App& app) {
  LocalDate today;
  if (!LocalDateIn(domain::Branch().time_zone, app.clock().NowMs(), &today).ok()) {
    return std::stoi(FormatInstantUtc(app.clock().NowMs()).substr(0, 4));
  }
  return today.year();
}

// GET /api/v1/services?q=&lang=&limit=&cursor= — search by name in kk, ru or
// en (or the one `lang` names), case-insensitive with Kazakh letters.
void ListServices(app::App& app, Request& req, const Reply& reply) {
  Page page;
  if (Status s = ParsePage(req, &page); !s.ok()) return reply(ErrorResponse(s));
  std::string q = req.query.count("q") ? req.query["q"] : "";
  if (q.size() > kMaxQueryBytes) {
    return reply(ErrorResponse(Status::Malformed("invalid_query", "q is at most 200 bytes")));
  }
  std::string lang = req.query.count("lang") ? req.query["lang"] : "";
  if (!lang.empty() && lang != "kk" && lang != "ru" && lang != "en") {
    return reply(ErrorResponse(Status::Malformed("invalid_lang", "lang is kk, ru or en")));
  }
  app::CatalogSnapshot snap = app.catalog().Current();
  Json items = Json::array();
  int64_t last_code = 0;
  for (const domain::Service* s : domain::SearchServices(*snap.catalog, q, lang)) {
    int64_t code = std::stoll(s->code);
    if (code <= page.after_id) continue;
    if (static_cast<int>(items.size()) == page.limit) break;
    items.push_back(
        {{"code", s->code},
         {"name", {{"kk", s->name.kk}, {"ru", s->name.ru}, {"en", s->name.en}}},
         {"kind", domain::ToString(s->kind)},
         {"provider", s->provider_code},
         {"term", {{"value", s->term.value}, {"unit", domain::ToString(s->term.unit)}}}});
    last_code = code;
  }
  reply(JsonResponse(200, {{"catalog_version", snap.version_id},
                           {"items", items},
                           {"next_cursor", NextCursor(items.size(), page, last_code)}}));
}

void GetService(app::App& app, Request& req, const Reply& reply) {
  const std::string& code = req.params[0];
  bool digits = code.size() == 8 && code.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) {
    return reply(
        ErrorResponse(Status::Malformed("invalid_service_code", "a service code is 8 digits")));
  }
  app::CatalogSnapshot snap = app.catalog().Current();
  for (const domain::Service& s : snap.catalog->services) {
    if (s.code != code) continue;
    Json body = Json::parse(codec::EncodeService(s, *snap.catalog, CurrentYear(app)));
    body["catalog_version"] = snap.version_id;
    for (const auto& p : snap.catalog->providers) {
      if (p.code == s.provider_code) {
        body["provider_name"] = {{"kk", p.name.kk}, {"ru", p.name.ru}, {"en", p.name.en}};
      }
    }
    return reply(JsonResponse(200, body));
  }
  reply(ErrorResponse(Status::NotFound("service_not_found", "no service " + code)));
}

// GET /api/v1/services/{code}/checklist.pdf?lang=kk|ru[&branch_id=]: the
// printable list of required documents of R20, dated in the branch's zone.
void Checklist(app::App& app, Request& req, const Reply& reply) {
  std::string lang = req.query.count("lang") ? req.query["lang"] : "ru";
  if (lang != "kk" && lang != "ru") {
    return reply(ErrorResponse(Status::Malformed("invalid_lang", "lang is kk or ru (R19)")));
  }
  app::CatalogSnapshot snap = app.catalog().Current();
  const domain::Service* service = nullptr;
  for (const auto& s : snap.catalog->services) {
    if (s.code == req.params[0]) service = &s;
  }
  if (service == nullptr) {
    return reply(ErrorResponse(Status::NotFound("service_not_found", "no such service")));
  }
  domain::Branch branch;
  branch.name_kk = "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы";
  branch.name_ru = "Государственная корпорация «Правительство для граждан»";
  if (auto it = req.query.find("branch_id"); it != req.query.end()) {
    int64_t id = 0;
    if (Status s = ParseId(it->second, &id); !s.ok()) return reply(ErrorResponse(s));
    Status s =
        app.db().Read([&](store::Connection& db) { return store::FindBranch(db, id, &branch); });
    if (!s.ok()) return reply(ErrorResponse(s));
  }
  docs::ChecklistContext ctx;
  ctx.lang = lang;
  ctx.center_name = lang == "kk" ? branch.name_kk : branch.name_ru;
  if (Status s = LocalDateIn(branch.time_zone, app.clock().NowMs(), &ctx.printed_on); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  for (const auto& p : service->payments) {
    int64_t tiyn = 0;
    Status s = domain::PaymentTiyn(p, snap.catalog->mrp_tiyn, ctx.printed_on.year(), &tiyn);
    if (!s.ok()) return reply(ErrorResponse(s));
    ctx.payments.push_back({lang == "kk" ? p.name.kk : p.name.ru, tiyn});
  }
  ctx.catalog_version = std::to_string(snap.version_id);
  const domain::Provider* provider = nullptr;
  for (const auto& p : snap.catalog->providers) {
    if (p.code == service->provider_code) provider = &p;
  }
  std::string pdf;
  Status s = docs::RenderChecklistPdf(*service, provider, ctx, &pdf);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(PdfResponse(std::move(pdf), "checklist-" + service->code + "-" + lang + ".pdf"));
}

const char* EntityTypeName(IdentityNumber::EntityType t) {
  switch (t) {
    case IdentityNumber::EntityType::kResidentLegalEntity:
      return "resident_legal_entity";
    case IdentityNumber::EntityType::kNonResidentLegalEntity:
      return "non_resident_legal_entity";
    case IdentityNumber::EntityType::kIndividualEntrepreneur:
      return "individual_entrepreneur";
  }
  return "";
}

const char* UnitName(IdentityNumber::Unit u) {
  switch (u) {
    case IdentityNumber::Unit::kHeadOffice:
      return "head_office";
    case IdentityNumber::Unit::kBranch:
      return "branch";
    case IdentityNumber::Unit::kRepresentativeOffice:
      return "representative_office";
    case IdentityNumber::Unit::kFarm:
      return "farm";
  }
  return "";
}

// GET /api/v1/identity/{number}: the one IIN/BIN validator, for screens that
// check a number as it is typed.
void CheckIdentity(app::App&, Request& req, const Reply& reply) {
  IdentityNumber id;
  Status s = ParseIdentityNumber(req.params[0], &id);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json body = {{"valid", true}, {"number", id.digits}};
  if (id.kind == IdentityNumber::Kind::kIin) {
    body["kind"] = "iin";
    body["birth_date"] = id.birth_date ? Json(id.birth_date->ToIso()) : Json(nullptr);
    body["sex"] = id.sex ? Json(std::string(1, *id.sex)) : Json(nullptr);
  } else {
    body["kind"] = "bin";
    body["registration_year"] = id.registration_year ? Json(*id.registration_year) : Json(nullptr);
    body["registration_month"] =
        id.registration_month ? Json(*id.registration_month) : Json(nullptr);
    body["entity_type"] = id.entity_type ? Json(EntityTypeName(*id.entity_type)) : Json(nullptr);
    body["unit"] = id.unit ? Json(UnitName(*id.unit)) : Json(nullptr);
  }
  reply(JsonResponse(200, body));
}

// GET /api/v1/calendar/due-date?accepted=&term=&unit=[&branch_id=]: the issue
// date (R30) and the provider's deadline (R34).
void DueDate(app::App& app, Request& req, const Reply& reply) {
  auto param = [&](const char* name) {
    auto it = req.query.find(name);
    return it == req.query.end() ? std::string() : it->second;
  };
  auto accepted = LocalDate::Parse(param("accepted"));
  if (!accepted) {
    return reply(ErrorResponse(Status::Malformed("invalid_date", "accepted is YYYY-MM-DD")));
  }
  std::optional<int64_t> term;
  std::string term_text = param("term");
  if (!term_text.empty() && term_text.size() <= 4 &&
      term_text.find_first_not_of("0123456789") == std::string::npos) {
    term = std::stoll(term_text);
  }
  if (!term) {
    return reply(
        ErrorResponse(Status::Malformed("invalid_term", "term is a whole number of days")));
  }
  std::string unit_text = param("unit");
  auto unit = domain::ParseTermUnit(unit_text);
  if (!unit || *unit == domain::TermUnit::kHours) {
    return reply(
        ErrorResponse(Status::Malformed("invalid_unit", "unit is working_days or calendar_days")));
  }
  domain::BranchHours hours;  // R5 default: Monday to Saturday
  if (std::string branch = param("branch_id"); !branch.empty()) {
    int64_t branch_id = 0;
    if (Status s = ParseId(branch, &branch_id); !s.ok()) return reply(ErrorResponse(s));
    domain::Branch b;
    Status s = app.db().Read(
        [&](store::Connection& db) { return app::LoadBranchHours(db, branch_id, &b, &hours); });
    if (!s.ok()) return reply(ErrorResponse(s));
  }
  domain::DueDates due;
  Status s = domain::ComputeDueDates(app.calendar(), hours, *accepted, static_cast<int>(*term),
                                     *unit, &due);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, {{"accepted", accepted->ToString()},
                           {"term", *term},
                           {"unit", unit_text},
                           {"issue_date", due.issue_date.ToString()},
                           {"provider_deadline", due.provider_deadline.ToString()},
                           {"deadline_on_issue_day", due.deadline_on_issue_day}}));
}

// GET /api/v1/calendar/{year}: every day the provider calendar does not work.
void CalendarYear(app::App& app, Request& req, const Reply& reply) {
  const std::string& text = req.params[0];
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
    return reply(ErrorResponse(Status::Malformed("invalid_year", "a year is four digits")));
  }
  int year = std::stoi(text);
  std::vector<domain::NonWorkingDay> days;
  Status s = app.calendar().NonWorkingDays(year, &days);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& d : days) {
    items.push_back({{"date", d.date.ToString()}, {"kind", d.kind}, {"reason", d.reason}});
  }
  reply(JsonResponse(200, {{"year", year}, {"non_working_days", items}}));
}

// POST /api/v1/catalog/import: the body is a catalog file (R6). Any problem:
// 422 catalog_invalid with every error by line, and nothing changes.
void ImportCatalog(app::App& app, Request& req, const Reply& reply) {
  app::ImportResult result;
  Status s = app::ImportCatalog(app, &*req.who, req.body, "api", &result);
  if (!s.ok()) {
    Json errors = Json::array();
    for (const auto& e : result.errors)
      errors.push_back({{"where", e.where}, {"message", e.message}});
    return reply(ErrorResponse(s, Json{{"errors", errors}}));
  }
  reply(JsonResponse(result.unchanged ? 200 : 201, {{"version_id", result.version_id},
                                                    {"services", result.services},
                                                    {"unchanged", result.unchanged}}));
}

}  // namespace

void AddReferenceRoutes(Router& router, app::App& app) {
  auto pub = [&](const char* pattern, void (*fn)(app::App&, Request&, const Reply&)) {
    router.Add(Route{"GET", pattern, Access::kPublic, 0, false, false,
                     [&app, fn](Request& req, const Reply& reply) { fn(app, req, reply); }});
  };
  pub("/api/v1/services", ListServices);
  pub("/api/v1/services/{code}", GetService);
  pub("/api/v1/services/{code}/checklist.pdf", Checklist);
  pub("/api/v1/identity/{number}", CheckIdentity);
  pub("/api/v1/calendar/due-date", DueDate);
  pub("/api/v1/calendar/{year}", CalendarYear);

  Route import{"POST",
               "/api/v1/catalog/import",
               Access::kAuthenticated,
               domain::Bit(domain::Role::kAdmin),
               /*blocking=*/true,
               false,
               [&app](Request& req, const Reply& reply) { ImportCatalog(app, req, reply); }};
  import.body_limit_bytes = kMaxCatalogBytes;
  router.Add(std::move(import));
}

}  // namespace tereze::http
