#include "store/reports.h"

#include <utility>

namespace tereze::store {

namespace {

using domain::ReportFigures;
using domain::ReportLine;

// Every figure of one (branch, provider, service) in one statement: each scalar subquery
// is one or two seeks on a covering index of migration 0011 and a count of a short range.
constexpr char kCountPairSql[] =
    "SELECT "
    // accepted, refused (accepted_on in the month)
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND status = 'accepted' AND accepted_on >= $4 AND accepted_on <= $5), "
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND status = 'refused' AND accepted_on >= $4 AND accepted_on <= $5), "
    // sent (dispatched_at in the month's instants)
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND dispatched_at_ms >= $6 AND dispatched_at_ms < $7), "
    // results on time, late; the provider's refusals (received_on in the month)
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND outcome = 'result' AND late = 0 "
    " AND received_on >= $4 AND received_on <= $5), "
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND outcome = 'result' AND late = 1 "
    " AND received_on >= $4 AND received_on <= $5), "
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND outcome = 'refusal' AND late IN (0, 1) "
    " AND received_on >= $4 AND received_on <= $5), "
    // issued in the month; issued after it but on the shelf at its end
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND issued_on >= $4 AND issued_on <= $5), "
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND issued_on > $5 AND at_issuance_on <= $5), "
    // returned unclaimed in the month; returned after it but on the shelf at its end
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND returned_on >= $4 AND returned_on <= $5), "
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND returned_on > $5 AND at_issuance_on <= $5), "
    // on the shelf now, put there by the month's end
    "(SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND stage = 'at_issuance' AND at_issuance_on <= $5), "
    // ratings given in the month
    "(SELECT COUNT(*) FROM ratings WHERE branch_id = $1 AND provider_code = $2 "
    " AND service_code = $3 AND at_ms >= $6 AND at_ms < $7), "
    "(SELECT CAST(COALESCE(SUM(score), 0) AS BIGINT) FROM ratings WHERE branch_id = $1 "
    " AND provider_code = $2 AND service_code = $3 AND at_ms >= $6 AND at_ms < $7)";

Status CountPair(Connection& db, const MonthRange& r, const std::string& provider,
                 const std::string& service, ReportLine* line) {
  ReportFigures& f = line->figures;
  std::vector<Row> rows;
  Status s =
      db.Execute(kCountPairSql,
                 {r.branch_id, provider, service, r.first, r.last, r.start_ms, r.end_ms}, &rows);
  if (!s.ok()) return s;
  const Row& c = rows.at(0);
  f.accepted = c.integer(0);
  f.refused = c.integer(1);
  f.sent = c.integer(2);
  f.results_on_time = c.integer(3);
  f.results_late = c.integer(4);
  f.provider_refused = c.integer(5);
  f.issued = c.integer(6);
  f.returned_unclaimed = c.integer(8);
  f.in_storage = c.integer(7) + c.integer(9) + c.integer(10);
  f.ratings = c.integer(11);
  f.rating_sum = c.integer(12);
  if (f.refused > 0) {
    rows.clear();
    s = db.Execute(
        "SELECT d.code, COUNT(*) FROM applications a JOIN application_documents d "
        "ON d.application_id = a.id AND d.kind = 'missing' WHERE a.branch_id = $1 "
        "AND a.provider_code = $2 AND a.service_code = $3 AND a.status = 'refused' "
        "AND a.accepted_on >= $4 AND a.accepted_on <= $5 GROUP BY d.code",
        {r.branch_id, provider, service, r.first, r.last}, &rows);
    if (!s.ok()) return s;
    std::vector<domain::MissingCount> all;
    for (const Row& row : rows) all.push_back({row.text(0), row.integer(1)});
    line->top_missing = domain::TopMissing(std::move(all));
  }
  return Status::Ok();
}

constexpr char kReportColumns[] =
    "r.id, r.branch_id, r.provider_code, r.provider_unit_id, r.month, r.generated_at_ms, "
    "r.generated_by, r.delivered_at_ms, r.acknowledged_at_ms, r.acknowledged_by, "
    "r.delivery_late, r.act_late, r.queue_tickets, r.queue_called, r.queue_wait_sum_ms, "
    "r.queue_wait_max_ms, r.queue_waited_over_15_min, a.id, a.status";
constexpr char kReportFrom[] =
    " FROM monthly_reports r LEFT JOIN reconciliation_acts a ON a.report_id = r.id";

