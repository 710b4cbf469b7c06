// Receipts handed to the applicant (R18.5, R18.6, R19, R29): the intake
// receipt, or the refusal receipt naming the missing documents.
#pragma once

#include <string>

#include "app/app.h"
#include "docs/receipt_pdf.h"
#include "domain/application.h"

namespace tereze::app {

// The receipt of `a` (read by the caller, who checked `who` may see it:
// GetApplication) in the applicant's language, as a PDF.
Status RenderApplicationReceipt(App& app, const domain::Application& a, docs::PaperLayout layout,
                                std::string* pdf);

// "DD.MM.YYYY HH:MM" in `zone` at `unix_ms`.
Status FormatLocalDateTime(const std::string& zone, int64_t unix_ms, std::string* out);

}  // namespace tereze::app
