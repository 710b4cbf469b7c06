#include "store/registers.h"

namespace tereze::store {

namespace {

constexpr char kRegisterColumns[] =
    "r.id, r.kind, r.status, r.branch_id, r.provider_code, r.direction_id, r.year, r.seq, "
    "COALESCE(r.method, ''), r.courier_id, r.formed_by, r.formed_at_ms, r.dispatched_by, "
    "r.dispatched_at_ms, r.acknowledged_by, r.acknowledged_at_ms, r.received_by, "
    "r.received_at_ms, (SELECT count(*) FROM register_lines l WHERE l.register_id = r.id)";

RegisterRow FromRow(const Row& row) {
  RegisterRow r;
  r.id = row.integer(0);
  r.kind = row.text(1);
  r.status = row.text(2);
  r.branch_id = row.integer(3);
  r.provider_code = row.text(4);
  r.direction_id = row.integer(5);
  r.year = row.integer(6);
  r.seq = row.integer(7);
  r.method = row.text(8);
  r.courier_id = row.integer(9);
  r.formed_by = row.integer(10);
  r.formed_at_ms = row.integer(11);
  r.dispatched_by = row.integer(12);
  r.dispatched_at_ms = row.integer(13);
  r.acknowledged_by = row.integer(14);
  r.acknowledged_at_ms = row.integer(15);
  r.received_by = row.integer(16);
  r.received_at_ms = row.integer(17);
  r.line_count = row.integer(18);
  return r;
}

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Status RunOne(Connection& db, const std::string& sql, std::vector<Value> params) {
  std::vector<Row> rows;
  Status s = db.Execute(sql + " RETURNING id", params, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::Conflict("wrong_stage", "the register changed meanwhile");
  return Status::Ok();
}

}  // namespace

Status NextRegisterSeq(Connection& db, int64_t branch_id, int64_t year, int64_t* seq) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT COALESCE(MAX(seq), 0) + 1 FROM registers WHERE branch_id = $1 AND year = $2",
      {branch_id, year}, &rows);
  if (!s.ok()) return s;
  *seq = rows.at(0).integer(0);
  return Status::Ok();
}

Status InsertRegister(Connection& db, RegisterRow* r) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO registers (kind, status, branch_id, provider_code, direction_id, year, seq, "
      "method, courier_id, formed_by, formed_at_ms, dispatched_by, dispatched_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
      {r->kind, r->status, r->branch_id, r->provider_code, NullIfZero(r->direction_id), r->year,
       r->seq, r->method.empty() ? Value{} : Value{r->method}, NullIfZero(r->courier_id),
       NullIfZero(r->formed_by), r->formed_at_ms, NullIfZero(r->dispatched_by),
       NullIfZero(r->dispatched_at_ms)},
      &rows);
  if (!s.ok()) return s;
  r->id = rows.at(0).integer(0);
  return Status::Ok();
}

Status AddRegisterLine(Connection& db, int64_t register_id, int64_t application_id,
                       size_t max_lines) {
  std::vector<Row> rows;
  Status s =
      db.Execute("SELECT COALESCE(MAX(position), 0) FROM register_lines WHERE register_id = $1",
                 {register_id}, &rows);
  if (!s.ok()) return s;
  int64_t last = rows.at(0).integer(0);
  if (last >= static_cast<int64_t>(max_lines)) {
    return Status::Conflict("register_full", "the register has " + std::to_string(max_lines) +
                                                 " lines; form another one");
  }
  return db.Execute(
      "INSERT INTO register_lines (register_id, position, application_id) VALUES ($1, $2, $3)",
      {register_id, last + 1, application_id}, nullptr);
}

Status FindRegister(Connection& db, int64_t id, RegisterRow* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      std::string("SELECT ") + kRegisterColumns + " FROM registers r WHERE r.id = $1", {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("register_not_found", "no such register");
  *out = FromRow(rows[0]);
  return Status::Ok();
}

Status FindFormingRegister(Connection& db, int64_t branch_id, const std::string& provider_code,
                           const std::string& kind, RegisterRow* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kRegisterColumns +
                            " FROM registers r WHERE r.branch_id = $1 AND r.provider_code = $2 "
                            "AND r.kind = $3 AND r.status = 'formed' ORDER BY r.id DESC LIMIT 1",
                        {branch_id, provider_code, kind}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("register_not_found", "no register being formed");
  *out = FromRow(rows[0]);
  return Status::Ok();
}

Status FindPendingResultsRegister(Connection& db, int64_t application_id, int64_t* register_id) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT r.id FROM register_lines l JOIN registers r ON r.id = l.register_id "
      "WHERE l.application_id = $1 AND r.kind = 'results' AND r.status = 'dispatched' LIMIT 1",
      {application_id}, &rows);
  if (!s.ok()) return s;
  *register_id = rows.empty() ? 0 : rows[0].integer(0);
  return Status::Ok();
}

