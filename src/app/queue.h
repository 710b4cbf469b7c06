// The electronic queue of every branch (R8, R15, R16): tickets from the
// kiosk and the web, the counter's actions, the boards. One engine per branch
// (domain/queue.h) lives in memory behind the branch's lock; each step is
// decided there — so no two operators ever get the same ticket — and written
// through the one writer before it is answered (durable). After a restart the
// branch's day is read back from the database on first use.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/rate_limiter.h"
#include "domain/queue.h"
#include "store/writer.h"

namespace tereze::app {

inline constexpr size_t kBoardCalls = 10;  // the board shows the latest calls
// A holder with a phone is told by SMS when at most this many are ahead (once),
// and when called.
inline constexpr int kSmsSoonAhead = 3;

struct TicketView {
  domain::Ticket ticket;
  int64_t branch_id = 0;
  std::string label;  // "A015"
  std::string queue_kind;
  std::string queue_name_kk, queue_name_ru;
  int position = -1;  // waiting ahead; -1 when not waiting
  int64_t estimated_wait_ms = 0;
  int window_number = 0;
  std::string center_name_kk, center_name_ru, time_zone;
  std::string token;  // only when the ticket is taken: the holder's key to follow it
};

struct BoardCall {
  std::string label;
  int window_number = 0;
  int64_t at_ms = 0;
};

// A call as the boards show and speak it (R16), as a JSON object: {"type":
// "call", number, window, text {kk, ru}, audio {kk, ru}} — the same for the
// WebSocket event and the board's list.
std::string CallEventJson(const BoardCall& c);

struct LiveWindow {
  int64_t id = 0;
  int number = 0;
  std::string kind;
  int64_t employee_id = 0;
  int64_t ticket_id = 0;
};
inline constexpr int64_t kWaitAlertMs = 15 * 60 * 1000;  // the manager is alerted past this
struct LiveQueue {
  std::vector<TicketView> waiting, serving, parked;
  std::vector<LiveWindow> windows;
  std::vector<TicketView> alerts;  // waiting longer than kWaitAlertMs
};

// The day's statistics per operator, per queue and per hour (local), and
// each operator's idle time between finishing one ticket and calling the next.
struct QueueStats {
  std::map<int64_t, domain::StepTimes> by_employee;
  std::map<int64_t, int64_t> idle_ms_by_employee;
  std::map<std::string, domain::StepTimes> by_queue;
  std::map<int, domain::StepTimes> by_hour;
  int64_t taken = 0, no_shows = 0;
  std::map<std::pair<std::string, std::string>, int64_t> consultations;  // (service, outcome)
};

struct TicketRequest {
  std::string queue;
  std::string lang;
  std::string priority = "none";
  std::string phone;
};

enum class CounterAction { kRecall, kNoShow, kStart, kFinish, kRedirect, kPark, kResume };

class QueueService {
 public:
  explicit QueueService(App& app);
  ~QueueService();

  // Public (kiosk, web, QR). Errors: queue_unknown (404), center_closed,
  // invalid_field, series_exhausted (A999 reached today), rate_limited,
  // appointment_only (a walk-in outside consultation at such a branch).
  void TakeTicket(int64_t branch_id, const std::string& client, TicketRequest r,
                  const Done<TicketView>& done);
  // An appointment's holder checking in at the kiosk (app/appointments.h
  // decides whether it is time): a ticket in `queue` with the appointment's
  // priority, taken as TakeTicket does. `also` runs in the ticket's write
  // transaction with its id (marks the appointment used; an error undoes
  // the ticket). Errors: as TakeTicket's, without rate_limited.
  using AlsoWrite = std::function<Status(store::WriteTx&, int64_t ticket_id)>;
  void CheckIn(int64_t branch_id, const std::string& queue, const std::string& lang,
               const std::string& phone, AlsoWrite also, const Done<TicketView>& done);
  // The holder's view, with the token given at taking.
  Status GetTicket(int64_t id, const std::string& token, TicketView* out);

