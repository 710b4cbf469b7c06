// SQL of a package's movement after the receipt (R18.8, R22, R24, R25,
// R33-R36): the facts each hand-over records on the application row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/connection.h"

namespace tereze::store {

// What the movement use cases read of an application, in one query.
struct Package {
  int64_t id = 0;
  bool refused = false;  // refused at intake (R18.6): it never moves
  std::string stage;
  int64_t branch_id = 0;
  std::string service_code, provider_code;
  std::string lang;
  std::string applicant_iin, applicant_full_name;
  std::string phone;  // the applicant's, else the representative's; may be empty
  int64_t accepted_at_ms = 0;
  std::string accepted_on, issue_date, provider_deadline;  // YYYY-MM-DD; the last two may be ""
  int64_t direction_id = 0;
  int64_t dispatched_at_ms = 0;
  std::string outcome, result_form, refusal_reason, certificate_valid_until;
  std::string received_on;
  bool late = false;
  std::string shelf, at_issuance_on, keep_until;
  bool returned_after = false;
  int64_t issued_at_ms = 0;
  std::string recipient_name, recipient_document, recipient_poa;
  int64_t issued_by = 0;
};

Status FindPackage(Connection& db, int64_t id, Package* out);

struct PackageFilter {
  int64_t branch_id = 0;            // required
  std::vector<std::string> stages;  // any of these; empty: every stage
  std::string provider_code;        // "" any
  std::string accepted_on;          // "" any
  std::string keep_until_before;    // "" any: keep_until < this (YYYY-MM-DD)
  int limit = 500;
};
// Oldest first.
Status ListPackages(Connection& db, const PackageFilter& f, std::vector<Package>* out);

// Each setter writes the facts of one hand-over; the stage itself moves with
// UpdateApplicationStage (store/applications.h) in the same transaction.
Status SetDirection(Connection& db, int64_t id, int64_t direction_id);
Status SetDispatchedAt(Connection& db, int64_t id, int64_t at_ms);
Status SetOutcome(Connection& db, int64_t id, const std::string& outcome,
                  const std::string& result_form, const std::string& refusal_reason,
                  const std::string& certificate_valid_until);
Status SetReceived(Connection& db, int64_t id, const std::string& received_on, bool late);
Status SetShelf(Connection& db, int64_t id, const std::string& shelf,
                const std::string& at_issuance_on, const std::string& keep_until,
                bool returned_after);

struct IssueRecord {
  int64_t at_ms = 0;
  std::string on;  // local date
  std::string recipient_iin, recipient_name, recipient_document, power_of_attorney;
  int64_t employee_id = 0;
};
Status SetIssued(Connection& db, int64_t id, const IssueRecord& r);

}  // namespace tereze::store
