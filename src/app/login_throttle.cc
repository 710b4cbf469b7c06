#include "app/login_throttle.h"

namespace tereze::app {

int64_t LoginThrottle::RetryAfterLocked(const std::string& key, int limit, int64_t now_ms) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  const Entry& e = it->second;
  int64_t window_end_ms = e.window_start_ms + kWindowMs;
  if (now_ms >= window_end_ms) {
    entries_.erase(it);
    return 0;
  }
  if (e.failures < limit) return 0;
  return (window_end_ms - now_ms + 999) / 1000;
}

int64_t LoginThrottle::RetryAfterSeconds(const std::string& login, const std::string& client_ip) {
  std::lock_guard lock(mu_);
  int64_t now_ms = clock_.NowMs();
  int64_t by_login = RetryAfterLocked("l:" + login, kMaxFailures, now_ms);
  int64_t by_ip = RetryAfterLocked("a:" + client_ip, kMaxFailuresPerAddress, now_ms);
  return by_login > by_ip ? by_login : by_ip;
}

void LoginThrottle::FailLocked(const std::string& key, int64_t now_ms) {
  if (entries_.size() >= kMaxEntries && entries_.find(key) == entries_.end()) {
    // Drop expired entries; if none expired, forget everything rather than
    // grow without bound (an attacker filling the map gains one fresh window).
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = now_ms >= it->second.window_start_ms + kWindowMs ? entries_.erase(it) : std::next(it);
    }
    if (entries_.size() >= kMaxEntries) entries_.clear();
  }
  Entry& e = entries_[key];
  if (e.failures == 0 || now_ms >= e.window_start_ms + kWindowMs) {
    e.failures = 0;
    e.window_start_ms = now_ms;
  }
  ++e.failures;
}

void LoginThrottle::RecordFailure(const std::string& login, const std::string& client_ip) {
  std::lock_guard lock(mu_);
  int64_t now_ms = clock_.NowMs();
  FailLocked("l:" + login, now_ms);
  FailLocked("a:" + client_ip, now_ms);
}

void LoginThrottle::RecordSuccess(const std::string& login) {
  std::lock_guard lock(mu_);
  entries_.erase("l:" + login);
}

}  // namespace tereze::app
