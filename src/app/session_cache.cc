#include "app/session_cache.h"

#include "core/clock.h"

namespace tereze::app {

bool SessionCache::Get(const std::string& token_hash, Entry* out) {
  std::lock_guard lock(mu_);
  auto it = slots_.find(token_hash);
  if (it == slots_.end()) return false;
  if (SteadyNowMs() - it->second.cached_at_ms > kTtlMs) {
    slots_.erase(it);
    return false;
  }
  *out = it->second.entry;
  return true;
}

void SessionCache::Put(const std::string& token_hash, const Entry& entry,
                       uint64_t generation_at_read) {
  std::lock_guard lock(mu_);
  if (generation_.load(std::memory_order_acquire) != generation_at_read) return;
  if (slots_.size() >= kMaxEntries) slots_.clear();  // simple and bounded; refills in one TTL
  slots_[token_hash] = Slot{entry, SteadyNowMs()};
}

void SessionCache::Invalidate() {
  std::lock_guard lock(mu_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  slots_.clear();
}

}  // namespace tereze::app
