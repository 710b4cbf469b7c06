#include "app/queue.h"

#include <set>

#include "app/branches.h"
#include "app/intake.h"
#include "core/crypto.h"
#include "core/zone.h"
#include "domain/call_text.h"
#include "domain/intake.h"
#include "store/appointments.h"
#include "store/branches.h"
#include "store/consultations.h"
#include "store/outbox.h"
#include "store/tickets.h"

namespace tereze::app {

namespace {

constexpr int kTicketsPerClientPerMinute = 120;  // a kiosk is one client: two a second
constexpr int64_t kRecentCallsMs = 12 * 3600 * 1000;

// "A:15,B:30" -> pairs; malformed parts are skipped (the admin checks on write).
std::vector<std::pair<std::string, int64_t>> ParsePairs(const std::string& text) {
  std::vector<std::pair<std::string, int64_t>> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(start, comma - start);
    size_t colon = part.find(':');
    if (colon != std::string::npos && colon > 0) {
      int64_t v = std::atoll(part.c_str() + colon + 1);
      if (v > 0) out.emplace_back(part.substr(0, colon), v);
    }
    start = comma + 1;
  }
  return out;
}

}  // namespace

struct QueueService::Branch {
  std::mutex mu;
  bool loaded = false;
  std::string day;
  domain::Branch branch;
  domain::BranchHours hours;
  domain::QueueEngine engine;
  std::map<std::string, store::QueueRow> queues;
  std::map<std::string, int> last_number;
  std::map<int64_t, domain::Window> windows;
  std::map<int64_t, std::string> token_sha256;  // per ticket
  std::map<int64_t, std::string> phones;        // tickets whose holder left a phone
  std::set<int64_t> told_soon;                  // of them: told, or never to be told
  std::deque<BoardCall> calls;                  // newest first
};

// {"type":"call", number, window, text {kk, ru}, audio {kk, ru}} for the boards (R16).
std::string CallEventJson(const BoardCall& c) {
  const std::string window = std::to_string(c.window_number);
  const std::string stem = "/api/v1/audio/calls/" + c.label + "-" + window + "-";
  auto quoted = [](const std::string& text) {
    std::string out = "\"";
    for (char ch : text) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    return out + "\"";
  };
  return "{\"type\":\"call\",\"number\":" + quoted(c.label) + ",\"window\":" + window +
         ",\"text\":{\"kk\":" + quoted(domain::CallDisplayText("kk", c.label, c.window_number)) +
         ",\"ru\":" + quoted(domain::CallDisplayText("ru", c.label, c.window_number)) +
         "},\"audio\":{\"kk\":" + quoted(stem + "kk.wav") + ",\"ru\":" + quoted(stem + "ru.wav") +
         "}}";
}

QueueService::~QueueService() = default;

QueueService::QueueService(App& app)
    : app_(app), take_limiter_(app.clock(), kTicketsPerClientPerMinute, 60 * 1000) {}

Status QueueService::Lock(int64_t branch_id, std::unique_lock<std::mutex>* lock, Branch** out) {
  Branch* b = nullptr;
  {
    std::lock_guard g(mu_);
    auto& slot = branches_[branch_id];
    if (!slot) slot = std::make_unique<Branch>();
    b = slot.get();
  }
  *lock = std::unique_lock(b->mu);
  const int64_t now_ms = app_.clock().NowMs();
  if (b->loaded) {
    LocalDate today;
    if (Status s = LocalDateIn(b->branch.time_zone, now_ms, &today); !s.ok()) return s;
    if (today.ToString() != b->day) b->loaded = false;  // a new day: numbers start again
  }
  if (!b->loaded) {
    if (Status s = Load(*b, branch_id, now_ms); !s.ok()) return s;
  }
  *out = b;
  return Status::Ok();
}