  // By the employee seated at `window_id` (R8). Errors: not_at_window,
  // window_busy, queue_empty, window_closed.
  void CallNext(const Principal& who, int64_t window_id, const Done<TicketView>& done);
  void CallTicket(const Principal& who, int64_t window_id, int64_t ticket_id,
                  const Done<TicketView>& done);
  // A visitor served at once without a ticket (R8): a ticket is made in
  // `queue` and called at the window, so the visit is counted like any other.
  void WalkIn(const Principal& who, int64_t window_id, const std::string& queue,
              const std::string& lang, const Done<TicketView>& done);
  // `arg`: the outcome (finish) or the queue (redirect). Errors: wrong_state,
  // ticket_not_found, queue_unknown, invalid_field.
  void Act(const Principal& who, int64_t ticket_id, CounterAction action, const std::string& arg,
           const Done<TicketView>& done);
  Status Current(const Principal& who, int64_t window_id, TicketView* out, bool* found);

  Status Live(const Principal& who, int64_t branch_id, LiveQueue* out);
  // The branch's windows changed (seated, retired, added): read its day again
  // at the next step, instead of re-reading the windows on every call.
  void Invalidate(int64_t branch_id);

  // R8: what each window serves, with weights (no rows: the queues of its kind),
  // and the branch's calling rules (wait thresholds, ratio). Errors:
  // window_not_found, queue_unknown, invalid_field, forbidden.
  void SetWindowSkills(const Principal& who, int64_t window_id,
                       std::vector<domain::WindowSkill> skills, const Done<bool>& done);
  void SetRules(const Principal& who, int64_t branch_id, domain::CallingRules rules,
                const Done<bool>& done);
  Status GetRules(const Principal& who, int64_t branch_id, domain::CallingRules* rules);
  Status Board(int64_t branch_id, std::vector<BoardCall>* out);
  // `day` YYYY-MM-DD in the branch's zone (from the database: any day).
  Status Stats(const Principal& who, int64_t branch_id, const std::string& day, QueueStats* out);

 private:
  struct Branch;
  // A new ticket, by TakeTicket or CheckIn: checks the queue, the hours and
  // (for a walk-in) the branch's appointment-only flag, numbers it, writes it.
  struct NewTicket {
    std::string queue, lang, phone;
    domain::Priority priority = domain::Priority::kNone;
    bool walk_in = true;
  };
  void Issue(int64_t branch_id, const NewTicket& n, AlsoWrite also, const Done<TicketView>& done);
  // The branch's engine, loaded (or reloaded after a failed write, or on a
  // new day) and locked for the caller.
  Status Lock(int64_t branch_id, std::unique_lock<std::mutex>* lock, Branch** out);
  Status Load(Branch& b, int64_t branch_id, int64_t now_ms);
  Status RefreshWindows(Branch& b, int64_t branch_id);
  TicketView ViewOf(const Branch& b, const domain::Ticket& t, int64_t now_ms) const;
  // Writes `t` and its event; then answers. A failed write reloads the branch.
  // An SMS to a holder who left a phone, written with the step that causes it.
  struct QueueSms {
    int64_t ticket_id = 0;
    std::string phone, body, purpose;  // purpose: queue_soon (marks the ticket) or queue_call
  };
  // The SMS a call causes: to the called ticket, and "your turn is near" to
  // each of the next kSmsSoonAhead + 1 in its queue not yet told.
  std::vector<QueueSms> SmsOnCall(Branch& b, const domain::Ticket& called);
  void Persist(Branch& b, const Principal* who, const domain::Ticket& t, const std::string& kind,
               const std::string& note, const Done<TicketView>& done,
               std::vector<QueueSms> sms = {});
  void Announce(Branch& b, const domain::Ticket& t, int64_t now_ms);
  Status SeatedWindow(Branch& b, const Principal& who, int64_t window_id);

  App& app_;
  RateLimiter take_limiter_;
  std::mutex mu_;  // guards branches_ (the map), not the branches
  std::map<int64_t, std::unique_ptr<Branch>> branches_;
};

}  // namespace tereze::app
