#include "http/intake_api.h"

#include "app/consents.h"
#include "app/ecopies.h"
#include "app/intake.h"
#include "app/issuance.h"
#include "app/movement_docs.h"
#include "app/outbox_sender.h"
#include "app/receipts.h"
#include "app/signing.h"
#include "app/state_data.h"
#include "app/violations.h"
#include "core/crypto.h"
#include "core/instant.h"
#include "domain/barcode.h"
#include "domain/ecopy.h"
#include "domain/masking.h"
#include "http/json.h"
#include "store/applications.h"
#include "store/outbox.h"
#include "store/personal_data.h"

namespace tereze::http {

namespace {

using domain::Bit;
using domain::Role;

constexpr domain::RoleSet kOperators = Bit(Role::kOperator);
// Who works with applications of a branch.
constexpr domain::RoleSet kApplicationReaders = Bit(Role::kOperator) | Bit(Role::kIssuance) |
                                                Bit(Role::kCollection) | Bit(Role::kBranchManager) |
                                                Bit(Role::kCentralOffice) | Bit(Role::kAuditor);
// R28: whose work needs a person's data whole; everyone else sees it masked.
constexpr domain::RoleSet kPersonalDataRoles =
    Bit(Role::kOperator) | Bit(Role::kIssuance) | Bit(Role::kBranchManager);
constexpr domain::RoleSet kStaff = domain::kAllRoles & ~Bit(Role::kProviderOfficer);
constexpr domain::RoleSet kManagers =
    Bit(Role::kBranchManager) | Bit(Role::kCentralOffice) | Bit(Role::kAuditor);
constexpr domain::RoleSet kAccessLogReaders = Bit(Role::kAuditor) | Bit(Role::kAdmin);

// ---- decoding ---------------------------------------------------------------

Status WrongType(const std::string& field, const char* what) {
  return Status::Malformed("invalid_type", field + " must be " + what);
}

Status GetObject(const Json& obj, const char* field, const Json** out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_object()) return WrongType(field, "an object");
  *out = &*it;
  return Status::Ok();
}

Status RequireString(const Json& obj, const std::string& prefix, const char* field,
                     std::string* out, bool required = true) {
  std::optional<std::string> value;
  Status s = GetString(obj, field, &value);
  if (!s.ok()) return WrongType(prefix + field, "a string");
  if (!value && required) {
    return Status::Malformed("missing_field", prefix + field + " is required");
  }
  *out = value.value_or("");
  return Status::Ok();
}

Status RequireDate(const Json& obj, const std::string& prefix, const char* field, LocalDate* out) {
  std::string text;
  if (Status s = RequireString(obj, prefix, field, &text); !s.ok()) return s;
  auto d = LocalDate::Parse(text);
  if (!d) return Status::Malformed("invalid_date", prefix + field + " is a date, YYYY-MM-DD");
  *out = *d;
  return Status::Ok();
}

Status ReadPerson(const Json& obj, const std::string& prefix, domain::Person* p,
                  std::initializer_list<const char*> extra_fields = {}) {
  std::vector<const char*> known = {"iin", "surname", "name", "patronymic", "phone", "id_document"};
  known.insert(known.end(), extra_fields.begin(), extra_fields.end());
  for (const auto& [key, _] : obj.items()) {
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (!ok) return Status::Malformed("unknown_field", prefix + key + " is not a field");
  }
  Status s = RequireString(obj, prefix, "iin", &p->iin);
  if (s.ok()) s = RequireString(obj, prefix, "surname", &p->surname);
  if (s.ok()) s = RequireString(obj, prefix, "name", &p->name);
  if (s.ok()) s = RequireString(obj, prefix, "patronymic", &p->patronymic, false);
  if (s.ok()) s = RequireString(obj, prefix, "phone", &p->phone, false);
  const Json* doc = nullptr;
  if (s.ok()) s = GetObject(obj, "id_document", &doc);
  if (s.ok() && doc) {
    s = RejectUnknownFields(*doc, {"type", "number", "valid_until"});
    domain::IdDocument d;
    std::string p2 = prefix + "id_document.";
    if (s.ok()) s = RequireString(*doc, p2, "type", &d.type);
    if (s.ok()) s = RequireString(*doc, p2, "number", &d.number);
    if (s.ok()) s = RequireDate(*doc, p2, "valid_until", &d.valid_until);
    if (s.ok()) p->id_document = d;
  }
  return s;
}

template <typename T, typename Fn>
Status ReadArray(const Json& body, const char* field, size_t max_items, std::vector<T>* out,
                 Fn read_one) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return WrongType(field, "an array");
  if (it->size() > max_items) {
    return Status::Malformed("invalid_field",
                             std::string(field) + ": at most " + std::to_string(max_items));
  }
  for (const auto& item : *it) {
    if (!item.is_object()) return WrongType(field, "an array of objects");
    T value;
    if (Status s = read_one(item, &value); !s.ok()) return s;
    out->push_back(std::move(value));
  }
  return Status::Ok();
}