Status QueueService::Load(Branch& b, int64_t branch_id, int64_t now_ms) {
  b.engine = domain::QueueEngine();
  b.queues.clear();
  b.last_number.clear();
  b.token_sha256.clear();
  b.phones.clear();
  b.told_soon.clear();
  b.calls.clear();
  std::vector<store::TicketRow> tickets;
  std::vector<store::QueueEventRow> calls;
  std::string thresholds, ratio;
  Status s = app_.db().Read([&](store::Connection& db) {
    Status st = LoadBranchHours(db, branch_id, &b.branch, &b.hours);
    if (st.kind() == Status::Kind::kNotFound) {
      return Status::NotFound("branch_not_found", "no such branch");
    }
    if (!st.ok()) return st;
    LocalDate today;
    if (st = LocalDateIn(b.branch.time_zone, now_ms, &today); !st.ok()) return st;
    b.day = today.ToString();
    std::vector<store::QueueRow> queues;
    if (st = store::ListQueues(db, branch_id, &queues); !st.ok()) return st;
    for (auto& q : queues) b.queues[q.code] = q;
    if (st = store::GetQueueRules(db, branch_id, &thresholds, &ratio); !st.ok()) return st;
    if (st = store::ListTicketsOfDay(db, branch_id, b.day, &tickets); !st.ok()) return st;
    return store::ListRecentCalls(db, branch_id, now_ms - kRecentCallsMs,
                                  static_cast<int>(kBoardCalls), &calls);
  });
  if (!s.ok()) return s;
  domain::CallingRules rules;
  for (auto& [q, minutes] : ParsePairs(thresholds))
    rules.thresholds.push_back({q, minutes * 60000});
  for (auto& [q, count] : ParsePairs(ratio)) rules.ratio.push_back({q, static_cast<int>(count)});
  b.engine.SetRules(rules);
  for (const auto& row : tickets) {
    const domain::Ticket& t = row.ticket;
    if (Status st = b.engine.Add(t); !st.ok()) return st;
    b.token_sha256[t.id] = row.token_sha256;
    if (!row.phone.empty()) b.phones[t.id] = row.phone;
    if (row.soon_sms_at_ms != 0) b.told_soon.insert(t.id);
    int& last = b.last_number[t.series];
    last = std::max(last, t.number);
    if (t.state == domain::TicketState::kDone && t.started_ms != 0) {
      b.engine.RecordService(t.queue, t.finished_ms - t.started_ms);
    }
  }
  if (s = RefreshWindows(b, branch_id); !s.ok()) return s;
  for (const auto& e : calls) {
    const domain::Ticket* t = b.engine.Find(e.ticket_id);
    auto w = b.windows.find(e.window_id);
    if (t && w != b.windows.end()) {
      b.calls.push_back({domain::LabelOf(*t), w->second.number, e.at_ms});
    }
  }
  b.loaded = true;
  return Status::Ok();
}

// Windows with an employee seated are open; each serves its skills, or the
// queues of its kind.
Status QueueService::RefreshWindows(Branch& b, int64_t branch_id) {
  std::vector<domain::Window> windows;
  std::vector<store::SkillRow> skills;
  Status s = app_.db().Read([&](store::Connection& db) {
    Status st = store::ListWindows(db, branch_id, &windows);
    if (!st.ok()) return st;
    return store::ListWindowSkills(db, branch_id, &skills);
  });
  if (!s.ok()) return s;
  b.windows.clear();
  for (const auto& w : windows) {
    b.windows[w.id] = w;
    if (w.retired || w.employee_id == 0) {
      b.engine.CloseWindow(w.id);
      continue;
    }
    std::vector<domain::WindowSkill> own;
    for (const auto& k : skills) {
      if (k.window_id == w.id) own.push_back({k.queue, static_cast<int>(k.weight)});
    }
    if (own.empty()) {
      for (const auto& [code, q] : b.queues) {
        if (q.kind == w.kind) own.push_back({code, 1});
      }
    }
    b.engine.SetWindow(w.id, own);
  }
  return Status::Ok();
}

TicketView QueueService::ViewOf(const Branch& b, const domain::Ticket& t, int64_t now_ms) const {
  TicketView v;
  v.ticket = t;
  v.branch_id = b.branch.id;
  v.label = domain::LabelOf(t);
  if (auto q = b.queues.find(t.queue); q != b.queues.end()) {
    v.queue_kind = q->second.kind;
    v.queue_name_kk = q->second.name_kk;
    v.queue_name_ru = q->second.name_ru;
  }
  v.center_name_kk = b.branch.name_kk;
  v.center_name_ru = b.branch.name_ru;
  v.time_zone = b.branch.time_zone;
  v.position = b.engine.Position(t.id);
  v.estimated_wait_ms = b.engine.EstimatedWaitMs(t.id, now_ms);
  if (auto w = b.windows.find(t.window_id); w != b.windows.end())
    v.window_number = w->second.number;
  return v;
}

