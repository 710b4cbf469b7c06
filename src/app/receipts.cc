#include "app/receipts.h"

#include "app/catalog.h"
#include "core/zone.h"
#include "domain/barcode.h"
#include "store/accounts.h"
#include "store/branches.h"

namespace tereze::app {

namespace {

const std::string& In(const std::string& lang, const domain::Text& t) {
  return lang == "kk" ? t.kk : t.ru;
}

}  // namespace

Status FormatLocalDateTime(const std::string& zone, int64_t unix_ms, std::string* out) {
  LocalDate date;
  int minute = 0;
  if (Status s = LocalTimeIn(zone, unix_ms, &date, &minute); !s.ok()) return s;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  *out = date.ToDotted() + " " + buf;
  return Status::Ok();
}

Status RenderApplicationReceipt(App& app, const domain::Application& a, docs::PaperLayout layout,
                                std::string* pdf) {
  domain::Branch branch;
  store::EmployeeRow employee;
  Status s = app.db().Read([&](store::Connection& db) {
    Status st = store::FindBranch(db, a.branch_id, &branch);
    if (!st.ok()) return st;
    return store::FindEmployeeById(db, a.employee_id, &employee);
  });
  if (!s.ok()) return s;
  // The service as the catalog describes it now; the codes are the application's own.
  CatalogSnapshot snapshot = app.catalog().Current();
  const domain::Service* service = nullptr;
  for (const auto& sv : snapshot.catalog->services) {
    if (sv.code == a.service_code) service = &sv;
  }
  auto document_name = [&](const std::string& code) {
    if (service) {
      for (const auto& d : service->documents) {
        if (d.code == code) return In(a.lang, d.name);
      }
    }
    return code;
  };

  docs::ReceiptData r;
  r.lang = a.lang;
  r.refusal = a.refused();
  r.barcode = domain::MakeBarcode(
      a.refused() ? domain::BarcodeKind::kRefusal : domain::BarcodeKind::kApplication, a.id);
  r.center_name = a.lang == "kk" ? branch.name_kk : branch.name_ru;
  r.center_address = a.lang == "kk" ? branch.address_kk : branch.address_ru;
  r.service_code = a.service_code;
  r.service_name = service ? In(a.lang, service->name) : a.service_code;
  r.applicant_full_name = a.applicant.FullName();
  if (a.representative) {
    r.representative_full_name = a.representative->person.FullName();
    if (const auto& poa = a.representative->power_of_attorney) {
      r.power_of_attorney = "№ " + poa->number + (a.lang == "kk" ? ", " : " от ") +
                            poa->issued_on.ToDotted() + ", " + poa->issuer +
                            (a.lang == "kk" ? ", " + poa->valid_until.ToDotted() + " дейін"
                                            : ", до " + poa->valid_until.ToDotted());
    }
  }
  r.employee_full_name = employee.employee.FullName();
  if (s = FormatLocalDateTime(branch.time_zone, a.accepted_at_ms, &r.submitted_at); !s.ok()) {
    return s;
  }
  if (a.issue_date) r.issue_date = a.issue_date->ToDotted();
  for (const auto& d : a.documents) {
    r.documents.push_back({document_name(d.code), domain::ToString(d.kind), d.pages});
  }
  for (const auto& m : a.missing) r.missing_documents.push_back(document_name(m));
  for (const auto& p : a.payments) {
    std::string name = p.code;
    if (service) {
      for (const auto& due : service->payments) {
        if (due.code == p.code) name = In(a.lang, due.name);
      }
    }
    if (p.code == domain::kServicePriceCode) {
      name = a.lang == "kk" ? "Қызмет құны" : "Стоимость услуги";
    }
    r.payments.push_back({name, p.reference, p.amount_tiyn});
  }
  r.price_tiyn = a.price_tiyn;
  // The web front end's public tracking page (a hash route of the one page it serves).
  if (!a.refused()) r.tracking_url = app.public_url() + "/#/track/" + r.barcode;
  return docs::RenderReceiptPdf(r, layout, pdf);
}

}  // namespace tereze::app
