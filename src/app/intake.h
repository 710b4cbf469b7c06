// Accepting an application at the desk (R9, R10, R17, R18, R19, R27, R29,
// R30): the operator's one use case that ends in a receipt or in a refusal
// receipt.
#pragma once

#include "app/app.h"
#include "domain/application.h"
#include "domain/catalog.h"
#include "domain/intake.h"

namespace tereze::app {

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

// An application, if `who` may see it (their branch, or a central role).
Status GetApplication(App& app, const Principal& who, int64_t id, domain::Application* out);

}  // namespace tereze::app
