#include "sim/server_driver.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <queue>
#include <set>

#include "core/instant.h"
#include "net/http_client.h"

namespace tereze::sim {

namespace {

using Json = nlohmann::json;

constexpr int64_t kMinuteMs = 60 * 1000;
constexpr int64_t kCallTimeoutMs = 10000;
constexpr int64_t kProgressEveryMs = 10 * kMinuteMs;

// One running server, spoken to as the kiosk and the operators do.
class Server {
 public:
  explicit Server(std::string url) : url_(std::move(url)) {}

  // `*out` is the JSON body (null when none); Ok for any HTTP status.
  Status Call(const std::string& method, const std::string& path, const Json& body,
              const std::string& token, int* status, Json* out) {
    net::HttpCall call;
    call.method = method;
    call.url = url_ + path;
    call.timeout_ms = kCallTimeoutMs;
    if (!body.is_null()) {
      call.body = body.dump();
      call.headers.push_back({"Content-Type", "application/json"});
    }
    if (!token.empty()) call.headers.push_back({"Authorization", "Bearer " + token});
    net::HttpReply reply;
    if (Status s = net::HttpRequest(call, &reply); !s.ok()) return s;
    *status = reply.status;
    *out = Json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    return Status::Ok();
  }

  // As Call, but anything but `expected` is an error naming the server's code.
  Status Expect(const std::string& method, const std::string& path, const Json& body,
                const std::string& token, int expected, Json* out) {
    int status = 0;
    if (Status s = Call(method, path, body, token, &status, out); !s.ok()) return s;
    if (status == expected) return Status::Ok();
    return Status::Unavailable("server_error", method + " " + path + ": " + std::to_string(status) +
                                                   " " + ErrorCode(*out));
  }

  static std::string ErrorCode(const Json& body) {
    if (body.is_object() && body.contains("error") && body["error"].is_object()) {
      return body["error"].value("code", "");
    }
    return "";
  }

