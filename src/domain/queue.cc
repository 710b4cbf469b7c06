#include "domain/queue.h"

#include <algorithm>
#include <cstdio>
#include <queue>

namespace tereze::domain {

namespace {

constexpr const char* kStates[] = {"waiting", "called", "serving", "parked", "done", "no_show"};

constexpr const char* kPriorities[] = {"none", "appointment", "elderly", "pregnant", "disability"};

}  // namespace

int PriorityRank(Priority p) {
  switch (p) {
    case Priority::kNone:
      return 0;
    case Priority::kAppointment:
      return 1;
    case Priority::kElderly:
    case Priority::kPregnant:
      return 2;
    case Priority::kDisability:
      return 3;
  }
  return 0;
}

const char* ToString(Priority p) { return kPriorities[static_cast<int>(p)]; }

std::optional<Priority> ParsePriority(std::string_view text) {
  for (int i = 0; i < 5; ++i) {
    if (text == kPriorities[i]) return static_cast<Priority>(i);
  }
  return std::nullopt;
}

const char* ToString(TicketState s) { return kStates[static_cast<int>(s)]; }

std::optional<TicketState> ParseTicketState(std::string_view text) {
  for (int i = 0; i < 6; ++i) {
    if (text == kStates[i]) return static_cast<TicketState>(i);
  }
  return std::nullopt;
}

std::string TicketLabel(const std::string& queue, int number) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d", number);
  return queue + buf;
}

int QueueEngine::Rank(const Ticket& t) {
  return std::max(PriorityRank(t.priority), t.redirected ? 1 : 0);
}

void StepTimes::Add(const Ticket& t) {
  if (t.called_ms == 0) return;
  ++count;
  const int64_t wait = std::max<int64_t>(0, t.called_ms - t.arrived_ms);
  wait_ms += wait;
  max_wait_ms = std::max(max_wait_ms, wait);
  if (t.started_ms != 0) walkup_ms += std::max<int64_t>(0, t.started_ms - t.called_ms);
  if (t.finished_ms != 0 && t.started_ms != 0) {
    service_ms += std::max<int64_t>(0, t.finished_ms - t.started_ms);
  }
}

std::string LabelOf(const Ticket& t) {
  return TicketLabel(t.series.empty() ? t.queue : t.series, t.number);
}

QueueEngine::Key QueueEngine::KeyOf(const Ticket& t) { return {-Rank(t), t.arrived_ms, t.id}; }

void QueueEngine::Enqueue(const Ticket& t) { waiting_[t.queue].insert(KeyOf(t)); }

void QueueEngine::Dequeue(const Ticket& t) {
  auto it = waiting_.find(t.queue);
  if (it != waiting_.end()) it->second.erase(KeyOf(t));
}

void QueueEngine::SetWindow(int64_t window_id, std::vector<WindowSkill> skills) {
  if (skills.size() > kMaxWindowSkills) skills.resize(kMaxWindowSkills);
  windows_[window_id] = std::move(skills);
}

void QueueEngine::CloseWindow(int64_t window_id) {
  windows_.erase(window_id);
  taken_.erase(window_id);
}

Status QueueEngine::Add(const Ticket& t) {
  if (tickets_.count(t.id) > 0) {
    return Status::Conflict("duplicate_ticket", "ticket " + std::to_string(t.id) + " exists");
  }
  if (tickets_.size() >= kMaxLiveTickets) {
    return Status::TooLarge("queue_full", "the branch's queue holds its maximum of tickets");
  }
  tickets_[t.id] = t;
  if (t.state == TicketState::kWaiting) Enqueue(t);
  if ((t.state == TicketState::kCalled || t.state == TicketState::kServing) && t.window_id != 0) {
    at_window_[t.window_id] = t.id;
  }
  return Status::Ok();
}

const Ticket* QueueEngine::Find(int64_t id) const {
  auto it = tickets_.find(id);
  return it == tickets_.end() ? nullptr : &it->second;
}

void QueueEngine::Release(Ticket* t) {
  auto it = at_window_.find(t->window_id);
  if (it != at_window_.end() && it->second == t->id) at_window_.erase(it);
}

Ticket* QueueEngine::Mutable(int64_t id) {
  auto it = tickets_.find(id);
  return it == tickets_.end() ? nullptr : &it->second;
}

Status QueueEngine::Expect(const Ticket* t, std::initializer_list<TicketState> states) const {
  if (!t) return Status::NotFound("ticket_not_found", "no such ticket");
  for (TicketState s : states) {
    if (t->state == s) return Status::Ok();
  }
  return Status::Conflict("wrong_state", std::string("the ticket is ") + ToString(t->state));
}