Status ListRegisters(Connection& db, const RegisterFilter& f, std::vector<RegisterRow>* out) {
  std::string sql = std::string("SELECT ") + kRegisterColumns + " FROM registers r WHERE 1 = 1";
  std::vector<Value> params;
  auto bind = [&](const Value& v) {
    params.push_back(v);
    return "$" + std::to_string(params.size());
  };
  if (f.branch_id != 0) sql += " AND r.branch_id = " + bind(f.branch_id);
  if (!f.provider_code.empty()) sql += " AND r.provider_code = " + bind(f.provider_code);
  if (!f.kind.empty()) sql += " AND r.kind = " + bind(f.kind);
  if (!f.status.empty()) sql += " AND r.status = " + bind(f.status);
  sql += " ORDER BY r.id DESC LIMIT " + bind(int64_t{f.limit});
  std::vector<Row> rows;
  Status s = db.Execute(sql, params, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

Status ListRegisterLines(Connection& db, int64_t register_id,
                         std::vector<int64_t>* application_ids) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT application_id FROM register_lines WHERE register_id = $1 ORDER BY position",
      {register_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) application_ids->push_back(r.integer(0));
  return Status::Ok();
}

Status MarkRegisterDispatched(Connection& db, int64_t id, const std::string& method,
                              int64_t courier_id, int64_t by, int64_t at_ms) {
  return RunOne(db,
                "UPDATE registers SET status = 'dispatched', method = $2, courier_id = $3, "
                "dispatched_by = $4, dispatched_at_ms = $5 WHERE id = $1 AND status = 'formed'",
                {id, method, NullIfZero(courier_id), by, at_ms});
}

Status MarkRegisterAcknowledged(Connection& db, int64_t id, int64_t by, int64_t at_ms) {
  return RunOne(db,
                "UPDATE registers SET status = 'acknowledged', acknowledged_by = $2, "
                "acknowledged_at_ms = $3 WHERE id = $1 AND status = 'dispatched'",
                {id, by, at_ms});
}

Status MarkRegisterReceived(Connection& db, int64_t id, const std::string& status, int64_t by,
                            int64_t at_ms) {
  return RunOne(db,
                "UPDATE registers SET status = $2, received_by = $3, received_at_ms = $4 "
                "WHERE id = $1 AND status = 'dispatched'",
                {id, status, by, at_ms});
}

Status InsertAct(Connection& db, ActRow* act) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT COALESCE(MAX(seq), 0) + 1 FROM acts_of_refusal WHERE branch_id = $1 AND year = $2",
      {act->branch_id, act->year}, &rows);
  if (!s.ok()) return s;
  act->seq = rows.at(0).integer(0);
  std::string extra;
  for (const auto& e : act->extra) extra += (extra.empty() ? "" : ",") + e;
  rows.clear();
  s = db.Execute(
      "INSERT INTO acts_of_refusal (register_id, branch_id, year, seq, employee_id, drawn_at_ms, "
      "missing, extra) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {act->register_id, act->branch_id, act->year, act->seq, act->employee_id, act->drawn_at_ms,
       JoinIds(act->missing), extra},
      &rows);
  if (!s.ok()) return s;
  act->id = rows.at(0).integer(0);
  return Status::Ok();
}

Status FindAct(Connection& db, int64_t id, ActRow* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, register_id, branch_id, year, seq, employee_id, drawn_at_ms, missing, extra "
      "FROM acts_of_refusal WHERE id = $1",
      {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("act_not_found", "no such act of refusal");
  const Row& r = rows[0];
  *out = ActRow{r.integer(0), r.integer(1), r.integer(2), r.integer(3),    r.integer(4),
                r.integer(5), r.integer(6), {},           Split(r.text(8))};
  for (const auto& id_text : Split(r.text(7))) out->missing.push_back(std::stoll(id_text));
  return Status::Ok();
}

}  // namespace tereze::store