Status ReadApplication(const Json& body, domain::ApplicationRequest* r) {
  Status s = RejectUnknownFields(
      body, {"service_code", "lang", "ticket_id", "applicant", "representative", "documents",
             "payments", "consents", "form_complete", "first_time", "electronic"});
  if (s.ok()) s = RequireString(body, "", "service_code", &r->service_code);
  if (s.ok()) s = RequireString(body, "", "lang", &r->lang);
  std::optional<int64_t> ticket;
  if (s.ok()) s = GetInt(body, "ticket_id", &ticket);
  r->ticket_id = ticket.value_or(0);
  std::optional<bool> form_complete, first_time, electronic;
  if (s.ok()) s = GetBool(body, "form_complete", &form_complete);
  if (s.ok()) s = GetBool(body, "first_time", &first_time);
  if (s.ok()) s = GetBool(body, "electronic", &electronic);
  r->form_complete = form_complete.value_or(false);
  r->first_time = first_time.value_or(false);
  r->electronic = electronic.value_or(false);
  const Json* applicant = nullptr;
  if (s.ok()) s = GetObject(body, "applicant", &applicant);
  if (s.ok() && !applicant) s = Status::Malformed("missing_field", "applicant is required");
  if (s.ok()) s = ReadPerson(*applicant, "applicant.", &r->applicant);
  const Json* rep = nullptr;
  if (s.ok()) s = GetObject(body, "representative", &rep);
  if (s.ok() && rep) {
    domain::Representative representative;
    s = ReadPerson(*rep, "representative.", &representative.person, {"power_of_attorney"});
    const Json* poa = nullptr;
    if (s.ok()) s = GetObject(*rep, "power_of_attorney", &poa);
    if (s.ok() && poa) {
      s = RejectUnknownFields(*poa, {"number", "issued_on", "valid_until", "issuer"});
      domain::PowerOfAttorney p;
      const std::string pre = "representative.power_of_attorney.";
      if (s.ok()) s = RequireString(*poa, pre, "number", &p.number);
      if (s.ok()) s = RequireDate(*poa, pre, "issued_on", &p.issued_on);
      if (s.ok()) s = RequireDate(*poa, pre, "valid_until", &p.valid_until);
      if (s.ok()) s = RequireString(*poa, pre, "issuer", &p.issuer);
      if (s.ok()) representative.power_of_attorney = p;
    }
    if (s.ok()) r->representative = representative;
  }
  if (s.ok()) {
    s = ReadArray(body, "documents", domain::kMaxDocumentsPerApplication, &r->documents,
                  [](const Json& item, domain::PresentedDocument* d) {
                    Status st = RejectUnknownFields(item, {"code", "kind", "pages"});
                    std::string kind;
                    if (st.ok()) st = RequireString(item, "documents.", "code", &d->code);
                    if (st.ok()) st = RequireString(item, "documents.", "kind", &kind);
                    auto parsed = domain::ParseDocumentKind(kind);
                    if (st.ok() && !parsed) {
                      st = Status::Malformed("invalid_field",
                                             "documents.kind: original, copy or electronic");
                    }
                    if (st.ok()) d->kind = *parsed;
                    std::optional<int64_t> pages;
                    if (st.ok()) st = GetInt(item, "pages", &pages);
                    d->pages = static_cast<int>(std::clamp<int64_t>(pages.value_or(1), -1, 100000));
                    return st;
                  });
  }
  if (s.ok()) {
    s = ReadArray(body, "payments", domain::kMaxPaymentsPerApplication, &r->payments,
                  [](const Json& item, domain::PresentedPayment* p) {
                    Status st = RejectUnknownFields(item, {"code", "reference", "amount_tiyn"});
                    if (st.ok()) st = RequireString(item, "payments.", "code", &p->code);
                    if (st.ok()) st = RequireString(item, "payments.", "reference", &p->reference);
                    std::optional<int64_t> amount;
                    if (st.ok()) st = GetInt(item, "amount_tiyn", &amount);
                    if (st.ok() && !amount) {
                      st = Status::Malformed("missing_field", "payments.amount_tiyn is required");
                    }
                    p->amount_tiyn = amount.value_or(0);
                    return st;
                  });
  }
  if (s.ok()) {
    s = ReadArray(body, "consents", domain::kMaxConsentsPerApplication, &r->consents,
                  [](const Json& item, domain::ConsentRef* c) {
                    Status st = RejectUnknownFields(item, {"kind", "reference"});
                    std::string kind;
                    if (st.ok()) st = RequireString(item, "consents.", "kind", &kind);
                    if (st.ok()) st = RequireString(item, "consents.", "reference", &c->reference);
                    auto parsed = domain::ParseConsentKind(kind);
                    if (st.ok() && !parsed) {
                      st = Status::Malformed("invalid_field", "consents.kind: written, eds or sms");
                    }
                    if (st.ok()) c->kind = *parsed;
                    return st;
                  });
  }
  return s;
}

// ---- encoding ----------------------------------------------------------------

Json PersonJson(const domain::Person& p, bool whole) {
  if (!whole) {
    return {{"iin", domain::MaskIin(p.iin)},       {"surname", domain::MaskName(p.surname)},
            {"name", domain::MaskName(p.name)},    {"patronymic", domain::MaskName(p.patronymic)},
            {"phone", domain::MaskPhone(p.phone)}, {"masked", true}};
  }
  Json j = {{"iin", p.iin},     {"surname", p.surname},
            {"name", p.name},   {"patronymic", p.patronymic},
            {"phone", p.phone}, {"masked", false}};
  if (p.id_document) {
    j["id_document"] = {{"type", p.id_document->type},
                        {"number", p.id_document->number},
                        {"valid_until", p.id_document->valid_until.ToString()}};
  }
  return j;
}

