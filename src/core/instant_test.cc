// Tests for ISO 8601 instants: parsing with an offset, refusals, and UTC
// formatting. Instants are UTC milliseconds (DESIGN.md, "Time").
#include "core/instant.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace tereze {
namespace {

// 2026-11-24T05:30:00Z.
constexpr int64_t kRef = 1795498200000;

TEST(ParseInstantTest, UtcWithZ) {
  EXPECT_EQ(ParseInstant("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00Z"), kRef);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00z"), kRef);
  // A space instead of "T" (as PostgreSQL writes it) is accepted too.
  EXPECT_EQ(ParseInstant("2026-11-24 05:30:00Z"), kRef);
}

TEST(ParseInstantTest, PositiveOffsetIsSubtracted) {
  // 10:30 in UTC+5 is 05:30 UTC.
  EXPECT_EQ(ParseInstant("2026-11-24T10:30:00+05:00"), kRef);
  // Crossing midnight backwards into the previous day.
  EXPECT_EQ(ParseInstant("2026-11-25T03:00:00+05:00"), ParseInstant("2026-11-24T22:00:00Z"));
}

TEST(ParseInstantTest, NegativeOffsetWithMinutesIsAdded) {
  // 02:00 at -03:30 is 05:30 UTC.
  EXPECT_EQ(ParseInstant("2026-11-24T02:00:00-03:30"), kRef);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00+00:00"), kRef);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00-00:00"), kRef);
}

TEST(ParseInstantTest, Fractions) {
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00.5Z"), kRef + 500);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00.05Z"), kRef + 50);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00.123Z"), kRef + 123);
  // Beyond milliseconds the digits are accepted and truncated.
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00.123999Z"), kRef + 123);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00.123456789Z"), kRef + 123);
  EXPECT_EQ(ParseInstant("2026-11-24T10:30:00.250+05:00"), kRef + 250);
  // Before 1970 the fraction still moves the instant forward.
  EXPECT_EQ(ParseInstant("1969-12-31T23:59:59.500Z"), -500);
}

TEST(ParseInstantTest, RefusesMissingOffset) {
  // An instant must say which zone it was written in.
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00.123"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24"), std::nullopt);
}

TEST(ParseInstantTest, RefusesImpossibleDatesAndTimes) {
  EXPECT_EQ(ParseInstant("2026-02-30T00:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseInstant("2025-02-29T00:00:00Z"), std::nullopt);  // not a leap year
  EXPECT_EQ(ParseInstant("1900-02-29T00:00:00Z"), std::nullopt);  // century, not leap
  EXPECT_EQ(ParseInstant("2026-04-31T00:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-13-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-00-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-01-00T00:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24T24:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24T23:60:00Z"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24T23:59:60Z"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00+15:00"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00+05:60"), std::nullopt);
  // Valid neighbours of the refusals above are accepted.
  EXPECT_NE(ParseInstant("2000-02-29T00:00:00Z"), std::nullopt);
  EXPECT_NE(ParseInstant("2026-11-24T23:59:59Z"), std::nullopt);
  EXPECT_NE(ParseInstant("2026-11-24T05:30:00+14:00"), std::nullopt);
}

TEST(ParseInstantTest, RefusesGarbage) {
  for (const char* text :
       {"", "Z", "garbage", "2026-11-24T05:30:00ZZ", "2026/11/24T05:30:00Z", "2026-11-24T05-30-00Z",
        "2026-1-24T05:30:00Z", "2026-11-24X05:30:00Z", "26-11-24T05:30:00Z",
        "2026-11-24T05:30:00.Z", "2026-11-24T05:30:00.1234567890Z", "2026-11-24T05:30:00+0500",
        "2026-11-24T05:30:00+05", "2026-11-24T05:30:00+5:00", "2026-11-24T05:30:00 +05:00",
        "-2026-11-24T05:30:00Z", "2026-11-24T05:3a:00Z"}) {
    EXPECT_EQ(ParseInstant(text), std::nullopt) << text;
  }
}

TEST(ParseInstantTest, RefusesTrailingText) {
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00Z "), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24T05:30:00Zjunk"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24T10:30:00+05:00:00"), std::nullopt);
  EXPECT_EQ(ParseInstant("2026-11-24T10:30:00+05:00Z"), std::nullopt);
  EXPECT_EQ(ParseInstant(std::string("2026-11-24T05:30:00Z\0", 21)), std::nullopt);
}

TEST(FormatInstantUtcTest, KnownValues) {
  EXPECT_EQ(FormatInstantUtc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatInstantUtc(kRef), "2026-11-24T05:30:00.000Z");
  EXPECT_EQ(FormatInstantUtc(kRef + 7), "2026-11-24T05:30:00.007Z");
  EXPECT_EQ(FormatInstantUtc(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatInstantUtc(-86400000), "1969-12-31T00:00:00.000Z");
  EXPECT_EQ(FormatInstantUtc(-86400001), "1969-12-30T23:59:59.999Z");
}

TEST(FormatInstantUtcTest, LeapDay2024) {
  auto leap = ParseInstant("2024-02-29T12:00:00+05:00");
  ASSERT_TRUE(leap.has_value());
  EXPECT_EQ(FormatInstantUtc(*leap), "2024-02-29T07:00:00.000Z");
  EXPECT_EQ(FormatInstantUtc(*leap + 17 * 3600000LL), "2024-03-01T00:00:00.000Z");
  EXPECT_EQ(FormatInstantUtc(*leap - 7 * 3600000LL - 1), "2024-02-28T23:59:59.999Z");
}

TEST(FormatInstantUtcTest, RoundTrip) {
  for (const char* text :
       {"1970-01-01T00:00:00.000Z", "2024-02-29T00:00:00.000Z", "2024-02-29T23:59:59.999Z",
        "2024-03-01T00:00:00.000Z", "1969-07-20T20:17:40.000Z", "1900-01-01T00:00:00.001Z",
        "1600-02-29T12:34:56.789Z", "2000-12-31T23:59:59.999Z", "2099-12-31T23:59:59.999Z",
        "2026-11-24T05:30:00.000Z"}) {
    auto ms = ParseInstant(text);
    ASSERT_TRUE(ms.has_value()) << text;
    EXPECT_EQ(FormatInstantUtc(*ms), text);
  }
  // Every ms value of a stretch around the epoch and a leap day survives both ways.
  for (int64_t base : {int64_t{0}, *ParseInstant("2024-02-29T00:00:00Z")}) {
    for (int64_t ms = base - 3 * 86400000LL; ms <= base + 3 * 86400000LL; ms += 3600000 + 7) {
      auto back = ParseInstant(FormatInstantUtc(ms));
      ASSERT_TRUE(back.has_value()) << ms;
      EXPECT_EQ(*back, ms);
    }
  }
}

}  // namespace
}  // namespace tereze
