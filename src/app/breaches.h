// Breaches of the Rules found automatically (R8, R18.8, R22, R25, R33, R34,
// R37): the detection run (by the server's clock, each branch in its own
// zone), and the lists and counts for the branch manager and the central
// office. Each breach is recorded once, by its kind and object.
//
// report_late and act_late (R37) are kinds of the same table, recorded by
// whoever tracks the monthly reports and acts; this run does not look for them.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "store/breaches.h"

namespace tereze::app {

inline constexpr int kMaxBreachesPerKindPerRun = 2000;  // per branch; the next run takes the rest
inline constexpr int kMaxBreachPage = 500;
inline constexpr int kMaxBreachCountDays = 731;  // counts over at most two years

struct BreachRun {
  int branches = 0;
  int recorded = 0;  // new breaches
};
// Looks at every branch that is not retired. `tickets_only`: only the queue
// waits (R8), which the server checks every minute; the rest every hour.
Status DetectBreaches(App& app, bool tickets_only, BreachRun* out);

// Branch managers see their branch; central roles any branch or, with
// branch_id 0, the whole network. Errors: forbidden, invalid_date,
// invalid_kind, invalid_period.
Status ListBreaches(App& app, const Principal& who, store::BreachFilter filter,
                    std::vector<store::BreachRow>* out);
Status CountBreaches(App& app, const Principal& who, int64_t branch_id, const std::string& from,
                     const std::string& to, bool by_month, std::vector<store::BreachCount>* out);

// The branch an employee's request is about: `asked`, else their own branch;
// branch_id 0 (the network) only for central roles. Forbidden otherwise.
Status ScopeBranch(const Principal& who, int64_t asked, int64_t* branch_id);

}  // namespace tereze::app