std::string Barcode(const domain::Application& a) {
  return domain::MakeBarcode(
      a.refused() ? domain::BarcodeKind::kRefusal : domain::BarcodeKind::kApplication, a.id);
}

std::string ReceiptUrl(int64_t id) {
  return "/api/v1/applications/" + std::to_string(id) + "/receipt.pdf";
}

Json ApplicationJson(const domain::Application& a, bool whole) {
  Json documents = Json::array();
  for (const auto& d : a.documents) {
    documents.push_back({{"code", d.code}, {"kind", domain::ToString(d.kind)}, {"pages", d.pages}});
  }
  Json payments = Json::array();
  for (const auto& p : a.payments) {
    payments.push_back(
        {{"code", p.code}, {"reference", p.reference}, {"amount_tiyn", p.amount_tiyn}});
  }
  Json consents = Json::array();
  for (const auto& c : a.consents) {
    consents.push_back({{"kind", domain::ToString(c.kind)}, {"reference", c.reference}});
  }
  Json j = {{"id", a.id},
            {"barcode", Barcode(a)},
            {"status", a.refused() ? "refused" : "accepted"},
            {"stage", a.stage},
            {"branch_id", a.branch_id},
            {"window_id", a.window_id},
            {"employee_id", a.employee_id},
            {"ticket_id", a.ticket_id == 0 ? Json(nullptr) : Json(a.ticket_id)},
            {"service_code", a.service_code},
            {"provider_code", a.provider_code},
            {"lang", a.lang},
            {"electronic", a.electronic},
            {"applicant", PersonJson(a.applicant, whole)},
            {"representative", nullptr},
            {"documents", documents},
            {"missing_documents", a.missing},
            {"payments", payments},
            {"consents", consents},
            {"fee_tiyn", a.fee_tiyn},
            {"price_tiyn", a.price_tiyn},
            {"accepted_at", FormatInstantUtc(a.accepted_at_ms)},
            {"issue_date", a.issue_date ? Json(a.issue_date->ToString()) : Json(nullptr)},
            {"provider_deadline",
             a.provider_deadline ? Json(a.provider_deadline->ToString()) : Json(nullptr)},
            {"receipt_url", ReceiptUrl(a.id)}};
  if (a.representative) {
    Json rep = PersonJson(a.representative->person, whole);
    if (whole && a.representative->power_of_attorney) {
      const auto& poa = *a.representative->power_of_attorney;
      rep["power_of_attorney"] = {{"number", poa.number},
                                  {"issued_on", poa.issued_on.ToString()},
                                  {"valid_until", poa.valid_until.ToString()},
                                  {"issuer", poa.issuer}};
    }
    j["representative"] = rep;
  }
  return j;
}

bool SeesWholePerson(const app::Principal& who) {
  return (Bit(who.role) & kPersonalDataRoles) != 0;
}

// ---- handlers ----------------------------------------------------------------

void Accept(app::App& app, Request& req, const Reply& reply) {
  Json body;
  domain::ApplicationRequest request;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = ReadApplication(body, &request);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::AcceptApplication(
      app, *req.who, std::move(request),
      [reply, &app](const Status& st, const app::IntakeOutcome& out) {
        if (!st.ok()) return reply(ErrorResponse(st));
        const domain::Application& a = out.application;
        app.Publish("branch:" + std::to_string(a.branch_id),
                    Json{{"type", a.refused() ? "application.refused" : "application.accepted"},
                         {"id", a.id},
                         {"window_id", a.window_id}}
                        .dump());
        if (a.refused()) {
          // R18.6: refused, and the refusal is recorded with its receipt.
          Json missing = Json::array();
          for (const auto& m : out.missing) {
            missing.push_back({{"code", m.code}, {"name", {{"kk", m.name.kk}, {"ru", m.name.ru}}}});
          }
          return reply(ErrorResponse(
              Status::Refused("package_incomplete",
                              "the package is incomplete: the refusal is recorded (R18.6)"),
              {{"missing_documents", missing},
               {"refusal_id", a.id},
               {"refusal_barcode", Barcode(a)},
               {"refusal_receipt_url", ReceiptUrl(a.id)}}));
        }
        reply(JsonResponse(201, {{"id", a.id},
                                 {"barcode", Barcode(a)},
                                 {"status", "accepted"},
                                 {"accepted_at", FormatInstantUtc(a.accepted_at_ms)},
                                 {"issue_date", a.issue_date->ToString()},
                                 {"provider_deadline", a.provider_deadline->ToString()},
                                 {"receipt_url", ReceiptUrl(a.id)}}));
      });
}

// R28: a read of one person's record is logged before it is answered.
void LogRead(app::App& app, const app::Principal& who, const std::string& iin,
             const std::string& object, std::function<void(const Status&)> then) {
  store::PersonalDataRead read{0,
                               who.employee.id,
                               std::string(domain::RoleName(who.role)),
                               who.employee.branch_id,
                               iin,
                               object,
                               0};
  Status s = app.db().writer().Submit(
      [read](store::WriteTx& tx) {
        store::PersonalDataRead r = read;
        r.at_ms = tx.now_ms();
        return store::InsertPersonalDataRead(tx.db(), r);
      },
      then);
  if (!s.ok()) then(s);
}

