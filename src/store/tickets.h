// SQL of the electronic queue (R8): queues, window skills, calling rules,
// tickets and their events.
#pragma once

#include <string>
#include <vector>

#include "domain/queue.h"
#include "store/connection.h"

namespace tereze::store {

struct QueueRow {
  std::string code, kind, name_kk, name_ru;
};
Status ListQueues(Connection& db, int64_t branch_id, std::vector<QueueRow>* out);
Status InsertQueue(Connection& db, int64_t branch_id, const QueueRow& q);

struct SkillRow {
  int64_t window_id = 0;
  std::string queue;
  int64_t weight = 1;
};
// Every skill of the branch's windows.
Status ListWindowSkills(Connection& db, int64_t branch_id, std::vector<SkillRow>* out);
Status ReplaceWindowSkills(Connection& db, int64_t window_id, const std::vector<SkillRow>& skills);

// "A:15,B:30" and "A:2,B:1"; both empty when the branch has none.
Status GetQueueRules(Connection& db, int64_t branch_id, std::string* thresholds,
                     std::string* ratio);
Status SetQueueRules(Connection& db, int64_t branch_id, const std::string& thresholds,
                     const std::string& ratio);

struct TicketRow {
  domain::Ticket ticket;
  int64_t branch_id = 0;
  std::string day;
  std::string phone;
  std::string token_sha256;
  int64_t employee_id = 0;
  int64_t soon_sms_at_ms = 0;  // when "your turn is near" was sent; 0: not sent
};
// Fills row->ticket.id.
Status InsertTicket(Connection& db, TicketRow* row);
// Writes the ticket's state, window, times, recalls, queue and outcome.
Status UpdateTicket(Connection& db, const domain::Ticket& t, int64_t employee_id);
Status FindTicket(Connection& db, int64_t id, TicketRow* out);
Status MarkTicketSoonSms(Connection& db, int64_t ticket_id, int64_t at_ms);
// Every ticket of the branch's `day` (recovery after a restart), by id.
Status ListTicketsOfDay(Connection& db, int64_t branch_id, const std::string& day,
                        std::vector<TicketRow>* out);

struct QueueEventRow {
  int64_t ticket_id = 0;
  int64_t branch_id = 0;
  std::string kind;
  int64_t at_ms = 0;
  int64_t window_id = 0;
  int64_t employee_id = 0;
  std::string note;
};
Status InsertQueueEvent(Connection& db, const QueueEventRow& e);
// The branch's latest `limit` calls since `since_ms`, newest first.
Status ListRecentCalls(Connection& db, int64_t branch_id, int64_t since_ms, int limit,
                       std::vector<QueueEventRow>* out);

}  // namespace tereze::store
