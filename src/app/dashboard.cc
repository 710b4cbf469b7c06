#include "app/dashboard.h"

#include <map>

#include "app/breaches.h"
#include "core/zone.h"
#include "domain/breach.h"
#include "store/branches.h"

namespace tereze::app {

namespace {

constexpr int64_t kDayMs = 86400LL * 1000;

Status CheckBranch(store::Connection& db, int64_t branch_id) {
  if (branch_id == 0) return Status::Ok();
  domain::Branch b;
  Status s = store::FindBranch(db, branch_id, &b);
  if (s.kind() == Status::Kind::kNotFound) {
    return Status::NotFound("branch_not_found", "no such branch");
  }
  return s;
}

}  // namespace

Status GetDashboard(App& app, const Principal& who, const DashboardQuery& q, Dashboard* out) {
  int64_t branch_id = 0;
  Status s = ScopeBranch(who, q.branch_id, &branch_id);
  if (!s.ok()) return s;
  auto from = LocalDate::Parse(q.from);
  auto to = LocalDate::Parse(q.to);
  if (!from || !to) return Status::Malformed("invalid_date", "from and to: YYYY-MM-DD");
  if (*to < *from) return Status::Malformed("invalid_period", "to is before from");
  if (to->DaysSinceEpoch() - from->DaysSinceEpoch() >= kMaxDashboardDays) {
    return Status::Malformed("invalid_period", "at most 366 days");
  }
  if (q.provider_code.size() > kMaxCodeLength || q.service_code.size() > kMaxCodeLength) {
    return Status::Malformed("invalid_query", "codes are at most 32 characters");
  }
  out->branch_id = branch_id;
  store::DashboardFilter f;
  f.from = from->ToString();
  f.to = to->ToString();
  f.branch_id = branch_id;
  f.provider_code = q.provider_code;
  f.service_code = q.service_code;
  return app.db().Read([&](store::Connection& db) {
    Status st = CheckBranch(db, branch_id);
    if (!st.ok()) return st;
    if (st = store::DashboardVolumes(db, f, &out->volumes); !st.ok()) return st;
    if (st = store::DashboardOnTime(db, f, &out->on_time); !st.ok()) return st;
    if (st = store::DashboardStages(db, f, &out->stages); !st.ok()) return st;
    // Hours and instants are local: each zone of the branches on its own.
    std::vector<std::string> zones;
    if (st = store::BranchZones(db, branch_id, &zones); !st.ok()) return st;
    std::map<int64_t, store::WaitHourRow> hours;
    std::map<int64_t, int64_t> scores;
    for (const auto& zone : zones) {
      store::DashboardFilter zf = f;
      zf.time_zone = zones.size() > 1 ? zone : "";
      int64_t from_ms = 0, to_ms = 0;
      if (st = InstantOfLocalTime(zone, *from, 0, &from_ms); !st.ok()) return st;
      if (st = InstantOfLocalTime(zone, to->AddDays(1), 0, &to_ms); !st.ok()) return st;
      const int64_t offset_ms = from->DaysSinceEpoch() * kDayMs - from_ms;
      std::vector<store::WaitHourRow> rows;
      st = store::DashboardWaitsByHour(db, zf, offset_ms, domain::kMaxTicketWaitMs, &rows);
      if (!st.ok()) return st;
      for (const auto& r : rows) {
        auto& h = hours[r.hour];
        h.hour = r.hour;
        h.tickets += r.tickets;
        h.called += r.called;
        h.wait_sum_ms += r.wait_sum_ms;
        h.max_wait_ms = std::max(h.max_wait_ms, r.max_wait_ms);
        h.over_limit += r.over_limit;
      }
      std::vector<store::RatingRow> ratings;
      if (st = store::DashboardRatings(db, zf, from_ms, to_ms, &ratings); !st.ok()) return st;
      for (const auto& r : ratings) scores[r.score] += r.count;
    }
    for (const auto& [hour, row] : hours) out->waits_by_hour.push_back(row);
    for (const auto& [score, count] : scores) out->ratings.push_back({score, count});
    return store::CountBreaches(db, branch_id, f.from, f.to, /*by_month=*/false, &out->breaches);
  });
}

Status GetLiveNumbers(App& app, int64_t branch_id, LiveNumbers* out) {
  out->branch_id = branch_id;
  const int64_t now_ms = app.clock().NowMs();
  return app.db().Read([&](store::Connection& db) {
    Status st = CheckBranch(db, branch_id);
    if (!st.ok()) return st;
    std::vector<std::string> zones;
    if (st = store::BranchZones(db, branch_id, &zones); !st.ok()) return st;
    for (const auto& zone : zones) {
      LocalDate today;
      if (st = LocalDateIn(zone, now_ms, &today); !st.ok()) return st;
      if (out->today.empty()) out->today = today.ToString();
      store::LiveRow row;
      const std::string zf = zones.size() > 1 ? zone : "";
      if (st = store::DashboardLive(db, branch_id, zf, today.ToString(), &row); !st.ok()) return st;
      out->accepted += row.accepted;
      out->refused += row.refused;
      out->issued += row.issued;
      out->tickets += row.tickets;
      out->waiting += row.waiting;
      out->serving += row.serving;
      int64_t midnight_ms = 0;
      if (st = InstantOfLocalTime(zone, today, 0, &midnight_ms); !st.ok()) return st;
      int64_t breaches = 0;
      // The network across zones: each zone's midnight counts its own branches only when
      // there is one zone; with several, the earliest midnight is a fair "today".
      if (zones.size() == 1 || &zone == &zones.front()) {
        if (st = store::CountBreachesSince(db, branch_id, midnight_ms, &breaches); !st.ok()) {
          return st;
        }
        out->breaches_today += breaches;
      }
    }
    return Status::Ok();
  });
}

Status GetLiveNumbersFor(App& app, const Principal& who, int64_t branch_id, LiveNumbers* out) {
  Status s = ScopeBranch(who, branch_id, &branch_id);
  if (!s.ok()) return s;
  return GetLiveNumbers(app, branch_id, out);
}

}  // namespace tereze::app
