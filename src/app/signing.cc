#include "app/signing.h"

#include "core/iin.h"
#include "core/instant.h"
#include "sign/signature.h"
#include "store/accounts.h"
#include "store/signatures.h"

namespace tereze::app {

namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kDemoCaYears = 10;
constexpr int64_t kDemoCertificateYears = 3;

// Employees carry no IIN in Tereze; the demo gives each a valid one made from
// its id (born 1 January 1980), as the national CA would put the real one.
std::string DemoIin(int64_t employee_id) {
  for (int variant = 0; variant < 10; ++variant) {
    char first11[32];
    std::snprintf(first11, sizeof first11, "8001013%02d%02d", variant,
                  static_cast<int>(employee_id % 100));
    if (auto check = IinCheckDigit(first11)) return first11 + std::to_string(*check);
  }
  return "";
}

}  // namespace

Status SetUpDemoSigning(App& app) {
  const int64_t now_ms = app.clock().NowMs();
  return app.db().writer().Run([&](store::WriteTx& tx) {
    store::SigningKey ca_key;
    Status s = store::FindSigningAuthority(tx.db(), &ca_key);
    if (s.ok()) return Status::Ok();
    if (s.kind() != Status::Kind::kNotFound) return s;
    sign::Identity ca;
    s = sign::CreateCertificateAuthority("Tereze Demo CA", now_ms - kDayMs,
                                         now_ms + kDemoCaYears * 365 * kDayMs, &ca);
    if (!s.ok()) return s;
    if (s = store::InsertSigningAuthority(tx.db(), {ca.certificate_pem, ca.private_key_pem},
                                          now_ms);
        !s.ok()) {
      return s;
    }
    std::vector<domain::Employee> employees;
    if (s = store::ListEmployees(tx.db(), 0, 0, 1000, &employees); !s.ok()) return s;
    for (const domain::Employee& e : employees) {
      sign::Identity id;
      s = sign::IssueEmployeeCertificate(ca, e.FullName(), DemoIin(e.id), e.id, now_ms - kDayMs,
                                         now_ms + kDemoCertificateYears * 365 * kDayMs, &id);
      if (!s.ok()) return s;
      s = store::PutSigningKey(tx.db(), e.id, {id.certificate_pem, id.private_key_pem}, now_ms);
      if (!s.ok()) return s;
    }
    return tx.Audit(SystemAudit("signing.demo_setup", "signing_authority",
                                "employees=" + std::to_string(employees.size())));
  });
}

Status SignAs(App& app, int64_t employee_id, std::string_view data, int64_t signed_at_ms,
              std::string* cms_der) {
  store::SigningKey key;
  Status s = app.db().Read(
      [&](store::Connection& db) { return store::FindSigningKey(db, employee_id, &key); });
  if (s.kind() == Status::Kind::kNotFound) {
    return Status::Refused("no_signing_key", "the employee has no signing certificate");
  }
  if (!s.ok()) return s;
  return sign::SignDetached({key.certificate_pem, key.private_key_pem}, data, signed_at_ms,
                            cms_der);
}

Status CertificateAuthorityPem(App& app, std::string* pem) {
  store::SigningKey ca;
  Status s =
      app.db().Read([&](store::Connection& db) { return store::FindSigningAuthority(db, &ca); });
  if (!s.ok()) return s;
  *pem = ca.certificate_pem;
  return Status::Ok();
}

std::string ElectronicRequestText(const domain::Application& a, const std::string& employee_name) {
  // One "key: value" per line, in a fixed order: the signed bytes must be
  // reproducible by anyone who reads the stored request.
  std::string t = "tereze-electronic-request: 1\n";
  t += "service: " + a.service_code + "\n";
  t += "provider: " + a.provider_code + "\n";
  t += "branch: " + std::to_string(a.branch_id) + "\n";
  t += "lang: " + a.lang + "\n";
  t += "applicant.iin: " + a.applicant.iin + "\n";
  t += "applicant.name: " + a.applicant.FullName() + "\n";
  if (a.representative) {
    t += "representative.iin: " + a.representative->person.iin + "\n";
    t += "representative.name: " + a.representative->person.FullName() + "\n";
    if (a.representative->power_of_attorney) {
      t += "power_of_attorney: " + a.representative->power_of_attorney->number + "\n";
    }
  }
  for (const auto& d : a.documents) {
    t += "document: " + d.code + " " + domain::ToString(d.kind) + "\n";
  }
  for (const auto& c : a.consents) {
    t += "consent: " + std::string(domain::ToString(c.kind)) + " " + c.reference + "\n";
  }
  t += "submitted_at: " + FormatInstantUtc(a.accepted_at_ms) + "\n";
  t += "certified_by: " + employee_name + "\n";
  return t;
}

}  // namespace tereze::app
