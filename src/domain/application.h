// An application as recorded at the desk (R18.4): accepted, or refused for
// an incomplete package (R18.6). Later issues move it through stages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/local_date.h"
#include "domain/intake.h"

namespace tereze::domain {

enum class ApplicationStatus { kAccepted, kRefused };

struct Application {
  int64_t id = 0;
  ApplicationStatus status = ApplicationStatus::kAccepted;
  std::string stage = "accepted";
  int64_t branch_id = 0;
  int64_t window_id = 0;
  int64_t employee_id = 0;
  int64_t ticket_id = 0;
  std::string service_code;
  std::string provider_code;
  int64_t catalog_version_id = 0;
  std::string lang;
  bool electronic = false;
  Person applicant;
  std::optional<Representative> representative;
  std::vector<PresentedDocument> documents;  // accepted, with kStateSystem ones (R27)
  std::vector<std::string> missing;          // codes of missing documents (R18.6)
  std::vector<PresentedPayment> payments;
  std::vector<ConsentRef> consents;
  bool form_complete = false;
  bool first_time = false;
  int64_t fee_tiyn = 0;
  int64_t price_tiyn = 0;
  int64_t accepted_at_ms = 0;  // the decision, accepted or refused
  LocalDate accepted_on;
  std::optional<LocalDate> issue_date;         // R30; none on a refusal
  std::optional<LocalDate> provider_deadline;  // R34
  // R12: the electronic request and its CMS signature (base64), when electronic.
  std::string request_text, request_sha256, request_cms;

  bool refused() const { return status == ApplicationStatus::kRefused; }
};

// One step of the timeline (R18.10, R32).
struct ApplicationEvent {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string kind;  // "accepted", "refused", ...
  std::string stage;
  int64_t at_ms = 0;
  int64_t employee_id = 0;
  int64_t branch_id = 0;
  int64_t window_id = 0;
  std::string note;
};

}  // namespace tereze::domain
