#include "store/breaches.h"

#include <set>

namespace tereze::store {

namespace {

constexpr char kColumns[] =
    "id, kind, object_key, branch_id, provider_code, service_code, application_id, ticket_id, "
    "day, detected_at_ms, details";

BreachRow FromRow(const Row& r) {
  BreachRow b;
  b.id = r.integer(0);
  b.kind = r.text(1);
  b.object_key = r.text(2);
  b.branch_id = r.integer(3);
  b.provider_code = r.text(4);
  b.service_code = r.text(5);
  b.application_id = r.integer(6);
  b.ticket_id = r.integer(7);
  b.day = r.text(8);
  b.detected_at_ms = r.integer(9);
  b.details = r.text(10);
  return b;
}

// Stages before the result reaches the center, and before it is ready for issue.
constexpr char kAwayStages[] =
    "('accepted', 'collected', 'registered', 'dispatched', 'at_provider')";
constexpr char kNotReadyStages[] =
    "('accepted', 'collected', 'registered', 'dispatched', 'at_provider', 'result_at_center', "
    "'refusal_at_center')";
constexpr char kAwaitingReturn[] =
    "EXISTS (SELECT 1 FROM register_lines l JOIN registers r ON r.id = l.register_id "
    "WHERE l.application_id = a.id AND r.kind = 'unclaimed_return' AND r.status = 'formed')";

}  // namespace

Status InsertBreach(Connection& db, BreachRow* b, bool* inserted) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO breaches (kind, object_key, branch_id, provider_code, service_code, "
      "application_id, ticket_id, day, detected_at_ms, details) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "ON CONFLICT (kind, object_key) DO NOTHING RETURNING id",
      {b->kind, b->object_key, b->branch_id, NullIfEmpty(b->provider_code),
       NullIfEmpty(b->service_code), NullIfZero(b->application_id), NullIfZero(b->ticket_id),
       b->day, b->detected_at_ms, b->details},
      &rows);
  if (!s.ok()) return s;
  *inserted = !rows.empty();
  if (*inserted) b->id = rows[0].integer(0);
  return Status::Ok();
}

