// SQL of the dashboards (issue 7): a period's aggregates for the branch
// manager and the central office, computed in the database (a national
// month is millions of applications: only the counts leave it).
#pragma once

#include <string>
#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct DashboardFilter {
  std::string from, to;       // local days, inclusive (required)
  int64_t branch_id = 0;      // 0: every branch
  std::string provider_code;  // "" any
  std::string service_code;   // "" any
  std::string time_zone;      // "" any: only branches in this zone
};

// Applications decided in the period by their local day and service.
struct VolumeRow {
  std::string day, service_code;
  int64_t accepted = 0, refused = 0;
};
Status DashboardVolumes(Connection& db, const DashboardFilter& f, std::vector<VolumeRow>* out);

// R30, R34: of the applications accepted on each day that reached issuance,
// those received by the provider deadline and ready by the issue date (the
// rule of domain::OnTime).
struct OnTimeRow {
  std::string day;
  int64_t done = 0, on_time = 0;
};
Status DashboardOnTime(Connection& db, const DashboardFilter& f, std::vector<OnTimeRow>* out);

// R32: where the period's accepted applications are now.
struct StageRow {
  std::string stage;
  int64_t count = 0;
};
Status DashboardStages(Connection& db, const DashboardFilter& f, std::vector<StageRow>* out);

// R8: tickets of the period by the local hour they were taken; waits are
// called - taken. `offset_ms`: the zone's offset from UTC (f.time_zone).
struct WaitHourRow {
  int64_t hour = 0;
  int64_t tickets = 0, called = 0;
  int64_t wait_sum_ms = 0, max_wait_ms = 0, over_limit = 0;
};
Status DashboardWaitsByHour(Connection& db, const DashboardFilter& f, int64_t offset_ms,
                            int64_t limit_ms, std::vector<WaitHourRow>* out);

// R23: ratings given in [from_ms, to_ms) by score.
struct RatingRow {
  int64_t score = 0, count = 0;
};
Status DashboardRatings(Connection& db, const DashboardFilter& f, int64_t from_ms, int64_t to_ms,
                        std::vector<RatingRow>* out);

// Today's live numbers of a branch (or of every branch in f.time_zone).
struct LiveRow {
  int64_t accepted = 0, refused = 0, issued = 0;
  int64_t waiting = 0, serving = 0, tickets = 0;
};
Status DashboardLive(Connection& db, int64_t branch_id, const std::string& time_zone,
                     const std::string& today, LiveRow* out);

// The distinct zones of the branches (all, or the one branch's).
Status BranchZones(Connection& db, int64_t branch_id, std::vector<std::string>* out);

}  // namespace tereze::store
