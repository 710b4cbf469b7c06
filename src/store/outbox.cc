#include "store/outbox.h"

namespace tereze::store {

namespace {
constexpr char kColumns[] =
    "id, channel, recipient, body, purpose, application_id, created_at_ms, status, attempts, "
    "next_attempt_at_ms, sent_at_ms, delivered_at_ms, last_error";

OutboxMessage FromRow(const Row& r) {
  return {r.integer(0),  r.text(1),     r.text(2), r.text(3),    r.text(4),
          r.integer(5),  r.integer(6),  r.text(7), r.integer(8), r.integer(9),
          r.integer(10), r.integer(11), r.text(12)};
}
}  // namespace

Status InsertOutbox(Connection& db, const OutboxMessage& m, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO outbox (channel, recipient, body, purpose, application_id, created_at_ms, "
      "next_attempt_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {m.channel, m.recipient, m.body, m.purpose,
       m.application_id == 0 ? Value{} : Value{m.application_id}, m.created_at_ms,
       m.next_attempt_at_ms},
      &rows);
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status ListDueOutbox(Connection& db, int64_t now_ms, int limit, std::vector<OutboxMessage>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kColumns +
                            " FROM outbox WHERE status = 'pending' AND next_attempt_at_ms <= $1 "
                            "ORDER BY id LIMIT $2",
                        {now_ms, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

Status MarkOutboxSent(Connection& db, int64_t id, int64_t now_ms) {
  return db.Execute(
      "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at_ms = $2, "
      "last_error = '' WHERE id = $1 AND status = 'pending'",
      {id, now_ms});
}

Status MarkOutboxRetry(Connection& db, int64_t id, int64_t next_attempt_at_ms, bool give_up,
                       const std::string& error) {
  return db.Execute(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at_ms = $2, status = $3, "
      "last_error = $4 WHERE id = $1 AND status = 'pending'",
      {id, next_attempt_at_ms, std::string(give_up ? "failed" : "pending"), error});
}

Status MarkOutboxDelivered(Connection& db, int64_t id, int64_t now_ms, bool* found) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "UPDATE outbox SET status = 'delivered', delivered_at_ms = $2 WHERE id = $1 "
      "AND status IN ('sent', 'delivered') RETURNING id",
      {id, now_ms}, &rows);
  *found = s.ok() && !rows.empty();
  return s;
}

Status ListOutbox(Connection& db, int64_t application_id, const std::string& recipient,
                  int64_t after_id, int limit, std::vector<OutboxMessage>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kColumns +
                            " FROM outbox WHERE id > $1 AND ($2 = 0 OR application_id = $2) "
                            "AND ($3 = '' OR recipient = $3) ORDER BY id LIMIT $4",
                        {after_id, application_id, recipient, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

}  // namespace tereze::store
