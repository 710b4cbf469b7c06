// SQL of signing keys (R12, R21) and certified electronic copies (R21).
#pragma once

#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct SigningKey {
  std::string certificate_pem;
  std::string private_key_pem;
};

// The newest certificate authority; NotFound "no_signing_authority" when none.
Status FindSigningAuthority(Connection& db, SigningKey* out);
Status InsertSigningAuthority(Connection& db, const SigningKey& k, int64_t now_ms);
// NotFound "no_signing_key" when the employee has none.
Status FindSigningKey(Connection& db, int64_t employee_id, SigningKey* out);
Status PutSigningKey(Connection& db, int64_t employee_id, const SigningKey& k, int64_t now_ms);

struct ECopy {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string document_code;
  std::string media_type;
  int64_t size_bytes = 0;
  std::string sha256;
  std::string content_base64;    // empty when listed without content
  std::string signature_base64;  // CMS, detached over the content
  int64_t employee_id = 0;
  int64_t at_ms = 0;
};

Status InsertECopy(Connection& db, const ECopy& c, int64_t* id_out);
Status FindECopy(Connection& db, int64_t id, bool with_content, ECopy* out);
Status ListECopies(Connection& db, int64_t application_id, std::vector<ECopy>* out);

}  // namespace tereze::store
