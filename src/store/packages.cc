#include "store/packages.h"

namespace tereze::store {

namespace {

constexpr char kPackageColumns[] =
    "id, status, stage, branch_id, service_code, provider_code, lang, applicant_iin, "
    "applicant_surname || ' ' || applicant_name || "
    "CASE WHEN applicant_patronymic = '' THEN '' ELSE ' ' || applicant_patronymic END, "
    "CASE WHEN applicant_phone <> '' THEN applicant_phone ELSE COALESCE(rep_phone, '') END, "
    "accepted_at_ms, accepted_on, COALESCE(issue_date, ''), COALESCE(provider_deadline, ''), "
    "direction_id, dispatched_at_ms, COALESCE(outcome, ''), COALESCE(result_form, ''), "
    "COALESCE(refusal_reason, ''), COALESCE(certificate_valid_until, ''), "
    "COALESCE(received_on, ''), late, COALESCE(shelf, ''), COALESCE(at_issuance_on, ''), "
    "COALESCE(keep_until, ''), returned_after, issued_at_ms, COALESCE(recipient_name, ''), "
    "COALESCE(recipient_document, ''), COALESCE(recipient_poa, ''), issued_by";

Package FromRow(const Row& r) {
  Package p;
  p.id = r.integer(0);
  p.refused = r.text(1) == "refused";
  p.stage = r.text(2);
  p.branch_id = r.integer(3);
  p.service_code = r.text(4);
  p.provider_code = r.text(5);
  p.lang = r.text(6);
  p.applicant_iin = r.text(7);
  p.applicant_full_name = r.text(8);
  p.phone = r.text(9);
  p.accepted_at_ms = r.integer(10);
  p.accepted_on = r.text(11);
  p.issue_date = r.text(12);
  p.provider_deadline = r.text(13);
  p.direction_id = r.integer(14);
  p.dispatched_at_ms = r.integer(15);
  p.outcome = r.text(16);
  p.result_form = r.text(17);
  p.refusal_reason = r.text(18);
  p.certificate_valid_until = r.text(19);
  p.received_on = r.text(20);
  p.late = r.integer(21) != 0;
  p.shelf = r.text(22);
  p.at_issuance_on = r.text(23);
  p.keep_until = r.text(24);
  p.returned_after = r.integer(25) != 0;
  p.issued_at_ms = r.integer(26);
  p.recipient_name = r.text(27);
  p.recipient_document = r.text(28);
  p.recipient_poa = r.text(29);
  p.issued_by = r.integer(30);
  return p;
}

}  // namespace

Status FindPackage(Connection& db, int64_t id, Package* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      std::string("SELECT ") + kPackageColumns + " FROM applications WHERE id = $1", {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("application_not_found", "no such application");
  *out = FromRow(rows[0]);
  return Status::Ok();
}

Status ListPackages(Connection& db, const PackageFilter& f, std::vector<Package>* out) {
  std::string sql = std::string("SELECT ") + kPackageColumns +
                    " FROM applications WHERE branch_id = $1 AND status = 'accepted'";
  std::vector<Value> params = {f.branch_id};
  auto bind = [&](const Value& v) {
    params.push_back(v);
    return "$" + std::to_string(params.size());
  };
  if (!f.stages.empty()) {
    sql += " AND stage IN (";
    for (size_t i = 0; i < f.stages.size(); ++i) sql += (i ? ", " : "") + bind(f.stages[i]);
    sql += ")";
  }
  if (!f.provider_code.empty()) sql += " AND provider_code = " + bind(f.provider_code);
  if (!f.accepted_on.empty()) sql += " AND accepted_on = " + bind(f.accepted_on);
  if (!f.keep_until_before.empty()) sql += " AND keep_until < " + bind(f.keep_until_before);
  sql += " ORDER BY id LIMIT " + bind(int64_t{f.limit});
  std::vector<Row> rows;
  Status s = db.Execute(sql, params, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

Status SetDirection(Connection& db, int64_t id, int64_t direction_id) {
  return db.Execute("UPDATE applications SET direction_id = $2 WHERE id = $1",
                    {id, direction_id == 0 ? Value{} : Value{direction_id}}, nullptr);
}

Status SetDispatchedAt(Connection& db, int64_t id, int64_t at_ms) {
  return db.Execute("UPDATE applications SET dispatched_at_ms = $2 WHERE id = $1", {id, at_ms},
                    nullptr);
}

Status SetOutcome(Connection& db, int64_t id, const std::string& outcome,
                  const std::string& result_form, const std::string& refusal_reason,
                  const std::string& certificate_valid_until) {
  return db.Execute(
      "UPDATE applications SET outcome = $2, result_form = $3, refusal_reason = $4, "
      "certificate_valid_until = $5 WHERE id = $1",
      {id, outcome, NullIfEmpty(result_form), NullIfEmpty(refusal_reason),
       NullIfEmpty(certificate_valid_until)},
      nullptr);
}

Status SetReceived(Connection& db, int64_t id, const std::string& received_on, bool late) {
  return db.Execute("UPDATE applications SET received_on = $2, late = $3 WHERE id = $1",
                    {id, received_on, int64_t{late ? 1 : 0}}, nullptr);
}

Status SetShelf(Connection& db, int64_t id, const std::string& shelf,
                const std::string& at_issuance_on, const std::string& keep_until,
                bool returned_after) {
  return db.Execute(
      "UPDATE applications SET shelf = $2, at_issuance_on = $3, keep_until = $4, "
      "returned_after = $5 WHERE id = $1",
      {id, shelf, at_issuance_on, NullIfEmpty(keep_until), int64_t{returned_after ? 1 : 0}},
      nullptr);
}

Status SetIssued(Connection& db, int64_t id, const IssueRecord& r) {
  return db.Execute(
      "UPDATE applications SET issued_at_ms = $2, issued_on = $3, recipient_iin = $4, "
      "recipient_name = $5, recipient_document = $6, recipient_poa = $7, issued_by = $8 "
      "WHERE id = $1",
      {id, r.at_ms, r.on, r.recipient_iin, r.recipient_name, r.recipient_document,
       NullIfEmpty(r.power_of_attorney), r.employee_id},
      nullptr);
}

}  // namespace tereze::store
