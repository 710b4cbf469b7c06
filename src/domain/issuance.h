// Issuing a result (or the provider's reasoned refusal) to the applicant
// (R18.8, R24): to the applicant in person, or to a representative whose
// power of attorney is in force, was given by the applicant and covers the
// service; the identity document of whoever stands at the window is checked.
// Never to anybody else. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/local_date.h"
#include "core/status.h"
#include "domain/intake.h"

namespace tereze::domain {

inline constexpr size_t kMaxPowerOfAttorneyServices = 50;

struct IssuePowerOfAttorney {
  PowerOfAttorney document;
  std::string principal_iin;          // who gave it: must be the applicant
  std::vector<std::string> services;  // service codes it covers; empty: every service
};

struct IssueRequest {
  Person recipient;  // with the identity document shown at the window
  std::optional<IssuePowerOfAttorney> power_of_attorney;
};

// May `request.recipient` take the result of `service_code` applied for by
// `applicant_iin`, `today`? Errors (Refused unless noted): invalid_iin,
// invalid_field (Malformed), id_document_missing, id_document_expired,
// recipient_not_entitled (somebody else, without a power of attorney),
// power_of_attorney_not_covering (given by another person, or for other
// services), power_of_attorney_expired.
Status CheckIssue(const std::string& applicant_iin, const std::string& service_code,
                  const IssueRequest& request, LocalDate today);

// True when the recipient is the applicant (no power of attorney involved).
bool IssuedInPerson(const std::string& applicant_iin, const IssueRequest& request);

}  // namespace tereze::domain
