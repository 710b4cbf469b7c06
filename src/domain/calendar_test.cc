// Tests for the working calendars of R5 and the due dates of R30/R34, on the
// real data files (data/calendar/KZ-2024..2027.txt) and on small texts for the
// parser. Dates are checked against the published 2024-2026 calendars.
#include "domain/calendar.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace tereze::domain {
namespace {

LocalDate D(std::string_view text) {
  auto d = LocalDate::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(LocalDate());
}

// data/calendar beside src/, found from this file's path.
std::string ReadDataFile(const std::string& name) {
  const auto path = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() /
                    "data" / "calendar" / name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const HolidayCalendar& Kz() {
  static const HolidayCalendar* calendar = [] {
    auto* c = new HolidayCalendar;
    for (int year = 2024; year <= 2027; ++year) {
      Status s = HolidayCalendar::Parse(ReadDataFile("KZ-" + std::to_string(year) + ".txt"), c);
      EXPECT_TRUE(s.ok()) << year << ": " << s.ToString();
    }
    return c;
  }();
  return *calendar;
}

bool ProviderWorks(std::string_view date) {
  bool working = false;
  Status s = Kz().IsProviderWorkingDay(D(date), &working);
  EXPECT_TRUE(s.ok()) << date << ": " << s.ToString();
  return working;
}

bool CenterOpen(std::string_view date, const BranchHours& hours = {}) {
  bool open = false;
  Status s = Kz().IsCenterOpenDay(D(date), hours, &open);
  EXPECT_TRUE(s.ok()) << date << ": " << s.ToString();
  return open;
}

DueDates Due(std::string_view accepted, int term, TermUnit unit = TermUnit::kWorkingDays,
             const BranchHours& hours = {}) {
  DueDates due;
  Status s = ComputeDueDates(Kz(), hours, D(accepted), term, unit, &due);
  EXPECT_TRUE(s.ok()) << accepted << " + " << term << ": " << s.ToString();
  return due;
}

// Checks issue date and provider deadline in one line per case.
// deadline_on_issue_day must be set exactly when the two dates coincide.
void ExpectDue(const DueDates& due, const std::string& issue, const std::string& deadline) {
  EXPECT_EQ(due.issue_date.ToString(), issue);
  EXPECT_EQ(due.provider_deadline.ToString(), deadline);
  EXPECT_EQ(due.deadline_on_issue_day, issue == deadline);
}
#define EXPECT_DUE(due, issue, deadline) \
  do {                                   \
    SCOPED_TRACE(#due);                  \
    ExpectDue(due, issue, deadline);     \
  } while (0)

// ---- The data files ----

TEST(CalendarDataTest, AllYearsLoad) {
  EXPECT_EQ(Kz().Years(), (std::vector<int>{2024, 2025, 2026, 2027}));
  EXPECT_TRUE(Kz().CheckYear(2026).ok());
  EXPECT_EQ(Kz().CheckYear(2028).code(), "calendar_unknown_year");
}

bool IsRest(LocalDate d, WeekSet week) {
  return week == kFiveDayWeek ? d.Weekday() >= kSaturday : d.Weekday() == kSunday;
}

// The moved days in the files are exactly what the Law's rule gives (see the
// files' header): each holiday on a rest day of a week moves to the next day
// of that week that is neither a rest day, a holiday nor already taken.
TEST(CalendarDataTest, MovedDaysFollowTheLaw) {
  for (int year : Kz().Years()) {
    for (WeekSet week : {kFiveDayWeek, kSixDayWeek}) {
      std::map<LocalDate, LocalDate> in_file, by_rule;  // moved day -> holiday
      std::set<LocalDate> taken;
      const LocalDate first = *LocalDate::FromYmd(year, 1, 1);
      const LocalDate end = *LocalDate::FromYmd(year + 1, 1, 1);
      auto is_holiday = [&](LocalDate d) {
        const CalendarEntry* e = Kz().Find(d, week);
        return e != nullptr && (e->kind == DayKind::kHoliday || e->kind == DayKind::kUnmovable);
      };
      for (LocalDate d = first; d < end; d = d.AddDays(1)) {
        const CalendarEntry* e = Kz().Find(d, week);
        if (e == nullptr) continue;
        if (e->kind == DayKind::kMoved) in_file[d] = *e->partner;
        if (e->kind != DayKind::kHoliday || !IsRest(d, week)) continue;
        LocalDate to = d.AddDays(1);
        while (IsRest(to, week) || is_holiday(to) || taken.count(to)) to = to.AddDays(1);
        taken.insert(to);
        by_rule[to] = d;
      }
      EXPECT_EQ(in_file, by_rule) << year << (week == kFiveDayWeek ? " five-day" : " six-day");
    }
  }
}

// KAZAKHSTAN.md, "2026, five-day week" (egov calendar), plus 25 October (a
// Sunday) -> 26 October; 30 August is no longer a holiday in 2026 (KZ-2026.txt).
TEST(CalendarDataTest, NonWorkingDays2026AsPublished) {
  std::vector<NonWorkingDay> days;
  ASSERT_TRUE(Kz().NonWorkingDays(2026, &days).ok());
  std::vector<std::string> weekdays_off;
  int weekend = 0;
  for (const NonWorkingDay& d : days) {
    if (d.date.Weekday() >= kSaturday) {
      ++weekend;
    } else {
      weekdays_off.push_back(d.date.ToString());
    }
  }
  EXPECT_EQ(weekend, 104);  // no Saturday or Sunday worked in 2026
  EXPECT_EQ(weekdays_off, (std::vector<std::string>{
                              "2026-01-01", "2026-01-02", "2026-01-07", "2026-03-09", "2026-03-23",
                              "2026-03-24", "2026-03-25", "2026-05-01", "2026-05-07", "2026-05-11",
                              "2026-05-27", "2026-07-06", "2026-10-26", "2026-12-16"}));
  std::map<std::string, std::string> reason;
  for (const NonWorkingDay& d : days) reason[d.date.ToString()] = d.kind + " | " + d.reason;
  EXPECT_EQ(reason["2026-01-03"], "weekend | weekend");
  EXPECT_EQ(reason["2026-01-07"], "holiday | holiday: Orthodox Christmas");
  EXPECT_EQ(reason["2026-03-08"], "holiday | holiday: International Women's Day");
  EXPECT_EQ(reason["2026-03-09"], "moved | moved from Sunday 8 March (International Women's Day)");
  EXPECT_EQ(reason["2026-03-21"], "holiday | holiday: Nauryz");  // a Saturday
  EXPECT_EQ(reason["2026-03-24"], "moved | moved from Saturday 21 March (Nauryz)");
  EXPECT_EQ(reason["2026-03-25"], "moved | moved from Sunday 22 March (Nauryz)");
  EXPECT_EQ(reason["2026-05-11"], "moved | moved from Saturday 9 May (Victory Day)");
  EXPECT_EQ(reason["2026-05-27"], "holiday | holiday: Kurban Ait");
  EXPECT_EQ(reason.count("2026-08-31"), 0u);
  // In date order, no day twice.
  for (size_t i = 1; i < days.size(); ++i) EXPECT_LT(days[i - 1].date, days[i].date);
}

TEST(CalendarDataTest, NonWorkingDaysWithSwaps) {
  std::vector<NonWorkingDay> days;
  ASSERT_TRUE(Kz().NonWorkingDays(2024, &days).ok());
  std::map<std::string, std::string> reason;
  for (const NonWorkingDay& d : days) reason[d.date.ToString()] = d.reason;
  EXPECT_EQ(days.size(), 104u - 1 + 14);      // 4 May worked; 14 weekdays off
  EXPECT_EQ(reason.count("2024-05-04"), 0u);  // Saturday worked
  EXPECT_EQ(reason["2024-05-08"],
            "day off moved from Saturday 4 May (order of the Minister of Labour of 17 April 2024)");
  EXPECT_EQ(reason["2024-06-16"], "holiday: Kurban Ait");
  EXPECT_EQ(reason.count("2024-06-17"), 0u);  // Kurban Ait on a Sunday is not moved

  ASSERT_TRUE(Kz().NonWorkingDays(2025, &days).ok());
  reason.clear();
  for (const NonWorkingDay& d : days) reason[d.date.ToString()] = d.kind;
  EXPECT_EQ(reason.count("2025-01-05"), 0u);  // Sunday worked
  EXPECT_EQ(reason["2025-01-03"], "swap_off");
  EXPECT_EQ(reason["2025-03-24"], "moved");
  EXPECT_EQ(reason["2025-03-25"], "moved");
}

// ---- The two calendars ----

TEST(CalendarTest, ProviderWorkingDays) {
  EXPECT_TRUE(ProviderWorks("2026-03-20"));   // Friday
  EXPECT_FALSE(ProviderWorks("2026-03-21"));  // Nauryz, Saturday
  EXPECT_FALSE(ProviderWorks("2026-03-23"));  // Nauryz
  EXPECT_FALSE(ProviderWorks("2026-03-24"));  // moved
  EXPECT_FALSE(ProviderWorks("2026-03-25"));  // moved
  EXPECT_TRUE(ProviderWorks("2026-03-26"));
  EXPECT_FALSE(ProviderWorks("2026-05-11"));  // 9 May was a Saturday
  EXPECT_FALSE(ProviderWorks("2026-05-27"));  // Kurban Ait
  EXPECT_FALSE(ProviderWorks("2026-06-13"));  // an ordinary Saturday
  EXPECT_TRUE(ProviderWorks("2024-05-04"));   // Saturday declared working
  EXPECT_FALSE(ProviderWorks("2024-05-08"));  // its day off
  EXPECT_TRUE(ProviderWorks("2025-01-05"));   // Sunday declared working
  EXPECT_FALSE(ProviderWorks("2025-01-03"));
  EXPECT_FALSE(ProviderWorks("2024-07-08"));  // 6 July 2024 was a Saturday
  EXPECT_TRUE(ProviderWorks("2024-06-17"));   // Kurban Ait on Sunday 16 June: not moved
}

TEST(CalendarTest, CenterOpenDaysFollowTheSixDayWeek) {
  EXPECT_TRUE(CenterOpen("2026-06-13"));   // Saturday (R5)
  EXPECT_FALSE(CenterOpen("2026-06-14"));  // Sunday
  EXPECT_FALSE(CenterOpen("2026-03-21"));  // Nauryz on a Saturday
  EXPECT_FALSE(CenterOpen("2026-03-24"));  // Sunday 22 March moved on the six-day week
  EXPECT_TRUE(CenterOpen("2026-03-25"));   // moved only on the five-day week
  EXPECT_FALSE(CenterOpen("2026-05-09"));  // Victory Day on a Saturday: closed ...
  EXPECT_TRUE(CenterOpen("2026-05-11"));   // ... but a Saturday holiday does not move
  EXPECT_FALSE(CenterOpen("2026-03-09"));  // 8 March on a Sunday moves on both weeks
  EXPECT_FALSE(CenterOpen("2026-05-27"));  // Kurban Ait
  EXPECT_FALSE(CenterOpen("2025-01-03"));  // swapped on both weeks
  EXPECT_TRUE(CenterOpen("2025-01-05"));   // the Sunday declared working
  EXPECT_TRUE(CenterOpen("2024-05-04"));   // an ordinary Saturday for the centers
}

TEST(CalendarTest, BranchExceptionsBeatTheCalendar) {
  BranchHours hours;
  hours.closed_dates.insert(D("2026-06-12"));
  hours.extra_open_dates.insert(D("2026-07-06"));  // a duty center on Capital Day
  hours.extra_open_dates.insert(D("2026-06-12"));  // in both: closed wins
  EXPECT_FALSE(CenterOpen("2026-06-12", hours));
  EXPECT_TRUE(CenterOpen("2026-07-06", hours));
  EXPECT_FALSE(CenterOpen("2026-07-06"));

  auto weekdays_only = BranchHours::FromWeekdayMask("1111100");
  ASSERT_TRUE(weekdays_only.has_value());
  EXPECT_FALSE(CenterOpen("2026-06-13", *weekdays_only));
  EXPECT_TRUE(CenterOpen("2026-06-12", *weekdays_only));
  EXPECT_EQ(BranchHours::FromWeekdayMask("1111110")->open_weekdays, BranchHours().open_weekdays);
  EXPECT_FALSE(BranchHours::FromWeekdayMask("111111").has_value());
  EXPECT_FALSE(BranchHours::FromWeekdayMask("11111102").has_value());
  EXPECT_FALSE(BranchHours::FromWeekdayMask("1111x10").has_value());
}

TEST(CalendarTest, UnknownYearIsAnErrorNotAGuess) {
  bool flag = true;
  Status s = Kz().IsProviderWorkingDay(D("2023-12-29"), &flag);
  EXPECT_EQ(s.kind(), Status::Kind::kNotFound);
  EXPECT_EQ(s.code(), "calendar_unknown_year");
  EXPECT_EQ(Kz().IsCenterOpenDay(D("2028-01-03"), {}, &flag).code(), "calendar_unknown_year");
  std::vector<NonWorkingDay> days;
  EXPECT_EQ(Kz().NonWorkingDays(2028, &days).code(), "calendar_unknown_year");
}

// ---- Due dates (R30, R34) ----

TEST(DueDatesTest, AcrossTheYearBoundary) {
  // Mon 29 Dec: 30, 31 Dec; 1-2 Jan holidays, 3-4 weekend; 5, 6 Jan; 7 Jan
  // Christmas; 8 Jan is the fifth working day. Nobody works on 7 Jan.
  EXPECT_DUE(Due("2025-12-29", 5), "2026-01-08", "2026-01-06");
  EXPECT_DUE(Due("2025-12-31", 1), "2026-01-05", "2025-12-31");
}

TEST(DueDatesTest, HolidayOnASaturdayMovesForTheProviderOnly) {
  // Victory Day, Saturday 9 May 2026: the provider is off on Monday 11 May,
  // the center is open. Wed 6: 7 holiday, 8 (1), 9-11, 12 (2).
  EXPECT_DUE(Due("2026-05-06", 2), "2026-05-12", "2026-05-08");
  // Three calendar days end on the Saturday holiday: the center opens again on
  // Monday 11 May, when the provider is still off.
  EXPECT_DUE(Due("2026-05-06", 3, TermUnit::kCalendarDays), "2026-05-11", "2026-05-08");
  // 2024: Nauryz on Saturday 23 March moved to Monday 25 March.
  EXPECT_DUE(Due("2024-03-20", 1), "2024-03-26", "2024-03-20");
}

TEST(DueDatesTest, HolidayOnASundayMovesForBoth) {
  // 8 March 2026 is a Sunday: Monday 9 March is off for everyone.
  EXPECT_DUE(Due("2026-03-06", 2), "2026-03-11", "2026-03-10");
  EXPECT_DUE(Due("2026-03-05", 3, TermUnit::kCalendarDays), "2026-03-10", "2026-03-06");
}

TEST(DueDatesTest, Nauryz2026) {
  // Off 21-25 March for the provider; the center reopens on Wednesday 25.
  EXPECT_DUE(Due("2026-03-19", 1), "2026-03-20", "2026-03-19");
  EXPECT_DUE(Due("2026-03-19", 2), "2026-03-26", "2026-03-20");
  EXPECT_DUE(Due("2026-03-18", 3, TermUnit::kCalendarDays), "2026-03-25", "2026-03-20");
}

TEST(DueDatesTest, MayHolidays2026) {
  // Thu 30 Apr: 1 May holiday, weekend, 4 (1), 5 (2), 6 (3), 7 holiday, 8 (4),
  // 9 Victory Day, 10 Sunday, 11 moved, 12 (5).
  EXPECT_DUE(Due("2026-04-30", 5), "2026-05-12", "2026-05-08");
  // Kurban Ait, Wednesday 27 May.
  EXPECT_DUE(Due("2026-05-26", 1), "2026-05-28", "2026-05-26");
  EXPECT_DUE(Due("2026-05-26", 2), "2026-05-29", "2026-05-28");
}

TEST(DueDatesTest, LeapYear) {
  EXPECT_DUE(Due("2024-02-28", 1), "2024-02-29", "2024-02-28");
  EXPECT_DUE(Due("2024-02-28", 2), "2024-03-01", "2024-02-29");
  EXPECT_DUE(Due("2024-02-28", 3), "2024-03-04", "2024-03-01");
  EXPECT_DUE(Due("2024-02-28", 1, TermUnit::kCalendarDays), "2024-02-29", "2024-02-28");
  EXPECT_DUE(Due("2024-02-28", 2, TermUnit::kCalendarDays), "2024-03-01", "2024-02-29");
  // Saturday 2 March: the center is open, the provider delivers on Friday.
  EXPECT_DUE(Due("2024-02-28", 3, TermUnit::kCalendarDays), "2024-03-02", "2024-03-01");
  EXPECT_DUE(Due("2025-02-28", 1, TermUnit::kCalendarDays), "2025-03-01", "2025-02-28");
}

TEST(DueDatesTest, CalendarDays) {
  // Wed 10 June + 5 = Monday 15 June; the provider skips Saturday 13 (the
  // center is open but the provider is not) and delivers on Friday 12.
  EXPECT_DUE(Due("2026-06-10", 5, TermUnit::kCalendarDays), "2026-06-15", "2026-06-12");
  EXPECT_DUE(Due("2026-06-10", 30, TermUnit::kCalendarDays), "2026-07-10", "2026-07-09");
  // Ends on a Sunday: the center is closed, the issue date is Monday.
  EXPECT_DUE(Due("2026-06-11", 3, TermUnit::kCalendarDays), "2026-06-15", "2026-06-12");
  // Ends on a Saturday: the center is open, so that is the issue date.
  EXPECT_DUE(Due("2026-06-11", 2, TermUnit::kCalendarDays), "2026-06-13", "2026-06-12");
  // A year of calendar days ends on 2 January 2025, a holiday; 3 January was
  // swapped off on both weeks; the center opens on Saturday 4 January.
  EXPECT_DUE(Due("2024-01-02", kMaxTerm, TermUnit::kCalendarDays), "2025-01-04", "2024-12-31");
}

TEST(DueDatesTest, AcceptedOnANonWorkingDay) {
  // R30: the acceptance day never counts, whatever it is.
  // Saturday: Monday is day 1.
  EXPECT_DUE(Due("2026-06-13", 2), "2026-06-16", "2026-06-15");
  // A one-day term leaves no provider day before Monday: R34 cannot be met.
  EXPECT_DUE(Due("2026-06-13", 1), "2026-06-15", "2026-06-15");
  // Sunday (a duty center with an extra open day).
  BranchHours duty;
  duty.extra_open_dates.insert(D("2026-06-14"));
  EXPECT_DUE(Due("2026-06-14", 1, TermUnit::kWorkingDays, duty), "2026-06-15", "2026-06-15");
  EXPECT_DUE(Due("2026-06-14", 2, TermUnit::kWorkingDays, duty), "2026-06-16", "2026-06-15");
  // A holiday (Kurban Ait).
  EXPECT_DUE(Due("2026-05-27", 1), "2026-05-28", "2026-05-28");
  EXPECT_DUE(Due("2026-05-27", 2), "2026-05-29", "2026-05-28");
  // A working day accepted with a one-day term: same-day return is the deadline.
  EXPECT_DUE(Due("2026-06-10", 1), "2026-06-11", "2026-06-10");
}

TEST(DueDatesTest, Swaps2024) {
  // Saturday 4 May 2024 was a working day and Wednesday 8 May a day off.
  EXPECT_DUE(Due("2024-05-03", 1), "2024-05-04", "2024-05-03");
  // The provider works on that Saturday, so it is the deadline.
  EXPECT_DUE(Due("2024-05-03", 2), "2024-05-06", "2024-05-04");
  // 4 (1), 6 (2), 7 holiday, 8 swapped off, 9 holiday, 10 (3).
  EXPECT_DUE(Due("2024-05-03", 3), "2024-05-10", "2024-05-06");
}

TEST(DueDatesTest, Swaps2025) {
  // Friday 3 January 2025 off, Sunday 5 January worked (both weeks).
  EXPECT_DUE(Due("2024-12-31", 1), "2025-01-05", "2024-12-31");
  EXPECT_DUE(Due("2024-12-31", 2), "2025-01-06", "2025-01-05");
  EXPECT_DUE(Due("2024-12-31", 3), "2025-01-08", "2025-01-06");  // 7 Jan Christmas
}

TEST(DueDatesTest, ProviderDeadlineSkipsDaysEitherSideIsClosed) {
  // Wed 1 July: 2 (1), 3 (2), 4-5 weekend, 6 Capital Day, 7 (3). Back from 7:
  // 6 is a holiday (neither works), 5 Sunday, 4 Saturday (only the center) ->
  // Friday 3.
  EXPECT_DUE(Due("2026-07-01", 3), "2026-07-07", "2026-07-03");
  // The branch is closed on Friday 3: Thursday 2.
  BranchHours hours;
  hours.closed_dates.insert(D("2026-07-03"));
  EXPECT_DUE(Due("2026-07-01", 3, TermUnit::kWorkingDays, hours), "2026-07-07", "2026-07-02");
}

TEST(DueDatesTest, IssueDateMovesToTheNextOpenDay) {
  // The branch is closed on the issue date: the next open day.
  BranchHours closed;
  closed.closed_dates.insert(D("2026-07-07"));
  EXPECT_DUE(Due("2026-07-01", 3, TermUnit::kWorkingDays, closed), "2026-07-08", "2026-07-03");
  // A branch open Monday to Friday: a term ending on Saturday moves to Monday.
  const BranchHours weekdays = *BranchHours::FromWeekdayMask("1111100");
  EXPECT_DUE(Due("2026-06-10", 3, TermUnit::kCalendarDays, weekdays), "2026-06-15", "2026-06-12");
  // A duty center open on Capital Day issues on it.
  BranchHours duty;
  duty.extra_open_dates.insert(D("2026-07-06"));
  EXPECT_DUE(Due("2026-07-01", 5, TermUnit::kCalendarDays, duty), "2026-07-06", "2026-07-03");
  EXPECT_DUE(Due("2026-07-01", 5, TermUnit::kCalendarDays), "2026-07-07", "2026-07-03");
}

TEST(DueDatesTest, Refusals) {
  DueDates due;
  const BranchHours hours;
  // Unknown years, at either end of the term.
  Status s = ComputeDueDates(Kz(), hours, D("2027-12-28"), 5, TermUnit::kWorkingDays, &due);
  EXPECT_EQ(s.kind(), Status::Kind::kRefused);
  EXPECT_EQ(s.code(), "calendar_unknown_year");
  EXPECT_NE(s.message().find("2028"), std::string::npos);
  s = ComputeDueDates(Kz(), hours, D("2023-12-29"), 1, TermUnit::kWorkingDays, &due);
  EXPECT_EQ(s.code(), "calendar_unknown_year");
  s = ComputeDueDates(Kz(), hours, D("2027-12-30"), 2, TermUnit::kCalendarDays, &due);
  EXPECT_EQ(s.code(), "calendar_unknown_year");
  // The last days of the last year still work.
  EXPECT_DUE(Due("2027-12-28", 3), "2027-12-31", "2027-12-30");
  // Terms outside 1..kMaxTerm.
  for (int term : {0, -1, kMaxTerm + 1}) {
    s = ComputeDueDates(Kz(), hours, D("2026-06-10"), term, TermUnit::kWorkingDays, &due);
    EXPECT_EQ(s.kind(), Status::Kind::kMalformed) << term;
    EXPECT_EQ(s.code(), "invalid_term") << term;
  }
  // A branch that never opens.
  s = ComputeDueDates(Kz(), *BranchHours::FromWeekdayMask("0000000"), D("2024-01-02"), 1,
                      TermUnit::kCalendarDays, &due);
  EXPECT_EQ(s.code(), "center_never_open");
}

// ---- The parser ----

struct BadText {
  const char* text;
  int line;
  const char* message;
};

TEST(CalendarParseTest, ErrorsNameTheLine) {
  const BadText cases[] = {
      {"", 1, "no year line"},
      {"# only a comment\n", 2, "no year line"},
      {"2026-01-01 holiday both \"New Year\"", 1, "year line must come first"},
      {"year 26", 1, "expected: year YYYY"},
      {"year 2026 2027", 1, "expected: year YYYY"},
      {"year 2026\nyear 2027", 2, "a second year line (the first is line 1)"},
      {"year 2026\n2026-02-30 holiday both \"x\"", 2, "not a date (YYYY-MM-DD): \"2026-02-30\""},
      {"year 2026\n\n2026-01-01 off both \"x\"", 3, "unknown kind \"off\""},
      {"year 2026\n2026-01-01 holiday five \"x\"", 2, "unknown week \"five\""},
      {"year 2026\n2026-01-01 holiday both", 2, "missing \"TEXT\""},
      {"year 2026\n2026-01-01 holiday both \"\"", 2, "missing \"TEXT\""},
      {"year 2026\n2026-01-01 holiday both \"New Year", 2, "no closing"},
      {"year 2026\n2026-01-01 holiday both \"x\" y", 2, "nothing may follow"},
      {"year 2026\n2026-01-01 holiday", 2, "expected DATE KIND WEEK"},
      {"year 2026\n2025-12-31 holiday both \"x\"", 2, "is not in year 2026"},
      {"year 2026\n2026-01-01 holiday five_day \"x\"", 2, "a holiday applies to both weeks"},
      {"year 2026\n2026-01-01 holiday both from=2025-12-31 \"x\"", 2, "takes no"},
      {"year 2026\n2026-03-09 moved both \"x\"", 2, "moved needs from=DATE"},
      {"year 2026\n2026-03-09 moved both to=2026-03-08 \"x\"", 2, "expected from=DATE"},
      {"year 2026\n2026-03-09 moved both from=2026-03-08 \"x\"", 2,
       "from=2026-03-08 is not a movable holiday"},
      // 9 May 2026 is a Saturday: a rest day of the five-day week only.
      {"year 2026\n2026-05-09 holiday both \"V\"\n2026-05-11 moved both from=2026-05-09 \"x\"", 3,
       "is not a rest day of the six-day week"},
      {"year 2026\n2026-05-09 holiday both \"V\"\n2026-05-16 moved five_day from=2026-05-09 \"x\"",
       3, "2026-05-16 is already a rest day of the five-day week"},
      {"year 2026\n2026-05-11 holiday both \"V\"\n2026-05-08 moved five_day from=2026-05-11 \"x\"",
       3, "is not a rest day"},
      // Unmovable holidays do not move.
      {"year 2024\n2024-01-07 unmovable both \"C\"\n2024-01-08 moved five_day from=2024-01-07 "
       "\"x\"",
       3, "not a movable holiday"},
      {"year 2026\n2026-01-01 holiday both \"a\"\n2026-01-01 moved six_day from=2025-12-28 \"b\"",
       3, "2026-01-01 is already given on line 2 for the same week"},
      {"year 2024\n2024-05-08 swap_off five_day from=2024-05-04 \"x\"", 2,
       "no matching swap_work on 2024-05-04 for the five-day week"},
      {"year 2024\n2024-05-08 swap_off six_day from=2024-05-04 \"x\"", 2,
       "2024-05-04 is not a rest day of the six-day week"},
      {"year 2024\n2024-05-06 swap_work five_day to=2024-05-08 \"x\"", 2,
       "2024-05-06 is a working day of the five-day week"},
      {"year 2024\n2024-05-04 swap_work five_day to=2024-05-08 \"x\"\n"
       "2024-05-08 swap_off five_day from=2024-05-05 \"x\"",
       2, "no matching swap_off on 2024-05-08"},
  };
  for (const BadText& c : cases) {
    HolidayCalendar calendar;
    Status s = HolidayCalendar::Parse(c.text, &calendar);
    EXPECT_EQ(s.kind(), Status::Kind::kMalformed) << c.text;
    EXPECT_EQ(s.code(), "calendar_parse_error") << c.text;
    const std::string want = "line " + std::to_string(c.line) + ": ";
    EXPECT_EQ(s.message().rfind(want, 0), 0u) << c.text << "\n  got: " << s.message();
    EXPECT_NE(s.message().find(c.message), std::string::npos)
        << c.text << "\n  got: " << s.message();
    EXPECT_TRUE(calendar.Years().empty()) << c.text;
  }
}

TEST(CalendarParseTest, FormatDetails) {
  // Comments anywhere, '#' inside quotes, CRLF line ends, tabs, cross-year swap partners.
  const char* text =
      "# header\r\n"
      "  year 2030  # trailing comment\r\n"
      "\r\n"
      "2030-01-01\tholiday\tboth\t\"New Year #1\"   # comment\r\n"
      "2030-01-04 swap_off both from=2029-12-30 \"act No. 5\"\r\n";
  HolidayCalendar calendar;
  Status s = HolidayCalendar::Parse(text, &calendar);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const CalendarEntry* e = calendar.Find(D("2030-01-01"), kSixDayWeek);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->text, "New Year #1");
  EXPECT_EQ(e->line, 4);
  e = calendar.Find(D("2030-01-04"), kFiveDayWeek);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, DayKind::kSwapOff);
  EXPECT_EQ(e->partner, D("2029-12-30"));
  EXPECT_EQ(DayKindName(e->kind), "swap_off");
  EXPECT_EQ(calendar.Find(D("2030-01-02"), kFiveDayWeek), nullptr);
}

TEST(CalendarParseTest, YearsMergeAndNeverTwice) {
  HolidayCalendar calendar;
  ASSERT_TRUE(HolidayCalendar::Parse("year 2030\n2030-01-01 holiday both \"a\"", &calendar).ok());
  ASSERT_TRUE(HolidayCalendar::Parse("year 2031\n", &calendar).ok());  // a year without holidays
  EXPECT_EQ(calendar.Years(), (std::vector<int>{2030, 2031}));
  bool working = true;
  ASSERT_TRUE(calendar.IsProviderWorkingDay(D("2031-01-01"), &working).ok());
  EXPECT_TRUE(working);
  ASSERT_TRUE(calendar.IsProviderWorkingDay(D("2030-01-01"), &working).ok());
  EXPECT_FALSE(working);

  Status s = HolidayCalendar::Parse("\nyear 2030\n2030-01-02 holiday both \"b\"", &calendar);
  EXPECT_EQ(s.code(), "calendar_parse_error");
  EXPECT_EQ(s.message(), "line 2: year 2030 is already loaded");
  EXPECT_EQ(calendar.Find(D("2030-01-02"), kFiveDayWeek), nullptr);  // unchanged

  // A failing text leaves no trace either, even after good lines.
  s = HolidayCalendar::Parse("year 2032\n2032-01-01 holiday both \"a\"\n2032-01-02 x both \"b\"",
                             &calendar);
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(calendar.HasYear(2032));
  EXPECT_EQ(calendar.Find(D("2032-01-01"), kFiveDayWeek), nullptr);
}

}  // namespace
}  // namespace tereze::domain
