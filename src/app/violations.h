// Violations seen on a branch's premises, reported to management (R18.9).
#pragma once

#include <vector>

#include "app/app.h"
#include "store/violations.h"

namespace tereze::app {

inline constexpr size_t kMaxViolationTextBytes = 4000;

// Any employee of the branch reports; `category` is one of kViolationCategories.
void ReportViolation(App& app, const Principal& who, store::Violation v,
                     const Done<store::Violation>& done);
// The branch manager (or a central role) closes it with a resolution.
void CloseViolation(App& app, const Principal& who, int64_t id, const std::string& resolution,
                    const Done<store::Violation>& done);
Status ListViolations(App& app, const Principal& who, int64_t branch_id, bool open_only,
                      int64_t before_id, int limit, std::vector<store::Violation>* out);

bool IsViolationCategory(const std::string& category);

}  // namespace tereze::app
