#include "app/daily_jobs.h"

#include "app/branches.h"
#include "app/breaches.h"
#include "app/reports.h"
#include "app/scans.h"
#include "core/zone.h"
#include "store/branches.h"
#include "store/packages.h"

namespace tereze::app {

Status ApplyStorageTerms(App& app, StorageRun* out) {
  std::vector<domain::Branch> branches;
  if (Status s = ListEveryBranch(app, &branches); !s.ok()) return s;
  for (const auto& branch : branches) {
    if (branch.retired) continue;
    ++out->branches;
    Status s = app.db().writer().Run([&](store::WriteTx& tx) {
      LocalDate today;
      Status st = LocalDateIn(branch.time_zone, tx.now_ms(), &today);
      if (!st.ok()) return st;
      store::PackageFilter f;
      f.branch_id = branch.id;
      f.stages = {"at_issuance"};
      f.keep_until_before = today.ToString();
      f.limit = kMaxReturnsPerBranchRun;
      std::vector<store::Package> due;
      if (st = store::ListPackages(tx.db(), f, &due); !st.ok()) return st;
      for (const auto& p : due) {
        if (!p.returned_after) continue;  // social payments stay (R25)
        bool moved = false;
        if (st = ReturnUnclaimedInTx(tx, nullptr, p, today, &moved); !st.ok()) return st;
        if (moved) ++out->returned;
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  if (out->returned > 0) app.WakeOutbox();
  return Status::Ok();
}

DailyJobs::DailyJobs(App& app, Options options) : app_(app), options_(options) {}

DailyJobs::~DailyJobs() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DailyJobs::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void DailyJobs::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void DailyJobs::Loop() {
  constexpr int64_t kHourMs = 3600 * 1000;
  constexpr int64_t kMinuteMs = 60 * 1000;
  int64_t last_hour = -1;
  int64_t last_minute = -1;
  for (;;) {
    bool woken = false;
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms),
                   [this] { return stopping_ || woken_; });
      if (stopping_) return;
      woken = woken_;
      woken_ = false;
    }
    const int64_t now_ms = app_.clock().NowMs();
    const int64_t hour = now_ms / kHourMs;
    const int64_t minute = now_ms / kMinuteMs;
    if (hour != last_hour || woken) {
      // Every hour (and when the test clock moved): storage terms, then
      // every kind of breach. A failed run is tried again at the next poll.
      StorageRun run;
      Status s = ApplyStorageTerms(app_, &run);
      // R37: the month's reports on the 1st, their delivery and the deadlines of the 3rd
      // and the 15th.
      MonthlyRun monthly;
      if (s.ok()) s = RunMonthlyJob(app_, &monthly);
      BreachRun breaches;
      if (s.ok()) s = DetectBreaches(app_, /*tickets_only=*/false, &breaches);
      if (s.ok()) {
        last_hour = hour;
        last_minute = minute;
      }
    } else if (minute != last_minute) {
      // Every minute: tickets waiting over 15 minutes (R8).
      BreachRun breaches;
      if (DetectBreaches(app_, /*tickets_only=*/true, &breaches).ok()) last_minute = minute;
    }
  }
}

}  // namespace tereze::app