Status QueueEngine::PickNext(int64_t window_id, int64_t now_ms, int64_t* ticket_id) const {
  auto w = windows_.find(window_id);
  if (w == windows_.end() || w->second.empty()) {
    return Status::NotFound("window_closed", "the window serves no queue now");
  }
  const std::vector<WindowSkill>& skills = w->second;
  auto head = [&](const std::string& queue) -> const Ticket* {
    auto it = waiting_.find(queue);
    if (it == waiting_.end() || it->second.empty()) return nullptr;
    return Find(std::get<2>(*it->second.begin()));
  };
  auto serves = [&](const std::string& queue) {
    return std::any_of(skills.begin(), skills.end(),
                       [&](const WindowSkill& s) { return s.queue == queue; });
  };
  // 1. A queue whose head waited past its threshold: the longest such wait.
  const Ticket* best = nullptr;
  for (const auto& rule : rules_.thresholds) {
    if (!serves(rule.queue)) continue;
    const Ticket* h = head(rule.queue);
    if (h && now_ms - h->arrived_ms > rule.wait_ms && (!best || h->arrived_ms < best->arrived_ms)) {
      best = h;
    }
  }
  // 2. The ratio: the first queue whose share this round is not used up.
  if (!best && !rules_.ratio.empty()) {
    auto taken_it = taken_.find(window_id);
    auto taken = [&](const std::string& q) {
      if (taken_it == taken_.end()) return 0;
      auto it = taken_it->second.find(q);
      return it == taken_it->second.end() ? 0 : it->second;
    };
    for (int round = 0; round < 2 && !best; ++round) {
      for (const auto& share : rules_.ratio) {
        if (!serves(share.queue)) continue;
        const Ticket* h = head(share.queue);
        // The second pass is a fresh round: every share available again.
        if (h && (round == 1 || taken(share.queue) < share.count)) {
          best = h;
          break;
        }
      }
    }
  }
  // 3. The window's weights, then the head's priority, then the longest wait.
  if (!best) {
    int best_weight = 0;
    for (const auto& s : skills) {
      const Ticket* h = head(s.queue);
      if (!h) continue;
      bool better = !best || s.weight > best_weight ||
                    (s.weight == best_weight &&
                     (Rank(*h) > Rank(*best) ||
                      (Rank(*h) == Rank(*best) && h->arrived_ms < best->arrived_ms)));
      if (better) {
        best = h;
        best_weight = s.weight;
      }
    }
  }
  if (!best) return Status::NotFound("queue_empty", "nobody waits in this window's queues");
  *ticket_id = best->id;
  return Status::Ok();
}

Status QueueEngine::Call(int64_t ticket_id, int64_t window_id, int64_t now_ms) {
  Ticket* t = Mutable(ticket_id);
  if (Status s = Expect(t, {TicketState::kWaiting}); !s.ok()) return s;
  if (CurrentAt(window_id) != 0) {
    return Status::Conflict("window_busy", "the window has a ticket called or in service");
  }
  Dequeue(*t);
  t->state = TicketState::kCalled;
  t->window_id = window_id;
  t->called_ms = now_ms;
  at_window_[window_id] = t->id;
  // The ratio's round: count the take; a round with every share used starts over.
  bool in_ratio = false;
  for (const auto& share : rules_.ratio) in_ratio = in_ratio || share.queue == t->queue;
  if (in_ratio) {
    auto& taken = taken_[window_id];
    ++taken[t->queue];
    bool full = true;
    for (const auto& share : rules_.ratio) full = full && taken[share.queue] >= share.count;
    if (full) taken.clear();
  }
  return Status::Ok();
}

Status QueueEngine::Recall(int64_t ticket_id, int64_t now_ms, bool* no_show) {
  Ticket* t = Mutable(ticket_id);
  if (Status s = Expect(t, {TicketState::kCalled}); !s.ok()) return s;
  *no_show = false;
  if (t->recalls >= kMaxRecalls) {
    *no_show = true;
    return NoShow(ticket_id, now_ms);
  }
  ++t->recalls;
  t->called_ms = now_ms;
  return Status::Ok();
}

Status QueueEngine::NoShow(int64_t ticket_id, int64_t now_ms) {
  Ticket* t = Mutable(ticket_id);
  if (Status s = Expect(t, {TicketState::kCalled}); !s.ok()) return s;
  Release(t);
  t->state = TicketState::kNoShow;
  t->finished_ms = now_ms;
  return Status::Ok();
}

Status QueueEngine::Start(int64_t ticket_id, int64_t now_ms) {
  Ticket* t = Mutable(ticket_id);
  if (Status s = Expect(t, {TicketState::kCalled}); !s.ok()) return s;
  t->state = TicketState::kServing;
  t->started_ms = now_ms;
  return Status::Ok();
}

Status QueueEngine::Finish(int64_t ticket_id, const std::string& outcome, int64_t now_ms) {
  Ticket* t = Mutable(ticket_id);
  if (Status s = Expect(t, {TicketState::kServing}); !s.ok()) return s;
  if (outcome != "served" && outcome != "referred" && outcome != "not_served") {
    return Status::Malformed("invalid_field", "outcome: served, referred or not_served");
  }
  Release(t);
  t->state = TicketState::kDone;
  t->outcome = outcome;
  t->finished_ms = now_ms;
  RecordService(t->queue, now_ms - t->started_ms);
  return Status::Ok();
}