MonthlyReportRow ReportOf(const Row& row) {
  MonthlyReportRow r;
  r.id = row.integer(0);
  r.branch_id = row.integer(1);
  r.provider_code = row.text(2);
  r.provider_unit_id = row.integer(3);
  r.month = row.text(4);
  r.generated_at_ms = row.integer(5);
  r.generated_by = row.integer(6);
  r.delivered_at_ms = row.integer(7);
  r.acknowledged_at_ms = row.integer(8);
  r.acknowledged_by = row.integer(9);
  r.delivery_late = row.integer(10) != 0;
  r.act_late = row.integer(11) != 0;
  r.queue = {row.integer(12), row.integer(13), row.integer(14), row.integer(15), row.integer(16)};
  r.act_id = row.integer(17);
  r.act_status = row.text(18);
  return r;
}

constexpr char kFigureColumns[] =
    "accepted, refused, sent, results_on_time, results_late, provider_refused, issued, "
    "returned_unclaimed, in_storage, ratings, rating_sum";

ReportFigures FiguresOf(const Row& row, size_t at) {
  ReportFigures f;
  int64_t* fields[] = {&f.accepted,     &f.refused,          &f.sent,      &f.results_on_time,
                       &f.results_late, &f.provider_refused, &f.issued,    &f.returned_unclaimed,
                       &f.in_storage,   &f.ratings,          &f.rating_sum};
  for (size_t i = 0; i < std::size(fields); ++i) *fields[i] = row.integer(at + i);
  return f;
}

void AppendFigures(const ReportFigures& f, std::vector<Value>* params) {
  for (int64_t v :
       {f.accepted, f.refused, f.sent, f.results_on_time, f.results_late, f.provider_refused,
        f.issued, f.returned_unclaimed, f.in_storage, f.ratings, f.rating_sum}) {
    params->push_back(v);
  }
}

std::string TopMissingText(const std::vector<domain::MissingCount>& top) {
  std::string out;
  for (const auto& m : top) {
    if (!out.empty()) out += ",";
    out += m.code + ":" + std::to_string(m.count);
  }
  return out;
}

std::vector<domain::MissingCount> ParseTopMissing(const std::string& text) {
  std::vector<domain::MissingCount> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(pos, comma - pos);
    size_t colon = item.rfind(':');
    if (colon != std::string::npos) {
      out.push_back({item.substr(0, colon), std::stoll(item.substr(colon + 1))});
    }
    pos = comma + 1;
  }
  return out;
}

ReconciliationActRow ActOf(const Row& row) {
  ReconciliationActRow a;
  a.id = row.integer(0);
  a.report_id = row.integer(1);
  a.status = row.text(2);
  a.drawn_at_ms = row.integer(3);
  a.drawn_by = row.integer(4);
  a.center_signed_at_ms = row.integer(5);
  a.center_signed_by = row.integer(6);
  a.provider_signed_at_ms = row.integer(7);
  a.provider_signed_by = row.integer(8);
  return a;
}

}  // namespace

Status CountBranchMonth(Connection& db, const MonthRange& range, BranchMonthCounts* out) {
  *out = BranchMonthCounts{};
  if (db.dialect() == Dialect::kSqlite) {
    // Thousands of index seeks: map the file (read-only use; WAL keeps it safe) rather than
    // a pread per page through the small default page cache.
    Status s = db.ExecuteScript("PRAGMA mmap_size=2147418112");
    if (!s.ok()) return s;
  }
  // The branch's (provider, service) pairs, one index seek each (a loose index scan).
  std::string provider, service;
  for (;;) {
    std::vector<Row> rows;
    Status s = db.Execute(
        "SELECT provider_code, service_code FROM applications WHERE branch_id = $1 "
        "AND (provider_code, service_code) > ($2, $3) "
        "ORDER BY provider_code, service_code LIMIT 1",
        {range.branch_id, provider, service}, &rows);
    if (!s.ok()) return s;
    if (rows.empty()) break;
    provider = rows[0].text(0);
    service = rows[0].text(1);
    ReportLine line;
    line.service_code = service;
    if (s = CountPair(db, range, provider, service, &line); !s.ok()) return s;
    if (!line.figures.Empty()) out->providers[provider].push_back(std::move(line));
  }
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT COUNT(*), COUNT(called_at_ms), CAST(COALESCE(SUM(called_at_ms - arrived_at_ms), 0) "
      "AS BIGINT), "
      "COALESCE(MAX(called_at_ms - arrived_at_ms), 0), "
      "CAST(COALESCE(SUM(CASE WHEN called_at_ms - arrived_at_ms > $4 THEN 1 ELSE 0 END), 0) AS "
      "BIGINT) "
      "FROM tickets WHERE branch_id = $1 AND day >= $2 AND day <= $3",
      {range.branch_id, range.first, range.last, domain::kLongWaitMs}, &rows);
  if (!s.ok()) return s;
  const Row& q = rows.at(0);
  out->queue = {q.integer(0), q.integer(1), q.integer(2), q.integer(3), q.integer(4)};
  return Status::Ok();
}

