// The monthly report, the reconciliation act and the central act (R37) as an
// A4 PDF in Kazakh or Russian (R19): the facts of the document, a section
// per service with its figures, the branch's queue, the discrepancies and the
// two signatures of an act.
#pragma once

#include <string>

#include "docs/report_table.h"

namespace tereze::docs {

inline constexpr int kMaxReportPages = 10000;
// Malformed "unsupported_language"; TooLarge "report_too_long".
Status RenderReportPdf(const ReportDoc& doc, const std::string& lang, std::string* pdf);

}  // namespace tereze::docs
