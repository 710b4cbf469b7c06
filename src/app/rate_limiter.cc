#include "app/rate_limiter.h"

namespace tereze::app {

int64_t RateLimiter::Acquire(const std::string& key) {
  const int64_t now = clock_.NowMs();
  std::lock_guard lock(mu_);
  if (windows_.size() >= kMaxKeys && !windows_.count(key)) {
    // Drop the windows that have ended; if none has, start over rather than grow.
    for (auto it = windows_.begin(); it != windows_.end();) {
      it = now - it->second.start_ms >= window_ms_ ? windows_.erase(it) : std::next(it);
    }
    if (windows_.size() >= kMaxKeys) windows_.clear();
  }
  Window& w = windows_[key];
  if (now - w.start_ms >= window_ms_) w = {0, now};
  if (w.count >= limit_) return (w.start_ms + window_ms_ - now + 999) / 1000;
  ++w.count;
  return 0;
}

}  // namespace tereze::app
