// SQL of registers and acts of refusal (R25, R33, R35).
#pragma once

#include <string>
#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct RegisterRow {
  int64_t id = 0;
  std::string kind;    // domain::RegisterKind
  std::string status;  // domain::RegisterStatus
  int64_t branch_id = 0;
  std::string provider_code;
  int64_t direction_id = 0;
  int64_t year = 0, seq = 0;
  std::string method;  // "" until dispatched
  int64_t courier_id = 0;
  int64_t formed_by = 0, formed_at_ms = 0;
  int64_t dispatched_by = 0, dispatched_at_ms = 0;
  int64_t acknowledged_by = 0, acknowledged_at_ms = 0;
  int64_t received_by = 0, received_at_ms = 0;
  int64_t line_count = 0;
};

// The next number of a register in the branch's year (one writer: no race).
Status NextRegisterSeq(Connection& db, int64_t branch_id, int64_t year, int64_t* seq);
Status InsertRegister(Connection& db, RegisterRow* r);  // fills r->id
// Appends a line; Conflict "register_full" beyond `max_lines`.
Status AddRegisterLine(Connection& db, int64_t register_id, int64_t application_id,
                       size_t max_lines);
Status FindRegister(Connection& db, int64_t id, RegisterRow* out);
// The branch's register of `kind` for `provider_code` still being formed;
// NotFound when there is none.
Status FindFormingRegister(Connection& db, int64_t branch_id, const std::string& provider_code,
                           const std::string& kind, RegisterRow* out);
// The results register awaiting reception that lists the application, if any.
Status FindPendingResultsRegister(Connection& db, int64_t application_id, int64_t* register_id);

struct RegisterFilter {
  int64_t branch_id = 0;      // 0: any
  std::string provider_code;  // "": any
  std::string kind, status;   // "": any
  int limit = 200;
};
// Newest first.
Status ListRegisters(Connection& db, const RegisterFilter& f, std::vector<RegisterRow>* out);
Status ListRegisterLines(Connection& db, int64_t register_id,
                         std::vector<int64_t>* application_ids);

Status MarkRegisterDispatched(Connection& db, int64_t id, const std::string& method,
                              int64_t courier_id, int64_t by, int64_t at_ms);
Status MarkRegisterAcknowledged(Connection& db, int64_t id, int64_t by, int64_t at_ms);
// status: "received" or "rejected" (R35).
Status MarkRegisterReceived(Connection& db, int64_t id, const std::string& status, int64_t by,
                            int64_t at_ms);

struct ActRow {
  int64_t id = 0;
  int64_t register_id = 0;
  int64_t branch_id = 0;
  int64_t year = 0, seq = 0;
  int64_t employee_id = 0;
  int64_t drawn_at_ms = 0;
  std::vector<int64_t> missing;    // application ids
  std::vector<std::string> extra;  // barcodes as scanned
};
Status InsertAct(Connection& db, ActRow* act);  // numbers it in the branch's year, fills id, seq
Status FindAct(Connection& db, int64_t id, ActRow* out);

}  // namespace tereze::store
