// Tests for the login throttle: five failures per login, twenty per client
// address, within fifteen minutes of the first.
#include "app/login_throttle.h"

#include <gtest/gtest.h>

#include <string>

namespace tereze::app {
namespace {

constexpr int64_t kStart = 1795498200000;  // 2026-11-24T05:30:00Z
constexpr int64_t kMinute = 60 * 1000;

class LoginThrottleTest : public ::testing::Test {
 protected:
  TestClock clock_{kStart};
  LoginThrottle throttle_{clock_};

  void Fail(const std::string& login, const std::string& ip, int times) {
    for (int i = 0; i < times; ++i) throttle_.RecordFailure(login, ip);
  }
};

TEST_F(LoginThrottleTest, FiveFailuresBlockTheLogin) {
  EXPECT_EQ(throttle_.RetryAfterSeconds("op", "10.0.0.1"), 0);
  Fail("op", "10.0.0.1", 4);
  EXPECT_EQ(throttle_.RetryAfterSeconds("op", "10.0.0.1"), 0);
  Fail("op", "10.0.0.1", 1);
  int64_t wait = throttle_.RetryAfterSeconds("op", "10.0.0.1");
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 15 * 60);
  EXPECT_GE(wait, 15 * 60 - 5);
  // From any address: the login is what is blocked.
  EXPECT_GT(throttle_.RetryAfterSeconds("op", "10.9.9.9"), 0);
  // Another login from the same address is not.
  EXPECT_EQ(throttle_.RetryAfterSeconds("other", "10.0.0.1"), 0);
}

TEST_F(LoginThrottleTest, BlockEndsAfterTheWindow) {
  Fail("op", "10.0.0.1", 5);
  ASSERT_TRUE(clock_.Advance(10 * kMinute));
  int64_t wait = throttle_.RetryAfterSeconds("op", "10.0.0.1");
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 5 * 60);  // the wait shrinks as time passes
  ASSERT_TRUE(clock_.Advance(5 * kMinute));
  EXPECT_EQ(throttle_.RetryAfterSeconds("op", "10.0.0.1"), 0);
  // A fresh window: one more failure does not block again.
  Fail("op", "10.0.0.1", 1);
  EXPECT_EQ(throttle_.RetryAfterSeconds("op", "10.0.0.1"), 0);
}

TEST_F(LoginThrottleTest, FailuresOutsideTheWindowDoNotAddUp) {
  Fail("op", "10.0.0.1", 4);
  ASSERT_TRUE(clock_.Advance(15 * kMinute + 1));
  Fail("op", "10.0.0.1", 4);
  EXPECT_EQ(throttle_.RetryAfterSeconds("op", "10.0.0.1"), 0);
  Fail("op", "10.0.0.1", 1);
  EXPECT_GT(throttle_.RetryAfterSeconds("op", "10.0.0.1"), 0);
}

TEST_F(LoginThrottleTest, SuccessResetsTheLogin) {
  Fail("op", "10.0.0.1", 4);
  throttle_.RecordSuccess("op");
  Fail("op", "10.0.0.1", 4);
  EXPECT_EQ(throttle_.RetryAfterSeconds("op", "10.0.0.1"), 0);
  Fail("op", "10.0.0.1", 1);
  EXPECT_GT(throttle_.RetryAfterSeconds("op", "10.0.0.1"), 0);
  throttle_.RecordSuccess("op");
  EXPECT_EQ(throttle_.RetryAfterSeconds("op", "10.0.0.1"), 0);
}

TEST_F(LoginThrottleTest, AddressLimitIsTwenty) {
  EXPECT_EQ(LoginThrottle::kMaxFailuresPerAddress, 20);
  // Many desks behind one address: 19 failures spread over logins pass.
  for (int i = 0; i < 19; ++i) Fail("user" + std::to_string(i), "192.168.1.1", 1);
  EXPECT_EQ(throttle_.RetryAfterSeconds("fresh", "192.168.1.1"), 0);
  Fail("user19", "192.168.1.1", 1);
  int64_t wait = throttle_.RetryAfterSeconds("fresh", "192.168.1.1");
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 15 * 60);
  // The same login from another address is fine; the address is blocked.
  EXPECT_EQ(throttle_.RetryAfterSeconds("fresh", "192.168.1.2"), 0);
  // A success of one login does not clear the address.
  throttle_.RecordSuccess("user0");
  EXPECT_GT(throttle_.RetryAfterSeconds("fresh", "192.168.1.1"), 0);
  ASSERT_TRUE(clock_.Advance(15 * kMinute));
  EXPECT_EQ(throttle_.RetryAfterSeconds("fresh", "192.168.1.1"), 0);
}

}  // namespace
}  // namespace tereze::app
