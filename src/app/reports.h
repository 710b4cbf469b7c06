// Monthly reports and reconciliation acts with providers' territorial units
// (R37) and the export for the quality-assessment body (R38).
//
// A report covers one branch, one provider (its territorial unit) and one
// month, with a line per service. The provider's territorial unit of a
// branch is the one the collection sector sends its packages to (R22): the
// provider's active unit in the branch's region that one of the branch's
// active directions serves (the first by id), else the provider's first
// active unit in that region. A provider without a unit in the region gets
// its report all the same, but it cannot be delivered until a unit exists
// (and is flagged after the 3rd).
//
// On the 1st of every month (by the branch's local date and the server's
// clock) the scheduled job counts the month that ended and stores a report
// per branch and provider that had anything to count; a stored report never
// changes. It is delivered at once to the provider's portal (the provider's
// officers see it and acknowledge it). A report not delivered by the 3rd is
// flagged `delivery_late`; one whose act is not signed by both sides by the
// 15th is flagged `act_late`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "docs/report_table.h"
#include "domain/branch.h"
#include "domain/report.h"
#include "store/reports.h"

namespace tereze::app {

// ---- Counting (reads only) ----

struct BranchMonth {
  domain::Branch branch;
  store::BranchMonthCounts counts;
};
// Progress: branches counted so far of the total.
using Progress = std::function<void(int done, int total)>;
// Counts `month` for one branch (branch_id) or every active branch (0),
// spreading branches over `threads` read connections. Branches in id order.
Status CountMonth(store::Database& db, const domain::Month& month, int64_t branch_id, int threads,
                  const Progress& progress, std::vector<BranchMonth>* out);

// The provider's territorial unit for a branch (see above); 0 when none.
Status ProviderUnitFor(store::Connection& db, const domain::Branch& branch,
                       const std::string& provider_code, int64_t* unit_id);

// ---- The scheduled job ----

struct MonthlyRun {
  int generated = 0, delivered = 0, flagged = 0;
};
// Generates the reports of the month before each branch's current local
// month that are missing (each branch one transaction), delivers what can
// be delivered and sets the deadline flags. `generated_by` 0: the job.
Status RunMonthlyJob(App& app, MonthlyRun* out);
// Generates the reports of `month` for every branch (central office, or the
// command line with who == nullptr); the month must be over.
Status GenerateMonth(App& app, const Principal* who, const domain::Month& month, int threads,
                     MonthlyRun* out);

// ---- Reading and acting ----

struct ReportView {
  store::MonthlyReportRow row;
  domain::Branch branch;
  std::string provider_name_kk, provider_name_ru;
  std::string unit_name_kk, unit_name_ru;
};
// Who may see what: central office, admin, auditor everything; the branch
// manager their branch; the provider officer their provider's delivered reports.
Status ListReports(App& app, const Principal& who, store::ReportFilter filter,
                   std::vector<store::MonthlyReportRow>* out);
Status GetReport(App& app, const Principal& who, int64_t id, ReportView* out);
// The provider officer's acknowledgement on the portal.
void AcknowledgeReport(App& app, const Principal& who, int64_t id, const Done<int64_t>& done);

struct ActView {
  store::ReconciliationActRow act;
  ReportView report;
  std::vector<store::DiscrepancyRow> discrepancies;
};
// Drawn up from a delivered report by the branch's manager or the central office.
void DrawAct(App& app, const Principal& who, int64_t report_id, const Done<int64_t>& done);
Status GetAct(App& app, const Principal& who, int64_t act_id, ActView* out);
struct DiscrepancyInput {
  std::string service_code, figure, comment;
  int64_t provider_value = 0;
};
inline constexpr size_t kMaxDiscrepancyCommentBytes = 1000;
inline constexpr int64_t kMaxFigureValue = 1000000000;
void AddDiscrepancy(App& app, const Principal& who, int64_t act_id, const DiscrepancyInput& in,
                    const Done<int64_t>& done);
void SignAct(App& app, const Principal& who, int64_t act_id, const Done<int64_t>& done);

// Central acts (central office): the sum of every branch's report on a provider.
void DrawCentralAct(App& app, const Principal& who, const std::string& provider_code,
                    const domain::Month& month, const Done<int64_t>& done);
Status GetCentralAct(App& app, const Principal& who, int64_t id, store::CentralActRow* out);

// ---- The quality-assessment export (R38) ----

struct QualityRow {
  int64_t branch_id = 0;
  std::string branch_code, region, service_code, provider_code;
  domain::ReportFigures figures;
};
Status QualityExport(store::Database& db, const domain::Month& month, int threads,
                     const Progress& progress, std::vector<QualityRow>* out);

}  // namespace tereze::app

namespace tereze::app {

// ---- Documents (PDF, XLSX, CSV) ----

docs::ReportDoc DocOfReport(App& app, const ReportView& v, const std::string& lang);
docs::ReportDoc DocOfAct(App& app, const ActView& v, const std::string& lang);
docs::ReportDoc DocOfCentralAct(App& app, const store::CentralActRow& a, const std::string& lang);
// What the command line prints: the month as counted now, one document per branch and provider.
std::vector<docs::ReportDoc> DocsOfCounts(App& app, const std::vector<BranchMonth>& counted,
                                          const domain::Month& month, const std::string& lang);
// `format` pdf|xlsx|csv (400 invalid_format), `lang` kk|ru (400 invalid_lang). Several
// documents make one file: rows of one sheet or CSV, or one PDF whose service headings name
// the branch and the provider.
Status RenderDocs(const std::vector<docs::ReportDoc>& docs, const std::string& format,
                  const std::string& lang, std::string* bytes, std::string* content_type);
}  // namespace tereze::app