void QueueService::Announce(Branch& b, const domain::Ticket& t, int64_t now_ms) {
  BoardCall call{domain::LabelOf(t), 0, now_ms};
  if (auto w = b.windows.find(t.window_id); w != b.windows.end())
    call.window_number = w->second.number;
  b.calls.push_front(call);
  while (b.calls.size() > kBoardCalls) b.calls.pop_back();
  app_.Publish("board:" + std::to_string(b.branch.id), CallEventJson(call));
}

void QueueService::Persist(Branch& b, const Principal* who, const domain::Ticket& t,
                           const std::string& kind, const std::string& note,
                           const Done<TicketView>& done, std::vector<QueueSms> sms) {
  const int64_t branch_id = b.branch.id;
  const int64_t employee_id = who ? who->employee.id : 0;
  auto view = std::make_shared<TicketView>(ViewOf(b, t, app_.clock().NowMs()));
  Branch* branch = &b;
  SubmitWrite<TicketView>(
      app_.db(), view,
      [t, kind, note, branch_id, employee_id, sms](store::WriteTx& tx, TicketView&) {
        Status s = store::UpdateTicket(tx.db(), t, employee_id);
        if (!s.ok()) return s;
        s = store::InsertQueueEvent(
            tx.db(), {t.id, branch_id, kind, tx.now_ms(), t.window_id, employee_id, note});
        for (const QueueSms& m : sms) {
          if (!s.ok()) return s;
          store::OutboxMessage out;
          out.recipient = m.phone;
          out.body = m.body;
          out.purpose = m.purpose;
          out.created_at_ms = out.next_attempt_at_ms = tx.now_ms();
          int64_t id = 0;
          s = store::InsertOutbox(tx.db(), out, &id);
          if (s.ok() && m.purpose == "queue_soon") {
            s = store::MarkTicketSoonSms(tx.db(), m.ticket_id, tx.now_ms());
          }
        }
        return s;
      },
      [this, branch, branch_id, kind, done, has_sms = !sms.empty()](const Status& st,
                                                                    const TicketView& v) {
        if (st.ok() && has_sms) app_.WakeOutbox();
        if (!st.ok()) {
          // The engine moved ahead of the database: read the day back.
          std::lock_guard lock(branch->mu);
          branch->loaded = false;
        } else {
          // Boards call only what is on disk: a call lost in a crash is never shown.
          if (kind == "call" || kind == "recall") {
            std::lock_guard lock(branch->mu);
            Announce(*branch, v.ticket, app_.clock().NowMs());
          }
          app_.Publish("board:" + std::to_string(branch_id),
                       "{\"type\":\"queue\",\"ticket_id\":" + std::to_string(v.ticket.id) +
                           ",\"state\":\"" + domain::ToString(v.ticket.state) + "\"}");
        }
        done(st, v);
      });
}

void QueueService::TakeTicket(int64_t branch_id, const std::string& client, TicketRequest r,
                              const Done<TicketView>& done) {
  if (int64_t wait_s = take_limiter_.Acquire(client); wait_s > 0) {
    return done(Status::Throttled("rate_limited", "too many tickets from here; wait", wait_s), {});
  }
  auto priority = domain::ParsePriority(r.priority);
  if (!priority) {
    return done(
        Status::Malformed("invalid_field", "priority: none, elderly, pregnant or disability"), {});
  }
  if (*priority == domain::Priority::kAppointment) {
    return done(Status::Malformed("invalid_field",
                                  "priority: an appointment checks in with its booking code"),
                {});
  }
  if (r.lang != "kk" && r.lang != "ru") {
    return done(Status::Malformed("invalid_field", "lang: kk or ru"), {});
  }
  std::string phone;
  if (!r.phone.empty() && !domain::NormalizePhone(r.phone, &phone)) {
    return done(Status::Malformed("invalid_field", "phone: +7XXXXXXXXXX"), {});
  }
  Issue(branch_id, {r.queue, r.lang, phone, *priority, /*walk_in=*/true}, nullptr, done);
}

