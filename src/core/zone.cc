#include "core/zone.h"

#include <date/tz.h>

#include <chrono>

namespace tereze {

Status LocalDateIn(const std::string& zone, int64_t unix_ms, LocalDate* out) {
  return LocalTimeIn(zone, unix_ms, out, nullptr);
}

Status LocalTimeIn(const std::string& zone, int64_t unix_ms, LocalDate* out, int* minute_of_day) {
  const date::time_zone* tz = nullptr;
  try {
    tz = date::locate_zone(zone);
  } catch (const std::exception&) {
    return Status::NotFound("unknown_time_zone", "no time zone " + zone);
  }
  auto instant = date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(unix_ms));
  auto local = tz->to_local(instant);
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  if (minute_of_day) {
    *minute_of_day =
        static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  }
  auto d = LocalDate::FromYmd(static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                              static_cast<int>(unsigned(ymd.day())));
  if (!d) return Status::Internal("date out of range");
  *out = *d;
  return Status::Ok();
}

Status InstantOfLocalTime(const std::string& zone, const LocalDate& date, int minute_of_day,
                          int64_t* unix_ms) {
  const date::time_zone* tz = nullptr;
  try {
    tz = date::locate_zone(zone);
  } catch (const std::exception&) {
    return Status::NotFound("unknown_time_zone", "no time zone " + zone);
  }
  auto local =
      date::local_days(date::days(date.DaysSinceEpoch())) + std::chrono::minutes(minute_of_day);
  auto instant = tz->to_sys(local, date::choose::earliest);
  *unix_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
  return Status::Ok();
}

}  // namespace tereze
