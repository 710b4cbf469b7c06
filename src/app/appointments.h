// Appointments to a branch's queue by IIN (R8, issue 6): free slots, booking
// with a 6-character code, cancellation (rebooking is cancel + book), and
// check-in at the kiosk, which takes an appointment ticket through the queue
// (app/queue.h). The rules are domain/appointment.h's; the slot's capacity
// and the IIN's limits are checked inside the booking's write transaction,
// so concurrent bookings never overfill a slot.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "app/queue.h"
#include "store/appointments.h"

namespace tereze::app {

// Booking, cancelling and checking in, per client address (App::booking_limiter).
inline constexpr int kBookingRequestsPerMinute = 20;

struct SlotView {
  std::string start;  // "YYYY-MM-DDTHH:MM", local
  int capacity = 0;
  int free = 0;
};

// The slots of `date` (YYYY-MM-DD) in `queue` still ahead and not full; none
// on a closed day. Errors: branch_not_found, queue_unknown, invalid_field.
Status ListFreeSlots(App& app, int64_t branch_id, const std::string& queue, const std::string& date,
                     std::vector<SlotView>* out);

struct BookingRequest {
  std::string iin, queue, slot_start, phone, lang;
};

struct AppointmentView {
  store::AppointmentRow row;
  std::string slot;  // "YYYY-MM-DDTHH:MM", local
  std::string code;  // only when booked: the holder's key
};

// Public. Errors: invalid_iin, invalid_field, queue_unknown, branch_not_found,
// center_closed (a closed day), slot_unavailable (not a slot of the day),
// slot_past, slot_full (409), booking_too_soon, too_many_services_today.
void BookAppointment(App& app, int64_t branch_id, const BookingRequest& r,
                     const Done<AppointmentView>& done);
// Public, by the IIN and code. Errors: invalid_iin, appointment_not_found,
// wrong_state (409: already cancelled or used).
void CancelAppointment(App& app, int64_t id, const std::string& iin, const std::string& code,
                       const Done<AppointmentView>& done);
// Public, at the kiosk: today's booking at this branch with this IIN and
// code becomes a ticket with the appointment priority. Errors: invalid_iin,
// appointment_not_found, too_early, too_late, and the queue's.
void CheckInAppointment(App& app, int64_t branch_id, const std::string& iin,
                        const std::string& code, const Done<TicketView>& done);
// Whether the branch serves by appointment only (walk-in tickets only for
// consultation). Public: the kiosk shows it. Errors: branch_not_found.
Status GetAppointmentOnly(App& app, int64_t branch_id, bool* on);
// The branch's manager (own branch), central office or admin. Errors:
// branch_not_found, forbidden.
void SetAppointmentOnly(App& app, const Principal& who, int64_t branch_id, bool on,
                        const Done<bool>& done);
// Staff of the branch: the day's appointments, every state.
Status ListAppointments(App& app, const Principal& who, int64_t branch_id, const std::string& date,
                        std::vector<AppointmentView>* out);

}  // namespace tereze::app