// Answers `response`, which shows one person's data, once the read is logged (R28).
void ReplyLogged(app::App& app, const app::Principal& who, const std::string& iin,
                 const std::string& object, Response response, const Reply& reply) {
  auto shared = std::make_shared<Response>(std::move(response));
  LogRead(app, who, iin, object, [reply, shared](const Status& s) {
    if (!s.ok()) return reply(ErrorResponse(s));
    reply(std::move(*shared));
  });
}

void GetOne(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  auto a = std::make_shared<domain::Application>();
  if (Status s = app::GetApplication(app, *req.who, id, a.get()); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  bool whole = SeesWholePerson(*req.who);
  if (!whole) return reply(JsonResponse(200, ApplicationJson(*a, false)));
  LogRead(app, *req.who, a->applicant.iin, "application/" + std::to_string(id),
          [reply, a](const Status& s) {
            if (!s.ok()) return reply(ErrorResponse(s));
            reply(JsonResponse(200, ApplicationJson(*a, true)));
          });
}

void List(app::App& app, Request& req, const Reply& reply) {
  Page page;
  if (Status s = ParsePage(req, &page); !s.ok()) return reply(ErrorResponse(s));
  store::ApplicationFilter f;
  f.after_id = page.after_id;
  f.limit = page.limit;
  f.status = req.query.count("status") ? req.query.at("status") : "";
  if (!f.status.empty() && f.status != "accepted" && f.status != "refused") {
    return reply(ErrorResponse(Status::Malformed("invalid_field", "status: accepted or refused")));
  }
  if (auto it = req.query.find("branch_id"); it != req.query.end()) {
    if (Status s = ParseId(it->second, &f.branch_id); !s.ok()) return reply(ErrorResponse(s));
  }
  if (!req.who->employee.IsCentral()) {
    if (f.branch_id != 0 && f.branch_id != req.who->employee.branch_id) {
      return reply(ErrorResponse(Status::Forbidden("this is another branch")));
    }
    f.branch_id = req.who->employee.branch_id;
  }
  std::vector<domain::Application> rows;
  Status s =
      app.db().Read([&](store::Connection& db) { return store::ListApplications(db, f, &rows); });
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  // R28: lists are always masked; the whole record is one (logged) read away.
  for (const auto& a : rows) items.push_back(ApplicationJson(a, false));
  reply(JsonResponse(
      200, {{"items", items},
            {"next_cursor", NextCursor(rows.size(), page, rows.empty() ? 0 : rows.back().id)}}));
}

void Timeline(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  domain::Application a;
  std::vector<domain::ApplicationEvent> events;
  Status s = app::GetApplication(app, *req.who, id, &a);
  if (s.ok()) {
    s = app.db().Read([&](store::Connection& db) { return store::ListEvents(db, id, &events); });
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& e : events) {
    items.push_back({{"id", e.id},
                     {"kind", e.kind},
                     {"stage", e.stage},
                     {"at", FormatInstantUtc(e.at_ms)},
                     {"employee_id", e.employee_id},
                     {"branch_id", e.branch_id},
                     {"window_id", e.window_id == 0 ? Json(nullptr) : Json(e.window_id)},
                     {"note", e.note}});
  }
  reply(JsonResponse(
      200,
      {{"application_id", id}, {"barcode", Barcode(a)}, {"stage", a.stage}, {"events", items}}));
}

Json ConsentJson(const store::ConsentRow& c) {
  return {{"id", c.id},   {"reference", c.reference}, {"kind", c.kind},
          {"iin", c.iin}, {"scope", c.scope},         {"at", FormatInstantUtc(c.at_ms)}};
}

void PostConsent(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::string kind, iin, reference, scope;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"kind", "iin", "reference", "scope"});
  if (s.ok()) s = RequireString(body, "", "kind", &kind);
  if (s.ok()) s = RequireString(body, "", "iin", &iin);
  if (s.ok()) s = RequireString(body, "", "reference", &reference);
  if (s.ok()) s = RequireString(body, "", "scope", &scope);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::RecordConsent(app, *req.who, kind, iin, reference, scope,
                     [reply](const Status& st, const store::ConsentRow& c) {
                       if (!st.ok()) return reply(ErrorResponse(st));
                       reply(JsonResponse(201, ConsentJson(c)));
                     });
}

void SendCode(app::App& app, Request& req, const Reply& reply) {
  Json body;
  std::string iin, phone, lang, scope;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"iin", "phone", "lang", "scope"});
  if (s.ok()) s = RequireString(body, "", "iin", &iin);
  if (s.ok()) s = RequireString(body, "", "phone", &phone);
  if (s.ok()) s = RequireString(body, "", "lang", &lang);
  if (s.ok()) s = RequireString(body, "", "scope", &scope);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::SendConsentCode(
      app, *req.who, iin, phone, lang, scope,
      [reply](const Status& st, const app::ConsentCodeSent& sent) {
        if (!st.ok()) return reply(ErrorResponse(st));
        reply(JsonResponse(201, {{"challenge_id", sent.challenge_id},
                                 {"phone", domain::MaskPhone(sent.phone)},
                                 {"expires_at", FormatInstantUtc(sent.expires_at_ms)}}));
      });
}