Status QueueEngine::Redirect(int64_t ticket_id, const std::string& queue, int64_t now_ms) {
  Ticket* t = Mutable(ticket_id);
  if (Status s = Expect(t, {TicketState::kCalled, TicketState::kServing}); !s.ok()) return s;
  (void)now_ms;
  Release(t);
  t->queue = queue;
  t->redirected = true;
  t->state = TicketState::kWaiting;
  t->window_id = 0;
  t->recalls = 0;
  Enqueue(*t);
  return Status::Ok();
}

Status QueueEngine::Park(int64_t ticket_id, int64_t now_ms) {
  Ticket* t = Mutable(ticket_id);
  if (Status s = Expect(t, {TicketState::kServing}); !s.ok()) return s;
  (void)now_ms;
  Release(t);
  t->state = TicketState::kParked;
  t->window_id = 0;
  return Status::Ok();
}

Status QueueEngine::Resume(int64_t ticket_id, int64_t window_id, int64_t now_ms) {
  Ticket* t = Mutable(ticket_id);
  if (Status s = Expect(t, {TicketState::kParked}); !s.ok()) return s;
  if (CurrentAt(window_id) != 0) {
    return Status::Conflict("window_busy", "the window has a ticket called or in service");
  }
  (void)now_ms;
  t->state = TicketState::kServing;
  t->window_id = window_id;
  at_window_[window_id] = t->id;
  return Status::Ok();
}

int QueueEngine::Position(int64_t ticket_id) const {
  const Ticket* t = Find(ticket_id);
  if (!t || t->state != TicketState::kWaiting) return -1;
  auto it = waiting_.find(t->queue);
  if (it == waiting_.end()) return -1;
  return static_cast<int>(std::distance(it->second.begin(), it->second.find(KeyOf(*t))));
}

double QueueEngine::MeanServiceMs(const std::string& queue) const {
  auto it = service_.find(queue);
  if (it == service_.end() || it->second.first == 0) return kDefaultServiceMs;
  return static_cast<double>(it->second.second) / static_cast<double>(it->second.first);
}

int64_t QueueEngine::EstimatedWaitMs(int64_t ticket_id, int64_t now_ms) const {
  int ahead = Position(ticket_id);
  if (ahead < 0) return 0;
  const Ticket* t = Find(ticket_id);
  const double mean = MeanServiceMs(t->queue);
  // The open windows serving the queue, and when each is expected free:
  // now when idle, else when its ticket's service should end (mean service
  // time after the start, or after the call while not yet started).
  std::vector<double> free_at;
  bool in_progress = false;
  for (const auto& [id, skills] : windows_) {
    bool serves = std::any_of(skills.begin(), skills.end(),
                              [&](const WindowSkill& s) { return s.queue == t->queue; });
    if (!serves) continue;
    double at = static_cast<double>(now_ms);
    if (const Ticket* busy = Find(CurrentAt(id))) {
      int64_t since = busy->state == TicketState::kServing ? busy->started_ms : busy->called_ms;
      at = std::max(at, static_cast<double>(since) + mean);
      in_progress = true;
    }
    free_at.push_back(at);
  }
  // Nothing in service (the windows not yet at work, or nobody open):
  // E[W | n ahead] = (n + 1) / (c * mu).
  if (!in_progress) {
    size_t open = std::max<size_t>(1, free_at.size());  // none: as if one window served it
    return static_cast<int64_t>((ahead + 1) * mean / static_cast<double>(open));
  }
  // Services in progress: the windows take the tickets ahead in turn, each
  // the earliest free, each for the mean service time; this ticket is called
  // when the (n + 1)-th turn begins.
  std::priority_queue<double, std::vector<double>, std::greater<>> turns(free_at.begin(),
                                                                         free_at.end());
  for (int i = 0; i < ahead; ++i) {
    double at = turns.top();
    turns.pop();
    turns.push(at + mean);
  }
  return std::max<int64_t>(0, static_cast<int64_t>(turns.top()) - now_ms);
}

void QueueEngine::RecordService(const std::string& queue, int64_t service_ms) {
  auto& [count, total] = service_[queue];
  ++count;
  total += std::max<int64_t>(0, service_ms);
}

size_t QueueEngine::waiting_count() const {
  size_t n = 0;
  for (const auto& [q, keys] : waiting_) n += keys.size();
  return n;
}

std::vector<const Ticket*> QueueEngine::WaitingIn(const std::string& queue, size_t limit) const {
  std::vector<const Ticket*> out;
  auto it = waiting_.find(queue);
  if (it == waiting_.end()) return out;
  for (const Key& k : it->second) {
    if (out.size() >= limit) break;
    out.push_back(Find(std::get<2>(k)));
  }
  return out;
}

std::vector<const Ticket*> QueueEngine::InState(TicketState state) const {
  std::vector<const Ticket*> out;
  for (const auto& [id, t] : tickets_) {
    if (t.state == state) out.push_back(&t);
  }
  return out;
}

int64_t QueueEngine::CurrentAt(int64_t window_id) const {
  auto it = at_window_.find(window_id);
  return it == at_window_.end() ? 0 : it->second;
}

}  // namespace tereze::domain
