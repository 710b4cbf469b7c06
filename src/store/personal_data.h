// SQL of the personal-data logs: who read which person's record (R28) and
// who fetched what from state information systems, and why (R10).
#pragma once

#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct PersonalDataRead {
  int64_t id = 0;
  int64_t employee_id = 0;
  std::string role;
  int64_t branch_id = 0;
  std::string iin;
  std::string object;  // "application/17"
  int64_t at_ms = 0;
};

Status InsertPersonalDataRead(Connection& db, const PersonalDataRead& r);
// `iin` "" and `employee_id` 0: all.
Status ListPersonalDataReads(Connection& db, const std::string& iin, int64_t employee_id,
                             int64_t after_id, int limit, std::vector<PersonalDataRead>* out);

struct StateFetch {
  int64_t id = 0;
  std::string iin;
  std::string source;  // person, civil_records, real_estate
  std::string purpose;
  std::string consent_reference;
  int64_t employee_id = 0;
  int64_t branch_id = 0;
  int64_t at_ms = 0;
  std::string outcome;  // ok, not_found, unavailable, ...
};

Status InsertStateFetch(Connection& db, const StateFetch& f);
Status ListStateFetches(Connection& db, const std::string& iin, int64_t after_id, int limit,
                        std::vector<StateFetch>* out);

}  // namespace tereze::store