void VerifyCode(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  Json body;
  std::string code;
  Status s = ParseId(req.params[0], &id);
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"code"});
  if (s.ok()) s = RequireString(body, "", "code", &code);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::VerifyConsentCode(
      app, *req.who, id, code, [reply](const Status& st, const app::ConsentCodeCheck& check) {
        if (st.code() == "consent_code_wrong") {
          return reply(ErrorResponse(st, {{"attempts_left", check.attempts_left}}));
        }
        if (!st.ok()) return reply(ErrorResponse(st));
        reply(JsonResponse(201, ConsentJson(check.consent)));
      });
}

Json ViolationJson(const store::Violation& v) {
  return {{"id", v.id},
          {"branch_id", v.branch_id},
          {"reported_by", v.reported_by},
          {"reported_at", FormatInstantUtc(v.reported_at_ms)},
          {"category", v.category},
          {"description", v.description},
          {"place", v.place},
          {"status", v.closed_by == 0 ? "open" : "closed"},
          {"closed_by", v.closed_by == 0 ? Json(nullptr) : Json(v.closed_by)},
          {"closed_at", v.closed_by == 0 ? Json(nullptr) : Json(FormatInstantUtc(v.closed_at_ms))},
          {"resolution", v.closed_by == 0 ? Json(nullptr) : Json(v.resolution)}};
}

void ReportViolation(app::App& app, Request& req, const Reply& reply) {
  Json body;
  store::Violation v;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"category", "description", "place"});
  if (s.ok()) s = RequireString(body, "", "category", &v.category);
  if (s.ok()) s = RequireString(body, "", "description", &v.description);
  if (s.ok()) s = RequireString(body, "", "place", &v.place, false);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::ReportViolation(app, *req.who, v, [reply](const Status& st, const store::Violation& out) {
    if (!st.ok()) return reply(ErrorResponse(st));
    reply(JsonResponse(201, ViolationJson(out)));
  });
}

void CloseViolation(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  Json body;
  std::string resolution;
  Status s = ParseId(req.params[0], &id);
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"resolution"});
  if (s.ok()) s = RequireString(body, "", "resolution", &resolution);
  if (!s.ok()) return reply(ErrorResponse(s));
  app::CloseViolation(app, *req.who, id, resolution,
                      [reply](const Status& st, const store::Violation& out) {
                        if (!st.ok()) return reply(ErrorResponse(st));
                        reply(JsonResponse(200, ViolationJson(out)));
                      });
}

void ListViolations(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Page page;
  Status s = ParseId(req.params[0], &branch_id);
  if (s.ok()) s = ParsePage(req, &page);
  if (!s.ok()) return reply(ErrorResponse(s));
  std::string status = req.query.count("status") ? req.query.at("status") : "";
  if (!status.empty() && status != "open") {
    return reply(ErrorResponse(Status::Malformed("invalid_field", "status: open or absent")));
  }
  std::vector<store::Violation> rows;
  s = app::ListViolations(app, *req.who, branch_id, status == "open", page.after_id, page.limit,
                          &rows);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& v : rows) items.push_back(ViolationJson(v));
  reply(JsonResponse(
      200, {{"items", items},
            {"next_cursor", NextCursor(rows.size(), page, rows.empty() ? 0 : rows.back().id)}}));
}

void ListReads(app::App& app, Request& req, const Reply& reply) {
  Page page;
  if (Status s = ParsePage(req, &page); !s.ok()) return reply(ErrorResponse(s));
  std::string iin = req.query.count("iin") ? req.query.at("iin") : "";
  int64_t employee_id = 0;
  if (auto it = req.query.find("employee_id"); it != req.query.end()) {
    if (Status s = ParseId(it->second, &employee_id); !s.ok()) return reply(ErrorResponse(s));
  }
  std::vector<store::PersonalDataRead> rows;
  Status s = app.db().Read([&](store::Connection& db) {
    return store::ListPersonalDataReads(db, iin, employee_id, page.after_id, page.limit, &rows);
  });
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& r : rows) {
    items.push_back({{"id", r.id},
                     {"employee_id", r.employee_id},
                     {"role", r.role},
                     {"branch_id", r.branch_id == 0 ? Json(nullptr) : Json(r.branch_id)},
                     {"iin", r.iin},
                     {"object", r.object},
                     {"at", FormatInstantUtc(r.at_ms)}});
  }
  reply(JsonResponse(
      200, {{"items", items},
            {"next_cursor", NextCursor(rows.size(), page, rows.empty() ? 0 : rows.back().id)}}));
}

Json ECopyJson(const store::ECopy& c) {
  std::string base = "/api/v1/ecopies/" + std::to_string(c.id);
  return {{"id", c.id},
          {"application_id", c.application_id},
          {"document_code", c.document_code},
          {"media_type", c.media_type},
          {"size_bytes", c.size_bytes},
          {"sha256", c.sha256},
          {"certified_by", c.employee_id},
          {"certified_at", FormatInstantUtc(c.at_ms)},
          {"content_url", base + "/content"},
          {"signature_url", base + "/signature.p7s"}};
}

// POST /api/v1/applications/{id}/ecopies?document_code=X, the scan's bytes as the body.
void UploadECopy(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  auto code = req.query.find("document_code");
  if (code == req.query.end() || code->second.empty()) {
    return reply(ErrorResponse(Status::Malformed("missing_field", "document_code is required")));
  }
  app::CertifyECopy(app, *req.who, id, code->second, req.body,
                    [reply](const Status& st, const store::ECopy& c) {
                      if (!st.ok()) return reply(ErrorResponse(st));
                      reply(JsonResponse(201, ECopyJson(c)));
                    });
}