Status InsertMonthlyReport(Connection& db, MonthlyReportRow* r) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO monthly_reports (branch_id, provider_code, provider_unit_id, month, "
      "generated_at_ms, generated_by, delivered_at_ms, queue_tickets, queue_called, "
      "queue_wait_sum_ms, queue_wait_max_ms, queue_waited_over_15_min) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
      {r->branch_id, r->provider_code, NullIfZero(r->provider_unit_id), r->month,
       r->generated_at_ms, NullIfZero(r->generated_by), NullIfZero(r->delivered_at_ms),
       r->queue.tickets, r->queue.called, r->queue.wait_sum_ms, r->queue.wait_max_ms,
       r->queue.waited_over_15_min},
      &rows);
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("report_exists",
                            "the branch has its report on this provider and month");
  }
  if (!s.ok()) return s;
  r->id = rows.at(0).integer(0);
  for (const ReportLine& l : r->lines) {
    std::vector<Value> params = {r->id, l.service_code};
    AppendFigures(l.figures, &params);
    params.push_back(TopMissingText(l.top_missing));
    s = db.Execute(
        std::string("INSERT INTO monthly_report_lines (report_id, service_code, ") +
            kFigureColumns +
            ", top_missing) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        params, nullptr);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status FindMonthlyReport(Connection& db, int64_t id, MonthlyReportRow* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kReportColumns + kReportFrom + " WHERE r.id = $1",
                        {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("report_not_found", "no such report");
  *out = ReportOf(rows[0]);
  rows.clear();
  s = db.Execute(std::string("SELECT service_code, top_missing, ") + kFigureColumns +
                     " FROM monthly_report_lines WHERE report_id = $1 ORDER BY service_code",
                 {id}, &rows);
  if (!s.ok()) return s;
  for (const Row& row : rows) {
    out->lines.push_back({row.text(0), FiguresOf(row, 2), ParseTopMissing(row.text(1))});
  }
  return Status::Ok();
}

Status FindMonthlyReportId(Connection& db, int64_t branch_id, const std::string& provider_code,
                           const std::string& month, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id FROM monthly_reports WHERE branch_id = $1 AND provider_code = $2 AND month = $3",
      {branch_id, provider_code, month}, &rows);
  if (!s.ok()) return s;
  *id_out = rows.empty() ? 0 : rows[0].integer(0);
  return Status::Ok();
}

Status ListMonthlyReports(Connection& db, const ReportFilter& f,
                          std::vector<MonthlyReportRow>* out) {
  std::string sql = std::string("SELECT ") + kReportColumns + kReportFrom + " WHERE r.id > $1";
  std::vector<Value> params = {f.after_id};
  if (!f.month.empty()) {
    params.push_back(f.month);
    sql += " AND r.month = $" + std::to_string(params.size());
  }
  if (f.branch_id != 0) {
    params.push_back(f.branch_id);
    sql += " AND r.branch_id = $" + std::to_string(params.size());
  }
  if (!f.provider_code.empty()) {
    params.push_back(f.provider_code);
    sql += " AND r.provider_code = $" + std::to_string(params.size());
  }
  if (f.undelivered_only) sql += " AND r.delivered_at_ms IS NULL";
  if (f.delivered_only) sql += " AND r.delivered_at_ms IS NOT NULL";
  params.push_back(int64_t{f.limit});
  sql += " ORDER BY r.id LIMIT $" + std::to_string(params.size());
  std::vector<Row> rows;
  Status s = db.Execute(sql, params, &rows);
  if (!s.ok()) return s;
  for (const Row& row : rows) out->push_back(ReportOf(row));
  return Status::Ok();
}

Status ListReportsForDeadlines(Connection& db, const std::string& min_month, int64_t after_id,
                               int limit, std::vector<MonthlyReportRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kReportColumns + kReportFrom +
                            " WHERE r.id > $1 AND (r.delivery_late = 0 OR r.act_late = 0) "
                            "AND r.month >= $3 ORDER BY r.id LIMIT $2",
                        {after_id, int64_t{limit}, min_month}, &rows);
  if (!s.ok()) return s;
  for (const Row& row : rows) out->push_back(ReportOf(row));
  return Status::Ok();
}

