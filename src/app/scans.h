// Barcode scans at every hand-over (R18.10, R22, R26): one scan moves one
// package one stage (domain/stage.h), recorded with who, where and when.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/stage.h"
#include "store/packages.h"
#include "store/writer.h"

namespace tereze::app {

// R22: the direction of a branch serving a provider, read at most once per
// kTtlMs per (branch, provider): collection scans come by the thousand and
// directions change a few times a year. A changed direction is seen within
// kTtlMs.
class DirectionCache {
 public:
  static constexpr int64_t kTtlMs = 2000;
  static constexpr size_t kMaxEntries = 100000;
  struct Direction {
    int64_t id = 0;  // 0: none set up
    std::string name;
  };
  Status Get(store::Connection& db, int64_t branch_id, const std::string& provider_code,
             Direction* out);

 private:
  struct Entry {
    Direction direction;
    int64_t loaded_at_steady_ms = 0;
  };
  std::mutex mu_;
  std::map<std::pair<int64_t, std::string>, Entry> entries_;
};

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
  // "register": the register being formed that the package joined (R33).
  int64_t register_id = 0;
  std::string register_number;
  // A register's own barcode scanned: the action applied to all its lines.
  bool whole_register = false;
  std::string register_status;
  size_t lines = 0, moved = 0;
};

// R25: a storage shelf location, "A-03": 1-16 of letters, digits and '-'.
bool ValidShelf(const std::string& shelf);

// Errors: invalid_field (unknown action, bad shelf), missing_field (a
// shelf for to_issuance), barcode_invalid (400), barcode_misread (422),
// application_not_found / register_not_found (404), wrong_stage (409; the
// result's stage is the current one), forbidden (403: the action is another
// sector's), issue_at_window (422: results are issued at the issuance window
// with the identity check, not by a bare scan), storage_term_running /
// never_returned (R25: return_unclaimed before the term, or a social payment).
void ScanBarcode(App& app, const Principal& who, const std::string& barcode,
                 const std::string& action, const std::string& shelf, const Done<ScanResult>& done);

// A stack of packages scanned with one action at one station (a scanner's
// buffer): each barcode is scanned as by ScanBarcode, all in one
// transaction, each with its own outcome (an error for one leaves the others
// scanned). Register barcodes are scanned one by one (register_not_in_batch).
inline constexpr size_t kMaxBatchScans = 500;
struct BatchItem {
  Status status;
  ScanResult result;
};
void ScanBatch(App& app, const Principal& who, const std::vector<std::string>& barcodes,
               const std::string& action, const std::string& shelf,
               const Done<std::vector<BatchItem>>& done);

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

// R25: an unclaimed result past its term goes back to its provider on the
// register of unclaimed results being formed (inside the caller's
// transaction); `who` null: the daily job. Errors: wrong_stage,
// never_returned, storage_term_running.
Status ReturnUnclaimedInTx(store::WriteTx& tx, const Principal* who, const store::Package& p,
                           LocalDate today, bool* moved);

// Which roles may make each scan.
domain::RoleSet RolesForScan(domain::ScanAction action);

}  // namespace tereze::app
