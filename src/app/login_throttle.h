// LoginThrottle: refuses logins after repeated failures, per login name and
// per client address, for a while. Bounded memory: at most kMaxEntries keys.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace tereze::app {

class LoginThrottle {
 public:
  static constexpr int kMaxFailures = 5;  // per login name in one window
  // An address gets more room than a login: many desks may share one NAT.
  static constexpr int kMaxFailuresPerAddress = 20;
  static constexpr int64_t kWindowMs = int64_t{15} * 60 * 1000;
  static constexpr size_t kMaxEntries = 100000;

  explicit LoginThrottle(const Clock& clock) : clock_(clock) {}

  // 0 when a login may be tried now; otherwise the seconds to wait.
  int64_t RetryAfterSeconds(const std::string& login, const std::string& client_ip);
  void RecordFailure(const std::string& login, const std::string& client_ip);
  void RecordSuccess(const std::string& login);

 private:
  struct Entry {
    int failures = 0;
    int64_t window_start_ms = 0;
  };
  int64_t RetryAfterLocked(const std::string& key, int limit, int64_t now_ms);
  void FailLocked(const std::string& key, int64_t now_ms);

  const Clock& clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace tereze::app
