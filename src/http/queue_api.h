// The electronic queue (R8, R15, R16): tickets, the counter, live views, boards.
#pragma once

#include "app/app.h"
#include "app/queue.h"
#include "http/json.h"
#include "http/router.h"

namespace tereze::http {

void AddQueueRoutes(Router& router, app::App& app);

// A ticket as the kiosk, the holder and the counter see it (taking, check-in).
Json TicketJson(const app::TicketView& v);

}  // namespace tereze::http
