// Public tracking of an application by its barcode (R32).
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace tereze::http {

void AddTrackingRoutes(Router& router, app::App& app);

}  // namespace tereze::http
