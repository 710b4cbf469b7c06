// SQL of consents (R10) and the one-time codes that prove them by phone.
#pragma once

#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct ConsentRow {
  int64_t id = 0;
  std::string reference;
  std::string kind;  // written, eds, sms
  std::string iin;
  std::string scope;
  std::string proof;
  int64_t branch_id = 0;
  int64_t employee_id = 0;
  int64_t at_ms = 0;
};

// Conflict "consent_exists" when the reference is taken.
Status InsertConsent(Connection& db, const ConsentRow& c, int64_t* id_out);
Status FindConsentByReference(Connection& db, const std::string& reference, ConsentRow* out);
Status ListConsents(Connection& db, const std::string& iin, std::vector<ConsentRow>* out);

struct ConsentChallenge {
  int64_t id = 0;
  std::string iin, phone, scope, code_sha256, salt;
  int64_t branch_id = 0, employee_id = 0;
  int64_t created_at_ms = 0, expires_at_ms = 0;
  int64_t attempts = 0;
  int64_t consent_id = 0;  // set once verified
};

Status InsertChallenge(Connection& db, const ConsentChallenge& c, int64_t* id_out);
Status FindChallenge(Connection& db, int64_t id, ConsentChallenge* out);
Status CountAttempt(Connection& db, int64_t id);
Status CompleteChallenge(Connection& db, int64_t id, int64_t consent_id);

}  // namespace tereze::store
