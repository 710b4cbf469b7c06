// Barcode scans at every hand-over (R18.10, R22, R26): one scan moves one
// package one stage (domain/stage.h), recorded with who, where and when.
#pragma once

#include <string>

#include "app/app.h"
#include "domain/stage.h"

namespace tereze::app {

struct ScanResult {
  int64_t application_id = 0;
  int64_t branch_id = 0;
  std::string barcode;
  domain::Stage stage = domain::Stage::kAccepted;
  bool repeated = false;  // the same scan again: nothing changed
  // R22: where the collection sector puts the package — the branch's
  // direction serving the application's provider; 0 when none is set up.
  int64_t direction_id = 0;
  std::string direction_name;
};

// Errors: invalid_field (unknown action), barcode_invalid (400),
// barcode_misread (422), application_not_found / register_not_found (404),
// wrong_stage (409, naming the current stage), forbidden (403: the action
// is another sector's), issue_at_window (422: results are issued at the
// issuance window with the identity check, not by a bare scan).
void ScanBarcode(App& app, const Principal& who, const std::string& barcode,
                 const std::string& action, const Done<ScanResult>& done);

// R22: packages accepted but not collected by the end of their day — those
// accepted before today, and today's once the branch has closed.
struct Uncollected {
  int64_t application_id = 0;
  std::string barcode;
  std::string provider_code;
  int64_t accepted_at_ms = 0;
};
inline constexpr int kMaxUncollectedListed = 500;
Status ListUncollected(App& app, const Principal& who, int64_t branch_id,
                       std::vector<Uncollected>* out);

// Which roles may make each scan.
domain::RoleSet RolesForScan(domain::ScanAction action);

}  // namespace tereze::app