void ListECopies(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  domain::Application a;
  std::vector<store::ECopy> rows;
  Status s = app::GetApplication(app, *req.who, id, &a);
  if (s.ok()) {
    s = app.db().Read([&](store::Connection& db) { return store::ListECopies(db, id, &rows); });
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& c : rows) items.push_back(ECopyJson(c));
  reply(JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}}));
}

Response Binary(const std::string& bytes, const std::string& media_type,
                const std::string& filename) {
  Response r;
  r.body = bytes;
  r.content_type = media_type;
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

void GetECopyPart(app::App& app, Request& req, const Reply& reply, bool content) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  store::ECopy c;
  domain::Application a;
  if (Status s = app::GetECopy(app, *req.who, id, content, &c, &a); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  std::string bytes;
  if (!Base64Decode(content ? c.content_base64 : c.signature_base64, &bytes)) {
    return reply(ErrorResponse(Status::Internal("stored e-copy is not base64")));
  }
  std::string name = "ecopy-" + std::to_string(id);
  if (!content) return reply(Binary(bytes, "application/pkcs7-signature", name + ".p7s"));
  const char* ext = c.media_type == "application/pdf" ? ".pdf"
                    : c.media_type == "image/png"     ? ".png"
                                                      : ".jpg";
  ReplyLogged(app, *req.who, a.applicant.iin, "ecopy/" + std::to_string(id),
              Binary(bytes, c.media_type, name + ext), reply);
}

void GetECopyMeta(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  store::ECopy c;
  domain::Application owner;
  if (Status s = app::GetECopy(app, *req.who, id, false, &c, &owner); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  reply(JsonResponse(200, ECopyJson(c)));
}

void GetECopyContent(app::App& app, Request& req, const Reply& reply) {
  GetECopyPart(app, req, reply, true);
}
void GetECopySignature(app::App& app, Request& req, const Reply& reply) {
  GetECopyPart(app, req, reply, false);
}

// R12: the electronic request as signed, and its signature.
void GetRequestPart(app::App& app, Request& req, const Reply& reply, bool signature) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  domain::Application a;
  if (Status s = app::GetApplication(app, *req.who, id, &a); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  if (a.request_text.empty()) {
    return reply(ErrorResponse(Status::NotFound(
        "no_electronic_request", "the application was not submitted electronically")));
  }
  std::string name = "request-" + std::to_string(id);
  if (!signature) {
    return ReplyLogged(app, *req.who, a.applicant.iin,
                       "application/" + std::to_string(id) + "/request",
                       Binary(a.request_text, "text/plain; charset=utf-8", name + ".txt"), reply);
  }
  std::string der;
  if (!Base64Decode(a.request_cms, &der)) {
    return reply(ErrorResponse(Status::Internal("stored signature is not base64")));
  }
  reply(Binary(der, "application/pkcs7-signature", name + ".p7s"));
}
void GetRequestText(app::App& app, Request& req, const Reply& reply) {
  GetRequestPart(app, req, reply, false);
}
void GetRequestSignature(app::App& app, Request& req, const Reply& reply) {
  GetRequestPart(app, req, reply, true);
}

// ?layout=a4 (the default) or thermal: the paper a receipt is printed on.
Status ParseLayout(const Request& req, docs::PaperLayout* out) {
  auto it = req.query.find("layout");
  if (it == req.query.end() || it->second == "a4") return Status::Ok();
  if (it->second != "thermal") return Status::Malformed("invalid_field", "layout: a4 or thermal");
  *out = docs::PaperLayout::kThermal80mm;
  return Status::Ok();
}

// R18.5, R18.6: the receipt, or the refusal receipt, as a PDF for the printer.
void GetReceipt(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  docs::PaperLayout layout = docs::PaperLayout::kA4;
  if (Status s = ParseLayout(req, &layout); !s.ok()) return reply(ErrorResponse(s));
  domain::Application a;
  if (Status s = app::GetApplication(app, *req.who, id, &a); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  std::string pdf;
  Status s = app::RenderApplicationReceipt(app, a, layout, &pdf);
  if (!s.ok()) return reply(ErrorResponse(s));
  Response r = PdfResponse(std::move(pdf), "receipt-" + std::to_string(id) + ".pdf");
  // The receipt names the applicant: printing it is a read of their data (R28).
  ReplyLogged(app, *req.who, a.applicant.iin, "application/" + std::to_string(id) + "/receipt",
              std::move(r), reply);
}

Json StateDataJson(const std::string& source, const app::StateData& d) {
  if (source == "person") {
    Json docs = Json::array();
    for (const auto& doc : d.person.documents) {
      docs.push_back(
          {{"kind", doc.kind},
           {"number", doc.number},
           {"issued_by", doc.issued_by},
           {"issue_date", doc.issue_date.ToString()},
           {"expiry_date", doc.expiry_date ? Json(doc.expiry_date->ToString()) : Json(nullptr)}});
    }
    return {{"iin", d.person.iin},
            {"surname", d.person.surname},
            {"name", d.person.name},
            {"patronymic", d.person.patronymic},
            {"birth_date", d.person.birth_date.ToString()},
            {"documents", docs}};
  }
  Json items = Json::array();
  for (const auto& r : d.civil_records) {
    items.push_back({{"kind", gbd::CivilRecordKindName(r.kind)},
                     {"number", r.number},
                     {"date", r.date.ToString()},
                     {"registry_office", r.registry_office}});
  }
  for (const auto& p : d.properties) {
    items.push_back(
        {{"cadastral_number", p.cadastral_number},
         {"address", p.address},
         {"kind", p.kind},
         {"share", std::to_string(p.share_numerator) + "/" + std::to_string(p.share_denominator)}});
  }
  return {{"items", items}, {"next_cursor", nullptr}};
}

// GET /api/v1/persons/{iin}[/civil-records|/real-estate]?consent=REF&purpose=TEXT
void FetchState(app::App& app, Request& req, const Reply& reply, const std::string& source) {
  auto q = [&](const char* name) {
    auto it = req.query.find(name);
    return it == req.query.end() ? std::string() : it->second;
  };
  app::StateData data;
  Status s =
      app::FetchStateData(app, *req.who, req.params[0], source, q("consent"), q("purpose"), &data);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, StateDataJson(source, data)));
}

void ListFetches(app::App& app, Request& req, const Reply& reply) {
  Page page;
  if (Status s = ParsePage(req, &page); !s.ok()) return reply(ErrorResponse(s));
  std::vector<store::StateFetch> rows;
  Status s = app::ListStateFetches(app, req.query.count("iin") ? req.query.at("iin") : "",
                                   page.after_id, page.limit, &rows);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& f : rows) {
    items.push_back({{"id", f.id},
                     {"iin", f.iin},
                     {"source", f.source},
                     {"purpose", f.purpose},
                     {"consent_reference", f.consent_reference},
                     {"employee_id", f.employee_id},
                     {"branch_id", f.branch_id == 0 ? Json(nullptr) : Json(f.branch_id)},
                     {"at", FormatInstantUtc(f.at_ms)},
                     {"outcome", f.outcome}});
  }
  reply(JsonResponse(
      200, {{"items", items},
            {"next_cursor", NextCursor(rows.size(), page, rows.empty() ? 0 : rows.back().id)}}));
}

