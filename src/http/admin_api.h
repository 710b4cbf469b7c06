// Administration of the network: branches, windows, a branch's own days,
// employees' trainings.
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace tereze::http {

void AddAdminRoutes(Router& router, app::App& app);

}  // namespace tereze::http