void QueueService::CheckIn(int64_t branch_id, const std::string& queue, const std::string& lang,
                           const std::string& phone, AlsoWrite also, const Done<TicketView>& done) {
  Issue(branch_id, {queue, lang, phone, domain::Priority::kAppointment, /*walk_in=*/false},
        std::move(also), done);
}

void QueueService::Issue(int64_t branch_id, const NewTicket& n, AlsoWrite also,
                         const Done<TicketView>& done) {
  bool appointment_only = false;
  if (n.walk_in) {
    Status s = app_.db().Read([&](store::Connection& db) {
      return store::IsAppointmentOnly(db, branch_id, &appointment_only);
    });
    if (!s.ok()) return done(s, {});
  }
  std::unique_lock<std::mutex> lock;
  Branch* b = nullptr;
  if (Status s = Lock(branch_id, &lock, &b); !s.ok()) return done(s, {});
  auto queue = b->queues.find(n.queue);
  if (queue == b->queues.end()) {
    return done(Status::NotFound("queue_unknown", "the branch has no queue " + n.queue), {});
  }
  if (appointment_only && queue->second.kind != "consultation") {
    return done(Status::Refused("appointment_only",
                                "this branch serves by appointment; book a slot or check in"),
                {});
  }
  const int64_t now_ms = app_.clock().NowMs();
  LocalDate today;
  if (Status s = CheckCenterOpen(app_, b->branch, b->hours, now_ms, &today); !s.ok()) {
    return done(s, {});
  }
  int& last = b->last_number[n.queue];
  if (last >= domain::kMaxTicketNumber) {
    return done(Status::Refused("series_exhausted", "the series " + n.queue + " is used up today"),
                {});
  }
  auto row = std::make_shared<store::TicketRow>();
  row->ticket.series = n.queue;
  row->ticket.queue = n.queue;
  row->ticket.number = ++last;  // under the branch's lock: never twice
  row->ticket.lang = n.lang;
  row->ticket.priority = n.priority;
  row->ticket.arrived_ms = now_ms;
  row->branch_id = branch_id;
  row->day = b->day;
  row->phone = n.phone;
  const std::string token = RandomHex(16);
  row->token_sha256 = Sha256Hex(token);
  auto view = std::make_shared<TicketView>();
  Branch* branch = b;
  lock.unlock();
  SubmitWrite<TicketView>(
      app_.db(), view,
      [row, also](store::WriteTx& tx, TicketView&) {
        Status s = store::InsertTicket(tx.db(), row.get());
        if (s.ok()) {
          s = store::InsertQueueEvent(tx.db(), {row->ticket.id, row->branch_id, "take", tx.now_ms(),
                                                0, 0, row->ticket.lang});
        }
        if (s.ok() && also) s = also(tx, row->ticket.id);
        return s;
      },
      [this, branch, row, token, done](const Status& st, const TicketView&) {
        if (!st.ok()) return done(st, {});
        TicketView v;
        {
          std::lock_guard g(branch->mu);
          if (branch->loaded && branch->day == row->day) {
            (void)branch->engine.Add(row->ticket);
            branch->token_sha256[row->ticket.id] = row->token_sha256;
          }
          v = ViewOf(*branch, row->ticket, app_.clock().NowMs());
          if (!row->phone.empty()) {
            branch->phones[row->ticket.id] = row->phone;
            // Already near the front: the kiosk's ticket says so; no SMS for it.
            if (v.position <= kSmsSoonAhead) branch->told_soon.insert(row->ticket.id);
          }
        }
        v.token = token;
        app_.Publish("board:" + std::to_string(row->branch_id),
                     "{\"type\":\"queue\",\"ticket_id\":" + std::to_string(row->ticket.id) +
                         ",\"state\":\"waiting\"}");
        done(Status::Ok(), v);
      });
}