Status MarkReportDelivered(Connection& db, int64_t id, int64_t unit_id, int64_t at_ms) {
  return db.Execute(
      "UPDATE monthly_reports SET provider_unit_id = $2, delivered_at_ms = $3 "
      "WHERE id = $1 AND delivered_at_ms IS NULL",
      {id, unit_id, at_ms});
}

Status MarkReportAcknowledged(Connection& db, int64_t id, int64_t employee_id, int64_t at_ms) {
  return db.Execute(
      "UPDATE monthly_reports SET acknowledged_at_ms = $2, acknowledged_by = $3 WHERE id = $1",
      {id, at_ms, employee_id});
}

Status SetReportFlags(Connection& db, int64_t id, bool delivery_late, bool act_late) {
  return db.Execute("UPDATE monthly_reports SET delivery_late = $2, act_late = $3 WHERE id = $1",
                    {id, int64_t{delivery_late}, int64_t{act_late}});
}

constexpr char kActColumns[] =
    "id, report_id, status, drawn_at_ms, drawn_by, center_signed_at_ms, center_signed_by, "
    "provider_signed_at_ms, provider_signed_by";

Status InsertReconciliationAct(Connection& db, ReconciliationActRow* a) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO reconciliation_acts (report_id, status, drawn_at_ms, drawn_by) "
      "VALUES ($1, $2, $3, $4) RETURNING id",
      {a->report_id, a->status, a->drawn_at_ms, a->drawn_by}, &rows);
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("act_exists", "the report has its reconciliation act");
  }
  if (!s.ok()) return s;
  a->id = rows.at(0).integer(0);
  return Status::Ok();
}

Status FindReconciliationAct(Connection& db, int64_t id, ReconciliationActRow* out) {
  std::vector<Row> rows;
  Status s =
      db.Execute(std::string("SELECT ") + kActColumns + " FROM reconciliation_acts WHERE id = $1",
                 {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("act_not_found", "no such act");
  *out = ActOf(rows[0]);
  return Status::Ok();
}

Status UpdateActStatus(Connection& db, const ReconciliationActRow& a,
                       const std::string& from_status) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "UPDATE reconciliation_acts SET status = $2, center_signed_at_ms = $3, "
      "center_signed_by = $4, provider_signed_at_ms = $5, provider_signed_by = $6 "
      "WHERE id = $1 AND status = $7 RETURNING id",
      {a.id, a.status, NullIfZero(a.center_signed_at_ms), NullIfZero(a.center_signed_by),
       NullIfZero(a.provider_signed_at_ms), NullIfZero(a.provider_signed_by), from_status},
      &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::Conflict("act_changed", "the act changed meanwhile");
  return Status::Ok();
}

Status InsertDiscrepancy(Connection& db, DiscrepancyRow* d) {
  std::vector<Row> rows;
  Status s =
      db.Execute("SELECT COUNT(*) FROM act_discrepancies WHERE act_id = $1", {d->act_id}, &rows);
  if (!s.ok()) return s;
  if (rows.at(0).integer(0) >= kMaxDiscrepanciesPerAct) {
    return Status::Refused(
        "too_many_discrepancies",
        "an act holds at most " + std::to_string(kMaxDiscrepanciesPerAct) + " discrepancies");
  }
  rows.clear();
  s = db.Execute(
      "INSERT INTO act_discrepancies (act_id, service_code, figure, center_value, provider_value, "
      "comment, side, entered_by, entered_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "RETURNING id",
      {d->act_id, d->service_code, d->figure, d->center_value, d->provider_value, d->comment,
       d->side, d->entered_by, d->entered_at_ms},
      &rows);
  if (!s.ok()) return s;
  d->id = rows.at(0).integer(0);
  return Status::Ok();
}

Status ListDiscrepancies(Connection& db, int64_t act_id, std::vector<DiscrepancyRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, act_id, service_code, figure, center_value, provider_value, comment, side, "
      "entered_by, entered_at_ms FROM act_discrepancies WHERE act_id = $1 ORDER BY id",
      {act_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.integer(4), r.integer(5),
                    r.text(6), r.text(7), r.integer(8), r.integer(9)});
  }
  return Status::Ok();
}

