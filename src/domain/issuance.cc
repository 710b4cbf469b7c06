#include "domain/issuance.h"

#include <algorithm>

namespace tereze::domain {

bool IssuedInPerson(const std::string& applicant_iin, const IssueRequest& request) {
  return request.recipient.iin == applicant_iin;
}

Status CheckIssue(const std::string& applicant_iin, const std::string& service_code,
                  const IssueRequest& request, LocalDate today) {
  if (Status s = CheckPerson("recipient", request.recipient, true, today); !s.ok()) return s;
  if (IssuedInPerson(applicant_iin, request)) return Status::Ok();
  if (!request.power_of_attorney) {
    return Status::Refused("recipient_not_entitled",
                           "the result is issued to the applicant, or to a representative with "
                           "a power of attorney from the applicant (R24)");
  }
  const IssuePowerOfAttorney& poa = *request.power_of_attorney;
  if (poa.services.size() > kMaxPowerOfAttorneyServices) {
    return Status::Malformed("invalid_field", "power_of_attorney.services: at most 50");
  }
  if (poa.principal_iin != applicant_iin) {
    return Status::Refused("power_of_attorney_not_covering",
                           "the power of attorney was given by another person, not the applicant");
  }
  if (!poa.services.empty() &&
      std::find(poa.services.begin(), poa.services.end(), service_code) == poa.services.end()) {
    return Status::Refused("power_of_attorney_not_covering",
                           "the power of attorney does not cover the service " + service_code);
  }
  return CheckPowerOfAttorneyInForce(poa.document, today);
}

}  // namespace tereze::domain
