// SQL of violations reported on a branch's premises (R18.9).
#pragma once

#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct Violation {
  int64_t id = 0;
  int64_t branch_id = 0;
  int64_t reported_by = 0;
  int64_t reported_at_ms = 0;
  std::string category;
  std::string description;
  std::string place;
  int64_t closed_by = 0;  // 0: open
  int64_t closed_at_ms = 0;
  std::string resolution;
};

Status InsertViolation(Connection& db, const Violation& v, int64_t* id_out);
Status FindViolation(Connection& db, int64_t id, Violation* out);
// Conflict "violation_closed" when it was closed already.
Status CloseViolation(Connection& db, int64_t id, int64_t closed_by, int64_t now_ms,
                      const std::string& resolution);
// `open_only`: those not closed. Newest first by id, `before_id` 0 from the newest.
Status ListViolations(Connection& db, int64_t branch_id, bool open_only, int64_t before_id,
                      int limit, std::vector<Violation>* out);

}  // namespace tereze::store
