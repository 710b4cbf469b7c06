#include "domain/branch.h"

namespace tereze::domain {

bool IsWindowKind(const std::string& kind) {
  return kind == "intake" || kind == "issuance" || kind == "consultation" || kind == "self_service";
}

}  // namespace tereze::domain
