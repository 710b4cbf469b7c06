// Intake at the front desk: applications, receipts, consents, violations
// and the personal-data access log (R9-R12, R17-R19, R21, R27-R29).
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace tereze::http {

void AddIntakeRoutes(Router& router, app::App& app);

}  // namespace tereze::http