Status SumStoredReports(Connection& db, const std::string& provider_code, const std::string& month,
                        CentralActRow* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT COUNT(*), COUNT(DISTINCT branch_id) FROM monthly_reports "
      "WHERE provider_code = $1 AND month = $2",
      {provider_code, month}, &rows);
  if (!s.ok()) return s;
  out->reports = rows.at(0).integer(0);
  out->branches = rows.at(0).integer(1);
  rows.clear();
  s = db.Execute(
      "SELECT l.service_code, CAST(SUM(l.accepted) AS BIGINT), CAST(SUM(l.refused) AS BIGINT), "
      "CAST(SUM(l.sent) AS BIGINT), "
      "CAST(SUM(l.results_on_time) AS BIGINT), CAST(SUM(l.results_late) AS BIGINT), "
      "CAST(SUM(l.provider_refused) AS BIGINT), CAST(SUM(l.issued) AS BIGINT), "
      "CAST(SUM(l.returned_unclaimed) AS BIGINT), CAST(SUM(l.in_storage) AS BIGINT), "
      "CAST(SUM(l.ratings) AS BIGINT), CAST(SUM(l.rating_sum) AS BIGINT) "
      "FROM monthly_report_lines l JOIN monthly_reports r ON r.id = l.report_id "
      "WHERE r.provider_code = $1 AND r.month = $2 GROUP BY l.service_code ORDER BY l.service_code",
      {provider_code, month}, &rows);
  if (!s.ok()) return s;
  out->lines.clear();
  for (const Row& row : rows) out->lines.push_back({row.text(0), FiguresOf(row, 1), {}});
  return Status::Ok();
}

Status InsertCentralAct(Connection& db, CentralActRow* a) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO central_acts (provider_code, month, drawn_at_ms, drawn_by, reports, branches) "
      "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {a->provider_code, a->month, a->drawn_at_ms, a->drawn_by, a->reports, a->branches}, &rows);
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("central_act_exists", "the provider has its act for this month");
  }
  if (!s.ok()) return s;
  a->id = rows.at(0).integer(0);
  for (const ReportLine& l : a->lines) {
    std::vector<Value> params = {a->id, l.service_code};
    AppendFigures(l.figures, &params);
    s = db.Execute(std::string("INSERT INTO central_act_lines (act_id, service_code, ") +
                       kFigureColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                   params, nullptr);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

namespace {
constexpr char kCentralColumns[] =
    "id, provider_code, month, drawn_at_ms, drawn_by, reports, branches";
CentralActRow CentralOf(const Row& r) {
  CentralActRow a;
  a.id = r.integer(0);
  a.provider_code = r.text(1);
  a.month = r.text(2);
  a.drawn_at_ms = r.integer(3);
  a.drawn_by = r.integer(4);
  a.reports = r.integer(5);
  a.branches = r.integer(6);
  return a;
}
}  // namespace

Status FindCentralAct(Connection& db, int64_t id, CentralActRow* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      std::string("SELECT ") + kCentralColumns + " FROM central_acts WHERE id = $1", {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("act_not_found", "no such act");
  *out = CentralOf(rows[0]);
  rows.clear();
  s = db.Execute(std::string("SELECT service_code, ") + kFigureColumns +
                     " FROM central_act_lines WHERE act_id = $1 ORDER BY service_code",
                 {id}, &rows);
  if (!s.ok()) return s;
  for (const Row& row : rows) out->lines.push_back({row.text(0), FiguresOf(row, 1), {}});
  return Status::Ok();
}

Status ListCentralActs(Connection& db, const std::string& month, std::vector<CentralActRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kCentralColumns +
                            " FROM central_acts WHERE month = $1 OR $1 = '' ORDER BY id LIMIT 500",
                        {month}, &rows);
  if (!s.ok()) return s;
  for (const Row& row : rows) out->push_back(CentralOf(row));
  return Status::Ok();
}

Status SetReturnedOn(Connection& db, int64_t application_id, const std::string& on) {
  return db.Execute("UPDATE applications SET returned_on = $2 WHERE id = $1", {application_id, on});
}

}  // namespace tereze::store
