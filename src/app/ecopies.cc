#include "app/ecopies.h"

#include "app/catalog.h"
#include "app/intake.h"
#include "app/signing.h"
#include "core/crypto.h"
#include "domain/ecopy.h"
#include "store/applications.h"

namespace tereze::app {

void CertifyECopy(App& app, const Principal& who, int64_t application_id,
                  const std::string& document_code, const std::string& bytes,
                  const Done<store::ECopy>& done) {
  auto copy = std::make_shared<store::ECopy>();
  if (bytes.size() > domain::kMaxECopyBytes) {
    return done(Status::TooLarge("ecopy_too_large", "a scan is at most 10 MiB"), *copy);
  }
  auto media_type = domain::SniffScanType(bytes);
  if (!media_type) {
    return done(Status::Refused("ecopy_type_unsupported",
                                "a scan is a PDF, JPEG or PNG (judged by its content)"),
                *copy);
  }
  domain::Application a;
  if (Status s = GetApplication(app, who, application_id, &a); !s.ok()) return done(s, *copy);
  if (a.refused()) {
    return done(Status::Conflict("wrong_stage", "the application was refused"), *copy);
  }
  // The standard in force when the application was accepted decides (R21).
  CatalogSnapshot snapshot = app.catalog().Current();
  const domain::RequiredDocument* required = nullptr;
  for (const auto& s : snapshot.catalog->services) {
    if (s.code != a.service_code) continue;
    for (const auto& d : s.documents) {
      if (d.code == document_code) required = &d;
    }
  }
  if (!required) {
    return done(
        Status::Refused("document_unknown", "the service does not list document " + document_code),
        *copy);
  }
  if (!required->electronic_copy_accepted) {
    return done(Status::Refused("electronic_copy_not_accepted",
                                "the standard requires the paper document (R21)"),
                *copy);
  }
  const int64_t now_ms = app.clock().NowMs();
  std::string cms;
  if (Status s = SignAs(app, who.employee.id, bytes, now_ms, &cms); !s.ok()) return done(s, *copy);
  copy->application_id = application_id;
  copy->document_code = document_code;
  copy->media_type = *media_type;
  copy->size_bytes = static_cast<int64_t>(bytes.size());
  copy->sha256 = Sha256Hex(bytes);
  copy->content_base64 = Base64Encode(bytes);
  copy->signature_base64 = Base64Encode(cms);
  copy->employee_id = who.employee.id;
  copy->at_ms = now_ms;
  SubmitWrite<store::ECopy>(
      app.db(), copy,
      [who](store::WriteTx& tx, store::ECopy& c) {
        Status s = store::InsertECopy(tx.db(), c, &c.id);
        if (!s.ok()) return s;
        domain::ApplicationEvent e;
        e.application_id = c.application_id;
        e.kind = "ecopy_certified";
        e.stage = "accepted";
        e.at_ms = tx.now_ms();
        e.employee_id = who.employee.id;
        e.branch_id = who.employee.branch_id;
        e.note = c.document_code + " sha256=" + c.sha256;
        int64_t event_id = 0;
        if (s = store::InsertEvent(tx.db(), e, &event_id); !s.ok()) return s;
        return tx.Audit(AuditOf(who, "ecopy.certify", "ecopy/" + std::to_string(c.id),
                                "application=" + std::to_string(c.application_id) +
                                    "\ndocument=" + c.document_code + "\nsha256=" + c.sha256));
      },
      [done](const Status& s, store::ECopy c) {
        c.content_base64.clear();  // the caller has the bytes; do not echo 13 MiB of base64
        done(s, c);
      });
}

Status GetECopy(App& app, const Principal& who, int64_t id, bool with_content, store::ECopy* out,
                domain::Application* owner) {
  Status s = app.db().Read(
      [&](store::Connection& db) { return store::FindECopy(db, id, with_content, out); });
  if (!s.ok()) return s;
  s = GetApplication(app, who, out->application_id, owner);
  if (s.kind() == Status::Kind::kNotFound) {
    return Status::NotFound("ecopy_not_found", "no such electronic copy");
  }
  return s;
}

}  // namespace tereze::app
