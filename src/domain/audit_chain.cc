#include "domain/audit_chain.h"

#include "core/crypto.h"

namespace tereze::domain {

std::string ComputeAuditHash(const AuditRecord& r) {
  // Length-prefixed fields: no value can be shifted into its neighbour.
  std::string canonical;
  auto add = [&canonical](const std::string& field) {
    canonical += std::to_string(field.size());
    canonical += ':';
    canonical += field;
    canonical += ';';
  };
  add(std::to_string(r.id));
  add(std::to_string(r.at_ms));
  add(std::to_string(r.employee_id));
  add(r.role);
  add(std::to_string(r.branch_id));
  add(r.action);
  add(r.object);
  add(r.change_digest);
  add(r.prev_hash);
  return Sha256Hex(canonical);
}

void SealAuditRecord(const std::string& prev_hash, AuditRecord* record) {
  record->prev_hash = prev_hash;
  record->hash = ComputeAuditHash(*record);
}

}  // namespace tereze::domain
