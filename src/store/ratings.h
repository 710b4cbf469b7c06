// SQL of applicants' ratings (R23).
#pragma once

#include "store/connection.h"

namespace tereze::store {

struct Rating {
  int64_t application_id = 0;
  int64_t score = 0;
  std::string comment;
  std::string channel;
  std::string service_code;
  int64_t branch_id = 0;
  int64_t employee_id = 0;
  int64_t at_ms = 0;
};

// Conflict "already_rated" when the application has its rating.
Status InsertRating(Connection& db, const Rating& r);
// NotFound "rating_not_found".
Status FindRating(Connection& db, int64_t application_id, Rating* out);

}  // namespace tereze::store
