// SessionCache: recently authenticated sessions, so that a request does not
// read the session and the employee from the database each time (two reads
// were a quarter of a request's CPU). Correctness rules:
//  - any change to sessions or employees calls Invalidate() after its commit,
//    which empties the cache and bumps the generation;
//  - an entry read from the database is stored only if no invalidation
//    happened since the read began (the generation is unchanged), so a read
//    that raced with a revocation cannot bring the old state back;
//  - entries live at most kTtlMs, which bounds staleness when several server
//    processes share one PostgreSQL database.
// Expiry of the session itself is checked on every request, cached or not.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/roles.h"

namespace tereze::app {

class SessionCache {
 public:
  static constexpr size_t kMaxEntries = 50000;
  static constexpr int64_t kTtlMs = 5000;

  struct Entry {
    domain::Employee employee;
    std::string csrf_hash;
    int64_t expires_at_ms = 0;  // the session's own expiry (server clock)
  };

  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  bool Get(const std::string& token_hash, Entry* out);
  void Put(const std::string& token_hash, const Entry& entry, uint64_t generation_at_read);
  void Invalidate();

 private:
  struct Slot {
    Entry entry;
    int64_t cached_at_ms;  // steady clock: staleness is about real time, not the test clock
  };
  std::mutex mu_;
  std::unordered_map<std::string, Slot> slots_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace tereze::app