// A delivery report from Kannel: public (Kannel has no session), trusted by its token.
void SmsDeliveryReport(app::App& app, Request& req, const Reply& reply) {
  auto token = req.query.find("token");
  auto type = req.query.find("type");
  int64_t id = 0;
  if (!app.outbox() || token == req.query.end() || type == req.query.end() ||
      !app.outbox()->ParseDlrToken(token->second, &id)) {
    return reply(ErrorResponse(Status::NotFound("dlr_unknown", "no such message")));
  }
  if (type->second != "1") return reply(JsonResponse(200, {{"recorded", false}}));
  auto found = std::make_shared<bool>(false);
  Status s = app.db().writer().Submit(
      [id, found](store::WriteTx& tx) {
        return store::MarkOutboxDelivered(tx.db(), id, tx.now_ms(), found.get());
      },
      [reply, found](const Status& st) {
        if (!st.ok()) return reply(ErrorResponse(st));
        reply(JsonResponse(200, {{"recorded", *found}}));
      });
  if (!s.ok()) reply(ErrorResponse(s));
}

void GetCaPem(app::App& app, Request&, const Reply& reply) {
  std::string pem;
  if (Status s = app::CertificateAuthorityPem(app, &pem); !s.ok()) return reply(ErrorResponse(s));
  reply(Binary(pem, "application/x-pem-file", "tereze-ca.pem"));
}

// R18.8, R24: the receipt of issue, in the applicant's language.
void GetIssueReceipt(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  docs::PaperLayout layout = docs::PaperLayout::kA4;
  if (Status s = ParseLayout(req, &layout); !s.ok()) return reply(ErrorResponse(s));
  store::Package p;
  if (Status s = app::GetPackage(app, *req.who, id, &p); !s.ok()) return reply(ErrorResponse(s));
  std::string pdf;
  Status s = app::RenderIssueReceipt(app, *req.who, id, layout, &pdf);
  if (!s.ok()) return reply(ErrorResponse(s));
  Response r = PdfResponse(std::move(pdf), "issue-" + std::to_string(id) + ".pdf");
  // It names the applicant and the recipient: a read of personal data (R28).
  ReplyLogged(app, *req.who, p.applicant_iin,
              "application/" + std::to_string(id) + "/issue-receipt", std::move(r), reply);
}

