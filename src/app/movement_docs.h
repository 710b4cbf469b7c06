// The printed documents of the movement (R18.8, R24, R33, R35): registers
// in two copies, acts of refusal, receipts of issue — each in Kazakh or in
// Russian only (R19), built from the database and rendered by docs/.
#pragma once

#include <string>

#include "app/app.h"
#include "docs/paper.h"

namespace tereze::app {

// `lang`: "kk" or "ru". Errors: register_not_found, and docs/ render errors.
Status RenderRegister(App& app, const Principal& who, int64_t id, const std::string& lang,
                      std::string* pdf);
// Errors: act_not_found, and docs/ render errors.
Status RenderAct(App& app, const Principal& who, int64_t id, const std::string& lang,
                 std::string* pdf);
// In the applicant's language. Errors: application_not_found, not_issued (409).
Status RenderIssueReceipt(App& app, const Principal& who, int64_t id, docs::PaperLayout layout,
                          std::string* pdf);

}  // namespace tereze::app
