// The manager's lists (R22, R25, R30, R33, R34): what is late or about to
// be, packages that missed the day's dispatch, and the dispatch rounds.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "domain/deadlines.h"
#include "store/packages.h"

namespace tereze::app {

inline constexpr int kMaxMonitored = 5000;  // packages read per list

struct DeadlineItem {
  store::Package package;
  domain::DeadlineState state = domain::DeadlineState::kNone;
};
struct DeadlineReport {
  std::vector<DeadlineItem> late, due_soon;
  int64_t done = 0, on_time = 0;  // packages that reached issuance, and of them on time
};
Status ListDeadlines(App& app, const Principal& who, int64_t branch_id,
                     const std::string& provider_code, DeadlineReport* out);

// R33: packages accepted on `day` before the last dispatch round that were
// not dispatched that day.
Status ListMissedDispatches(App& app, const Principal& who, int64_t branch_id,
                            const std::string& day, std::vector<store::Package>* out);

Status GetDispatchRounds(App& app, const Principal& who, int64_t branch_id,
                         std::vector<std::string>* rounds);
// Errors: too_few_rounds, invalid_field, forbidden.
void SetDispatchRounds(App& app, const Principal& who, int64_t branch_id,
                       std::vector<std::string> rounds, const Done<bool>& done);

}  // namespace tereze::app
