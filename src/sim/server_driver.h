// The day simulator driving a running server (issue 6 item 6): the same
// arrivals as the pure simulator (DrawArrivals), but every ticket is taken
// through the kiosk's API, every call, start and finish is made by a real
// operator's session, and the server's test clock is moved from event to
// event. The wait the server predicted when the ticket was taken is set
// against the wait that happened; so the whole path — HTTP, the writer, the
// engine behind the branch's lock — is what is measured.
//
// The server must run with --test-clock (the driver moves its clock forward;
// time never goes back). The operators given must be seated at open windows
// of the branch; only the queues those windows serve are simulated, and the
// profile's arrival rates are scaled by (operators given) / (the profile's
// windows for those queues), so that a branch with one operator sees the
// load one of the profile's operators would.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "sim/day_simulator.h"

namespace tereze::sim {

inline constexpr int kMaxDriveMinutes = 12 * 60;
inline constexpr size_t kMaxDriveOperators = 50;

struct DriveOptions {
  std::string url;  // "http://127.0.0.1:8080"
  int64_t branch_id = 0;
  std::vector<std::pair<std::string, std::string>> operators;  // login, password
  int minutes = 60;  // from the profile's opening, mapped onto the server's clock now
};

// Errors: invalid_sim (options), no_test_clock (the server has none),
// login_failed, not_seated (an operator at no open window), and the
// server's own errors as "server_error" with the response's code.
// `progress` (may be null) gets a line per simulated ten minutes.
Status DriveServer(const SimDay& day, const DriveOptions& options, SimReport* report,
                   std::ostream* progress);

}  // namespace tereze::sim
