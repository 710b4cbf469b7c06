// Tests for LocalDate: strict parsing, validated construction, leap years,
// day arithmetic across month and year ends, weekdays and ordering.
#include "core/local_date.h"

#include <gtest/gtest.h>

#include <string>

namespace tereze {
namespace {

LocalDate D(std::string_view text) {
  auto d = LocalDate::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(LocalDate());
}

TEST(LocalDateTest, ParseAndFormatRoundTrip) {
  for (const char* text : {"2026-03-21", "2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01",
                           "1969-12-31", "2000-02-29"}) {
    auto d = LocalDate::Parse(text);
    ASSERT_TRUE(d.has_value()) << text;
    EXPECT_EQ(d->ToString(), text);
  }
  const LocalDate d = D("2026-03-21");
  EXPECT_EQ(d.year(), 2026);
  EXPECT_EQ(d.month(), 3);
  EXPECT_EQ(d.day(), 21);
}

TEST(LocalDateTest, ParseIsStrict) {
  for (const char* text :
       {"", "2026-3-21", "2026-03-1", "26-03-21", "2026/03/21", "2026-03-21T00:00:00Z",
        "2026-03-21 ", " 2026-03-21", "+026-03-21", "2026-03-2a", "20260321", "2026-003-21",
        "2026-00-10", "2026-13-01", "2026-01-00", "2026-01-32", "2026-04-31", "0000-01-01"}) {
    EXPECT_EQ(LocalDate::Parse(text), std::nullopt) << text;
  }
}

TEST(LocalDateTest, LeapYears) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2025));
  EXPECT_FALSE(IsLeapYear(1900));  // century
  EXPECT_TRUE(IsLeapYear(2000));   // every 400 years
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 2), 28);
  EXPECT_EQ(DaysInMonth(2026, 4), 30);
  EXPECT_EQ(DaysInMonth(2026, 12), 31);
  EXPECT_EQ(DaysInMonth(2026, 13), 0);
  EXPECT_TRUE(LocalDate::FromYmd(2024, 2, 29).has_value());
  EXPECT_FALSE(LocalDate::FromYmd(2025, 2, 29).has_value());
  EXPECT_FALSE(LocalDate::FromYmd(1900, 2, 29).has_value());
  EXPECT_EQ(LocalDate::Parse("2025-02-29"), std::nullopt);
}

TEST(LocalDateTest, FromYmdRefusesOutOfRange) {
  EXPECT_FALSE(LocalDate::FromYmd(0, 1, 1).has_value());
  EXPECT_FALSE(LocalDate::FromYmd(10000, 1, 1).has_value());
  EXPECT_FALSE(LocalDate::FromYmd(2026, 0, 1).has_value());
  EXPECT_FALSE(LocalDate::FromYmd(2026, 1, 0).has_value());
  EXPECT_FALSE(LocalDate::FromYmd(2026, 6, 31).has_value());
  EXPECT_EQ(LocalDate::FromYmd(2026, 6, 30), LocalDate::Parse("2026-06-30"));
}

TEST(LocalDateTest, AddDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(D("2024-02-28").AddDays(1), D("2024-02-29"));
  EXPECT_EQ(D("2024-02-28").AddDays(2), D("2024-03-01"));
  EXPECT_EQ(D("2025-02-28").AddDays(1), D("2025-03-01"));
  EXPECT_EQ(D("2025-12-31").AddDays(1), D("2026-01-01"));
  EXPECT_EQ(D("2026-01-01").AddDays(-1), D("2025-12-31"));
  EXPECT_EQ(D("2024-01-01").AddDays(366), D("2025-01-01"));  // leap year
  EXPECT_EQ(D("2025-01-01").AddDays(365), D("2026-01-01"));
  EXPECT_EQ(D("2026-05-27").AddDays(0), D("2026-05-27"));
  EXPECT_EQ(D("1970-01-01").AddDays(-1), D("1969-12-31"));
}

TEST(LocalDateTest, DaysBetween) {
  EXPECT_EQ(DaysBetween(D("2026-03-21"), D("2026-03-25")), 4);
  EXPECT_EQ(DaysBetween(D("2026-03-25"), D("2026-03-21")), -4);
  EXPECT_EQ(DaysBetween(D("2024-02-01"), D("2024-03-01")), 29);
  EXPECT_EQ(DaysBetween(D("2023-02-01"), D("2023-03-01")), 28);
  EXPECT_EQ(DaysBetween(D("2024-12-31"), D("2025-01-01")), 1);
  EXPECT_EQ(D("1970-01-01").DaysSinceEpoch(), 0);
  EXPECT_EQ(D("2026-11-24").DaysSinceEpoch(), 1795498200000 / 86400000);  // as instant_test
  EXPECT_EQ(LocalDate::FromDaysSinceEpoch(D("2026-11-24").DaysSinceEpoch()), D("2026-11-24"));
}

TEST(LocalDateTest, Weekday) {
  EXPECT_EQ(D("1970-01-01").Weekday(), 4);        // Thursday
  EXPECT_EQ(D("1969-12-28").Weekday(), kSunday);  // before the epoch
  EXPECT_EQ(D("2026-03-21").Weekday(), kSaturday);
  EXPECT_EQ(D("2026-03-22").Weekday(), kSunday);
  EXPECT_EQ(D("2026-03-23").Weekday(), kMonday);
  EXPECT_EQ(D("2024-05-04").Weekday(), kSaturday);
  EXPECT_EQ(D("2025-01-05").Weekday(), kSunday);
  EXPECT_EQ(D("2024-02-29").Weekday(), 4);  // Thursday
  EXPECT_EQ(D("2000-01-01").Weekday(), kSaturday);
  // A week later is the same weekday, whatever the day.
  for (int i = -400; i < 400; ++i) {
    const LocalDate d = D("2026-01-01").AddDays(i);
    EXPECT_EQ(d.AddDays(7).Weekday(), d.Weekday());
    EXPECT_EQ(d.AddDays(1).Weekday(), d.Weekday() % 7 + 1);
  }
}

TEST(LocalDateTest, OrderingFollowsTime) {
  EXPECT_LT(D("2025-12-31"), D("2026-01-01"));
  EXPECT_LT(D("2026-01-09"), D("2026-01-10"));
  EXPECT_LT(D("2026-09-30"), D("2026-10-01"));
  EXPECT_GT(D("2026-03-25"), D("2026-03-24"));
  EXPECT_EQ(D("2026-03-25"), D("2026-03-25"));
  EXPECT_NE(D("2026-03-25"), D("2026-03-26"));
  EXPECT_LE(D("2026-03-25"), D("2026-03-25"));
  // Every day from 1900 to 2100 round-trips through text and is one after the other.
  LocalDate prev = D("1899-12-31");
  for (LocalDate d = D("1900-01-01"); d <= D("2100-12-31"); d = d.AddDays(1)) {
    ASSERT_EQ(DaysBetween(prev, d), 1);
    ASSERT_EQ(LocalDate::Parse(d.ToString()), d);
    ASSERT_EQ(LocalDate::FromYmd(d.year(), d.month(), d.day()), d);
    prev = d;
  }
}

}  // namespace
}  // namespace tereze

namespace tereze {
namespace {
TEST(LocalDateDotted, PrintsDayMonthYear) {
  EXPECT_EQ(LocalDate::Parse("2026-12-09")->ToDotted(), "09.12.2026");
}
}  // namespace
}  // namespace tereze
