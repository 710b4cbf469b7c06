#include "app/breaches.h"

#include "app/branches.h"
#include "core/zone.h"
#include "domain/breach.h"
#include "store/branches.h"

namespace tereze::app {

namespace {

using domain::BreachKind;
using domain::DetailsJson;

std::optional<LocalDate> Date(const std::string& s) { return LocalDate::Parse(s); }

domain::DeadlineFacts FactsOf(const store::PackageCandidate& p) {
  domain::DeadlineFacts f;
  f.stage = p.stage;
  f.provider_deadline = Date(p.provider_deadline);
  f.issue_date = Date(p.issue_date);
  f.received_on = Date(p.received_on);
  f.at_issuance_on = Date(p.at_issuance_on);
  return f;
}

store::BreachRow ForPackage(BreachKind kind, int64_t branch_id, const store::PackageCandidate& p) {
  store::BreachRow b;
  b.kind = domain::ToString(kind);
  b.object_key = "application/" + std::to_string(p.id);
  b.branch_id = branch_id;
  b.provider_code = p.provider_code;
  b.service_code = p.service_code;
  b.application_id = p.id;
  return b;
}

// The branch's breaches found now, not yet recorded (reads only).
Status FindBranchBreaches(App& app, store::Connection& db, const domain::Branch& branch,
                          bool tickets_only, int64_t now_ms, std::vector<store::BreachRow>* out) {
  LocalDate today;
  Status s = LocalDateIn(branch.time_zone, now_ms, &today);
  if (!s.ok()) return s;
  const LocalDate since = today.AddDays(-domain::kBreachLookbackDays);

  // R8: tickets that waited (or still wait) more than 15 minutes.
  std::vector<store::TicketWaitCandidate> tickets;
  s = store::ListLongWaitCandidates(db, branch.id,
                                    today.AddDays(-domain::kTicketLookbackDays).ToString(),
                                    domain::kMaxTicketWaitMs, now_ms - domain::kMaxTicketWaitMs,
                                    kMaxBreachesPerKindPerRun, &tickets);
  if (!s.ok()) return s;
  for (const auto& t : tickets) {
    int64_t waited = 0;
    if (!domain::WaitedTooLong(t.arrived_at_ms, t.called_at_ms, t.state == "waiting", now_ms,
                               &waited)) {
      continue;
    }
    store::BreachRow b;
    b.kind = domain::ToString(BreachKind::kLongWait);
    b.object_key = "ticket/" + std::to_string(t.id);
    b.branch_id = branch.id;
    b.ticket_id = t.id;
    b.day = t.day;
    b.details = DetailsJson(
        {{"waited_ms", waited}, {"called", std::string(t.called_at_ms != 0 ? "yes" : "no")}});
    out->push_back(std::move(b));
  }
  if (tickets_only) return Status::Ok();

  // R34, R18.8, R22, R25: packages.
  for (BreachKind kind : {BreachKind::kProviderLate, BreachKind::kIssueLate,
                          BreachKind::kUncollected, BreachKind::kStorageOverdue}) {
    std::vector<store::PackageCandidate> candidates;
    s = store::ListPackageCandidates(db, branch.id, domain::ToString(kind), today.ToString(),
                                     since.ToString(), kMaxBreachesPerKindPerRun, &candidates);
    if (!s.ok()) return s;
    for (const auto& p : candidates) {
      const domain::DeadlineFacts facts = FactsOf(p);
      store::BreachRow b = ForPackage(kind, branch.id, p);
      switch (kind) {
        case BreachKind::kProviderLate:
          if (!domain::ProviderLateBreach(facts, today)) continue;
          b.day = p.provider_deadline;
          b.details = DetailsJson(
              {{"provider_deadline", p.provider_deadline}, {"received_on", p.received_on}});
          break;
        case BreachKind::kIssueLate:
          if (!domain::IssueLateBreach(facts, today)) continue;
          b.day = p.issue_date;
          b.details = DetailsJson({{"issue_date", p.issue_date}, {"ready_on", p.at_issuance_on}});
          break;
        case BreachKind::kUncollected: {
          auto accepted = Date(p.accepted_on);
          if (!accepted || !domain::UncollectedBreach(p.stage, *accepted, today)) continue;
          b.day = p.accepted_on;
          b.details = DetailsJson({{"accepted_on", p.accepted_on}});
          break;
        }
        case BreachKind::kStorageOverdue: {
          auto keep = Date(p.keep_until);
          if (!keep || !domain::StorageOverdueBreach(p.stage, p.returned_after, p.awaiting_return,
                                                     *keep, today)) {
            continue;
          }
          b.day = p.keep_until;
          b.details = DetailsJson({{"keep_until", p.keep_until}, {"stage", p.stage}});
          break;
        }
        default:
          continue;
      }
      out->push_back(std::move(b));
    }
  }

  // R33: the last week's days on which what was accepted before the last
  // round left in fewer than two rounds. Today is judged when it is over.
  std::string joined;
  if (s = store::GetDispatchRounds(db, branch.id, &joined); !s.ok()) return s;
  std::vector<int> rounds;
  if (!domain::ParseDispatchRounds(domain::SplitRounds(joined), &rounds).ok()) {
    rounds = {11 * 60, 16 * 60};  // the default, should the column ever be bad
  }
  for (LocalDate day = since; day < today; day = day.AddDays(1)) {
    const std::string key = "branch/" + std::to_string(branch.id) + "/" + day.ToString();
    bool exists = false;
    if (s = store::BreachExists(db, "few_dispatches", key, &exists); !s.ok()) return s;
    if (exists) continue;
    int64_t from_ms = 0, to_ms = 0, last_round_ms = 0;
    if (s = InstantOfLocalTime(branch.time_zone, day, 0, &from_ms); !s.ok()) return s;
    if (s = InstantOfLocalTime(branch.time_zone, day.AddDays(1), 0, &to_ms); !s.ok()) return s;
    if (s = InstantOfLocalTime(branch.time_zone, day, rounds.back(), &last_round_ms); !s.ok()) {
      return s;
    }
    int64_t accepted = 0;
    if (s = store::CountAcceptedBetween(db, branch.id, from_ms, last_round_ms, &accepted);
        !s.ok()) {
      return s;
    }
    if (accepted == 0) continue;
    std::vector<int64_t> dispatched;
    if (s = store::ListDispatchInstants(db, branch.id, from_ms, to_ms, &dispatched); !s.ok()) {
      return s;
    }
    const int n = domain::CountDispatchRounds(dispatched);
    if (!domain::TooFewDispatches(accepted, n)) continue;
    store::BreachRow b;
    b.kind = domain::ToString(BreachKind::kFewDispatches);
    b.object_key = key;
    b.branch_id = branch.id;
    b.day = day.ToString();
    b.details = DetailsJson({{"rounds", int64_t{n}},
                             {"accepted_before_last_round", accepted},
                             {"required", int64_t{domain::kMinDispatchesPerDay}}});
    out->push_back(std::move(b));
  }
  (void)app;
  return Status::Ok();
}

Status CheckDay(const std::string& text, const char* name) {
  if (text.empty()) return Status::Ok();
  if (!LocalDate::Parse(text)) {
    return Status::Malformed("invalid_date", std::string(name) + ": YYYY-MM-DD");
  }
  return Status::Ok();
}

}  // namespace

Status DetectBreaches(App& app, bool tickets_only, BreachRun* out) {
  std::vector<domain::Branch> branches;
  if (Status s = ListEveryBranch(app, &branches); !s.ok()) return s;
  for (const auto& branch : branches) {
    if (branch.retired) continue;
    ++out->branches;
    const int64_t now_ms = app.clock().NowMs();
    std::vector<store::BreachRow> found;
    Status s = app.db().Read([&](store::Connection& db) {
      found.clear();
      return FindBranchBreaches(app, db, branch, tickets_only, now_ms, &found);
    });
    if (!s.ok()) return s;
    if (found.empty()) continue;
    int recorded = 0;
    s = app.db().writer().Run([&](store::WriteTx& tx) {
      recorded = 0;  // a command may run twice (writer.h)
      std::string ids;
      for (store::BreachRow b : found) {
        b.detected_at_ms = tx.now_ms();
        bool inserted = false;
        if (Status st = store::InsertBreach(tx.db(), &b, &inserted); !st.ok()) return st;
        if (!inserted) continue;  // found by another run meanwhile
        ++recorded;
        ids += (ids.empty() ? "" : ",") + std::to_string(b.id);
      }
      if (recorded == 0) return Status::Ok();
      return tx.Audit(SystemAudit("breach.detect", "branch/" + std::to_string(branch.id), ids));
    });
    if (!s.ok()) return s;
    out->recorded += recorded;
  }
  return Status::Ok();
}

Status ScopeBranch(const Principal& who, int64_t asked, int64_t* branch_id) {
  if (asked == 0 && !who.employee.IsCentral()) asked = who.employee.branch_id;
  if (asked == 0 && !who.employee.IsCentral()) {
    return Status::Forbidden("the whole network is for the central office");
  }
  if (asked != 0 && !who.employee.CanActInBranch(asked)) {
    return Status::Forbidden("this is another branch");
  }
  *branch_id = asked;
  return Status::Ok();
}

Status ListBreaches(App& app, const Principal& who, store::BreachFilter f,
                    std::vector<store::BreachRow>* out) {
  Status s = ScopeBranch(who, f.branch_id, &f.branch_id);
  if (!s.ok()) return s;
  if (!f.kind.empty() && !domain::ParseBreachKind(f.kind)) {
    return Status::Malformed("invalid_kind", "kind: one of the breach kinds");
  }
  if (s = CheckDay(f.from, "from"); !s.ok()) return s;
  if (s = CheckDay(f.to, "to"); !s.ok()) return s;
  if (!f.from.empty() && !f.to.empty() && f.to < f.from) {
    return Status::Malformed("invalid_period", "to is before from");
  }
  return app.db().Read([&](store::Connection& db) {
    if (f.branch_id != 0) {
      domain::Branch b;
      Status st = store::FindBranch(db, f.branch_id, &b);
      if (st.kind() == Status::Kind::kNotFound) {
        return Status::NotFound("branch_not_found", "no such branch");
      }
      if (!st.ok()) return st;
    }
    return store::ListBreaches(db, f, out);
  });
}

Status CountBreaches(App& app, const Principal& who, int64_t branch_id, const std::string& from,
                     const std::string& to, bool by_month, std::vector<store::BreachCount>* out) {
  Status s = ScopeBranch(who, branch_id, &branch_id);
  if (!s.ok()) return s;
  auto f = LocalDate::Parse(from);
  auto t = LocalDate::Parse(to);
  if (!f || !t) return Status::Malformed("invalid_date", "from and to: YYYY-MM-DD");
  if (*t < *f) return Status::Malformed("invalid_period", "to is before from");
  if (t->DaysSinceEpoch() - f->DaysSinceEpoch() >= kMaxBreachCountDays) {
    return Status::Malformed("invalid_period", "at most 731 days");
  }
  return app.db().Read([&](store::Connection& db) {
    return store::CountBreaches(db, branch_id, from, to, by_month, out);
  });
}

}  // namespace tereze::app
