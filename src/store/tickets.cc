#include "store/tickets.h"

namespace tereze::store {

namespace {

constexpr char kTicketColumns[] =
    "id, branch_id, day, queue, number, lang, priority, phone, token_sha256, state, window_id, "
    "recalls, redirected, arrived_at_ms, called_at_ms, started_at_ms, finished_at_ms, outcome, "
    "employee_id, waiting_queue, soon_sms_at_ms";

TicketRow FromRow(const Row& r) {
  TicketRow out;
  domain::Ticket& t = out.ticket;
  t.id = r.integer(0);
  out.branch_id = r.integer(1);
  out.day = r.text(2);
  t.series = r.text(3);
  t.queue = r.text(19);
  t.number = static_cast<int>(r.integer(4));
  t.lang = r.text(5);
  t.priority = domain::ParsePriority(r.text(6)).value_or(domain::Priority::kNone);
  out.phone = r.text(7);
  out.token_sha256 = r.text(8);
  t.state = domain::ParseTicketState(r.text(9)).value_or(domain::TicketState::kDone);
  t.window_id = r.integer(10);
  t.recalls = static_cast<int>(r.integer(11));
  t.redirected = r.integer(12) != 0;
  t.arrived_ms = r.integer(13);
  t.called_ms = r.integer(14);
  t.started_ms = r.integer(15);
  t.finished_ms = r.integer(16);
  t.outcome = r.text(17);
  out.employee_id = r.integer(18);
  out.soon_sms_at_ms = r.integer(20);
  return out;
}

}  // namespace

Status ListQueues(Connection& db, int64_t branch_id, std::vector<QueueRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT code, kind, name_kk, name_ru FROM queues WHERE branch_id = $1 ORDER BY code",
      {branch_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
  return Status::Ok();
}

Status InsertQueue(Connection& db, int64_t branch_id, const QueueRow& q) {
  return db.Execute(
      "INSERT INTO queues (branch_id, code, kind, name_kk, name_ru) VALUES ($1, $2, $3, $4, $5)",
      {branch_id, q.code, q.kind, q.name_kk, q.name_ru}, nullptr);
}

Status ListWindowSkills(Connection& db, int64_t branch_id, std::vector<SkillRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT s.window_id, s.queue_code, s.weight FROM window_skills s "
      "JOIN windows w ON w.id = s.window_id WHERE w.branch_id = $1 ORDER BY s.window_id",
      {branch_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back({r.integer(0), r.text(1), r.integer(2)});
  return Status::Ok();
}

Status ReplaceWindowSkills(Connection& db, int64_t window_id, const std::vector<SkillRow>& skills) {
  Status s = db.Execute("DELETE FROM window_skills WHERE window_id = $1", {window_id}, nullptr);
  for (const auto& k : skills) {
    if (!s.ok()) return s;
    s = db.Execute("INSERT INTO window_skills (window_id, queue_code, weight) VALUES ($1, $2, $3)",
                   {window_id, k.queue, k.weight}, nullptr);
  }
  return s;
}

Status GetQueueRules(Connection& db, int64_t branch_id, std::string* thresholds,
                     std::string* ratio) {
  std::vector<Row> rows;
  Status s = db.Execute("SELECT thresholds, ratio FROM queue_rules WHERE branch_id = $1",
                        {branch_id}, &rows);
  if (!s.ok()) return s;
  *thresholds = rows.empty() ? "" : rows[0].text(0);
  *ratio = rows.empty() ? "" : rows[0].text(1);
  return Status::Ok();
}

Status SetQueueRules(Connection& db, int64_t branch_id, const std::string& thresholds,
                     const std::string& ratio) {
  Status s = db.Execute("DELETE FROM queue_rules WHERE branch_id = $1", {branch_id}, nullptr);
  if (!s.ok()) return s;
  return db.Execute("INSERT INTO queue_rules (branch_id, thresholds, ratio) VALUES ($1, $2, $3)",
                    {branch_id, thresholds, ratio}, nullptr);
}

Status InsertTicket(Connection& db, TicketRow* row) {
  const domain::Ticket& t = row->ticket;
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO tickets (branch_id, day, queue, number, lang, priority, phone, token_sha256, "
      "state, recalls, redirected, arrived_at_ms, waiting_queue) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 0, $10, $3) RETURNING id",
      {row->branch_id, row->day, t.series, int64_t{t.number}, t.lang,
       std::string(domain::ToString(t.priority)), row->phone, row->token_sha256,
       std::string(domain::ToString(t.state)), t.arrived_ms},
      &rows);
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("duplicate_ticket_number", "the number is taken");
  }
  if (!s.ok()) return s;
  row->ticket.id = rows.at(0).integer(0);
  return Status::Ok();
}

Status UpdateTicket(Connection& db, const domain::Ticket& t, int64_t employee_id) {
  return db.Execute(
      "UPDATE tickets SET state = $2, window_id = $3, recalls = $4, redirected = $5, waiting_queue "
      "= $6, "
      "called_at_ms = $7, started_at_ms = $8, finished_at_ms = $9, outcome = $10, "
      "employee_id = COALESCE($11, employee_id) WHERE id = $1",
      {t.id, std::string(domain::ToString(t.state)), NullIfZero(t.window_id), int64_t{t.recalls},
       int64_t{t.redirected ? 1 : 0}, t.queue, NullIfZero(t.called_ms), NullIfZero(t.started_ms),
       NullIfZero(t.finished_ms), t.outcome, NullIfZero(employee_id)},
      nullptr);
}

Status MarkTicketSoonSms(Connection& db, int64_t ticket_id, int64_t at_ms) {
  return db.Execute("UPDATE tickets SET soon_sms_at_ms = $2 WHERE id = $1", {ticket_id, at_ms},
                    nullptr);
}

Status FindTicket(Connection& db, int64_t id, TicketRow* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = $1",
                        {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("ticket_not_found", "no such ticket");
  *out = FromRow(rows[0]);
  return Status::Ok();
}

Status ListTicketsOfDay(Connection& db, int64_t branch_id, const std::string& day,
                        std::vector<TicketRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kTicketColumns +
                            " FROM tickets WHERE branch_id = $1 AND day = $2 ORDER BY id",
                        {branch_id, day}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

Status InsertQueueEvent(Connection& db, const QueueEventRow& e) {
  return db.Execute(
      "INSERT INTO queue_events (ticket_id, branch_id, kind, at_ms, window_id, employee_id, note) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {e.ticket_id, e.branch_id, e.kind, e.at_ms, NullIfZero(e.window_id),
       NullIfZero(e.employee_id), e.note},
      nullptr);
}

Status ListRecentCalls(Connection& db, int64_t branch_id, int64_t since_ms, int limit,
                       std::vector<QueueEventRow>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT ticket_id, branch_id, kind, at_ms, window_id, employee_id, note FROM queue_events "
      "WHERE branch_id = $1 AND at_ms >= $2 AND kind IN ('call', 'recall') "
      "ORDER BY id DESC LIMIT $3",
      {branch_id, since_ms, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back({r.integer(0), r.integer(1), r.text(2), r.integer(3), r.integer(4), r.integer(5),
                    r.text(6)});
  }
  return Status::Ok();
}

}  // namespace tereze::store
