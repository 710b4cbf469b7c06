// Consents to use protected data (R10, R18.7): written on paper, confirmed
// by digital signature, or by a one-time code sent to the applicant's phone.
#pragma once

#include "app/app.h"
#include "store/consents.h"

namespace tereze::app {

inline constexpr int64_t kConsentCodeTtlMs = int64_t{5} * 60 * 1000;  // R10: five minutes
inline constexpr int kConsentCodeAttempts = 3;
inline constexpr int kConsentCodeDigits = 6;
// At most this many codes to one phone in kConsentCodeWindowMs, so that the
// desk cannot be used to flood someone with SMS.
inline constexpr int kMaxCodesPerPhone = 3;
inline constexpr int64_t kConsentCodeWindowMs = int64_t{10} * 60 * 1000;

// A written or signed consent (R10): `kind` "written" or "eds".
void RecordConsent(App& app, const Principal& who, const std::string& kind, const std::string& iin,
                   const std::string& reference, const std::string& scope,
                   const Done<store::ConsentRow>& done);

struct ConsentCodeSent {
  int64_t challenge_id = 0;
  int64_t expires_at_ms = 0;
  std::string phone;  // normalized
};
// Sends a one-time code by SMS (through the outbox) in `lang`.
void SendConsentCode(App& app, const Principal& who, const std::string& iin,
                     const std::string& phone, const std::string& lang, const std::string& scope,
                     const Done<ConsentCodeSent>& done);

struct ConsentCodeCheck {
  store::ConsentRow consent;  // when confirmed
  int attempts_left = 0;
};
// Confirms the code the applicant tells: records the consent. Errors:
// consent_code_wrong (details: attempts_left), consent_code_exhausted,
// consent_code_expired, consent_code_used, challenge_not_found. A wrong
// code is counted even though the call fails.
void VerifyConsentCode(App& app, const Principal& who, int64_t challenge_id,
                       const std::string& code, const Done<ConsentCodeCheck>& done);

// Ok when `reference` is a recorded consent of `iin`; Refused "consent_required" otherwise.
Status RequireConsent(App& app, const std::string& iin, const std::string& reference);

}  // namespace tereze::app
