#include "core/zone.h"

#include <gtest/gtest.h>

#include "core/instant.h"

namespace tereze {
namespace {

LocalDate At(const std::string& zone, const char* instant) {
  LocalDate d;
  Status s = LocalDateIn(zone, *ParseInstant(instant), &d);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return d;
}

TEST(ZoneTest, KazakhstanMovedToUtcPlusFiveOn2024March1) {
  // 18:30 UTC on 2024-02-28: already the 29th in Almaty (then UTC+6).
  EXPECT_EQ(At("Asia/Almaty", "2024-02-28T18:30:00Z").ToString(), "2024-02-29");
  // The same time of day after the change: still the same date at UTC+5.
  EXPECT_EQ(At("Asia/Almaty", "2024-03-05T18:30:00Z").ToString(), "2024-03-05");
  EXPECT_EQ(At("Asia/Almaty", "2024-03-05T19:00:00Z").ToString(), "2024-03-06");
  // Aqtobe was UTC+5 before and after.
  EXPECT_EQ(At("Asia/Aqtobe", "2024-02-28T18:30:00Z").ToString(), "2024-02-28");
}

TEST(ZoneTest, AnUnknownZoneIsAnError) {
  LocalDate d;
  EXPECT_EQ(LocalDateIn("Asia/Nowhere", 0, &d).code(), "unknown_time_zone");
}

}  // namespace
}  // namespace tereze

namespace tereze {
namespace {
TEST(LocalTimeIn, MinutesSinceLocalMidnight) {
  LocalDate d;
  int minutes = -1;
  // 2026-11-24T05:00:00Z is 10:00 in Almaty (UTC+5 since 2024-03-01).
  ASSERT_TRUE(LocalTimeIn("Asia/Almaty", 1795496400000, &d, &minutes).ok());
  EXPECT_EQ(d.ToString(), "2026-11-24");
  EXPECT_EQ(minutes, 600);
}
}  // namespace
}  // namespace tereze
