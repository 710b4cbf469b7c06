#include "domain/appointment.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

LocalDate D(const char* s) { return *LocalDate::Parse(s); }

TEST(Appointment, SlotsAreQuarterHoursInsideTheOpeningHours) {
  auto slots = SlotStarts(9 * 60, 10 * 60 + 10);
  ASSERT_EQ(slots.size(), 4u);
  EXPECT_EQ(slots.front(), 540);
  EXPECT_EQ(slots.back(), 585);
  EXPECT_TRUE(IsSlotStart(555, 540, 1200));
  EXPECT_FALSE(IsSlotStart(550, 540, 1200));
  EXPECT_FALSE(IsSlotStart(1190, 540, 1200));
  EXPECT_FALSE(IsSlotStart(525, 540, 1200));
  EXPECT_EQ(SlotCapacity(0), 1);
  EXPECT_EQ(SlotCapacity(3), 3);
}

TEST(Appointment, SlotStartIsStrict) {
  auto s = ParseSlotStart("2026-11-25T10:15");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->day, D("2026-11-25"));
  EXPECT_EQ(s->minute, 615);
  EXPECT_EQ(FormatSlotStart(*s), "2026-11-25T10:15");
  EXPECT_FALSE(ParseSlotStart("2026-11-25 10:15"));
  EXPECT_FALSE(ParseSlotStart("2026-11-25T24:00"));
  EXPECT_FALSE(ParseSlotStart("2026-02-30T10:00"));
  EXPECT_FALSE(ParseSlotStart("2026-11-25T10:15:00"));
}

TEST(Appointment, OneBookingPerQueueInTenDaysTwoQueuesADay) {
  std::vector<PriorBooking> prior = {{D("2026-11-25"), "A"}};
  EXPECT_EQ(CheckBookingRules(prior, D("2026-12-04"), "A").code(), "booking_too_soon");
  EXPECT_EQ(CheckBookingRules(prior, D("2026-11-16"), "A").code(), "booking_too_soon");
  EXPECT_TRUE(CheckBookingRules(prior, D("2026-12-05"), "A").ok());
  EXPECT_TRUE(CheckBookingRules(prior, D("2026-11-25"), "B").ok());
  prior.push_back({D("2026-11-25"), "B"});
  EXPECT_EQ(CheckBookingRules(prior, D("2026-11-25"), "C").code(), "too_many_services_today");
  EXPECT_TRUE(CheckBookingRules(prior, D("2026-11-26"), "C").ok());
}

TEST(Appointment, CheckInFromFifteenBeforeToTenAfter) {
  const int64_t start = 1'000'000'000;
  EXPECT_EQ(CheckInWindow(start, start - 15 * 60000 - 1).code(), "too_early");
  EXPECT_TRUE(CheckInWindow(start, start - 15 * 60000).ok());
  EXPECT_TRUE(CheckInWindow(start, start + 10 * 60000).ok());
  EXPECT_EQ(CheckInWindow(start, start + 10 * 60000 + 1).code(), "too_late");
}

TEST(Appointment, CodesAvoidLookAlikes) {
  std::string code = BookingCode(std::string("\x00\x01\x1f\x20\xff\x10", 6));
  ASSERT_EQ(code.size(), kBookingCodeLength);
  std::string norm;
  EXPECT_TRUE(NormalizeBookingCode("abcd23", &norm));
  EXPECT_EQ(norm, "ABCD23");
  EXPECT_FALSE(NormalizeBookingCode("ABCD0O", &norm));
  EXPECT_FALSE(NormalizeBookingCode("ABC", &norm));
  EXPECT_TRUE(NormalizeBookingCode(code, &norm));
}

}  // namespace
}  // namespace tereze::domain
