#include "store/consents.h"

namespace tereze::store {

namespace {
constexpr char kConsentColumns[] =
    "id, reference, kind, iin, scope, proof, branch_id, employee_id, at_ms";
ConsentRow ConsentFromRow(const Row& r) {
  return {r.integer(0), r.text(1),    r.text(2),    r.text(3),   r.text(4),
          r.text(5),    r.integer(6), r.integer(7), r.integer(8)};
}
}  // namespace

Status InsertConsent(Connection& db, const ConsentRow& c, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO consents (reference, kind, iin, scope, proof, branch_id, employee_id, at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {c.reference, c.kind, c.iin, c.scope, c.proof, NullIfZero(c.branch_id),
       NullIfZero(c.employee_id), c.at_ms},
      &rows);
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("consent_exists", "a consent with this reference is recorded");
  }
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status FindConsentByReference(Connection& db, const std::string& reference, ConsentRow* out) {
  std::vector<Row> rows;
  Status s =
      db.Execute(std::string("SELECT ") + kConsentColumns + " FROM consents WHERE reference = $1",
                 {reference}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("consent_not_found", "no consent with this reference");
  *out = ConsentFromRow(rows[0]);
  return Status::Ok();
}

Status ListConsents(Connection& db, const std::string& iin, std::vector<ConsentRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kConsentColumns +
                            " FROM consents WHERE iin = $1 ORDER BY id LIMIT 500",
                        {iin}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(ConsentFromRow(r));
  return Status::Ok();
}

Status InsertChallenge(Connection& db, const ConsentChallenge& c, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO consent_challenges (iin, phone, scope, code_sha256, salt, branch_id, "
      "employee_id, created_at_ms, expires_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "RETURNING id",
      {c.iin, c.phone, c.scope, c.code_sha256, c.salt, NullIfZero(c.branch_id),
       NullIfZero(c.employee_id), c.created_at_ms, c.expires_at_ms},
      &rows);
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status FindChallenge(Connection& db, int64_t id, ConsentChallenge* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, iin, phone, scope, code_sha256, salt, branch_id, employee_id, created_at_ms, "
      "expires_at_ms, attempts, consent_id FROM consent_challenges WHERE id = $1",
      {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("challenge_not_found", "no such consent code");
  const Row& r = rows[0];
  *out = {r.integer(0), r.text(1),    r.text(2),    r.text(3),    r.text(4),     r.text(5),
          r.integer(6), r.integer(7), r.integer(8), r.integer(9), r.integer(10), r.integer(11)};
  return Status::Ok();
}

Status CountAttempt(Connection& db, int64_t id) {
  return db.Execute("UPDATE consent_challenges SET attempts = attempts + 1 WHERE id = $1", {id});
}

Status CompleteChallenge(Connection& db, int64_t id, int64_t consent_id) {
  return db.Execute(
      "UPDATE consent_challenges SET attempts = attempts + 1, consent_id = $2 WHERE id = $1",
      {id, consent_id});
}

}  // namespace tereze::store
