// The electronic queue of one branch (R8, R15, R16): tickets waiting in
// queues (series A, B, ...), windows with skills, the branch's calling rules,
// and every counter action. Pure and deterministic: the server keeps one per
// branch behind a lock and writes each step to the database; the simulator
// drives the same engine with a simulated clock.
//
// Order inside a queue: priority class (R16: people with disabilities first),
// then the original arrival. Which queue a window calls from: a queue whose
// head waited past its threshold; else the branch's ratio ("2 from A, 1 from
// B"); else the window's highest weight, the head's priority, the longest wait.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/status.h"

namespace tereze::domain {

inline constexpr int kMaxRecalls = 3;             // then the ticket is a no-show
inline constexpr int kMaxTicketNumber = 999;      // per series per day: A001..A999
inline constexpr size_t kMaxLiveTickets = 20000;  // a branch's day, far above a real one
inline constexpr size_t kMaxWindowSkills = 16;
inline constexpr int64_t kDefaultServiceMs = 10 * 60 * 1000;  // before any service was timed

// R16 and appointments: who is served before arrival order says.
enum class Priority { kNone, kAppointment, kElderly, kPregnant, kDisability };
// Higher serves first: disability 3; elderly and pregnant 2; appointment 1.
int PriorityRank(Priority p);
const char* ToString(Priority p);
std::optional<Priority> ParsePriority(std::string_view text);

enum class TicketState { kWaiting, kCalled, kServing, kParked, kDone, kNoShow };
const char* ToString(TicketState s);
std::optional<TicketState> ParseTicketState(std::string_view text);

struct Ticket {
  int64_t id = 0;
  std::string series;  // the letter printed on it, "A"; kept through redirects
  std::string queue;   // the queue it waits in or was called from
  int number = 0;      // 1..kMaxTicketNumber in its series
  std::string lang = "kk";
  Priority priority = Priority::kNone;
  bool redirected = false;  // came back from another queue: raised priority
  int64_t arrived_ms = 0;   // the first arrival, kept through redirects
  TicketState state = TicketState::kWaiting;
  int64_t window_id = 0;  // calling or serving window
  int recalls = 0;
  int64_t called_ms = 0, started_ms = 0, finished_ms = 0;
  std::string outcome;  // finish: served, referred, not_served
};

// "A015".
std::string TicketLabel(const std::string& series, int number);
// The ticket's printed number: its series (its queue when none) and number.
std::string LabelOf(const Ticket& t);

struct WindowSkill {
  std::string queue;
  int weight = 1;  // higher preferred
};

struct CallingRules {
  // Call from `queue` when its head has waited more than `wait_ms`.
  struct Threshold {
    std::string queue;
    int64_t wait_ms = 0;
  };
  // "2 from A, 1 from B": a window serving these queues takes them in turn.
  struct Share {
    std::string queue;
    int count = 1;
  };
  std::vector<Threshold> thresholds;
  std::vector<Share> ratio;
};

// Statistics of finished steps (R8, issue 6): waiting = call - arrival,
// walk-up = start - call, service = finish - start, in milliseconds.
struct StepTimes {
  int64_t count = 0;
  int64_t wait_ms = 0, walkup_ms = 0, service_ms = 0;  // totals
  int64_t max_wait_ms = 0;
  void Add(const Ticket& t);
};

class QueueEngine {
 public:
  // The windows open now and what each serves; replaces earlier ones.
  void SetWindow(int64_t window_id, std::vector<WindowSkill> skills);
  void CloseWindow(int64_t window_id);
  void SetRules(CallingRules rules) { rules_ = std::move(rules); }

  // A ticket as it is (recovery) or new (waiting). Conflict "duplicate_ticket".
  Status Add(const Ticket& t);
  const Ticket* Find(int64_t id) const;

  // Which waiting ticket `window_id` should call at `now_ms`; NotFound
  // "queue_empty" when none of its queues has one, "window_closed" when the
  // window has no skills.
  Status PickNext(int64_t window_id, int64_t now_ms, int64_t* ticket_id) const;

  // Counter actions; each Conflict "wrong_state" when it does not apply.
  Status Call(int64_t ticket_id, int64_t window_id, int64_t now_ms);  // waiting -> called
  // Called again; after kMaxRecalls the ticket becomes a no-show (`*no_show`).
  Status Recall(int64_t ticket_id, int64_t now_ms, bool* no_show);
  Status NoShow(int64_t ticket_id, int64_t now_ms);  // called -> no_show
  Status Start(int64_t ticket_id, int64_t now_ms);   // called -> serving
  Status Finish(int64_t ticket_id, const std::string& outcome, int64_t now_ms);
  // serving|called -> waiting in `queue`, original arrival kept, priority raised.
  Status Redirect(int64_t ticket_id, const std::string& queue, int64_t now_ms);
  Status Park(int64_t ticket_id, int64_t now_ms);  // serving -> parked (waits for a paper)
  Status Resume(int64_t ticket_id, int64_t window_id, int64_t now_ms);  // parked -> serving

  // Waiting tickets ahead of `ticket_id` in its queue; -1 when not waiting.
  int Position(int64_t ticket_id) const;
  // 1/mu the queue's mean service time so far (kDefaultServiceMs before any),
  // c the open windows serving the queue. With a service in progress at one
  // of them: each window is free now (idle) or at its ticket's start + 1/mu,
  // the n tickets ahead take the earliest free window in turn for 1/mu each,
  // and the wait is until the (n + 1)-th turn begins. With none in progress:
  // E[W | n ahead] = (n + 1) / (c * mu). Checked by src/sim (tereze simulate).
  int64_t EstimatedWaitMs(int64_t ticket_id, int64_t now_ms) const;
  // A service time measured before a restart (recovery keeps the estimates).
  void RecordService(const std::string& queue, int64_t service_ms);
  size_t waiting_count() const;
  // In call order; the first `limit` only.
  std::vector<const Ticket*> WaitingIn(const std::string& queue, size_t limit = SIZE_MAX) const;
  // Tickets in `state`, by id (parked ones for the counter's list).
  std::vector<const Ticket*> InState(TicketState state) const;
  // The ticket called or served at `window_id`, 0 when none.
  int64_t CurrentAt(int64_t window_id) const;

 private:
  // Call order inside a queue: (-rank, arrival, id).
  using Key = std::tuple<int, int64_t, int64_t>;
  static Key KeyOf(const Ticket& t);
  static int Rank(const Ticket& t);
  void Enqueue(const Ticket& t);
  void Dequeue(const Ticket& t);
  void Release(Ticket* t);  // the ticket leaves its window
  Ticket* Mutable(int64_t id);
  Status Expect(const Ticket* t, std::initializer_list<TicketState> states) const;
  double MeanServiceMs(const std::string& queue) const;

  std::map<int64_t, Ticket> tickets_;
  std::map<std::string, std::set<Key>> waiting_;
  std::map<int64_t, std::vector<WindowSkill>> windows_;
  CallingRules rules_;
  // The ticket called or served at each window (one at most).
  std::map<int64_t, int64_t> at_window_;
  // Ratio: how many each window took from each queue in the current round.
  std::map<int64_t, std::map<std::string, int>> taken_;
  // Service times per queue: count and total.
  std::map<std::string, std::pair<int64_t, int64_t>> service_;
};

}  // namespace tereze::domain