Status ListBreaches(Connection& db, const BreachFilter& f, std::vector<BreachRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      std::string("SELECT ") + kColumns +
          " FROM breaches WHERE ($1 = 0 OR branch_id = $1) AND ($2 = '' OR kind = $2) "
          "AND ($3 = '' OR day >= $3) AND ($4 = '' OR day <= $4) AND ($5 = 0 OR id < $5) "
          "ORDER BY id DESC LIMIT $6",
      {f.branch_id, f.kind, f.from, f.to, f.before_id, int64_t{f.limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

Status CountBreaches(Connection& db, int64_t branch_id, const std::string& from,
                     const std::string& to, bool by_month, std::vector<BreachCount>* out) {
  const std::string period = by_month ? "substr(day, 1, 7)" : "day";
  std::vector<Row> rows;
  Status s = db.Execute("SELECT " + period +
                            " AS period, kind, COUNT(*) FROM breaches "
                            "WHERE day >= $1 AND day <= $2 AND ($3 = 0 OR branch_id = $3) "
                            "GROUP BY " +
                            period + ", kind ORDER BY 1, 2",
                        {from, to, branch_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back({r.text(0), r.text(1), r.integer(2)});
  return Status::Ok();
}

Status CountBreachesSince(Connection& db, int64_t branch_id, int64_t since_ms, int64_t* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT COUNT(*) FROM breaches WHERE detected_at_ms >= $1 AND ($2 = 0 OR branch_id = $2)",
      {since_ms, branch_id}, &rows);
  if (!s.ok()) return s;
  *out = rows.at(0).integer(0);
  return Status::Ok();
}

Status ListLongWaitCandidates(Connection& db, int64_t branch_id, const std::string& since_day,
                              int64_t max_wait_ms, int64_t waiting_before_ms, int limit,
                              std::vector<TicketWaitCandidate>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT t.id, t.day, t.state, t.arrived_at_ms, t.called_at_ms FROM tickets t "
      "WHERE t.branch_id = $1 AND t.day >= $2 AND ("
      "  (t.called_at_ms IS NOT NULL AND t.called_at_ms - t.arrived_at_ms > $3) OR "
      "  (t.called_at_ms IS NULL AND t.state = 'waiting' AND t.arrived_at_ms < $4)) "
      "AND NOT EXISTS (SELECT 1 FROM breaches b WHERE b.kind = 'long_wait' "
      "  AND b.object_key = ('ticket/' || t.id)) "
      "ORDER BY t.id LIMIT $5",
      {branch_id, since_day, max_wait_ms, waiting_before_ms, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back({r.integer(0), r.text(1), r.text(2), r.integer(3), r.integer(4)});
  }
  return Status::Ok();
}

Status ListPackageCandidates(Connection& db, int64_t branch_id, const std::string& kind,
                             const std::string& today, const std::string& since, int limit,
                             std::vector<PackageCandidate>* out) {
  // Each kind is one or two conditions that an index answers: by stage
  // (applications_branch_stage), or by the day received or ready. Only the
  // dates since `since` (the last week) are looked at, so that a run reads
  // the last days' applications, not every late one ever recorded.
  std::vector<std::string> wheres;
  if (kind == "provider_late") {
    wheres = {std::string("a.stage IN ") + kAwayStages +
                  " AND a.provider_deadline >= $5 AND a.provider_deadline < $2",
              "a.received_on >= $5 AND a.received_on > a.provider_deadline AND $2 <> ''"};
  } else if (kind == "issue_late") {
    wheres = {std::string("a.stage IN ") + kNotReadyStages +
                  " AND a.issue_date >= $5 AND a.issue_date < $2",
              "a.at_issuance_on >= $5 AND a.at_issuance_on > a.issue_date AND $2 <> ''"};
  } else if (kind == "uncollected") {
    wheres = {"a.stage = 'accepted' AND a.accepted_on >= $5 AND a.accepted_on < $2"};
  } else if (kind == "storage_overdue") {
    wheres = {
        "a.stage = 'at_issuance' AND a.returned_after = 1 AND a.keep_until >= $5 AND "
        "a.keep_until < $2",
        std::string("a.stage = 'returned_unclaimed' AND a.returned_after = 1 AND "
                    "a.keep_until >= $5 AND a.keep_until < $2 AND ") +
            kAwaitingReturn};
  } else {
    return Status::Internal("no candidates of breach kind " + kind);
  }
  const std::string awaiting =
      kind == "storage_overdue" ? std::string("CASE WHEN ") + kAwaitingReturn + " THEN 1 ELSE 0 END"
                                : std::string("0");
  std::set<int64_t> seen;
  for (const std::string& where : wheres) {
    std::vector<Row> rows;
    const std::string sql =
        "SELECT a.id, a.stage, a.service_code, a.provider_code, a.accepted_on, a.issue_date, "
        "a.provider_deadline, a.received_on, a.at_issuance_on, a.keep_until, a.returned_after, " +
        awaiting + " FROM applications a WHERE a.branch_id = $1 AND a.status = 'accepted' AND " +
        where +
        " AND NOT EXISTS (SELECT 1 FROM breaches b WHERE b.kind = $3 "
        "AND b.object_key = ('application/' || a.id)) ORDER BY a.id LIMIT $4";
    Status s = db.Execute(sql, {branch_id, today, kind, int64_t{limit}, since}, &rows);
    if (!s.ok()) return s;
    for (const Row& r : rows) {
      if (!seen.insert(r.integer(0)).second) continue;
      PackageCandidate p;
      p.id = r.integer(0);
      p.stage = r.text(1);
      p.service_code = r.text(2);
      p.provider_code = r.text(3);
      p.accepted_on = r.text(4);
      p.issue_date = r.text(5);
      p.provider_deadline = r.text(6);
      p.received_on = r.text(7);
      p.at_issuance_on = r.text(8);
      p.keep_until = r.text(9);
      p.returned_after = r.integer(10) != 0;
      p.awaiting_return = r.integer(11) != 0;
      out->push_back(std::move(p));
    }
  }
  return Status::Ok();
}

Status ListDispatchInstants(Connection& db, int64_t branch_id, int64_t from_ms, int64_t to_ms,
                            std::vector<int64_t>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT dispatched_at_ms FROM registers WHERE branch_id = $1 AND kind = 'outgoing' "
      "AND dispatched_at_ms >= $2 AND dispatched_at_ms < $3 ORDER BY dispatched_at_ms",
      {branch_id, from_ms, to_ms}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(r.integer(0));
  return Status::Ok();
}

Status CountAcceptedBetween(Connection& db, int64_t branch_id, int64_t from_ms, int64_t to_ms,
                            int64_t* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT COUNT(*) FROM applications WHERE branch_id = $1 AND accepted_at_ms >= $2 "
      "AND accepted_at_ms < $3 AND status = 'accepted'",
      {branch_id, from_ms, to_ms}, &rows);
  if (!s.ok()) return s;
  *out = rows.at(0).integer(0);
  return Status::Ok();
}

Status BreachExists(Connection& db, const std::string& kind, const std::string& object_key,
                    bool* out) {
  std::vector<Row> rows;
  Status s = db.Execute("SELECT 1 FROM breaches WHERE kind = $1 AND object_key = $2",
                        {kind, object_key}, &rows);
  if (!s.ok()) return s;
  *out = !rows.empty();
  return Status::Ok();
}

}  // namespace tereze::store
