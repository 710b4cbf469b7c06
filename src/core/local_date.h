// LocalDate: a calendar date without a time or a zone (DESIGN.md, "Time"): the
// dates of the Rules (acceptance day, issue date, provider deadline, holidays)
// are local dates. Which local date an instant falls on is the caller's
// business (tzdata); this type only counts days on the proleptic Gregorian
// calendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tereze {

bool IsLeapYear(int year);
// 28..31; 0 for a month outside 1..12.
int DaysInMonth(int year, int month);

// ISO weekday numbers.
inline constexpr int kMonday = 1;
inline constexpr int kSaturday = 6;
inline constexpr int kSunday = 7;

class LocalDate {
 public:
  // 1970-01-01; a value to assign to, not a meaningful date.
  LocalDate() = default;

  // Validated construction: year 1..9999 (the four digits of the text form),
  // month 1..12, day within the month (29 February only in leap years).
  static std::optional<LocalDate> FromYmd(int year, int month, int day);
  // Strict "YYYY-MM-DD": exactly ten characters, no sign, no spaces, no time.
  static std::optional<LocalDate> Parse(std::string_view text);
  static LocalDate FromDaysSinceEpoch(int64_t days) { return LocalDate(days); }

  int year() const;
  int month() const;
  int day() const;
  // Days since 1970-01-01 (negative before).
  int64_t DaysSinceEpoch() const { return days_; }
  // Monday = 1 ... Sunday = 7.
  int Weekday() const;

  // Plain day arithmetic. It does not re-check the 1..9999 year range: terms
  // are at most a year or so (calendar.h), far from either end.
  LocalDate AddDays(int64_t days) const { return LocalDate(days_ + days); }
  // "YYYY-MM-DD".
  std::string ToString() const;
  // DD.MM.YYYY, as printed on Kazakh and Russian documents.
  std::string ToDotted() const;

  // Spelled out rather than a defaulted <=>, which clang-tidy 14 misreports.
  friend bool operator==(const LocalDate&, const LocalDate&) = default;
  friend bool operator<(const LocalDate& a, const LocalDate& b) { return a.days_ < b.days_; }
  friend bool operator>(const LocalDate& a, const LocalDate& b) { return a.days_ > b.days_; }
  friend bool operator<=(const LocalDate& a, const LocalDate& b) { return a.days_ <= b.days_; }
  friend bool operator>=(const LocalDate& a, const LocalDate& b) { return a.days_ >= b.days_; }

 private:
  explicit LocalDate(int64_t days) : days_(days) {}

  int64_t days_ = 0;
};

// `to` minus `from` in days: 1 for consecutive days, negative if `to` is earlier.
inline int64_t DaysBetween(LocalDate from, LocalDate to) {
  return to.DaysSinceEpoch() - from.DaysSinceEpoch();
}

}  // namespace tereze
