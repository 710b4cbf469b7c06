// SQL of the audit log: append within the writer's transaction, list, and
// walk the chain to verify it.
#pragma once

#include <functional>
#include <vector>

#include "domain/audit_chain.h"
#include "store/connection.h"

namespace tereze::store {

// The last record's id and hash (0 and the genesis hash when empty).
struct AuditHead {
  int64_t last_id = 0;
  std::string last_hash = domain::kAuditGenesisHash;
};

Status ReadAuditHead(Connection& db, AuditHead* head);

// Inserts `record` (already sealed).
Status InsertAuditRecord(Connection& db, const domain::AuditRecord& record);

// Records with id > after_id, in id order, at most `limit`.
Status ListAuditRecords(Connection& db, int64_t after_id, int limit,
                        std::vector<domain::AuditRecord>* out);

struct AuditVerification {
  bool whole = true;
  int64_t records_checked = 0;
  int64_t first_broken_id = 0;  // when !whole
  std::string reason;           // when !whole
};

// Recomputes every hash in id order, reading in pages so that memory stays
// bounded however long the log is.
Status VerifyAuditChain(Connection& db, AuditVerification* out);

}  // namespace tereze::store
