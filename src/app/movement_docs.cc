#include "app/movement_docs.h"

#include "app/catalog.h"
#include "app/issuance.h"
#include "app/receipts.h"
#include "app/registers.h"
#include "docs/act_of_refusal_pdf.h"
#include "docs/issue_receipt_pdf.h"
#include "docs/register_pdf.h"
#include "domain/barcode.h"
#include "domain/masking.h"
#include "domain/register.h"
#include "store/accounts.h"
#include "store/branches.h"

namespace tereze::app {

namespace {

const std::string& In(const std::string& lang, const domain::Text& t) {
  return lang == "kk" ? t.kk : t.ru;
}

std::string ServiceName(const domain::Catalog& catalog, const std::string& code,
                        const std::string& lang) {
  for (const auto& s : catalog.services) {
    if (s.code == code) return In(lang, s.name);
  }
  return code;
}

std::string Dotted(const std::string& iso) {
  auto d = LocalDate::Parse(iso);
  return d ? d->ToDotted() : "";
}

Status When(const domain::Branch& b, int64_t ms, std::string* out) {
  if (ms == 0) {
    out->clear();
    return Status::Ok();
  }
  return FormatLocalDateTime(b.time_zone, ms, out);
}

// What a line of a provider's register says of its decision.
std::string DecisionNote(const store::Package& p, const std::string& lang) {
  const bool kk = lang == "kk";
  if (p.outcome == "refusal") return (kk ? "бас тарту: " : "отказ: ") + p.refusal_reason;
  if (p.outcome == "result") {
    const bool paper = p.result_form == "paper";
    return kk ? (paper ? "нәтиже (қағаз)" : "нәтиже (электрондық)")
              : (paper ? "результат (бумажный)" : "результат (электронный)");
  }
  return "";
}

Status CheckLang(const std::string& lang) {
  if (lang != "kk" && lang != "ru") return Status::Malformed("invalid_field", "lang: kk or ru");
  return Status::Ok();
}

}  // namespace

Status RenderRegister(App& app, const Principal& who, int64_t id, const std::string& lang,
                      std::string* pdf) {
  if (Status s = CheckLang(lang); !s.ok()) return s;
  RegisterView v;
  if (Status s = GetRegister(app, who, id, true, &v); !s.ok()) return s;
  CatalogSnapshot snapshot = app.catalog().Current();
  docs::RegisterData d;
  d.lang = lang;
  d.kind = v.row.kind;
  d.number = v.number;
  d.barcode = v.barcode;
  d.center_name = lang == "kk" ? v.branch.name_kk : v.branch.name_ru;
  d.center_address = lang == "kk" ? v.branch.address_kk : v.branch.address_ru;
  d.provider_name = In(lang, v.provider_name);
  d.direction_name = v.direction_name;
  if (Status s = When(v.branch, v.row.formed_at_ms, &d.formed_at); !s.ok()) return s;
  if (Status s = When(v.branch, v.row.dispatched_at_ms, &d.dispatched_at); !s.ok()) return s;
  d.method = v.row.method;
  d.courier_full_name = v.courier_name;
  d.employee_full_name = v.formed_by_name;
  for (const auto& p : v.lines) {
    docs::RegisterLine line;
    line.barcode = domain::MakeBarcode(domain::BarcodeKind::kApplication, p.id);
    line.service_code = p.service_code;
    line.service_name = ServiceName(*snapshot.catalog, p.service_code, lang);
    line.applicant_full_name = domain::MaskName(p.applicant_full_name);
    line.accepted_on = Dotted(p.accepted_on);
    line.deadline = Dotted(p.provider_deadline);
    if (v.row.kind == "results") line.note = DecisionNote(p, lang);
    d.lines.push_back(std::move(line));
  }
  return docs::RenderRegisterPdf(d, pdf);
}

Status RenderAct(App& app, const Principal& who, int64_t id, const std::string& lang,
                 std::string* pdf) {
  if (Status s = CheckLang(lang); !s.ok()) return s;
  store::ActRow act;
  RegisterView v;
  if (Status s = GetAct(app, who, id, &act, &v); !s.ok()) return s;
  CatalogSnapshot snapshot = app.catalog().Current();
  docs::ActOfRefusalData d;
  d.lang = lang;
  d.number = domain::ActNumber(v.branch.code, act.year, act.seq);
  d.register_number = v.number;
  d.register_barcode = v.barcode;
  d.center_name = lang == "kk" ? v.branch.name_kk : v.branch.name_ru;
  d.provider_name = In(lang, v.provider_name);
  if (Status s = When(v.branch, act.drawn_at_ms, &d.drawn_at); !s.ok()) return s;
  Status s = app.db().Read([&](store::Connection& db) {
    store::EmployeeRow e;
    Status st = store::FindEmployeeById(db, act.employee_id, &e);
    if (st.ok()) d.employee_full_name = e.employee.FullName();
    return st;
  });
  if (!s.ok()) return s;
  for (int64_t missing : act.missing) {
    std::string service;
    for (const auto& p : v.lines) {
      if (p.id == missing) service = ServiceName(*snapshot.catalog, p.service_code, lang);
    }
    d.missing.push_back({domain::MakeBarcode(domain::BarcodeKind::kApplication, missing), service});
  }
  // Anything scanned that is not a valid package barcode is still listed, as read.
  for (const auto& extra : act.extra) d.extra.push_back({extra, ""});
  return docs::RenderActOfRefusalPdf(d, pdf);
}

Status RenderIssueReceipt(App& app, const Principal& who, int64_t id, docs::PaperLayout layout,
                          std::string* pdf) {
  store::Package p;
  if (Status s = GetPackage(app, who, id, &p); !s.ok()) return s;
  if (p.issued_at_ms == 0) {
    return Status::Conflict("not_issued",
                            "the result has not been issued; the package is " + p.stage);
  }
  domain::Branch branch;
  std::string employee;
  Status s = app.db().Read([&](store::Connection& db) {
    Status st = store::FindBranch(db, p.branch_id, &branch);
    if (!st.ok()) return st;
    store::EmployeeRow e;
    st = store::FindEmployeeById(db, p.issued_by, &e);
    if (st.ok()) employee = e.employee.FullName();
    return st;
  });
  if (!s.ok()) return s;
  CatalogSnapshot snapshot = app.catalog().Current();
  docs::IssueReceiptData d;
  d.lang = p.lang;
  d.barcode = domain::MakeBarcode(domain::BarcodeKind::kApplication, p.id);
  d.center_name = p.lang == "kk" ? branch.name_kk : branch.name_ru;
  d.service_code = p.service_code;
  d.service_name = ServiceName(*snapshot.catalog, p.service_code, p.lang);
  d.applicant_full_name = p.applicant_full_name;
  // In person: the applicant's own name as recorded at intake.
  d.recipient_full_name = p.recipient_poa.empty() ? p.applicant_full_name : p.recipient_name;
  d.recipient_document = p.recipient_document;
  d.power_of_attorney = p.recipient_poa;
  d.outcome = p.outcome == "refusal" ? "refusal" : "result";
  if (s = When(branch, p.issued_at_ms, &d.issued_at); !s.ok()) return s;
  d.employee_full_name = employee;
  d.shelf = p.shelf;
  return docs::RenderIssueReceiptPdf(d, layout, pdf);
}

}  // namespace tereze::app
