// tereze-queue-bench: the electronic queue's two speed figures (issue 6).
//
//   tereze-queue-bench engine
//     call-next inside the server: the engine's decision and the call
//     (QueueEngine::PickNext + Call) with 100 open windows and 2,000 waiting
//     tickets in three queues, thresholds and a ratio in force; the queue is
//     kept at 2,000 by adding a ticket after each call.
//
//   tereze-queue-bench boards --url http://127.0.0.1:PORT --token OPERATOR_TOKEN
//                             [--clients 1000] [--calls 30] [--branch 1] [--window 1]
//     1,000 public board WebSockets on one branch; the operator at the window
//     takes a ticket's call 30 times; for each call, the time from sending
//     call-next to each board receiving the call.
//
// Prints one key=value line per figure. Bounded: at most 5,000 clients,
// 1,000 calls, 1,000,000 engine operations.
#include <algorithm>
#include <atomic>
// clang-format off
#include <utility>  // before asio: it uses std::exchange without including it
#include <boost/asio.hpp>
// clang-format on
#include <boost/beast.hpp>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "domain/queue.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using tereze::domain::Ticket;

constexpr int kMaxClients = 5000;
constexpr int kMaxCalls = 1000;
constexpr int kEngineOps = 17000;  // the engine keeps a day's tickets: 2,000 + these < its 20,000

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(p * static_cast<double>(v.size() - 1));
  return v[rank];
}

int Engine() {
  constexpr int kWindows = 100, kWaiting = 2000;
  tereze::domain::QueueEngine q;
  for (int w = 1; w <= kWindows; ++w) {
    if (w <= 70) {
      q.SetWindow(w, {{"A", 1}, {"C", w % 5 == 0 ? 2 : 0}});
    } else {
      q.SetWindow(w, {{"B", 2}, {"A", 1}});
    }
  }
  tereze::domain::CallingRules rules;
  rules.thresholds = {{"A", 30 * 60000}, {"C", 20 * 60000}};
  rules.ratio = {{"A", 2}, {"B", 1}};
  q.SetRules(rules);
  std::mt19937_64 rng(42);
  int64_t now_ms = 9 * 3600 * 1000, next_id = 0;
  const char* queues[] = {"A", "A", "A", "B", "C"};
  auto add = [&] {
    Ticket t;
    t.id = ++next_id;
    t.queue = t.series = queues[rng() % 5];
    t.number = static_cast<int>(t.id % 999) + 1;
    t.priority =
        rng() % 20 == 0 ? tereze::domain::Priority::kDisability : tereze::domain::Priority::kNone;
    t.arrived_ms = now_ms - static_cast<int64_t>(rng() % (40 * 60000));
    if (!q.Add(t).ok()) std::abort();
  };
  for (int i = 0; i < kWaiting; ++i) add();
  std::vector<double> us;
  us.reserve(kEngineOps);
  int empty = 0;
  for (int i = 0; i < kEngineOps; ++i) {
    const int64_t w = 1 + i % kWindows;
    now_ms += 50;
    auto t0 = Clock::now();
    int64_t id = 0;
    tereze::Status s = q.PickNext(w, now_ms, &id);
    if (s.ok()) s = q.Call(id, w, now_ms);
    auto t1 = Clock::now();
    if (!s.ok()) {
      ++empty;
      continue;
    }
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    if (!q.Start(id, now_ms).ok() || !q.Finish(id, "served", now_ms + 600000).ok()) std::abort();
    add();
  }
  const size_t calls = us.size();
  const double p50 = Percentile(us, 0.50), p99 = Percentile(us, 0.99);
  const double max = us.empty() ? 0 : us.back();
  std::printf(
      "name=queue-call-next-engine windows=%d waiting=%d calls=%zu empty=%d p50_us=%.2f "
      "p99_us=%.2f max_us=%.2f\n",
      kWindows, kWaiting, calls, empty, p50, p99, max);
  return 0;
}

struct Target {
  std::string host, port;
};

Target ParseUrl(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  size_t colon = rest.find(':');
  return {rest.substr(0, colon), rest.substr(colon + 1)};
}

// One blocking HTTP request; returns the body, or "" when not 2xx.
std::string Request(const Target& t, http::verb verb, const std::string& target,
                    const std::string& token, const std::string& body, int* status) {
  asio::io_context io;
  tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.connect(resolver.resolve(t.host, t.port));
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, t.host);
  req.set(http::field::content_type, "application/json");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buf;
  http::response<http::string_body> res;
  http::read(stream, buf, res);
  *status = static_cast<int>(res.result_int());
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return res.body();
}

