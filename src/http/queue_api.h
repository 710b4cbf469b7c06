// The electronic queue (R8, R15, R16): tickets, the counter, live views, boards.
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace tereze::http {

void AddQueueRoutes(Router& router, app::App& app);

}  // namespace tereze::http
