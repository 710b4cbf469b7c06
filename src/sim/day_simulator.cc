#include "sim/day_simulator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <random>
#include <set>

namespace tereze::sim {

namespace {

constexpr int64_t kMinuteMs = 60 * 1000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int kDayMinutes = 24 * 60;

// Our own draws from the generator's raw output: std::*_distribution differ
// between standard libraries, and a seed must mean the same day everywhere.
class Random {
 public:
  explicit Random(int64_t seed) : gen_(static_cast<uint64_t>(seed)) {}
  // (0, 1): never 0, so that log() is finite.
  double Uniform() { return (static_cast<double>(gen_() >> 11) + 0.5) / 9007199254740992.0; }
  double Exponential(double rate) { return -std::log(Uniform()) / rate; }
  double Normal() {  // Box-Muller, one of the pair
    return std::sqrt(-2 * std::log(Uniform())) * std::cos(6.283185307179586 * Uniform());
  }
  // Lognormal with this mean and standard deviation (not of its logarithm).
  double LogNormal(double mean, double sd) {
    if (sd <= 0) return mean;
    double sigma2 = std::log(1 + (sd * sd) / (mean * mean));
    double mu = std::log(mean) - sigma2 / 2;
    return std::exp(mu + std::sqrt(sigma2) * Normal());
  }

