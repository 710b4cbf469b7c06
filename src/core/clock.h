// Clock: the one source of "now" in Tereze. Every component reads time from
// the Clock it is given, so that `serve --test-clock` can start the whole
// server at a chosen instant and tests can move it forward.
#pragma once

#include <atomic>
#include <cstdint>

namespace tereze {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, UTC.
  virtual int64_t NowMs() const = 0;
};

// Milliseconds of a monotonic clock, for caches' ages and rechecks: never
// the test clock, which a test moves by days.
int64_t SteadyNowMs();

// The wall clock.
class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override;
};

// A clock that starts at a given instant and runs at the wall clock's pace;
// Advance() jumps it forward. Thread-safe.
class TestClock final : public Clock {
 public:
  explicit TestClock(int64_t start_ms);
  int64_t NowMs() const override;
  // Moves the clock forward; a negative step is refused (time never goes back).
  bool Advance(int64_t step_ms);

 private:
  std::atomic<int64_t> offset_ms_;
};

}  // namespace tereze
