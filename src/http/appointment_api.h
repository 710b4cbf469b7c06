// Appointments by IIN (R8, issue 6): free slots, booking, cancellation,
// check-in at the kiosk, and the branch's list for its staff.
#pragma once

#include "app/app.h"
#include "http/router.h"

namespace tereze::http {

void AddAppointmentRoutes(Router& router, app::App& app);

}  // namespace tereze::http
