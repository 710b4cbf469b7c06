#include "app/monitoring.h"

#include "app/movement.h"
#include "core/zone.h"
#include "store/branches.h"

namespace tereze::app {

namespace {

domain::DeadlineFacts FactsOf(const store::Package& p) {
  domain::DeadlineFacts f;
  f.stage = p.stage;
  f.provider_deadline = LocalDate::Parse(p.provider_deadline);
  f.issue_date = LocalDate::Parse(p.issue_date);
  f.received_on = LocalDate::Parse(p.received_on);
  f.at_issuance_on = LocalDate::Parse(p.at_issuance_on);
  return f;
}

Status BranchNotFound() { return Status::NotFound("branch_not_found", "no such branch"); }

}  // namespace

Status ListDeadlines(App& app, const Principal& who, int64_t branch_id,
                     const std::string& provider_code, DeadlineReport* out) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  return app.db().Read([&](store::Connection& db) {
    LocalDate today;
    Status s = BranchToday(db, branch_id, app.clock().NowMs(), &today);
    if (s.kind() == Status::Kind::kNotFound) return BranchNotFound();
    if (!s.ok()) return s;
    store::PackageFilter open;
    open.branch_id = branch_id;
    open.provider_code = provider_code;
    open.stages = {"accepted",    "collected",        "registered",        "dispatched",
                   "at_provider", "result_at_center", "refusal_at_center", "at_issuance"};
    open.limit = kMaxMonitored;
    std::vector<store::Package> packages;
    if (s = store::ListPackages(db, open, &packages); !s.ok()) return s;
    for (auto& p : packages) {
      domain::DeadlineFacts facts = FactsOf(p);
      auto state = domain::ClassifyDeadline(facts, today);
      if (state == domain::DeadlineState::kDueSoon) {
        out->due_soon.push_back({std::move(p), state});
      } else if (state != domain::DeadlineState::kNone) {
        out->late.push_back({std::move(p), state});
      }
    }
    store::PackageFilter finished = open;
    finished.stages = {"at_issuance", "issued", "returned_unclaimed"};
    std::vector<store::Package> done;
    if (s = store::ListPackages(db, finished, &done); !s.ok()) return s;
    for (const auto& p : done) {
      ++out->done;
      if (domain::OnTime(FactsOf(p))) ++out->on_time;
    }
    return Status::Ok();
  });
}

Status ListMissedDispatches(App& app, const Principal& who, int64_t branch_id,
                            const std::string& day_text, std::vector<store::Package>* out) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  auto day = LocalDate::Parse(day_text);
  if (!day) return Status::Malformed("invalid_field", "date: YYYY-MM-DD");
  return app.db().Read([&](store::Connection& db) {
    domain::Branch branch;
    Status s = store::FindBranch(db, branch_id, &branch);
    if (s.kind() == Status::Kind::kNotFound) return BranchNotFound();
    if (!s.ok()) return s;
    std::string joined;
    if (s = store::GetDispatchRounds(db, branch_id, &joined); !s.ok()) return s;
    std::vector<int> rounds;
    if (s = domain::ParseDispatchRounds(domain::SplitRounds(joined), &rounds); !s.ok()) return s;
    store::PackageFilter f;
    f.branch_id = branch_id;
    f.accepted_on = day->ToString();
    f.limit = kMaxMonitored;
    std::vector<store::Package> accepted;
    if (s = store::ListPackages(db, f, &accepted); !s.ok()) return s;
    for (auto& p : accepted) {
      LocalDate on;
      int minute = 0;
      if (s = LocalTimeIn(branch.time_zone, p.accepted_at_ms, &on, &minute); !s.ok()) return s;
      if (minute >= rounds.back()) continue;  // after the last round: tomorrow's
      if (p.dispatched_at_ms != 0) {
        LocalDate sent;
        if (s = LocalDateIn(branch.time_zone, p.dispatched_at_ms, &sent); !s.ok()) return s;
        if (sent == *day) continue;
      }
      out->push_back(std::move(p));
    }
    return Status::Ok();
  });
}

Status GetDispatchRounds(App& app, const Principal& who, int64_t branch_id,
                         std::vector<std::string>* rounds) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  std::string joined;
  Status s = app.db().Read(
      [&](store::Connection& db) { return store::GetDispatchRounds(db, branch_id, &joined); });
  if (!s.ok()) return s;
  *rounds = domain::SplitRounds(joined);
  return Status::Ok();
}

void SetDispatchRounds(App& app, const Principal& who, int64_t branch_id,
                       std::vector<std::string> rounds, const Done<bool>& done) {
  if (!who.employee.CanActInBranch(branch_id)) {
    return done(Status::Forbidden("this is another branch"), false);
  }
  std::vector<int> minutes;
  if (Status s = domain::ParseDispatchRounds(rounds, &minutes); !s.ok()) return done(s, false);
  std::string joined;
  for (int m : minutes) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
    joined += (joined.empty() ? "" : ",") + std::string(buf);
  }
  auto result = std::make_shared<bool>(false);
  SubmitWrite<bool>(
      app.db(), result,
      [who, branch_id, joined](store::WriteTx& tx, bool& changed) {
        std::string old;
        Status s = store::GetDispatchRounds(tx.db(), branch_id, &old);
        if (s.kind() == Status::Kind::kNotFound) return BranchNotFound();
        if (!s.ok()) return s;
        if (s = store::SetDispatchRounds(tx.db(), branch_id, joined); !s.ok()) return s;
        changed = old != joined;
        return tx.Audit(
            AuditOf(who, "branch.dispatch_rounds", "branch/" + std::to_string(branch_id), joined));
      },
      done);
}

}  // namespace tereze::app
