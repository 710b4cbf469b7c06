#include "app/state_data.h"

#include "app/consents.h"
#include "core/iin.h"

namespace tereze::app {

Status FetchStateData(App& app, const Principal& who, const std::string& iin,
                      const std::string& source, const std::string& consent_reference,
                      const std::string& purpose, StateData* out) {
  IdentityNumber parsed;
  if (Status s = ParseIin(iin, &parsed); !s.ok()) return s;
  if (source != "person" && source != "civil_records" && source != "real_estate") {
    return Status::Malformed("invalid_field", "source: person, civil_records or real_estate");
  }
  if (purpose.empty() || purpose.size() > 200) {
    return Status::Malformed("invalid_field", "purpose: 1-200 bytes saying why (R10)");
  }
  gbd::StateSystems* systems = app.state_systems();
  if (!systems) {
    return Status::Unavailable("state_systems_not_configured",
                               "no state information systems are connected (--gbd-url)");
  }
  // R10: protected data only with the person's consent, recorded before the read.
  if (Status s = RequireConsent(app, iin, consent_reference); !s.ok()) return s;

  gbd::FetchContext context{consent_reference, std::to_string(who.employee.id), purpose};
  Status fetched;
  if (source == "person") {
    fetched = systems->PersonByIin(iin, context, &out->person);
  } else if (source == "civil_records") {
    fetched = systems->CivilRecords(iin, context, &out->civil_records);
  } else {
    fetched = systems->RealEstate(iin, context, &out->properties);
  }
  store::StateFetch log{0,
                        iin,
                        source,
                        purpose,
                        consent_reference,
                        who.employee.id,
                        who.employee.branch_id,
                        0,
                        fetched.ok() ? "ok" : fetched.code()};
  Status logged = app.db().writer().Run([&](store::WriteTx& tx) {
    log.at_ms = tx.now_ms();
    Status s = store::InsertStateFetch(tx.db(), log);
    if (!s.ok()) return s;
    return tx.Audit(AuditOf(who, "state_data.fetch", "person/" + iin,
                            "source=" + source + "\npurpose=" + purpose +
                                "\nconsent=" + consent_reference + "\noutcome=" + log.outcome));
  });
  // Unlogged data is not handed out.
  if (!logged.ok()) return logged;
  return fetched;
}

Status ListStateFetches(App& app, const std::string& iin, int64_t after_id, int limit,
                        std::vector<store::StateFetch>* out) {
  return app.db().Read([&](store::Connection& db) {
    return store::ListStateFetches(db, iin, after_id, limit, out);
  });
}

}  // namespace tereze::app