 private:
  std::mt19937_64 gen_;
};

// Same instant: a service ends and frees its window, then shifts change,
// then people arrive (and may find the freed window).
enum class EventKind { kServiceEnd = 0, kShiftEnd = 1, kShiftStart = 2, kArrival = 3 };

struct Event {
  int64_t at_ms;
  EventKind kind;
  int64_t seq;  // insertion order: ties broken deterministically
  int64_t arg;  // ticket index or shift index
  bool operator>(const Event& o) const {
    return std::tie(at_ms, kind, seq) > std::tie(o.at_ms, o.kind, o.seq);
  }
};

bool Finite(double x) { return std::isfinite(x); }

Status Invalid(const std::string& what) { return Status::Malformed("invalid_sim", what); }

Status Validate(const SimDay& d) {
  if (d.open_minute < 0 || d.close_minute > kDayMinutes || d.open_minute >= d.close_minute) {
    return Invalid("open_minute < close_minute, both within the day");
  }
  if (d.arrivals_per_hour.size() > 24) return Invalid("arrivals_per_hour: 24 hours at most");
  for (double r : d.arrivals_per_hour) {
    if (!Finite(r) || r < 0 || r > kMaxArrivalsPerHour) {
      return Invalid("arrivals_per_hour: 0.." + std::to_string(int(kMaxArrivalsPerHour)));
    }
  }
  if (d.services.empty() || d.services.size() > kMaxSimServices) {
    return Invalid("services: 1.." + std::to_string(kMaxSimServices));
  }
  double shares = 0;
  std::set<std::string> queues;
  for (const SimService& s : d.services) {
    if (s.queue.empty() || s.queue.size() > 8 || !queues.insert(s.queue).second) {
      return Invalid("services: each a distinct queue code of 1-8 characters");
    }
    if (!Finite(s.share) || s.share < 0) return Invalid("services: share >= 0");
    if (!Finite(s.mean_min) || s.mean_min <= 0 || s.mean_min > kMaxServiceMinutes ||
        !Finite(s.sd_min) || s.sd_min < 0 || s.sd_min > kMaxServiceMinutes) {
      return Invalid("services: mean in (0, 600] minutes, sd in [0, 600]");
    }
    shares += s.share;
  }
  if (shares <= 0) return Invalid("services: some share > 0");
  if (d.shifts.size() > kMaxSimWindows * 8) return Invalid("shifts: too many");
  std::set<int64_t> windows;
  for (const SimShift& s : d.shifts) {
    if (s.window_id <= 0) return Invalid("shifts: window_id > 0");
    windows.insert(s.window_id);
    if (s.queues.empty() || s.queues.size() > domain::kMaxWindowSkills) {
      return Invalid("shifts: 1.." + std::to_string(domain::kMaxWindowSkills) + " queues");
    }
    for (const std::string& q : s.queues) {
      if (queues.count(q) == 0) return Invalid("shifts: queue " + q + " is no service's");
    }
    if (s.from_minute < 0 || s.to_minute > kDayMinutes || s.from_minute >= s.to_minute) {
      return Invalid("shifts: from_minute < to_minute, both within the day");
    }
  }
  if (windows.size() > kMaxSimWindows) {
    return Invalid("shifts: " + std::to_string(kMaxSimWindows) + " windows at most");
  }
  if (!Finite(d.priority_share) || d.priority_share < 0 || d.priority_share > 1) {
    return Invalid("priority_share: 0..1");
  }
  return Status::Ok();
}

}  // namespace

Status DrawArrivals(const SimDay& day, std::vector<SimTicket>* out) {
  if (Status s = Validate(day); !s.ok()) return s;
  out->clear();
  Random rnd(day.seed);
  const int64_t open_ms = day.open_minute * kMinuteMs;
  const int64_t close_ms = day.close_minute * kMinuteMs;
  // Every arrival, drawn up front: time (Poisson, rate by the hour; the
  // process is memoryless, so at an hour's end the draw starts over at the
  // new rate), queue, priority and how long its service will take.
  double total_share = 0;
  for (const SimService& s : day.services) total_share += s.share;
  std::vector<SimTicket>& tickets = *out;
  std::map<std::string, double> mean_of, sd_of;
  for (const SimService& s : day.services) {
    mean_of[s.queue] = s.mean_min;
    sd_of[s.queue] = s.sd_min;
  }
  for (int64_t t = open_ms; t < close_ms;) {
    size_t hour = static_cast<size_t>(t / kHourMs);
    double rate = hour < day.arrivals_per_hour.size() ? day.arrivals_per_hour[hour] : 0;
    int64_t hour_end = std::min<int64_t>((hour + 1) * kHourMs, close_ms);
    if (rate <= 0) {
      t = hour_end;
      continue;
    }
    double dt = rnd.Exponential(rate / kHourMs);
    if (t + dt >= hour_end) {
      t = hour_end;
      continue;
    }
    t += std::max<int64_t>(1, static_cast<int64_t>(dt));
    if (t >= hour_end) continue;
    if (tickets.size() >= kMaxSimTickets) {
      return Status::TooLarge("too_many_tickets",
                              "more than " + std::to_string(kMaxSimTickets) + " arrivals");
    }
    SimTicket st;
    st.id = static_cast<int64_t>(tickets.size()) + 1;
    st.arrived_ms = t;
    double pick = rnd.Uniform() * total_share;
    st.queue = day.services.back().queue;
    for (const SimService& s : day.services) {
      if (pick < s.share) {
        st.queue = s.queue;
        break;
      }
      pick -= s.share;
    }
    if (rnd.Uniform() < day.priority_share) st.priority = domain::Priority::kDisability;
    double minutes =
        std::clamp(rnd.LogNormal(mean_of[st.queue], sd_of[st.queue]), 0.1, kMaxServiceMinutes);
    st.service_ms = static_cast<int64_t>(minutes * kMinuteMs);
    tickets.push_back(std::move(st));
  }

  return Status::Ok();
}

Status SimulateDay(const SimDay& day, SimReport* report) {
  if (Status s = Validate(day); !s.ok()) return s;
  *report = SimReport();
  const int64_t open_ms = day.open_minute * kMinuteMs;
  const int64_t close_ms = day.close_minute * kMinuteMs;

  std::vector<SimTicket>& tickets = report->tickets;
  if (Status s = DrawArrivals(day, &tickets); !s.ok()) return s;

  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  int64_t seq = 0;
  auto push = [&](int64_t at, EventKind kind, int64_t arg) {
    events.push(Event{at, kind, seq++, arg});
  };
  for (size_t i = 0; i < day.shifts.size(); ++i) {
    const SimShift& s = day.shifts[i];
    int64_t from = std::max<int64_t>(s.from_minute * kMinuteMs, open_ms);
    int64_t to = std::min<int64_t>(s.to_minute * kMinuteMs, close_ms);
    if (from >= to) continue;
    push(from, EventKind::kShiftStart, static_cast<int64_t>(i));
    push(to, EventKind::kShiftEnd, static_cast<int64_t>(i));
  }
  for (size_t i = 0; i < tickets.size(); ++i) {
    push(tickets[i].arrived_ms, EventKind::kArrival, static_cast<int64_t>(i));
  }

  domain::QueueEngine engine;
  std::map<int64_t, int> open_shifts;  // window -> shifts open now (overlaps allowed)
  std::map<std::string, int> numbers;
  // Every idle open window calls its next ticket and starts at once.
  auto dispatch = [&](int64_t now) -> Status {
    for (const auto& [window, count] : open_shifts) {
      if (count <= 0 || engine.CurrentAt(window) != 0) continue;
      int64_t id = 0;
      if (!engine.PickNext(window, now, &id).ok()) continue;
      if (Status s = engine.Call(id, window, now); !s.ok()) return s;
      if (Status s = engine.Start(id, now); !s.ok()) return s;
      SimTicket& st = tickets[static_cast<size_t>(id - 1)];
      st.actual_wait_ms = now - st.arrived_ms;
      push(now + st.service_ms, EventKind::kServiceEnd, id - 1);
    }
    return Status::Ok();
  };
  while (!events.empty()) {
    Event e = events.top();
    events.pop();
    switch (e.kind) {
      case EventKind::kServiceEnd: {
        const SimTicket& st = tickets[static_cast<size_t>(e.arg)];
        if (Status s = engine.Finish(st.id, "served", e.at_ms); !s.ok()) return s;
        ++report->served;
        if (e.at_ms > close_ms) ++report->in_service_at_close;
        break;
      }
      case EventKind::kShiftStart: {
        const SimShift& sh = day.shifts[static_cast<size_t>(e.arg)];
        std::vector<domain::WindowSkill> skills;
        for (const std::string& q : sh.queues) skills.push_back({q, 1});
        engine.SetWindow(sh.window_id, std::move(skills));
        ++open_shifts[sh.window_id];
        break;
      }
      case EventKind::kShiftEnd: {
        const SimShift& sh = day.shifts[static_cast<size_t>(e.arg)];
        // Its ticket in service, if any, is finished; nobody new is called.
        if (--open_shifts[sh.window_id] <= 0) {
          open_shifts.erase(sh.window_id);
          engine.CloseWindow(sh.window_id);
        }
        break;
      }
      case EventKind::kArrival: {
        SimTicket& st = tickets[static_cast<size_t>(e.arg)];
        domain::Ticket t;
        t.id = st.id;
        t.series = st.queue;
        t.queue = st.queue;
        t.number = numbers[st.queue]++ % domain::kMaxTicketNumber + 1;
        t.priority = st.priority;
        t.arrived_ms = st.arrived_ms;
        if (Status s = engine.Add(t); !s.ok()) return s;
        st.predicted_wait_ms = engine.EstimatedWaitMs(st.id, e.at_ms);
        break;
      }
    }
    // Nobody is called after closing: the windows are closed by then.
    if (e.at_ms < close_ms) {
      if (Status s = dispatch(e.at_ms); !s.ok()) return s;
    }
  }

  report->arrived = static_cast<int>(tickets.size());
  report->waiting_at_close = static_cast<int>(engine.waiting_count());
  Summarize(report);
  return Status::Ok();
}

// By the hour of arrival, then the whole day.
void Summarize(SimReport* report) {
  const std::vector<SimTicket>& tickets = report->tickets;
  report->hours.clear();
  report->mae_min = report->mean_wait_min = report->max_wait_min = 0;
  std::map<int, SimHour> hours;
  double abs_sum = 0, wait_sum = 0;
  int called = 0;
  for (const SimTicket& st : tickets) {
    SimHour& h = hours[static_cast<int>(st.arrived_ms / kHourMs)];
    ++h.tickets;
    if (st.actual_wait_ms < 0) continue;
    double err = std::abs(double(st.predicted_wait_ms - st.actual_wait_ms)) / kMinuteMs;
    double wait = double(st.actual_wait_ms) / kMinuteMs;
    ++h.called;
    h.mae_min += err;
    h.mean_wait_min += wait;
    ++called;
    abs_sum += err;
    wait_sum += wait;
    report->max_wait_min = std::max(report->max_wait_min, wait);
  }
  for (auto& [hour, h] : hours) {
    h.hour = hour;
    if (h.called > 0) {
      h.mae_min /= h.called;
      h.mean_wait_min /= h.called;
    }
    report->hours.push_back(h);
  }
  if (called > 0) {
    report->mae_min = abs_sum / called;
    report->mean_wait_min = wait_sum / called;
  }
}

Status ProfileDay(const std::string& name, int64_t seed, SimDay* day) {
  *day = SimDay();
  day->seed = seed;
  day->open_minute = 9 * 60;
  day->close_minute = 20 * 60;
  day->priority_share = 0.05;
  day->arrivals_per_hour.assign(24, 0);
  // Intake (A): 8-12 minutes; issuance (B): shorter.
  day->services = {{"A", 0.8, 10, 2.5}, {"B", 0.2, 6, 2}};
  int intake = 0, issuance = 0;
  std::vector<double> by_hour;  // from 9:00 to 19:00
  if (name == "busy") {
    by_hour = {35, 60, 75, 65, 50, 45, 55, 50, 40, 30, 15};
    intake = 8;
    issuance = 2;
  } else if (name == "quiet") {
    by_hour = {8, 14, 18, 16, 12, 12, 14, 12, 10, 8, 5};
    intake = 3;
    issuance = 1;
  } else {
    return Status::NotFound("unknown_profile", "profiles: busy, quiet");
  }
  for (size_t i = 0; i < by_hour.size(); ++i) day->arrivals_per_hour[9 + i] = by_hour[i];
  // Intake windows 1..n; an hour's lunch each between 12:00 and 16:00, a
  // quarter of the windows at a time (busy: two; quiet: one).
  const int per_hour = std::max(1, intake / 4);
  for (int w = 1; w <= intake; ++w) {
    int lunch = 12 * 60 + ((w - 1) / per_hour % 4) * 60;
    day->shifts.push_back({w, {"A"}, day->open_minute, lunch});
    day->shifts.push_back({w, {"A"}, lunch + 60, day->close_minute});
  }
  // Issuance windows after them, no lunch hour (covered by a relief employee).
  for (int w = intake + 1; w <= intake + issuance; ++w) {
    day->shifts.push_back({w, {"B"}, day->open_minute, day->close_minute});
  }
  return Status::Ok();
}

}  // namespace tereze::sim
