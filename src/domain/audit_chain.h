// The audit log of R26 as a hash chain: each record carries SHA-256 over its
// own fields and the previous record's hash, so that changing, deleting or
// inserting any record breaks every hash after it. Pure: no I/O.
#pragma once

#include <cstdint>
#include <string>

namespace tereze::domain {

// The hash that stands before the first record.
inline constexpr char kAuditGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditRecord {
  int64_t id = 0;           // 1, 2, 3 ... without gaps
  int64_t at_ms = 0;        // UTC
  int64_t employee_id = 0;  // 0: the system itself (jobs, demo loader)
  std::string role;         // the role the employee acted in
  int64_t branch_id = 0;    // 0: none (central)
  std::string action;       // e.g. "employee.create"
  std::string object;       // e.g. "employee/42"
  std::string change_digest;
  std::string prev_hash;
  std::string hash;
};

// SHA-256 hex over the canonical form of every field but `hash`.
std::string ComputeAuditHash(const AuditRecord& record);

// Fills prev_hash and hash for a record that follows `prev_hash`.
void SealAuditRecord(const std::string& prev_hash, AuditRecord* record);

}  // namespace tereze::domain
