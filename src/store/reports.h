// SQL of monthly reports and reconciliation acts (R37) and the counts they
// are made of (R37, R38). Every figure is counted from the applications,
// ratings and tickets themselves, per branch, provider and service over the
// month's local dates, on the covering indexes of migration 0011.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/report.h"
#include "store/connection.h"

namespace tereze::store {

// One branch's month: the local dates and the instants that bound it in the
// branch's zone ([start_ms, end_ms)).
struct MonthRange {
  int64_t branch_id = 0;
  std::string first, last;  // YYYY-MM-DD
  int64_t start_ms = 0, end_ms = 0;
};

// Per provider code, the lines (service order) with any figure not zero.
struct BranchMonthCounts {
  std::map<std::string, std::vector<domain::ReportLine>> providers;
  domain::QueueFigures queue;
};
Status CountBranchMonth(Connection& db, const MonthRange& range, BranchMonthCounts* out);

// ---- Stored reports ----

struct MonthlyReportRow {
  int64_t id = 0;
  int64_t branch_id = 0;
  std::string provider_code;
  int64_t provider_unit_id = 0;
  std::string month;
  int64_t generated_at_ms = 0, generated_by = 0;
  int64_t delivered_at_ms = 0;
  int64_t acknowledged_at_ms = 0, acknowledged_by = 0;
  bool delivery_late = false, act_late = false;
  domain::QueueFigures queue;
  int64_t act_id = 0;  // its reconciliation act, 0: none drawn yet
  std::string act_status;
  std::vector<domain::ReportLine> lines;  // filled by FindMonthlyReport
};

// Writes the report and its lines; Conflict("report_exists") when the branch
// has its report on that provider and month.
Status InsertMonthlyReport(Connection& db, MonthlyReportRow* r);
// NotFound("report_not_found").
Status FindMonthlyReport(Connection& db, int64_t id, MonthlyReportRow* out);
Status FindMonthlyReportId(Connection& db, int64_t branch_id, const std::string& provider_code,
                           const std::string& month, int64_t* id_out);  // 0 when none

struct ReportFilter {
  std::string month;          // "" any
  int64_t branch_id = 0;      // 0 any
  std::string provider_code;  // "" any
  bool undelivered_only = false;
  bool delivered_only = false;  // what a provider's officer sees
  int64_t after_id = 0;
  int limit = 100;
};
// In id order, without lines.
Status ListMonthlyReports(Connection& db, const ReportFilter& f,
                          std::vector<MonthlyReportRow>* out);
// Reports of `min_month` and later with a deadline flag not set yet.
Status ListReportsForDeadlines(Connection& db, const std::string& min_month, int64_t after_id,
                               int limit, std::vector<MonthlyReportRow>* out);

Status MarkReportDelivered(Connection& db, int64_t id, int64_t unit_id, int64_t at_ms);
Status MarkReportAcknowledged(Connection& db, int64_t id, int64_t employee_id, int64_t at_ms);
Status SetReportFlags(Connection& db, int64_t id, bool delivery_late, bool act_late);

// ---- Reconciliation acts ----

struct ReconciliationActRow {
  int64_t id = 0;
  int64_t report_id = 0;
  std::string status;
  int64_t drawn_at_ms = 0, drawn_by = 0;
  int64_t center_signed_at_ms = 0, center_signed_by = 0;
  int64_t provider_signed_at_ms = 0, provider_signed_by = 0;
};
// Conflict("act_exists") when the report has its act.
Status InsertReconciliationAct(Connection& db, ReconciliationActRow* a);
// NotFound("act_not_found").
Status FindReconciliationAct(Connection& db, int64_t id, ReconciliationActRow* out);
// Compare-and-set on the status: Conflict("act_changed") when it moved meanwhile.
Status UpdateActStatus(Connection& db, const ReconciliationActRow& a,
                       const std::string& from_status);

struct DiscrepancyRow {
  int64_t id = 0;
  int64_t act_id = 0;
  std::string service_code, figure;
  int64_t center_value = 0, provider_value = 0;
  std::string comment, side;
  int64_t entered_by = 0, entered_at_ms = 0;
};
inline constexpr int kMaxDiscrepanciesPerAct = 500;
Status InsertDiscrepancy(Connection& db, DiscrepancyRow* d);
Status ListDiscrepancies(Connection& db, int64_t act_id, std::vector<DiscrepancyRow>* out);

// ---- Central acts (with central executive bodies) ----

struct CentralActRow {
  int64_t id = 0;
  std::string provider_code, month;
  int64_t drawn_at_ms = 0, drawn_by = 0;
  int64_t reports = 0, branches = 0;
  std::vector<domain::ReportLine> lines;  // summed over the branches' reports
};
// Sums the stored reports on `provider_code` for `month` into `out` (lines,
// reports, branches).
Status SumStoredReports(Connection& db, const std::string& provider_code, const std::string& month,
                        CentralActRow* out);
// Conflict("central_act_exists").
Status InsertCentralAct(Connection& db, CentralActRow* a);
Status FindCentralAct(Connection& db, int64_t id, CentralActRow* out);  // NotFound("act_not_found")
Status ListCentralActs(Connection& db, const std::string& month, std::vector<CentralActRow>* out);

// R25: the local date a result went back unclaimed (report's "returned").
Status SetReturnedOn(Connection& db, int64_t application_id, const std::string& on);

}  // namespace tereze::store