Status QueueService::GetTicket(int64_t id, const std::string& token, TicketView* out) {
  store::TicketRow row;
  Status s = app_.db().Read([&](store::Connection& db) { return store::FindTicket(db, id, &row); });
  if (s.ok() && !ConstantTimeEquals(Sha256Hex(token), row.token_sha256)) {
    s = Status::NotFound("ticket_not_found", "no such ticket");
  }
  if (!s.ok()) return s;
  std::unique_lock<std::mutex> lock;
  Branch* b = nullptr;
  if (s = Lock(row.branch_id, &lock, &b); !s.ok()) return s;
  const domain::Ticket* live = b->engine.Find(id);
  *out = ViewOf(*b, live ? *live : row.ticket, app_.clock().NowMs());
  return Status::Ok();
}

Status QueueService::SeatedWindow(Branch& b, const Principal& who, int64_t window_id) {
  auto w = b.windows.find(window_id);
  if (w == b.windows.end() || w->second.employee_id != who.employee.id) {
    return Status::Refused("not_at_window", "you are not seated at this window (R8)");
  }
  return Status::Ok();
}

void QueueService::CallNext(const Principal& who, int64_t window_id, const Done<TicketView>& done) {
  CallTicket(who, window_id, 0, done);
}

void QueueService::CallTicket(const Principal& who, int64_t window_id, int64_t ticket_id,
                              const Done<TicketView>& done) {
  std::unique_lock<std::mutex> lock;
  Branch* b = nullptr;
  if (Status s = Lock(who.employee.branch_id, &lock, &b); !s.ok()) return done(s, {});
  if (Status s = SeatedWindow(*b, who, window_id); !s.ok()) return done(s, {});
  const int64_t now_ms = app_.clock().NowMs();
  if (b->engine.CurrentAt(window_id) != 0) {
    return done(Status::Conflict("window_busy", "finish the ticket at this window first"), {});
  }
  if (ticket_id == 0) {
    if (Status s = b->engine.PickNext(window_id, now_ms, &ticket_id); !s.ok()) return done(s, {});
  }
  if (Status s = b->engine.Call(ticket_id, window_id, now_ms); !s.ok()) return done(s, {});
  const domain::Ticket t = *b->engine.Find(ticket_id);
  Persist(*b, &who, t, "call", "", done, SmsOnCall(*b, t));
}

std::vector<QueueService::QueueSms> QueueService::SmsOnCall(Branch& b,
                                                            const domain::Ticket& called) {
  std::vector<QueueSms> out;
  if (auto p = b.phones.find(called.id); p != b.phones.end()) {
    int window = 0;
    if (auto w = b.windows.find(called.window_id); w != b.windows.end()) window = w->second.number;
    out.push_back({called.id, p->second,
                   domain::QueueCalledSms(called.lang, domain::LabelOf(called), window),
                   "queue_call"});
  }
  int ahead = 0;
  for (const domain::Ticket* t : b.engine.WaitingIn(called.queue, kSmsSoonAhead + 1)) {
    auto p = b.phones.find(t->id);
    if (p != b.phones.end() && b.told_soon.insert(t->id).second) {
      out.push_back({t->id, p->second, domain::QueueSoonSms(t->lang, domain::LabelOf(*t), ahead),
                     "queue_soon"});
    }
    ++ahead;
  }
  return out;
}

void QueueService::WalkIn(const Principal& who, int64_t window_id, const std::string& queue,
                          const std::string& lang, const Done<TicketView>& done) {
  if (lang != "kk" && lang != "ru") {
    return done(Status::Malformed("invalid_field", "lang: kk or ru"), {});
  }
  {
    std::unique_lock<std::mutex> lock;
    Branch* b = nullptr;
    if (Status s = Lock(who.employee.branch_id, &lock, &b); !s.ok()) return done(s, {});
    if (Status s = SeatedWindow(*b, who, window_id); !s.ok()) return done(s, {});
    if (b->engine.CurrentAt(window_id) != 0) {
      return done(Status::Conflict("window_busy", "finish the ticket at this window first"), {});
    }
  }
  const int64_t branch_id = who.employee.branch_id;
  Issue(branch_id, {queue, lang, "", domain::Priority::kNone, /*walk_in=*/false}, nullptr,
        [this, who, window_id, done](const Status& st, const TicketView& v) {
          if (!st.ok()) return done(st, v);
          CallTicket(who, window_id, v.ticket.id, done);
        });
}

