#include "app/app.h"

#include "app/catalog.h"
#include "core/crypto.h"

namespace tereze::app {

App::App(store::Database& db, const Clock& clock, EventSink* events)
    : db_(db),
      clock_(clock),
      events_(events),
      throttle_(clock),
      catalog_(std::make_unique<CatalogRegistry>(db)) {}

App::~App() = default;

domain::AuditRecord AuditOf(const Principal& who, std::string action, std::string object,
                            const std::string& change) {
  domain::AuditRecord r;
  r.employee_id = who.employee.id;
  r.role = std::string(domain::RoleName(who.role));
  r.branch_id = who.employee.branch_id;
  r.action = std::move(action);
  r.object = std::move(object);
  r.change_digest = Sha256Hex(change);
  return r;
}

domain::AuditRecord SystemAudit(std::string action, std::string object, const std::string& change) {
  domain::AuditRecord r;
  r.role = "system";
  r.action = std::move(action);
  r.object = std::move(object);
  r.change_digest = Sha256Hex(change);
  return r;
}

}  // namespace tereze::app
