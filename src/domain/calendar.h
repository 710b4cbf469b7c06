// The two calendars of R5 and the due dates of R30/R34. Pure: the holiday facts
// come as text (data/calendar/KZ-YYYY.txt, format documented at the top of each
// file) and nothing here reads files or clocks.
//
// - Provider calendar (five-day week): providers are government bodies working
//   Monday-Friday minus public holidays, moved days off and declared days off,
//   plus any rest day the Government declares a working day. Service terms in
//   working days count on it (R5, R30).
// - Center calendar (six-day week, R5): centers open on their branch's weekdays
//   (Monday-Saturday by default), closed on public holidays and on the six-day
//   week's moved days off, with per-branch exceptions.
//
// A date in a year whose calendar is not loaded is an error
// ("calendar_unknown_year"), never a guess: a wrong guess would give a citizen
// a wrong issue date on the receipt.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_date.h"
#include "core/status.h"
#include "domain/term.h"

namespace tereze::domain {

// What a calendar line says about its date.
enum class DayKind : uint8_t {
  kHoliday,    // a public holiday: a day off in every week
  kUnmovable,  // 7 January, Kurban Ait day 1: a day off, not moved off a weekend
  kMoved,      // a day off because a holiday fell on a rest day
  kSwapOff,    // a working day declared a day off
  kSwapWork,   // a rest day declared a working day
};
std::string_view DayKindName(DayKind kind);  // the file's words: "holiday", "swap_off", ...

// Which week a line applies to, as bits: five-day (providers) and six-day (centers).
using WeekSet = uint8_t;
inline constexpr WeekSet kFiveDayWeek = 1;
inline constexpr WeekSet kSixDayWeek = 2;
inline constexpr WeekSet kBothWeeks = kFiveDayWeek | kSixDayWeek;

struct CalendarEntry {
  LocalDate date;
  DayKind kind = DayKind::kHoliday;
  WeekSet weeks = kBothWeeks;
  // kMoved: the holiday that fell on a rest day; kSwapOff: the rest day worked
  // instead; kSwapWork: the day off it pays for. Absent for holidays.
  std::optional<LocalDate> partner;
  std::string text;  // holiday name, or the act that swapped the days
  int line = 0;      // in the source text, for messages
};

// A day the provider (five-day) calendar does not work, for
// GET /api/v1/calendar/{year}.
struct NonWorkingDay {
  LocalDate date;
  std::string kind;    // "weekend", "holiday", "moved", "swap_off"
  std::string reason;  // "weekend", "holiday: Nauryz", "moved from Sunday 8 March (...)"
};

// A branch's opening days (domain::Branch::open_weekdays plus exceptions).
struct BranchHours {
  // Monday first. R5: Monday to Saturday.
  std::array<bool, 7> open_weekdays = {true, true, true, true, true, true, false};
  // Exceptions, set per branch by its manager; they beat the calendar: a closed
  // date closes even a working day, an extra open date opens even a holiday
  // (a duty center). A date in both is closed.
  std::set<LocalDate> closed_dates;
  std::set<LocalDate> extra_open_dates;

  // From Branch::open_weekdays: seven '0'/'1', Monday first ("1111110").
  static std::optional<BranchHours> FromWeekdayMask(std::string_view mask);
};

class HolidayCalendar {
 public:
  // Parses one year's text and merges it into *calendar. On any error the
  // calendar is unchanged and the Status (Malformed, "calendar_parse_error")
  // names the line: "line 12: unknown kind \"off\"". Loading a year twice is
  // an error too.
  static Status Parse(std::string_view text, HolidayCalendar* calendar);

  bool HasYear(int year) const { return years_.count(year) != 0; }
  std::vector<int> Years() const { return {years_.begin(), years_.end()}; }
  // Ok, or NotFound "calendar_unknown_year".
  Status CheckYear(int year) const;

  // The line about `date` for one week (kFiveDayWeek or kSixDayWeek), if any.
  const CalendarEntry* Find(LocalDate date, WeekSet week) const;

  // Does the provider (five-day week) work on `date`?
  Status IsProviderWorkingDay(LocalDate date, bool* working) const;
  // Is the center open on `date`? Holidays and the six-day week's moved and
  // declared days off close it; a six-day day declared working opens it.
  Status IsCenterOpenDay(LocalDate date, const BranchHours& hours, bool* open) const;

  // Every day of `year` the provider does not work, in date order, with its reason.
  Status NonWorkingDays(int year, std::vector<NonWorkingDay>* days) const;

 private:
  std::set<int> years_;
  std::map<LocalDate, std::vector<CalendarEntry>> entries_;  // at most one per week
};

// Longest term accepted, in either unit: the Register's terms are days to a few
// months; a larger number is a catalog mistake, not a term.
inline constexpr int kMaxTerm = 366;

struct DueDates {
  // The day the term ends and the result is issued to the applicant (R30).
  LocalDate issue_date;
  // R34: the provider delivers results at the latest one day before the term
  // ends: the last day before issue_date on which the provider works and the
  // center is open. The acceptance day itself counts here (results can come
  // back the same day); no earlier day does.
  LocalDate provider_deadline;
  // True when no such day exists (a one-day term accepted on a Saturday, a
  // Sunday or a holiday): R34 cannot be met and provider_deadline is the issue
  // date itself, so that monitoring (R32) has a date to hold the provider to.
  bool deadline_on_issue_day = false;
};

// R30: the acceptance day never counts.
// - kWorkingDays: the term-th provider working day after `accepted`.
// - kCalendarDays: accepted + term.
// Either way, if the center is closed that day, the issue date is the next day
// it is open: the applicant can only collect the result at an open center, and
// the term must not end on a day nobody can issue it.
// Errors: Malformed "invalid_term" (term < 1 or > kMaxTerm; a term in hours
// ends the same day and has no due date to compute here); Refused
// "calendar_unknown_year" (a day needed lies in a year not loaded); Refused
// "center_never_open" (no open day within kMaxTerm days of the term's end).
Status ComputeDueDates(const HolidayCalendar& calendar, const BranchHours& hours,
                       LocalDate accepted, int term, TermUnit unit, DueDates* out);

}  // namespace tereze::domain