void QueueService::Act(const Principal& who, int64_t ticket_id, CounterAction action,
                       const std::string& arg, const Done<TicketView>& done) {
  std::unique_lock<std::mutex> lock;
  Branch* b = nullptr;
  if (Status s = Lock(who.employee.branch_id, &lock, &b); !s.ok()) return done(s, {});
  const domain::Ticket* before = b->engine.Find(ticket_id);
  if (!before) return done(Status::NotFound("ticket_not_found", "no such ticket today"), {});
  const int64_t now_ms = app_.clock().NowMs();
  Status s;
  std::string kind, note;
  switch (action) {
    case CounterAction::kRecall: {
      bool no_show = false;
      s = b->engine.Recall(ticket_id, now_ms, &no_show);
      kind = no_show ? "no_show" : "recall";
      note = no_show ? "recall limit" : "";
      break;
    }
    case CounterAction::kNoShow:
      s = b->engine.NoShow(ticket_id, now_ms);
      kind = "no_show";
      break;
    case CounterAction::kStart:
      s = b->engine.Start(ticket_id, now_ms);
      kind = "start";
      break;
    case CounterAction::kFinish:
      s = b->engine.Finish(ticket_id, arg, now_ms);
      kind = "finish";
      note = arg;
      break;
    case CounterAction::kRedirect:
      if (b->queues.count(arg) == 0) {
        s = Status::NotFound("queue_unknown", "the branch has no queue " + arg);
      } else {
        s = b->engine.Redirect(ticket_id, arg, now_ms);
      }
      kind = "redirect";
      note = arg;
      break;
    case CounterAction::kPark:
      s = b->engine.Park(ticket_id, now_ms);
      kind = "park";
      break;
    case CounterAction::kResume:
      s = SeatedWindow(*b, who, std::atoll(arg.c_str()));
      if (s.ok()) s = b->engine.Resume(ticket_id, std::atoll(arg.c_str()), now_ms);
      kind = "resume";
      break;
  }
  if (!s.ok()) return done(s, {});
  const domain::Ticket t = *b->engine.Find(ticket_id);
  Persist(*b, &who, t, kind, note, done);
}

Status QueueService::Current(const Principal& who, int64_t window_id, TicketView* out,
                             bool* found) {
  std::unique_lock<std::mutex> lock;
  Branch* b = nullptr;
  if (Status s = Lock(who.employee.branch_id, &lock, &b); !s.ok()) return s;
  if (b->windows.count(window_id) == 0) {
    return Status::NotFound("window_not_found", "no such window in your branch");
  }
  int64_t id = b->engine.CurrentAt(window_id);
  *found = id != 0;
  if (*found) *out = ViewOf(*b, *b->engine.Find(id), app_.clock().NowMs());
  return Status::Ok();
}

void QueueService::Invalidate(int64_t branch_id) {
  Branch* b = nullptr;
  {
    std::lock_guard g(mu_);
    auto it = branches_.find(branch_id);
    if (it == branches_.end()) return;  // not loaded yet: nothing stale
    b = it->second.get();
  }
  std::lock_guard g(b->mu);
  b->loaded = false;
}

Status QueueService::Live(const Principal& who, int64_t branch_id, LiveQueue* out) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  std::unique_lock<std::mutex> lock;
  Branch* b = nullptr;
  if (Status s = Lock(branch_id, &lock, &b); !s.ok()) return s;
  const int64_t now_ms = app_.clock().NowMs();
  for (const auto& [code, q] : b->queues) {
    for (const domain::Ticket* t : b->engine.WaitingIn(code)) {
      out->waiting.push_back(ViewOf(*b, *t, now_ms));
      if (now_ms - t->arrived_ms > kWaitAlertMs) out->alerts.push_back(out->waiting.back());
    }
  }
  for (const domain::Ticket* t : b->engine.InState(domain::TicketState::kParked)) {
    out->parked.push_back(ViewOf(*b, *t, now_ms));
  }
  for (const auto& [id, w] : b->windows) {
    if (w.retired) continue;
    int64_t current = b->engine.CurrentAt(id);
    out->windows.push_back({id, w.number, w.kind, w.employee_id, current});
    if (current != 0) out->serving.push_back(ViewOf(*b, *b->engine.Find(current), now_ms));
  }
  return Status::Ok();
}

