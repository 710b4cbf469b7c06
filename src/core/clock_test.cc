// Tests for the clocks: the test clock starts where it is told, runs at the
// wall clock's pace, and only moves forward.
#include "core/clock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace tereze {
namespace {

// Generous enough for a loaded machine or a sanitizer build.
constexpr int64_t kSlackMs = 200;

TEST(SystemClockTest, FollowsTheWallClock) {
  using namespace std::chrono;
  SystemClock clock;
  int64_t wall = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  EXPECT_LE(std::abs(clock.NowMs() - wall), kSlackMs);
}

TEST(TestClockTest, StartsAtTheGivenInstant) {
  const int64_t start = 1795498200000;  // 2026-11-24T05:30:00Z
  TestClock clock(start);
  int64_t now = clock.NowMs();
  EXPECT_GE(now, start);
  EXPECT_LE(now, start + kSlackMs);
}

TEST(TestClockTest, StartsBefore1970) {
  TestClock clock(-86400000);
  EXPECT_GE(clock.NowMs(), -86400000);
  EXPECT_LE(clock.NowMs(), -86400000 + kSlackMs);
}

TEST(TestClockTest, RunsAtTheWallClocksPace) {
  TestClock clock(0);
  int64_t before = clock.NowMs();
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  int64_t after = clock.NowMs();
  EXPECT_GE(after - before, 30);
  EXPECT_LE(after - before, 30 + kSlackMs);
}

TEST(TestClockTest, AdvanceMovesItForward) {
  const int64_t start = 1795498200000;
  TestClock clock(start);
  const int64_t day = 86400000;
  EXPECT_TRUE(clock.Advance(day));
  int64_t now = clock.NowMs();
  EXPECT_GE(now, start + day);
  EXPECT_LE(now, start + day + kSlackMs);
  EXPECT_TRUE(clock.Advance(0));
  EXPECT_GE(clock.NowMs(), now);
}

TEST(TestClockTest, NegativeStepIsRefused) {
  const int64_t start = 1795498200000;
  TestClock clock(start);
  ASSERT_TRUE(clock.Advance(3600000));
  EXPECT_FALSE(clock.Advance(-1));
  EXPECT_FALSE(clock.Advance(-3600000));
  // The refused steps left the clock where it was: time never goes back.
  EXPECT_GE(clock.NowMs(), start + 3600000);
  EXPECT_LE(clock.NowMs(), start + 3600000 + kSlackMs);
}

TEST(TestClockTest, UsableThroughTheInterface) {
  TestClock test_clock(42000);
  const Clock& clock = test_clock;
  test_clock.Advance(1000);
  EXPECT_GE(clock.NowMs(), 43000);
  EXPECT_LE(clock.NowMs(), 43000 + kSlackMs);
}

}  // namespace
}  // namespace tereze

namespace tereze {
namespace {
TEST(SteadyNowMsTest, NeverGoesBack) {
  int64_t a = SteadyNowMs();
  int64_t b = SteadyNowMs();
  EXPECT_LE(a, b);
  EXPECT_GT(a, 0);
}
}  // namespace
}  // namespace tereze
