// Document movement: barcode scans at every hand-over (R18.10, R22).
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace tereze::http {

void AddMovementRoutes(Router& router, app::App& app);

}  // namespace tereze::http
