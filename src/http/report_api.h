// Monthly reports, reconciliation acts, central acts (R37) and the
// quality-assessment export (R38).
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace tereze::http {

void AddReportRoutes(Router& router, app::App& app);

}  // namespace tereze::http
