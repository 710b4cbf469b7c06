#include "store/dashboard.h"

namespace tereze::store {

namespace {

// Conditions added only when a filter is set, so that the planner sees a
// plain equality (and picks the branch's index) rather than "$1 = 0 OR ...".
struct Where {
  std::string sql;
  std::vector<Value> params;

  std::string Next(Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  }
  void And(const std::string& before, Value v, const std::string& after = "") {
    sql += " AND " + before + Next(std::move(v)) + after;
  }
};

// The period and filters over applications `a`.
Where ApplicationsWhere(const DashboardFilter& f) {
  Where w;
  w.sql = "a.accepted_on >= " + w.Next(f.from);
  w.And("a.accepted_on <= ", f.to);
  if (f.branch_id != 0) w.And("a.branch_id = ", f.branch_id);
  if (!f.provider_code.empty()) w.And("a.provider_code = ", f.provider_code);
  if (!f.service_code.empty()) w.And("a.service_code = ", f.service_code);
  if (!f.time_zone.empty()) {
    w.And("a.branch_id IN (SELECT id FROM branches WHERE time_zone = ", f.time_zone, ")");
  }
  return w;
}

Status Run(Connection& db, const std::string& sql, const Where& w, std::vector<Row>* rows) {
  return db.Execute(sql, std::span<const Value>(w.params.data(), w.params.size()), rows);
}

}  // namespace

Status DashboardVolumes(Connection& db, const DashboardFilter& f, std::vector<VolumeRow>* out) {
  Where w = ApplicationsWhere(f);
  std::vector<Row> rows;
  Status s = Run(db,
                 "SELECT a.accepted_on, a.service_code, "
                 "CAST(SUM(CASE WHEN a.status = 'accepted' THEN 1 ELSE 0 END) AS BIGINT), "
                 "CAST(SUM(CASE WHEN a.status = 'refused' THEN 1 ELSE 0 END) AS BIGINT) "
                 "FROM applications a WHERE " +
                     w.sql + " GROUP BY a.accepted_on, a.service_code ORDER BY 1, 2",
                 w, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back({r.text(0), r.text(1), r.integer(2), r.integer(3)});
  return Status::Ok();
}

Status DashboardOnTime(Connection& db, const DashboardFilter& f, std::vector<OnTimeRow>* out) {
  Where w = ApplicationsWhere(f);
  std::vector<Row> rows;
  Status s = Run(db,
                 "SELECT a.accepted_on, COUNT(*), CAST(SUM(CASE WHEN a.received_on IS NOT NULL "
                 "AND (a.provider_deadline IS NULL OR a.received_on <= a.provider_deadline) "
                 "AND (a.issue_date IS NULL OR a.at_issuance_on <= a.issue_date) THEN 1 ELSE 0 "
                 "END) AS BIGINT) "
                 "FROM applications a WHERE " +
                     w.sql +
                     " AND a.at_issuance_on IS NOT NULL "  // refusals at intake never get there
                     "GROUP BY a.accepted_on ORDER BY 1",
                 w, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back({r.text(0), r.integer(1), r.integer(2)});
  return Status::Ok();
}

Status DashboardStages(Connection& db, const DashboardFilter& f, std::vector<StageRow>* out) {
  Where w = ApplicationsWhere(f);
  std::vector<Row> rows;
  Status s = Run(db,
                 "SELECT a.stage, COUNT(*) FROM applications a WHERE " + w.sql +
                     " GROUP BY a.stage ORDER BY 1",
                 w, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back({r.text(0), r.integer(1)});
  return Status::Ok();
}

Status DashboardWaitsByHour(Connection& db, const DashboardFilter& f, int64_t offset_ms,
                            int64_t limit_ms, std::vector<WaitHourRow>* out) {
  Where w;
  const std::string off = w.Next(offset_ms);
  const std::string limit = w.Next(limit_ms);
  w.sql = "t.day >= " + w.Next(f.from);
  w.And("t.day <= ", f.to);
  if (f.branch_id != 0) w.And("t.branch_id = ", f.branch_id);
  if (!f.time_zone.empty()) {
    w.And("t.branch_id IN (SELECT id FROM branches WHERE time_zone = ", f.time_zone, ")");
  }
  const std::string hour = "((t.arrived_at_ms + " + off + ") / 3600000) % 24";
  std::vector<Row> rows;
  Status s = Run(db,
                 "SELECT " + hour +
                     ", COUNT(*), COUNT(t.called_at_ms), "
                     "CAST(COALESCE(SUM(t.called_at_ms - t.arrived_at_ms), 0) AS BIGINT), "
                     "COALESCE(MAX(t.called_at_ms - t.arrived_at_ms), 0), "
                     "CAST(SUM(CASE WHEN t.called_at_ms - t.arrived_at_ms > " +
                     limit +
                     " THEN 1 ELSE 0 END) AS BIGINT) "
                     "FROM tickets t WHERE " +
                     w.sql + " GROUP BY 1 ORDER BY 1",
                 w, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back(
        {r.integer(0), r.integer(1), r.integer(2), r.integer(3), r.integer(4), r.integer(5)});
  }
  return Status::Ok();
}

Status DashboardRatings(Connection& db, const DashboardFilter& f, int64_t from_ms, int64_t to_ms,
                        std::vector<RatingRow>* out) {
  Where w;
  w.sql = "r.at_ms >= " + w.Next(from_ms);
  w.And("r.at_ms < ", to_ms);
  if (f.branch_id != 0) w.And("r.branch_id = ", f.branch_id);
  if (!f.service_code.empty()) w.And("r.service_code = ", f.service_code);
  if (!f.provider_code.empty()) {
    w.And("r.application_id IN (SELECT id FROM applications WHERE provider_code = ",
          f.provider_code, ")");
  }
  if (!f.time_zone.empty()) {
    w.And("r.branch_id IN (SELECT id FROM branches WHERE time_zone = ", f.time_zone, ")");
  }
  std::vector<Row> rows;
  Status s = Run(
      db, "SELECT r.score, COUNT(*) FROM ratings r WHERE " + w.sql + " GROUP BY r.score ORDER BY 1",
      w, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back({r.integer(0), r.integer(1)});
  return Status::Ok();
}

Status DashboardLive(Connection& db, int64_t branch_id, const std::string& time_zone,
                     const std::string& today, LiveRow* out) {
  auto scope = [&](Where& w, const char* column) {
    if (branch_id != 0) w.And(std::string(column) + " = ", branch_id);
    if (!time_zone.empty()) {
      w.And(std::string(column) + " IN (SELECT id FROM branches WHERE time_zone = ", time_zone,
            ")");
    }
  };
  std::vector<Row> rows;
  {
    Where w;
    w.sql = "accepted_on = " + w.Next(today);
    scope(w, "branch_id");
    Status s = Run(db,
                   "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END), 0) "
                   "AS BIGINT), CAST(COALESCE(SUM(CASE WHEN status = 'refused' THEN 1 ELSE 0 END), "
                   "0) AS BIGINT) FROM applications WHERE " +
                       w.sql,
                   w, &rows);
    if (!s.ok()) return s;
    out->accepted = rows.at(0).integer(0);
    out->refused = rows.at(0).integer(1);
  }
  {
    Where w;
    w.sql = "issued_on = " + w.Next(today);
    scope(w, "branch_id");
    rows.clear();
    Status s = Run(db, "SELECT COUNT(*) FROM applications WHERE " + w.sql, w, &rows);
    if (!s.ok()) return s;
    out->issued = rows.at(0).integer(0);
  }
  {
    Where w;
    w.sql = "day = " + w.Next(today);
    scope(w, "branch_id");
    rows.clear();
    Status s = Run(db,
                   "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN state = 'waiting' THEN 1 ELSE 0 "
                   "END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN state IN ('called', "
                   "'serving') THEN 1 ELSE 0 END), 0) AS BIGINT) FROM tickets WHERE " +
                       w.sql,
                   w, &rows);
    if (!s.ok()) return s;
    out->tickets = rows.at(0).integer(0);
    out->waiting = rows.at(0).integer(1);
    out->serving = rows.at(0).integer(2);
  }
  return Status::Ok();
}

Status BranchZones(Connection& db, int64_t branch_id, std::vector<std::string>* out) {
  std::vector<Row> rows;
  Status s =
      db.Execute("SELECT DISTINCT time_zone FROM branches WHERE ($1 = 0 OR id = $1) ORDER BY 1",
                 {branch_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(r.text(0));
  return Status::Ok();
}

}  // namespace tereze::store
