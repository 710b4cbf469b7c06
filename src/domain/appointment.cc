#include "domain/appointment.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace tereze::domain {

namespace {

constexpr const char* kStates[] = {"booked", "cancelled", "checked_in"};
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // 32

bool TwoDigits(std::string_view t, size_t at, int* out) {
  if (at + 2 > t.size() || t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9') {
    return false;
  }
  *out = (t[at] - '0') * 10 + (t[at + 1] - '0');
  return true;
}

}  // namespace

const char* ToString(AppointmentState s) { return kStates[static_cast<int>(s)]; }

std::optional<AppointmentState> ParseAppointmentState(std::string_view text) {
  for (int i = 0; i < 3; ++i) {
    if (text == kStates[i]) return static_cast<AppointmentState>(i);
  }
  return std::nullopt;
}

std::optional<SlotTime> ParseSlotStart(std::string_view text) {
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  auto day = LocalDate::Parse(text.substr(0, 10));
  int h = 0, m = 0;
  if (!day || !TwoDigits(text, 11, &h) || !TwoDigits(text, 14, &m) || h > 23 || m > 59) {
    return std::nullopt;
  }
  return SlotTime{*day, h * 60 + m};
}

std::string FormatSlotStart(const SlotTime& s) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", s.minute / 60 % 100, s.minute % 60);
  return s.day.ToString() + buf;
}

std::vector<int> SlotStarts(int opens_minute, int closes_minute) {
  std::vector<int> out;
  for (int m = opens_minute; m + kSlotMinutes <= closes_minute; m += kSlotMinutes) {
    out.push_back(m);
  }
  return out;
}

bool IsSlotStart(int minute, int opens_minute, int closes_minute) {
  return minute >= opens_minute && minute + kSlotMinutes <= closes_minute &&
         (minute - opens_minute) % kSlotMinutes == 0;
}

int SlotCapacity(int windows) { return std::max(1, windows); }

Status CheckBookingRules(const std::vector<PriorBooking>& prior, const LocalDate& day,
                         const std::string& queue) {
  std::set<std::string> queues_that_day;
  for (const auto& p : prior) {
    int64_t apart = DaysBetween(p.day, day);
    if (p.queue == queue && apart < kBookingIntervalDays && apart > -kBookingIntervalDays) {
      return Status::Refused("booking_too_soon", "one booking per person in a queue per " +
                                                     std::to_string(kBookingIntervalDays) +
                                                     " days; there is one on " + p.day.ToString());
    }
    if (p.day == day) queues_that_day.insert(p.queue);
  }
  queues_that_day.erase(queue);
  if (queues_that_day.size() >= kMaxQueuesPerDay) {
    return Status::Refused(
        "too_many_services_today",
        "at most " + std::to_string(kMaxQueuesPerDay) + " different services per person per day");
  }
  return Status::Ok();
}

Status CheckInWindow(int64_t slot_start_ms, int64_t now_ms) {
  if (now_ms < slot_start_ms - int64_t{kCheckInEarlyMinutes} * 60000) {
    return Status::Refused("too_early", "check-in opens 15 minutes before the appointment");
  }
  if (now_ms > slot_start_ms + int64_t{kCheckInLateMinutes} * 60000) {
    return Status::Refused("too_late",
                           "the appointment was more than 10 minutes ago; take a ticket");
  }
  return Status::Ok();
}

std::string BookingCode(std::string_view random) {
  std::string out;
  for (size_t i = 0; i < kBookingCodeLength && i < random.size(); ++i) {
    out += kCodeAlphabet[static_cast<unsigned char>(random[i]) % kCodeAlphabet.size()];
  }
  return out;
}

bool NormalizeBookingCode(std::string_view text, std::string* out) {
  if (text.size() != kBookingCodeLength) return false;
  std::string code;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kCodeAlphabet.find(c) == std::string_view::npos) return false;
    code += c;
  }
  *out = code;
  return true;
}

}  // namespace tereze::domain
