// SQL of the outbox: messages written in the transaction of the change that
// causes them, sent afterwards with retries (notify/).
#pragma once

#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct OutboxMessage {
  int64_t id = 0;
  std::string channel = "sms";
  std::string recipient;
  std::string body;
  std::string purpose;
  int64_t application_id = 0;
  int64_t created_at_ms = 0;
  std::string status = "pending";  // pending, sent, delivered, failed
  int64_t attempts = 0;
  int64_t next_attempt_at_ms = 0;
  int64_t sent_at_ms = 0;
  int64_t delivered_at_ms = 0;
  std::string last_error;
};

Status InsertOutbox(Connection& db, const OutboxMessage& m, int64_t* id_out);
// Pending messages due at `now_ms`, oldest first.
Status ListDueOutbox(Connection& db, int64_t now_ms, int limit, std::vector<OutboxMessage>* out);
Status MarkOutboxSent(Connection& db, int64_t id, int64_t now_ms);
// A failed attempt: retried at `next_attempt_at_ms`, or `failed` for good.
Status MarkOutboxRetry(Connection& db, int64_t id, int64_t next_attempt_at_ms, bool give_up,
                       const std::string& error);
// A delivery report from the gateway.
Status MarkOutboxDelivered(Connection& db, int64_t id, int64_t now_ms, bool* found);
Status ListOutbox(Connection& db, int64_t application_id, const std::string& recipient,
                  int64_t after_id, int limit, std::vector<OutboxMessage>* out);

}  // namespace tereze::store
