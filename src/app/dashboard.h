// The dashboards of the branch manager and the central office (issue 7):
// a period's volumes by day and service, the on-time share (R30, R34),
// stages (R32), queue waits by hour (R8), ratings (R23) and breaches; and
// today's live numbers.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "store/breaches.h"
#include "store/dashboard.h"

namespace tereze::app {

inline constexpr int kMaxDashboardDays = 366;
inline constexpr size_t kMaxCodeLength = 32;  // provider_code, service_code filters

struct DashboardQuery {
  std::string from, to;  // local days, inclusive
  int64_t branch_id = 0;
  std::string provider_code, service_code;
};

struct Dashboard {
  int64_t branch_id = 0;  // 0: the network
  std::vector<store::VolumeRow> volumes;
  std::vector<store::OnTimeRow> on_time;
  std::vector<store::StageRow> stages;
  std::vector<store::WaitHourRow> waits_by_hour;  // 0..23, hours without tickets left out
  std::vector<store::RatingRow> ratings;          // scores 1..5 with a count
  std::vector<store::BreachCount> breaches;       // by day and kind
};
// Errors: forbidden (another branch, or the network for a branch role),
// invalid_date, invalid_period (to before from, more than 366 days),
// invalid_query (a code too long), branch_not_found.
Status GetDashboard(App& app, const Principal& who, const DashboardQuery& q, Dashboard* out);

struct LiveNumbers {
  int64_t branch_id = 0;
  std::string today;  // the branch's local date (the network: of its first zone)
  int64_t accepted = 0, refused = 0, issued = 0;
  int64_t tickets = 0, waiting = 0, serving = 0;
  int64_t breaches_today = 0;  // detected since local midnight
};
// No authorization: the caller checked (the dashboard feed, GetLiveNumbersFor).
Status GetLiveNumbers(App& app, int64_t branch_id, LiveNumbers* out);
Status GetLiveNumbersFor(App& app, const Principal& who, int64_t branch_id, LiveNumbers* out);

}  // namespace tereze::app