Status QueueService::Stats(const Principal& who, int64_t branch_id, const std::string& day,
                           QueueStats* out) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  if (!LocalDate::Parse(day)) return Status::Malformed("invalid_field", "date: YYYY-MM-DD");
  std::vector<store::TicketRow> rows;
  domain::Branch branch;
  Status s = app_.db().Read([&](store::Connection& db) {
    Status st = store::FindBranch(db, branch_id, &branch);
    if (st.kind() == Status::Kind::kNotFound) {
      return Status::NotFound("branch_not_found", "no such branch");
    }
    if (!st.ok()) return st;
    if (st = store::ListTicketsOfDay(db, branch_id, day, &rows); !st.ok()) return st;
    // R14, R20: the day's consultations per service and outcome.
    const LocalDate date = *LocalDate::Parse(day);
    int64_t from_ms = 0, to_ms = 0;
    if (st = InstantOfLocalTime(branch.time_zone, date, 0, &from_ms); !st.ok()) return st;
    if (st = InstantOfLocalTime(branch.time_zone, date.AddDays(1), 0, &to_ms); !st.ok()) return st;
    return store::CountConsultations(db, branch_id, from_ms, to_ms, &out->consultations);
  });
  if (!s.ok()) return s;
  // Each operator's calls in time order: idle is finish -> next call.
  std::map<int64_t, std::vector<const store::TicketRow*>> by_employee;
  for (const auto& row : rows) {
    const domain::Ticket& t = row.ticket;
    ++out->taken;
    if (t.state == domain::TicketState::kNoShow) ++out->no_shows;
    if (t.called_ms == 0) continue;
    out->by_queue[t.series].Add(t);
    LocalDate date;
    int minute = 0;
    if (s = LocalTimeIn(branch.time_zone, t.arrived_ms, &date, &minute); !s.ok()) return s;
    out->by_hour[minute / 60].Add(t);
    if (row.employee_id != 0) {
      out->by_employee[row.employee_id].Add(t);
      by_employee[row.employee_id].push_back(&row);
    }
  }
  for (auto& [employee, list] : by_employee) {
    std::sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
      return a->ticket.called_ms < b->ticket.called_ms;
    });
    int64_t idle = 0;
    for (size_t i = 1; i < list.size(); ++i) {
      const int64_t free_at = list[i - 1]->ticket.finished_ms;
      if (free_at != 0) idle += std::max<int64_t>(0, list[i]->ticket.called_ms - free_at);
    }
    out->idle_ms_by_employee[employee] = idle;
  }
  return Status::Ok();
}

Status QueueService::Board(int64_t branch_id, std::vector<BoardCall>* out) {
  std::unique_lock<std::mutex> lock;
  Branch* b = nullptr;
  if (Status s = Lock(branch_id, &lock, &b); !s.ok()) return s;
  out->assign(b->calls.begin(), b->calls.end());
  return Status::Ok();
}

namespace {

constexpr int kMaxWeight = 100;
constexpr int64_t kMaxThresholdMinutes = 24 * 60;
constexpr int kMaxRatioCount = 100;

std::string JoinPairs(const std::vector<std::pair<std::string, int64_t>>& pairs) {
  std::string out;
  for (const auto& [q, v] : pairs) out += (out.empty() ? "" : ",") + q + ":" + std::to_string(v);
  return out;
}

}  // namespace

