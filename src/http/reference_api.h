// Reference data for everyone: the service catalog, identity numbers and
// the calendar of due dates.
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace tereze::http {

void AddReferenceRoutes(Router& router, app::App& app);

}  // namespace tereze::http
