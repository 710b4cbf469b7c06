// A service term (R30): a number of working days, calendar days or hours.
#pragma once

namespace tereze::domain {

enum class TermUnit { kWorkingDays, kCalendarDays, kHours };

struct Term {
  int value = 0;
  TermUnit unit = TermUnit::kWorkingDays;
};

}  // namespace tereze::domain
