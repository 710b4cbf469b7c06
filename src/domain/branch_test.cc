#include "domain/branch.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

TEST(Branch, MinutesOfDayOfOpeningTimes) {
  EXPECT_EQ(MinutesOfDay("09:00"), 540);
  EXPECT_EQ(MinutesOfDay("20:00"), 1200);
  EXPECT_EQ(MinutesOfDay("00:00"), 0);
  EXPECT_EQ(MinutesOfDay("23:59"), 1439);
}

}  // namespace
}  // namespace tereze::domain
