// Deadline monitoring and dispatch rounds (R22, R30, R33, R34). Pure.
//
// "On time" for a package: the result reached the center by the provider
// deadline (R34) and was ready for issue on the issue date (R18.8, R30).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/local_date.h"
#include "core/status.h"

namespace tereze::domain {

inline constexpr int kDueSoonDays = 2;  // "about to be late": within two days
inline constexpr int kMaxDispatchRounds = 12;

enum class DeadlineState { kNone, kDueSoon, kProviderLate, kIssueLate };
const char* ToString(DeadlineState state);

// What monitoring needs of one package (all local dates of its branch).
struct DeadlineFacts {
  std::string stage;
  std::optional<LocalDate> provider_deadline;
  std::optional<LocalDate> issue_date;
  std::optional<LocalDate> received_on;     // reached the center (R35)
  std::optional<LocalDate> at_issuance_on;  // ready for issue
};

// Late or about to be, `today`. Finished packages (issued, returned) and
// refusals at intake are kNone.
DeadlineState ClassifyDeadline(const DeadlineFacts& facts, LocalDate today);

// Finished on time: received by the provider deadline and ready by the
// issue date. Only for packages that reached issuance.
bool OnTime(const DeadlineFacts& facts);

// R33: "11:00,16:00" -> minutes of day, ascending. At least two rounds
// (Refused "too_few_rounds"), each a valid distinct "HH:MM" (Malformed
// "invalid_field").
Status ParseDispatchRounds(const std::vector<std::string>& rounds, std::vector<int>* minutes);
std::vector<std::string> SplitRounds(const std::string& joined);

}  // namespace tereze::domain
