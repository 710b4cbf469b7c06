#include "domain/branch.h"

namespace tereze::domain {

int MinutesOfDay(const std::string& hhmm) {
  return (hhmm[0] - '0') * 600 + (hhmm[1] - '0') * 60 + (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
}

bool IsWindowKind(const std::string& kind) {
  return kind == "intake" || kind == "issuance" || kind == "consultation" || kind == "self_service";
}

}  // namespace tereze::domain
