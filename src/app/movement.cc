#include "app/movement.h"

#include "core/zone.h"
#include "store/applications.h"
#include "store/branches.h"
#include "store/outbox.h"

namespace tereze::app {

Status MovePackage(store::WriteTx& tx, const Principal* who, int64_t id, int64_t branch_id,
                   const std::string& from_stage, domain::ScanAction action,
                   const std::string& note, domain::ScanOutcome* moved) {
  auto current = domain::ParseStage(from_stage);
  if (!current) return Status::Internal("unknown stage " + from_stage);
  Status s = domain::ApplyScan(*current, action, moved);
  if (!s.ok() || moved->repeated) return s;
  const std::string to = domain::ToString(moved->to);
  if (s = store::UpdateApplicationStage(tx.db(), id, from_stage, to); !s.ok()) return s;
  domain::ApplicationEvent e;
  e.application_id = id;
  e.kind = domain::ToString(action);
  e.stage = to;
  e.at_ms = tx.now_ms();
  e.employee_id = who ? who->employee.id : 0;
  e.branch_id = branch_id;
  e.note = note;
  int64_t event_id = 0;
  if (s = store::InsertEvent(tx.db(), e, &event_id); !s.ok()) return s;
  const std::string action_name = std::string("scan.") + domain::ToString(action);
  const std::string object = "application/" + std::to_string(id);
  const std::string change = "from=" + from_stage + "\nto=" + to;
  return tx.Audit(who ? AuditOf(*who, action_name, object, change)
                      : SystemAudit(action_name, object, change));
}

Status QueueSms(store::WriteTx& tx, const store::Package& p, const std::string& body,
                const std::string& purpose) {
  if (p.phone.empty()) return Status::Ok();
  store::OutboxMessage sms;
  sms.recipient = p.phone;
  sms.body = body;
  sms.purpose = purpose;
  sms.application_id = p.id;
  sms.created_at_ms = sms.next_attempt_at_ms = tx.now_ms();
  int64_t sms_id = 0;
  return store::InsertOutbox(tx.db(), sms, &sms_id);
}

Status BranchToday(store::Connection& db, int64_t branch_id, int64_t now_ms, LocalDate* today) {
  domain::Branch branch;
  Status s = store::FindBranch(db, branch_id, &branch);
  if (!s.ok()) return s;
  return LocalDateIn(branch.time_zone, now_ms, today);
}

}  // namespace tereze::app
