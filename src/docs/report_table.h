// Monthly reports, reconciliation acts and central acts (R37) as documents:
// one model, printed as PDF (report_pdf.h), written as XLSX (libxlsxwriter)
// or CSV here. Kazakh or Russian (R19); figures as integers, the average
// rating in tenths.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/report.h"

namespace tereze::docs {

struct ReportDocLine {
  std::string service_code, service_name;
  domain::ReportFigures figures;
  std::string top_missing;  // "code (n), code (n)"
};

struct ReportDocDiscrepancy {
  std::string service_code, figure, side, comment;
  int64_t center_value = 0, provider_value = 0;
};

struct ReportDoc {
  enum class Kind { kMonthlyReport, kReconciliationAct, kCentralAct } kind = Kind::kMonthlyReport;
  std::string number;                    // e.g. "AST-01/MP/2026-11"
  std::string month;                     // YYYY-MM
  std::string branch_code, branch_name;  // empty for a central act
  std::string provider_code, provider_name, unit_name;
  std::string generated_at;  // "dd.mm.yyyy hh:mm"
  std::vector<ReportDocLine> lines;
  bool has_queue = false;
  domain::QueueFigures queue;
  std::vector<ReportDocDiscrepancy> discrepancies;  // acts
  std::string status;                               // acts: drafted, signed_by_center, ...
  std::string center_signed, provider_signed;       // "dd.mm.yyyy hh:mm, name" or empty
};

inline constexpr size_t kMaxDocLines = 200000;  // all branches' lines in one export

// CSV (RFC 4180, UTF-8, header row): one row per document and service.
Status RenderReportCsv(const std::vector<ReportDoc>& docs, std::string* csv);
// XLSX: one sheet, a header row and a row per document and service; numbers as numbers.
Status RenderReportXlsx(const std::vector<ReportDoc>& docs, const std::string& lang,
                        std::string* xlsx);
// The column headings of CSV and XLSX in `lang` (kk|ru), CSV uses the figure names.
std::vector<std::string> ReportColumns(const std::string& lang);

}  // namespace tereze::docs
