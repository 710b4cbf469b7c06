// The issuance sector (R18.8, R24, R25): the storage shelf, and issuing a
// result to the applicant or their representative at an issuance window.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "domain/issuance.h"
#include "store/packages.h"

namespace tereze::app {

struct IssueOutcome {
  int64_t application_id = 0;
  int64_t issued_at_ms = 0;
  std::string recipient_name;
  bool in_person = true;
};

// By an issuance employee seated at an issuance window of the package's
// branch, while the center is open. Errors (nothing changes): not_at_window,
// center_closed, application_not_found, wrong_stage, and those of
// domain::CheckIssue (recipient_not_entitled, power_of_attorney_*,
// id_document_*).
void IssueResult(App& app, const Principal& who, int64_t id, domain::IssueRequest request,
                 const Done<IssueOutcome>& done);

// R25: results on the branch's shelf, oldest first; `expiring_within_days`
// >= 0: only those whose term ends within that many days.
inline constexpr int kMaxShelfListed = 1000;
Status ListShelf(App& app, const Principal& who, int64_t branch_id, int expiring_within_days,
                 std::vector<store::Package>* out);

// A package of `who`'s branch (or any, for central roles).
Status GetPackage(App& app, const Principal& who, int64_t id, store::Package* out);

}  // namespace tereze::app
