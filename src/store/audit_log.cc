#include "store/audit_log.h"

namespace tereze::store {

namespace {
constexpr int kVerifyPageSize = 5000;

domain::AuditRecord FromRow(const Row& row) {
  domain::AuditRecord r;
  r.id = row.integer(0);
  r.at_ms = row.integer(1);
  r.employee_id = row.integer(2);
  r.role = row.text(3);
  r.branch_id = row.integer(4);
  r.action = row.text(5);
  r.object = row.text(6);
  r.change_digest = row.text(7);
  r.prev_hash = row.text(8);
  r.hash = row.text(9);
  return r;
}
}  // namespace

Status ReadAuditHead(Connection& db, AuditHead* head) {
  std::vector<Row> rows;
  Status s = db.Execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", {}, &rows);
  if (!s.ok()) return s;
  *head = AuditHead{};
  if (!rows.empty()) {
    head->last_id = rows[0].integer(0);
    head->last_hash = rows[0].text(1);
  }
  return Status::Ok();
}

Status InsertAuditRecord(Connection& db, const domain::AuditRecord& r) {
  return db.Execute(
      "INSERT INTO audit_log (id, at_ms, employee_id, role, branch_id, action, object, "
      "change_digest, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {r.id, r.at_ms, NullIfZero(r.employee_id), r.role, NullIfZero(r.branch_id), r.action,
       r.object, r.change_digest, r.prev_hash, r.hash});
}

Status ListAuditRecords(Connection& db, int64_t after_id, int limit,
                        std::vector<domain::AuditRecord>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, at_ms, employee_id, role, branch_id, action, object, change_digest, "
      "prev_hash, hash FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
      {after_id, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& row : rows) out->push_back(FromRow(row));
  return Status::Ok();
}

Status VerifyAuditChain(Connection& db, AuditVerification* out) {
  *out = AuditVerification{};
  std::string prev_hash = domain::kAuditGenesisHash;
  int64_t expected_id = 1;
  for (;;) {
    std::vector<domain::AuditRecord> page;
    Status s = ListAuditRecords(db, expected_id - 1, kVerifyPageSize, &page);
    if (!s.ok()) return s;
    // A record deleted from the middle shows as a gap: the next id is not
    // the expected one. Rows deleted from the end are caught by the head the
    // writer keeps (and by backups); here only the chain itself is judged.
    for (const auto& r : page) {
      auto broken = [&](std::string reason) {
        out->whole = false;
        out->first_broken_id = r.id;
        out->reason = std::move(reason);
      };
      if (r.id != expected_id) {
        out->whole = false;
        out->first_broken_id = expected_id;
        out->reason = "record " + std::to_string(expected_id) + " is missing";
        return Status::Ok();
      }
      if (r.prev_hash != prev_hash) {
        broken("prev_hash does not match the hash of the record before");
        return Status::Ok();
      }
      if (domain::ComputeAuditHash(r) != r.hash) {
        broken("hash does not match the record's content");
        return Status::Ok();
      }
      prev_hash = r.hash;
      ++expected_id;
      ++out->records_checked;
    }
    if (static_cast<int>(page.size()) < kVerifyPageSize) return Status::Ok();
  }
}

}  // namespace tereze::store
