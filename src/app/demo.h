// The demo: a branch in Astana with ten windows and one employee per role,
// all with the password "tereze-demo" (logins in the README).
#pragma once

#include "app/app.h"

namespace tereze::app {

inline constexpr char kDemoPassword[] = "tereze-demo";

struct DemoSummary {
  bool created = false;  // false: the demo was already there
  int64_t branch_id = 0;
  int employees = 0;
};

// Refuses (409 not_demo_database) a database holding employees the demo did
// not create. Loading twice is harmless.
Status LoadDemo(App& app, DemoSummary* out);

// The demo's courier route: the Ministry of Justice's unit in the branch's
// region (R22, R33). Needs the catalog (the provider "MP"); harmless twice.
Status LoadDemoRoute(App& app, int64_t branch_id);

// The demo login for each role (role name, except the three the README names).
std::string DemoLogin(domain::Role role);

}  // namespace tereze::app
