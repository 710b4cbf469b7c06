// RateLimiter: at most `limit` requests per key (a client address) in a
// fixed window, for public endpoints a stranger can call (tracking, R32).
// Bounded memory: at most kMaxKeys keys; when full, the oldest windows go.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace tereze::app {

class RateLimiter {
 public:
  static constexpr size_t kMaxKeys = 100000;

  RateLimiter(const Clock& clock, int limit, int64_t window_ms)
      : clock_(clock), limit_(limit), window_ms_(window_ms) {}

  // 0 when the request may go ahead (and is counted); otherwise the seconds to wait.
  int64_t Acquire(const std::string& key);

 private:
  struct Window {
    int count = 0;
    int64_t start_ms = 0;
  };
  const Clock& clock_;
  const int limit_;
  const int64_t window_ms_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace tereze::app
