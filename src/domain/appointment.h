// Appointments to a branch's queue by IIN (R8, issue 6): 15-minute slots in
// the opening hours of open days, as many per slot as the queue has windows,
// one booking per IIN per 10 days in a queue (across branches), at most two
// different queues per IIN per day, and check-in at the kiosk from 15 minutes
// before to 10 minutes after the slot's start. Pure: the caller reads the
// clock, the calendar and the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_date.h"
#include "core/status.h"

namespace tereze::domain {

inline constexpr int kSlotMinutes = 15;
inline constexpr int kBookingIntervalDays = 10;  // one booking per IIN per queue
inline constexpr size_t kMaxQueuesPerDay = 2;    // different queues per IIN per day
inline constexpr int kCheckInEarlyMinutes = 15;  // before the slot's start
inline constexpr int kCheckInLateMinutes = 10;   // after it
inline constexpr size_t kBookingCodeLength = 6;

enum class AppointmentState { kBooked, kCancelled, kCheckedIn };
const char* ToString(AppointmentState s);
std::optional<AppointmentState> ParseAppointmentState(std::string_view text);

struct SlotTime {
  LocalDate day;
  int minute = 0;  // since local midnight
};

// Strict "YYYY-MM-DDTHH:MM".
std::optional<SlotTime> ParseSlotStart(std::string_view text);
std::string FormatSlotStart(const SlotTime& s);

// The starts (minutes since midnight) of the slots that fit between the
// opening and the closing: every 15 minutes from the opening.
std::vector<int> SlotStarts(int opens_minute, int closes_minute);
// Whether `minute` starts one of those slots.
bool IsSlotStart(int minute, int opens_minute, int closes_minute);
// As many bookings per slot as windows serve the queue, at least one.
int SlotCapacity(int windows);

// A booking of the same IIN that still counts (booked or checked in).
struct PriorBooking {
  LocalDate day;
  std::string queue;
};
// Refused "booking_too_soon" when the IIN has a booking in `queue` less than
// 10 days from `day`; "too_many_services_today" when it has two other queues
// booked on `day`.
Status CheckBookingRules(const std::vector<PriorBooking>& prior, const LocalDate& day,
                         const std::string& queue);

// Refused "too_early" before 15 minutes ahead of the slot's start, "too_late"
// more than 10 minutes after it.
Status CheckInWindow(int64_t slot_start_ms, int64_t now_ms);

// A code of kBookingCodeLength letters and digits without look-alikes (no
// 0/O, 1/I), from `random` bytes (at least kBookingCodeLength of them).
std::string BookingCode(std::string_view random);
// Upper-cases and checks the alphabet; false when it cannot be a code.
bool NormalizeBookingCode(std::string_view text, std::string* out);

}  // namespace tereze::domain
