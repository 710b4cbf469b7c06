#include "store/signatures.h"

namespace tereze::store {

Status FindSigningAuthority(Connection& db, SigningKey* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT certificate_pem, private_key_pem FROM signing_authorities ORDER BY id DESC LIMIT 1",
      {}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("no_signing_authority", "no certificate authority");
  *out = {rows[0].text(0), rows[0].text(1)};
  return Status::Ok();
}

Status InsertSigningAuthority(Connection& db, const SigningKey& k, int64_t now_ms) {
  return db.Execute(
      "INSERT INTO signing_authorities (certificate_pem, private_key_pem, created_at_ms) "
      "VALUES ($1, $2, $3)",
      {k.certificate_pem, k.private_key_pem, now_ms});
}

Status FindSigningKey(Connection& db, int64_t employee_id, SigningKey* out) {
  std::vector<Row> rows;
  Status s =
      db.Execute("SELECT certificate_pem, private_key_pem FROM signing_keys WHERE employee_id = $1",
                 {employee_id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) {
    return Status::NotFound("no_signing_key", "the employee has no signing certificate");
  }
  *out = {rows[0].text(0), rows[0].text(1)};
  return Status::Ok();
}

Status PutSigningKey(Connection& db, int64_t employee_id, const SigningKey& k, int64_t now_ms) {
  Status s = db.Execute("DELETE FROM signing_keys WHERE employee_id = $1", {employee_id});
  if (!s.ok()) return s;
  return db.Execute(
      "INSERT INTO signing_keys (employee_id, certificate_pem, private_key_pem, created_at_ms) "
      "VALUES ($1, $2, $3, $4)",
      {employee_id, k.certificate_pem, k.private_key_pem, now_ms});
}

Status InsertECopy(Connection& db, const ECopy& c, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO ecopies (application_id, document_code, media_type, size_bytes, sha256, "
      "content, signature, employee_id, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "RETURNING id",
      {c.application_id, c.document_code, c.media_type, c.size_bytes, c.sha256, c.content_base64,
       c.signature_base64, c.employee_id, c.at_ms},
      &rows);
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

namespace {
ECopy FromRow(const Row& r) {
  return {r.integer(0), r.integer(1), r.text(2), r.text(3),    r.integer(4),
          r.text(5),    r.text(6),    r.text(7), r.integer(8), r.integer(9)};
}
}  // namespace

Status FindECopy(Connection& db, int64_t id, bool with_content, ECopy* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      std::string("SELECT id, application_id, document_code, media_type, size_bytes, sha256, ") +
          (with_content ? "content" : "''") +
          ", signature, employee_id, at_ms FROM ecopies WHERE id = $1",
      {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("ecopy_not_found", "no such electronic copy");
  *out = FromRow(rows[0]);
  return Status::Ok();
}

Status ListECopies(Connection& db, int64_t application_id, std::vector<ECopy>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, application_id, document_code, media_type, size_bytes, sha256, '', signature, "
      "employee_id, at_ms FROM ecopies WHERE application_id = $1 ORDER BY id LIMIT 200",
      {application_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

}  // namespace tereze::store