void QueueService::SetWindowSkills(const Principal& who, int64_t window_id,
                                   std::vector<domain::WindowSkill> skills,
                                   const Done<bool>& done) {
  if (skills.size() > domain::kMaxWindowSkills) {
    return done(Status::Malformed("invalid_field", "skills: at most 16"), false);
  }
  std::unique_lock<std::mutex> lock;
  Branch* b = nullptr;
  if (Status s = Lock(who.employee.branch_id, &lock, &b); !s.ok()) return done(s, false);
  if (b->windows.count(window_id) == 0) {
    return done(Status::NotFound("window_not_found", "no such window in your branch"), false);
  }
  std::vector<store::SkillRow> rows;
  for (const auto& k : skills) {
    if (b->queues.count(k.queue) == 0) {
      return done(Status::NotFound("queue_unknown", "the branch has no queue " + k.queue), false);
    }
    if (k.weight < 1 || k.weight > kMaxWeight) {
      return done(Status::Malformed("invalid_field", "weight: 1 to 100"), false);
    }
    rows.push_back({window_id, k.queue, k.weight});
  }
  Branch* branch = b;
  lock.unlock();
  SubmitWrite<bool>(
      app_.db(), std::make_shared<bool>(false),
      [who, window_id, rows](store::WriteTx& tx, bool& changed) {
        Status s = store::ReplaceWindowSkills(tx.db(), window_id, rows);
        if (!s.ok()) return s;
        changed = true;
        std::string text;
        for (const auto& r : rows) text += r.queue + ":" + std::to_string(r.weight) + ",";
        return tx.Audit(AuditOf(who, "window.skills", "window/" + std::to_string(window_id), text));
      },
      [branch, done](const Status& st, bool changed) {
        std::lock_guard g(branch->mu);
        branch->loaded = false;  // the engine takes the new skills on its next step
        done(st, changed);
      });
}

void QueueService::SetRules(const Principal& who, int64_t branch_id, domain::CallingRules rules,
                            const Done<bool>& done) {
  if (!who.employee.CanActInBranch(branch_id)) {
    return done(Status::Forbidden("this is another branch"), false);
  }
  std::unique_lock<std::mutex> lock;
  Branch* b = nullptr;
  if (Status s = Lock(branch_id, &lock, &b); !s.ok()) return done(s, false);
  std::vector<std::pair<std::string, int64_t>> thresholds, ratio;
  for (const auto& t : rules.thresholds) {
    if (b->queues.count(t.queue) == 0) {
      return done(Status::NotFound("queue_unknown", "the branch has no queue " + t.queue), false);
    }
    const int64_t minutes = t.wait_ms / 60000;
    if (minutes < 1 || minutes > kMaxThresholdMinutes || t.wait_ms % 60000 != 0) {
      return done(Status::Malformed("invalid_field", "threshold minutes: 1 to 1440"), false);
    }
    thresholds.emplace_back(t.queue, minutes);
  }
  for (const auto& r : rules.ratio) {
    if (b->queues.count(r.queue) == 0) {
      return done(Status::NotFound("queue_unknown", "the branch has no queue " + r.queue), false);
    }
    if (r.count < 1 || r.count > kMaxRatioCount) {
      return done(Status::Malformed("invalid_field", "ratio count: 1 to 100"), false);
    }
    ratio.emplace_back(r.queue, r.count);
  }
  Branch* branch = b;
  lock.unlock();
  SubmitWrite<bool>(
      app_.db(), std::make_shared<bool>(false),
      [who, branch_id, t = JoinPairs(thresholds), r = JoinPairs(ratio)](store::WriteTx& tx,
                                                                        bool& changed) {
        Status s = store::SetQueueRules(tx.db(), branch_id, t, r);
        if (!s.ok()) return s;
        changed = true;
        return tx.Audit(AuditOf(who, "queue.rules", "branch/" + std::to_string(branch_id),
                                "thresholds=" + t + "\nratio=" + r));
      },
      [branch, done](const Status& st, bool changed) {
        std::lock_guard g(branch->mu);
        branch->loaded = false;
        done(st, changed);
      });
}

Status QueueService::GetRules(const Principal& who, int64_t branch_id,
                              domain::CallingRules* rules) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  std::string thresholds, ratio;
  Status s = app_.db().Read([&](store::Connection& db) {
    return store::GetQueueRules(db, branch_id, &thresholds, &ratio);
  });
  if (!s.ok()) return s;
  for (auto& [q, minutes] : ParsePairs(thresholds)) {
    rules->thresholds.push_back({q, minutes * 60000});
  }
  for (auto& [q, count] : ParsePairs(ratio)) rules->ratio.push_back({q, static_cast<int>(count)});
  return Status::Ok();
}

}  // namespace tereze::app
