// A day at a branch, simulated (issue 6 item 6): arrivals as a Poisson
// process whose rate changes by the hour, windows opening and closing by
// shift, service times drawn from a lognormal; the REAL queue engine
// (domain::QueueEngine) decides who is called, on a simulated clock. Each
// ticket's wait as predicted when it was taken (EstimatedWaitMs right after
// Add) is set against the wait that happened (called - arrived).
//
// Pure and deterministic: the same SimDay (seed included) gives the same
// report, on every machine (std::mt19937_64 and our own distributions, not
// the standard library's, whose algorithms differ between implementations).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/queue.h"

namespace tereze::sim {

inline constexpr size_t kMaxSimTickets = 20000;
inline constexpr size_t kMaxSimWindows = 200;
inline constexpr size_t kMaxSimServices = 26;  // series A..Z
inline constexpr double kMaxArrivalsPerHour = 2000;
inline constexpr double kMaxServiceMinutes = 600;

struct SimService {
  std::string queue;     // "A"
  double share = 1;      // of the arrivals, relative to the other services
  double mean_min = 10;  // lognormal service time: mean and standard deviation
  double sd_min = 3;
};

struct SimShift {
  int64_t window_id = 0;
  std::vector<std::string> queues;          // its skills, weight 1 each
  int from_minute = 540, to_minute = 1200;  // minutes after midnight
};

struct SimDay {
  int64_t seed = 1;
  int open_minute = 540, close_minute = 1200;  // arrivals in [open, close)
  std::vector<double> arrivals_per_hour;       // index = hour of day; missing = 0
  std::vector<SimService> services;
  std::vector<SimShift> shifts;
  double priority_share = 0;  // disability etc.: served first (R16)
};

struct SimTicket {
  int64_t id = 0;
  std::string queue;
  domain::Priority priority = domain::Priority::kNone;
  int64_t arrived_ms = 0;         // since midnight
  int64_t predicted_wait_ms = 0;  // EstimatedWaitMs right after Add
  int64_t actual_wait_ms = -1;    // called - arrived; -1: still waiting at close
  int64_t service_ms = 0;         // drawn at arrival
};

struct SimHour {
  int hour = 0;
  int tickets = 0;           // arrived in this hour
  int called = 0;            // of them, called before close (the ones measured)
  double mae_min = 0;        // mean |predicted - actual|, called tickets
  double mean_wait_min = 0;  // mean actual wait, called tickets
};

struct SimReport {
  std::vector<SimTicket> tickets;  // in arrival order
  std::vector<SimHour> hours;      // hours with arrivals, in order
  int arrived = 0, served = 0, in_service_at_close = 0, waiting_at_close = 0;
  double mae_min = 0;  // over every called ticket
  double mean_wait_min = 0;
  double max_wait_min = 0;
};

// Malformed "invalid_sim" on a day out of bounds (hours, shares, windows,
// service times); TooLarge "too_many_tickets" past kMaxSimTickets arrivals.
Status SimulateDay(const SimDay& day, SimReport* report);

// Every arrival of `day` (time since midnight, queue, priority, service
// time), drawn from its seed as SimulateDay draws them; predicted and actual
// waits unset. Errors: as SimulateDay's.
Status DrawArrivals(const SimDay& day, std::vector<SimTicket>* out);

// The hours and the day's figures of report->tickets (their predicted and
// actual waits): mean absolute error, mean and longest wait.
void Summarize(SimReport* report);

// Built-in days (docs/architecture.md, "Queue simulator"): "busy" and "quiet".
// NotFound "unknown_profile" for any other name.
Status ProfileDay(const std::string& name, int64_t seed, SimDay* day);

}  // namespace tereze::sim
