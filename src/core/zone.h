// Local dates in a branch's time zone, from tzdata (never a fixed offset:
// Kazakhstan's zones moved to UTC+5 on 2024-03-01, and may move again).
#pragma once

#include <cstdint>
#include <string>

#include "core/local_date.h"
#include "core/status.h"

namespace tereze {

// The local date in `zone` (an IANA name such as "Asia/Almaty") at `unix_ms`.
// NotFound("unknown_time_zone") when tzdata lacks the zone.
Status LocalDateIn(const std::string& zone, int64_t unix_ms, LocalDate* out);

// The local date and the minutes since local midnight (0..1439) at `unix_ms`;
// `minute_of_day` may be null.
Status LocalTimeIn(const std::string& zone, int64_t unix_ms, LocalDate* date, int* minute_of_day);

// The instant at `minute_of_day` of `date` in `zone` (the earlier one when a
// clock change repeats it).
Status InstantOfLocalTime(const std::string& zone, const LocalDate& date, int minute_of_day,
                          int64_t* unix_ms);

}  // namespace tereze
