// Accepting an application at the desk (R9, R10, R17, R18, R19, R27, R29,
// R30): the operator's one use case that ends in a receipt or in a refusal
// receipt.
#pragma once

#include <mutex>
#include <unordered_map>

#include "app/app.h"
#include "domain/application.h"
#include "domain/branch.h"
#include "domain/calendar.h"
#include "domain/catalog.h"
#include "domain/intake.h"
#include "store/database.h"

namespace tereze::app {

// Where each operator sits and when their branch is open, read from the
// database at most once per kTtlMs per operator: at national volume every
// acceptance would otherwise re-read the branch, its days and its windows.
// A reseated operator or a changed day is seen within kTtlMs.
class DeskCache {
 public:
  static constexpr int64_t kTtlMs = 2000;
  static constexpr size_t kMaxEntries = 100000;  // more operators than the country has

  struct Desk {
    domain::Branch branch;
    domain::BranchHours hours;
    int64_t window_id = 0;
  };
  // The desk of `employee`, from the cache or read through `db`.
  Status Get(store::Database& db, const domain::Employee& employee, Desk* out);

 private:
  struct Entry {
    Desk desk;
    int64_t loaded_at_steady_ms = 0;
  };
  std::mutex mu_;
  std::unordered_map<int64_t, Entry> entries_;
};

struct IntakeOutcome {
  domain::Application application;  // refused() when the package was incomplete
  // The missing documents with their names (R18.6), when refused.
  std::vector<domain::RequiredDocument> missing;
};

// By an operator seated at an intake window of their branch, during its
// opening hours. Errors record nothing: center_closed, not_at_window,
// service_unknown, consent_unknown and those of domain::CheckApplication.
// An incomplete package is recorded as refused and returned Ok with
// outcome.application.refused(): the caller answers 422 package_incomplete.
// State, timeline event, audit record and outbox SMS are one transaction.
void AcceptApplication(App& app, const Principal& who, domain::ApplicationRequest request,
                       const Done<IntakeOutcome>& done);

// The seated intake window of `employee_id` in its branch (R8), or Refused
// "not_at_window".
Status FindIntakeWindow(store::Connection& db, const domain::Employee& employee,
                        int64_t* window_id);

// The seated window of `kind` ("intake", "issuance", ...) of `employee`.
Status FindSeatedWindow(store::Connection& db, const domain::Employee& employee,
                        const std::string& kind, int64_t* window_id);

// Refused "center_closed" outside the branch's open days and hours (R5, R7);
// fills the branch's local date.
Status CheckCenterOpen(App& app, const domain::Branch& branch, const domain::BranchHours& hours,
                       int64_t now_ms, LocalDate* today);

// An application, if `who` may see it (their branch, or a central role).
Status GetApplication(App& app, const Principal& who, int64_t id, domain::Application* out);

}  // namespace tereze::app
