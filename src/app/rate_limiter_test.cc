#include "app/rate_limiter.h"

#include <gtest/gtest.h>

namespace tereze::app {
namespace {

TEST(RateLimiter, LimitsEachKeyInItsWindow) {
  TestClock clock(1'000'000);
  RateLimiter limiter(clock, 3, 60'000);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Acquire("10.0.0.1"), 0);
  EXPECT_EQ(limiter.Acquire("10.0.0.1"), 60);
  EXPECT_EQ(limiter.Acquire("10.0.0.2"), 0);  // another client is not affected
  clock.Advance(30'000);
  EXPECT_EQ(limiter.Acquire("10.0.0.1"), 30);
  clock.Advance(30'000);
  EXPECT_EQ(limiter.Acquire("10.0.0.1"), 0);  // a new window
}

}  // namespace
}  // namespace tereze::app