 private:
  std::string url_;
};

struct Operator {
  std::string login, token;
  int64_t employee_id = 0, window_id = 0;
  int64_t serving_ticket = 0;  // the server's id; 0: idle
};

// Same instant: a service ends (its window frees), then people arrive.
struct Event {
  int64_t at_s;
  int kind;  // 0 service end, 1 arrival
  int64_t seq;
  size_t arg;  // operator index or ticket index
  bool operator>(const Event& o) const {
    return std::tie(at_s, kind, seq) > std::tie(o.at_s, o.kind, o.seq);
  }
};

int64_t CeilSeconds(int64_t ms) { return (ms + 999) / 1000; }

}  // namespace

Status DriveServer(const SimDay& profile, const DriveOptions& o, SimReport* report,
                   std::ostream* progress) {
  *report = SimReport();
  if (o.operators.empty() || o.operators.size() > kMaxDriveOperators) {
    return Status::Malformed("invalid_sim", "1 to 50 operators (login:password)");
  }
  if (o.minutes <= 0 || o.minutes > kMaxDriveMinutes) {
    return Status::Malformed("invalid_sim", "minutes: 1 to 720");
  }
  Server server(o.url);
  const std::string branch = "/api/v1/branches/" + std::to_string(o.branch_id);
  int status = 0;
  Json body;

  // The clock must be the test clock: it is moved from event to event.
  Status s =
      server.Call("POST", "/api/v1/test/clock", Json{{"advance_seconds", 0}}, "", &status, &body);
  if (!s.ok()) return s;
  if (status == 404) {
    return Status::Refused("no_test_clock", "the server must run with --test-clock");
  }

  // The operators, their windows, and the queues those windows serve.
  std::vector<Operator> ops;
  for (const auto& [login, password] : o.operators) {
    Operator op;
    op.login = login;
    s = server.Call("POST", "/api/v1/auth/login", Json{{"login", login}, {"password", password}},
                    "", &status, &body);
    if (!s.ok()) return s;
    if (status != 200) return Status::Refused("login_failed", "cannot log in as " + login);
    op.token = body.value("token", "");
    op.employee_id = body["employee"].value("id", int64_t{0});
    ops.push_back(op);
  }
  Json live, queues;
  if (s = server.Expect("GET", branch + "/queue", nullptr, ops[0].token, 200, &live); !s.ok()) {
    return s;
  }
  if (s = server.Expect("GET", branch + "/queues", nullptr, "", 200, &queues); !s.ok()) return s;
  std::set<std::string> served;
  for (Operator& op : ops) {
    for (const Json& w : live["windows"]) {
      if (w["employee_id"].is_number() && w["employee_id"].get<int64_t>() == op.employee_id) {
        op.window_id = w["id"];
        for (const Json& q : queues["items"]) {
          if (q["kind"] == w["kind"]) served.insert(q["code"].get<std::string>());
        }
      }
    }
    if (op.window_id == 0) {
      return Status::Refused("not_seated", op.login + " is seated at no window of the branch");
    }
  }

  // The profile, cut to those queues and scaled to these operators.
  SimDay day = profile;
  double all_shares = 0, kept_shares = 0;
  day.services.clear();
  for (const SimService& sv : profile.services) {
    all_shares += sv.share;
    if (served.count(sv.queue)) {
      day.services.push_back(sv);
      kept_shares += sv.share;
    }
  }
  if (day.services.empty()) {
    return Status::Malformed("invalid_sim",
                             "the operators' windows serve none of the profile's "
                             "queues");
  }
  std::set<int64_t> profile_windows;
  day.shifts.clear();
  for (const SimShift& sh : profile.shifts) {
    bool serves = std::any_of(sh.queues.begin(), sh.queues.end(),
                              [&](const std::string& q) { return served.count(q) > 0; });
    if (serves) profile_windows.insert(sh.window_id);
  }
  const double scale = static_cast<double>(ops.size()) /
                       static_cast<double>(std::max<size_t>(1, profile_windows.size())) *
                       (kept_shares / all_shares);
  for (double& rate : day.arrivals_per_hour) rate *= scale;
  day.close_minute = std::min(profile.close_minute, profile.open_minute + o.minutes);
  std::vector<SimTicket>& tickets = report->tickets;
  if (s = DrawArrivals(day, &tickets); !s.ok()) return s;

  // Simulated time is seconds since midnight of the profile; the server's
  // clock stands at the profile's opening now and is moved forward with it.
  const int64_t close_s = day.close_minute * 60;
  int64_t now_s = day.open_minute * 60;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  int64_t seq = 0;
  for (size_t i = 0; i < tickets.size(); ++i) {
    events.push({CeilSeconds(tickets[i].arrived_ms), 1, seq++, i});
  }
  std::map<int64_t, size_t> ours;  // the server's ticket id -> index in tickets
  int64_t next_progress_ms = day.open_minute * kMinuteMs + kProgressEveryMs;

  auto call_idle = [&]() -> Status {
    for (size_t k = 0; k < ops.size(); ++k) {
      Operator& op = ops[k];
      if (op.serving_ticket != 0 || now_s >= close_s) continue;
      Json t;
      Status st =
          server.Call("POST", "/api/v1/windows/" + std::to_string(op.window_id) + "/call-next",
                      Json::object(), op.token, &status, &t);
      if (!st.ok()) return st;
      if (status != 200) continue;  // nobody waiting for this window
      const int64_t id = t["id"];
      st = server.Expect("POST", "/api/v1/tickets/" + std::to_string(id) + "/start", Json::object(),
                         op.token, 200, &body);
      if (!st.ok()) return st;
      op.serving_ticket = id;
      int64_t service_ms = 5 * kMinuteMs;  // a ticket that is not the simulator's
      if (auto it = ours.find(id); it != ours.end()) {
        SimTicket& mine = tickets[it->second];
        auto arrived = ParseInstant(t.value("arrived_at", ""));
        auto called = ParseInstant(t.value("called_at", ""));
        if (arrived && called) mine.actual_wait_ms = *called - *arrived;
        service_ms = mine.service_ms;
      }
      events.push({now_s + CeilSeconds(service_ms), 0, seq++, k});
    }
    return Status::Ok();
  };

  while (!events.empty()) {
    Event e = events.top();
    events.pop();
    if (e.at_s > now_s) {
      s = server.Expect("POST", "/api/v1/test/clock", Json{{"advance_seconds", e.at_s - now_s}}, "",
                        200, &body);
      if (!s.ok()) return s;
      now_s = e.at_s;
    }
    if (e.kind == 0) {
      Operator& op = ops[e.arg];
      s = server.Expect("POST", "/api/v1/tickets/" + std::to_string(op.serving_ticket) + "/finish",
                        Json{{"outcome", "served"}}, op.token, 200, &body);
      if (!s.ok()) return s;
      if (ours.count(op.serving_ticket)) ++report->served;
      op.serving_ticket = 0;
    } else {
      SimTicket& st = tickets[e.arg];
      const bool priority = st.priority != domain::Priority::kNone;
      Json t;
      s = server.Expect(
          "POST", branch + "/tickets",
          Json{{"queue", st.queue}, {"lang", "kk"}, {"priority", priority ? "disability" : "none"}},
          "", 201, &t);
      if (!s.ok()) return s;
      ours[t["id"].get<int64_t>()] = e.arg;
      st.id = t["id"];
      st.predicted_wait_ms = t.value("estimated_wait_s", int64_t{0}) * 1000;
    }
    if (s = call_idle(); !s.ok()) return s;
    if (progress != nullptr && now_s * 1000 >= next_progress_ms) {
      int called = 0;
      for (const SimTicket& st : tickets) called += st.actual_wait_ms >= 0;
      char line[96];
      std::snprintf(line, sizeof line, "%02lld:%02lld  taken %zu, called %d, served %d\n",
                    static_cast<long long>(now_s / 3600), static_cast<long long>(now_s / 60 % 60),
                    ours.size(), called, report->served);
      *progress << line << std::flush;
      while (next_progress_ms <= now_s * 1000) next_progress_ms += kProgressEveryMs;
    }
  }
  report->arrived = static_cast<int>(ours.size());
  int called = 0;
  for (const SimTicket& st : tickets) called += st.actual_wait_ms >= 0;
  report->waiting_at_close = report->arrived - called;
  Summarize(report);
  return Status::Ok();
}

}  // namespace tereze::sim