class Board : public std::enable_shared_from_this<Board> {
 public:
  Board(asio::io_context& io, std::function<void(const std::string&)> on_call)
      : ws_(io), on_call_(std::move(on_call)) {}
  void Connect(const Target& t, const std::string& path) {
    tcp::resolver resolver(ws_.get_executor());
    asio::connect(ws_.next_layer(), resolver.resolve(t.host, t.port));
    ws_.handshake(t.host + ":" + t.port, path);
  }
  void Read() {
    ws_.async_read(buf_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return;
      std::string text = beast::buffers_to_string(self->buf_.data());
      self->buf_.consume(self->buf_.size());
      if (text.find("\"type\":\"call\"") != std::string::npos) self->on_call_(text);
      self->Read();
    });
  }
  void Close() {
    beast::error_code ec;
    ws_.next_layer().close(ec);
  }

 private:
  websocket::stream<tcp::socket> ws_;
  beast::flat_buffer buf_;
  std::function<void(const std::string&)> on_call_;
};

int Boards(int argc, char** argv) {
  std::string url, token;
  int clients = 1000, calls = 30, branch = 1, window = 1;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--url")
      url = value;
    else if (flag == "--token")
      token = value;
    else if (flag == "--clients")
      clients = std::clamp(std::atoi(value.c_str()), 1, kMaxClients);
    else if (flag == "--calls")
      calls = std::clamp(std::atoi(value.c_str()), 1, kMaxCalls);
    else if (flag == "--branch")
      branch = std::atoi(value.c_str());
    else if (flag == "--window")
      window = std::atoi(value.c_str());
  }
  if (url.empty() || token.empty()) {
    std::fprintf(stderr, "usage: tereze-queue-bench boards --url URL --token TOKEN\n");
    return 2;
  }
  const Target t = ParseUrl(url);
  asio::io_context io;
  std::mutex mu;
  std::atomic<int64_t> sent_ns{0};
  std::vector<double> latencies_ms;
  std::atomic<int> received{0};
  std::vector<std::shared_ptr<Board>> boards;
  auto on_call = [&](const std::string&) {
    const int64_t now = Clock::now().time_since_epoch().count();
    std::lock_guard g(mu);
    latencies_ms.push_back(static_cast<double>(now - sent_ns.load()) / 1e6);
    ++received;
  };
  const std::string path = "/api/v1/branches/" + std::to_string(branch) + "/board/ws";
  for (int i = 0; i < clients; ++i) {
    auto b = std::make_shared<Board>(io, on_call);
    b->Connect(t, path);
    b->Read();
    boards.push_back(b);
  }
  std::thread reader([&] { io.run(); });
  const std::string tickets = "/api/v1/branches/" + std::to_string(branch) + "/tickets";
  const std::string call = "/api/v1/windows/" + std::to_string(window) + "/call-next";
  int failures = 0;
  for (int c = 0; c < calls; ++c) {
    int status = 0;
    Request(t, http::verb::post, tickets, "", R"({"queue":"A","lang":"kk"})", &status);
    const int expected = (c + 1) * clients;
    sent_ns = Clock::now().time_since_epoch().count();
    std::string body = Request(t, http::verb::post, call, token, "{}", &status);
    if (status != 200) {
      ++failures;
      std::fprintf(stderr, "call-next: %d %s\n", status, body.c_str());
      break;
    }
    for (int k = 0; k < 500 && received.load() < expected; ++k) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    size_t id_at = body.find("\"id\":");
    std::string id = body.substr(id_at + 5, body.find_first_of(",}", id_at + 5) - id_at - 5);
    Request(t, http::verb::post, "/api/v1/tickets/" + id + "/start", token, "{}", &status);
    Request(t, http::verb::post, "/api/v1/tickets/" + id + "/finish", token,
            R"({"outcome":"served"})", &status);
  }
  for (auto& b : boards) b->Close();
  io.stop();
  reader.join();
  std::lock_guard g(mu);
  const int64_t expected = static_cast<int64_t>(clients) * calls;
  const double p50 = Percentile(latencies_ms, 0.50), p99 = Percentile(latencies_ms, 0.99);
  const double max = latencies_ms.empty() ? 0.0 : latencies_ms.back();
  std::printf("name=queue-board-fanout clients=%d calls=%d received=%d expected=%" PRId64
              " failures=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
              clients, calls, received.load(), expected, failures, Percentile(latencies_ms, 0.50),
              Percentile(latencies_ms, 0.99), latencies_ms.empty() ? 0.0 : latencies_ms.back());
  return received.load() == expected && failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "engine") return Engine();
  if (mode == "boards") return Boards(argc, argv);
  std::fprintf(stderr, "usage: tereze-queue-bench engine | boards --url URL --token TOKEN\n");
  return 2;
}