// R18.8, R24: the result handed over at the issuance window.
void Issue(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  Json body;
  domain::IssueRequest r;
  Status s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"recipient", "power_of_attorney"});
  const Json* recipient = nullptr;
  if (s.ok()) s = GetObject(body, "recipient", &recipient);
  if (s.ok() && !recipient) s = Status::Malformed("missing_field", "recipient is required");
  if (s.ok()) s = ReadPerson(*recipient, "recipient.", &r.recipient);
  const Json* poa = nullptr;
  if (s.ok()) s = GetObject(body, "power_of_attorney", &poa);
  if (s.ok() && poa) {
    s = RejectUnknownFields(
        *poa, {"number", "principal_iin", "issued_on", "valid_until", "issuer", "services"});
    domain::IssuePowerOfAttorney p;
    const std::string pre = "power_of_attorney.";
    if (s.ok()) s = RequireString(*poa, pre, "number", &p.document.number);
    if (s.ok()) s = RequireString(*poa, pre, "principal_iin", &p.principal_iin);
    if (s.ok()) s = RequireDate(*poa, pre, "issued_on", &p.document.issued_on);
    if (s.ok()) s = RequireDate(*poa, pre, "valid_until", &p.document.valid_until);
    if (s.ok()) s = RequireString(*poa, pre, "issuer", &p.document.issuer);
    std::optional<std::vector<std::string>> services;
    if (s.ok()) s = GetStringArray(*poa, "services", &services);
    if (s.ok()) p.services = services.value_or(std::vector<std::string>{});
    if (s.ok()) r.power_of_attorney = p;
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app::IssueResult(app, *req.who, id, std::move(r),
                   [reply](const Status& st, const app::IssueOutcome& o) {
                     if (!st.ok()) return reply(ErrorResponse(st));
                     reply(JsonResponse(201, {{"application_id", o.application_id},
                                              {"stage", "issued"},
                                              {"issued_at", FormatInstantUtc(o.issued_at_ms)},
                                              {"recipient", o.recipient_name},
                                              {"in_person", o.in_person}}));
                   });
}

}  // namespace

void AddIntakeRoutes(Router& router, app::App& app) {
  auto add = [&](const char* method, const char* pattern, domain::RoleSet roles,
                 void (*fn)(app::App&, Request&, const Reply&)) {
    router.Add(Route{method, pattern, Access::kAuthenticated, roles, false, false,
                     [&app, fn](Request& req, const Reply& reply) { fn(app, req, reply); }});
  };
  add("POST", "/api/v1/applications", kOperators, Accept);
  add("GET", "/api/v1/applications", kApplicationReaders, List);
  add("GET", "/api/v1/applications/{id}", kApplicationReaders, GetOne);
  add("GET", "/api/v1/applications/{id}/timeline", kApplicationReaders, Timeline);
  add("POST", "/api/v1/applications/{id}/issue", Bit(Role::kIssuance), Issue);
  add("GET", "/api/v1/applications/{id}/issue-receipt.pdf", kPersonalDataRoles, GetIssueReceipt);
  add("POST", "/api/v1/consents", kOperators, PostConsent);
  add("POST", "/api/v1/consents/sms", kOperators, SendCode);
  add("POST", "/api/v1/consents/sms/{id}/verify", kOperators, VerifyCode);
  add("POST", "/api/v1/violations", kStaff, ReportViolation);
  add("GET", "/api/v1/branches/{id}/violations", kManagers, ListViolations);
  add("POST", "/api/v1/violations/{id}/close", Bit(Role::kBranchManager), CloseViolation);
  add("GET", "/api/v1/personal-data-reads", kAccessLogReaders, ListReads);
  add("GET", "/api/v1/applications/{id}/ecopies", kApplicationReaders, ListECopies);
  add("GET", "/api/v1/ecopies/{id}", kApplicationReaders, GetECopyMeta);
  add("GET", "/api/v1/ecopies/{id}/content", kPersonalDataRoles, GetECopyContent);
  add("GET", "/api/v1/ecopies/{id}/signature.p7s", kApplicationReaders, GetECopySignature);
  add("GET", "/api/v1/applications/{id}/request", kApplicationReaders, GetRequestText);
  add("GET", "/api/v1/applications/{id}/request.p7s", kApplicationReaders, GetRequestSignature);
  // A scan of a few pages: larger than the default body limit (R21).
  Route upload{"POST",
               "/api/v1/applications/{id}/ecopies",
               Access::kAuthenticated,
               kOperators,
               false,
               false,
               [&app](Request& req, const Reply& reply) { UploadECopy(app, req, reply); }};
  upload.body_limit_bytes = domain::kMaxECopyBytes;
  router.Add(std::move(upload));
  // Rendering a PDF takes milliseconds of CPU: off the I/O threads.
  router.Add(Route{"GET", "/api/v1/applications/{id}/receipt.pdf", Access::kAuthenticated,
                   kApplicationReaders, true, false,
                   [&app](Request& req, const Reply& reply) { GetReceipt(app, req, reply); }});
  // Calls to the state systems wait on the network: off the I/O threads.
  for (auto [suffix, source] : {std::pair{"", "person"},
                                {"/civil-records", "civil_records"},
                                {"/real-estate", "real_estate"}}) {
    router.Add(Route{"GET", std::string("/api/v1/persons/{iin}") + suffix, Access::kAuthenticated,
                     kOperators, true, false,
                     [&app, source = std::string(source)](Request& req, const Reply& reply) {
                       FetchState(app, req, reply, source);
                     }});
  }
  add("GET", "/api/v1/state-fetches", kAccessLogReaders, ListFetches);
  router.Add(
      Route{"GET", "/api/v1/sms/dlr", Access::kPublic, 0, false, false,
            [&app](Request& req, const Reply& reply) { SmsDeliveryReport(app, req, reply); }});
  router.Add(Route{"GET", "/api/v1/signing/ca.pem", Access::kPublic, 0, false, false,
                   [&app](Request& req, const Reply& reply) { GetCaPem(app, req, reply); }});
}

}  // namespace tereze::http
