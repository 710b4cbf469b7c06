// SQL of breaches of the Rules found automatically (R8, R18.8, R22, R25, R33,
// R34, R37): the records, their lists and counts, and the candidates the
// detection job judges (app/breaches.h, domain/breach.h).
#pragma once

#include <string>
#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct BreachRow {
  int64_t id = 0;
  std::string kind;
  std::string object_key;  // "application/12", "ticket/7", "branch/3/2026-11-24"
  int64_t branch_id = 0;
  std::string provider_code, service_code;  // "" when not known
  int64_t application_id = 0, ticket_id = 0;
  std::string day;  // local YYYY-MM-DD the breach is counted on
  int64_t detected_at_ms = 0;
  std::string details = "{}";  // a flat JSON object
};

// Records a breach unless one of its kind and object exists: `*inserted`
// says which (and fills b->id when it did).
Status InsertBreach(Connection& db, BreachRow* b, bool* inserted);

struct BreachFilter {
  int64_t branch_id = 0;  // 0: every branch
  std::string kind;       // "" any
  std::string from, to;   // local days, inclusive; "" open
  int64_t before_id = 0;  // 0: from the newest
  int limit = 100;
};
// Newest first by id.
Status ListBreaches(Connection& db, const BreachFilter& f, std::vector<BreachRow>* out);

struct BreachCount {
  std::string period;  // YYYY-MM-DD or YYYY-MM
  std::string kind;
  int64_t count = 0;
};
// Breaches by period (day, or month when `by_month`) and kind, oldest first.
Status CountBreaches(Connection& db, int64_t branch_id, const std::string& from,
                     const std::string& to, bool by_month, std::vector<BreachCount>* out);
// Breaches detected at or after `since_ms` (the live dashboard's "today").
Status CountBreachesSince(Connection& db, int64_t branch_id, int64_t since_ms, int64_t* out);

// --- candidates of the detection job, each not yet recorded for its kind ----------------

struct TicketWaitCandidate {
  int64_t id = 0;
  std::string day, state;
  int64_t arrived_at_ms = 0, called_at_ms = 0;
};
// The branch's tickets of days >= `since_day` called more than `max_wait_ms`
// after they were taken, or still waiting since before `waiting_before_ms`.
Status ListLongWaitCandidates(Connection& db, int64_t branch_id, const std::string& since_day,
                              int64_t max_wait_ms, int64_t waiting_before_ms, int limit,
                              std::vector<TicketWaitCandidate>* out);

struct PackageCandidate {
  int64_t id = 0;
  std::string stage, service_code, provider_code;
  std::string accepted_on, issue_date, provider_deadline, received_on, at_issuance_on;
  std::string keep_until;
  bool returned_after = false;
  bool awaiting_return = false;  // on an unclaimed-return register that has not left
};
// Accepted applications of the branch that may have broken `kind`'s rule by
// `today` and have no breach of that kind yet, the date concerned on or
// after `since`: "provider_late" (the deadline before today and still
// away, or received after it), "issue_late" (the issue date before today
// and not ready, or ready after it), "uncollected" (still "accepted",
// accepted before today), "storage_overdue" (kept past the term). At most
// `limit` per condition.
Status ListPackageCandidates(Connection& db, int64_t branch_id, const std::string& kind,
                             const std::string& today, const std::string& since, int limit,
                             std::vector<PackageCandidate>* out);

// R33: the instants the branch's outgoing registers were dispatched in
// [from_ms, to_ms), and how many applications it accepted in
// [from_ms, last_round_ms).
Status ListDispatchInstants(Connection& db, int64_t branch_id, int64_t from_ms, int64_t to_ms,
                            std::vector<int64_t>* out);
Status CountAcceptedBetween(Connection& db, int64_t branch_id, int64_t from_ms, int64_t to_ms,
                            int64_t* out);
// Whether a breach of `kind` on `object_key` is recorded.
Status BreachExists(Connection& db, const std::string& kind, const std::string& object_key,
                    bool* out);

}  // namespace tereze::store
