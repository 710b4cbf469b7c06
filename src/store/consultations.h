// SQL of consultations (R14, R15, R20): what a consultant explained to the
// holder of a ticket, one row per service asked about.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct Consultation {
  int64_t id = 0;
  int64_t ticket_id = 0;
  int64_t branch_id = 0;
  int64_t window_id = 0;
  int64_t employee_id = 0;
  std::string service_code;
  std::string outcome;
  std::string note;
  int64_t at_ms = 0;
};

// Fills c->id.
Status InsertConsultation(Connection& db, Consultation* c);
Status ListConsultationsOfTicket(Connection& db, int64_t ticket_id, std::vector<Consultation>* out);
Status CountConsultationsOfTicket(Connection& db, int64_t ticket_id, int64_t* out);
// The branch's consultations in [from_ms, to_ms), counted per service and outcome.
Status CountConsultations(Connection& db, int64_t branch_id, int64_t from_ms, int64_t to_ms,
                          std::map<std::pair<std::string, std::string>, int64_t>* out);

}  // namespace tereze::store
