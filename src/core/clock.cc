#include "core/clock.h"

#include <chrono>

namespace tereze {

namespace {
int64_t WallMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

int64_t SystemClock::NowMs() const { return WallMs(); }

TestClock::TestClock(int64_t start_ms) : offset_ms_(start_ms - WallMs()) {}

int64_t TestClock::NowMs() const { return WallMs() + offset_ms_.load(); }

bool TestClock::Advance(int64_t step_ms) {
  if (step_ms < 0) return false;
  offset_ms_.fetch_add(step_ms);
  return true;
}

int64_t SteadyNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace tereze
