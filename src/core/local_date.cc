#include "core/local_date.h"

#include <cstdio>

#include "core/civil.h"

namespace tereze {

namespace {

using civil::Civil;
using civil::CivilFromDays;
using civil::DaysFromCivil;

bool ReadDigits(std::string_view s, size_t pos, size_t count, int* out) {
  int v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::optional<LocalDate> LocalDate::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return std::nullopt;
  }
  return LocalDate(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<LocalDate> LocalDate::Parse(std::string_view text) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ReadDigits(text, 0, 4, &y) ||
      !ReadDigits(text, 5, 2, &m) || !ReadDigits(text, 8, 2, &d)) {
    return std::nullopt;
  }
  return FromYmd(y, m, d);
}

int LocalDate::year() const { return static_cast<int>(CivilFromDays(days_).y); }
int LocalDate::month() const { return static_cast<int>(CivilFromDays(days_).m); }
int LocalDate::day() const { return static_cast<int>(CivilFromDays(days_).d); }

int LocalDate::Weekday() const {
  // 1970-01-01 was a Thursday (4).
  const int64_t r = (days_ + 3) % 7;
  return static_cast<int>(r < 0 ? r + 7 : r) + 1;
}

std::string LocalDate::ToString() const {
  const Civil c = CivilFromDays(days_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
  return buf;
}

std::string LocalDate::ToDotted() const {
  const Civil c = CivilFromDays(days_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04lld", c.d, c.m, static_cast<long long>(c.y));
  return buf;
}

}  // namespace tereze
