// tereze-load: a small HTTP/1.1 load generator for Tereze benchmarks.
//
// One thread, one epoll loop, N keep-alive connections, each with at most one
// request in flight. Two modes:
//
//   closed loop (default): a connection sends its next request as soon as the
//     previous answer arrives. Measures maximum throughput; latency is taken
//     from the actual send time.
//   open loop (--rate N): request k is *scheduled* at start + k/N seconds and
//     handed to the first idle connection. If all connections are busy it
//     waits, and that wait counts: latency is measured from the scheduled
//     time, not the send time, so a slow server cannot hide its stalls by
//     slowing the generator down (coordinated omission).
//
// Prints exactly one key=value summary line to stdout; diagnostics (first few
// non-2xx bodies, errors) go to stderr. Exits non-zero if connecting fails or
// the arguments are bad.
//
// Deliberately dependency-free: POSIX sockets, epoll, timerfd, C++20.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "domain/barcode.h"

namespace {

// ---------------------------------------------------------------------------
// Limits. Everything the tool allocates or waits for is bounded.

constexpr int kMaxConnections = 1024;
constexpr int kMaxDurationS = 120;
constexpr int64_t kMaxRatePerS = 1'000'000;
constexpr int64_t kMaxSeqPerRequest = 1000;  // a stack of packages, not a warehouse
constexpr int kConnectTimeoutMs = 3000;
// After the run window closes we stop issuing new work and wait at most this
// long for in-flight requests (and, in open loop, the queued backlog).
constexpr int kDefaultDrainTimeoutS = 5;
constexpr int kMaxDrainTimeoutS = 60;
constexpr size_t kMaxHeaderBytes = 64 * 1024;
constexpr size_t kMaxBodyBytes = 16 * 1024 * 1024;
constexpr size_t kMaxTemplateBytes = 1024 * 1024;
// Latencies are stored as uint32 microseconds (4 bytes each); 64M samples is
// 256 MiB and far above what a 120 s run on this class of machine produces.
constexpr size_t kMaxLatencySamples = 64 * 1024 * 1024;
constexpr int kMaxErrorBodiesPrinted = 5;
constexpr size_t kMaxErrorBodyPrintBytes = 512;
constexpr int kMaxEpollEvents = 256;
// A server that keeps breaking connections should not make us spin forever.
// (A clean "Connection: close" after a full response is progress, not counted.)
constexpr int64_t kMaxBrokenReconnects = 10'000;
constexpr size_t kReadChunkBytes = 64 * 1024;

using Clock = std::chrono::steady_clock;  // CLOCK_MONOTONIC on Linux.
using Nanos = int64_t;

Nanos NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

[[noreturn]] void Die(const char* fmt, const char* arg = "") {
  std::fprintf(stderr, "tereze-load: ");
  std::fprintf(stderr, fmt, arg);
  std::fprintf(stderr, "\n");
  std::exit(2);
}

// ---------------------------------------------------------------------------
// Command line.

struct Options {
  std::string url;
  std::string token;
  std::string method = "GET";
  std::string path = "/";
  std::string body_template;
  std::string name = "load";
  std::string run_id;  // random unless given
  int connections = 64;
  int duration_s = 10;
  int drain_timeout_s = kDefaultDrainTimeoutS;
  int64_t rate_per_s = 0;  // 0 = closed loop
  int64_t seq_start = 1;
  int64_t seq_per_request = 1;  // {barcodes}: this many consecutive sequence numbers
};

void Usage() {
  std::fprintf(
      stderr,
      "usage: tereze-load --url http://HOST:PORT [--token TOKEN] [--method POST]\n"
      "         [--path /api/v1/...] [--body-template '{\"login\":\"b-{seq}-{run}\"}']\n"
      "         [--connections 64] [--duration-s 10] [--rate N] [--name NAME]\n"
      "         [--run-id ID] [--seq-start 1] [--seq-per-request 1] [--drain-timeout-s 5]\n"
      "  {seq} in path/body -> unique increasing integer per request\n"
      "  {barcode} in path/body -> the barcode of application number {seq}\n"
      "  {barcodes} in body -> \"b\",\"b\",... of applications {seq} .. {seq}+N-1, where\n"
      "     N is --seq-per-request (each request then uses N sequence numbers)\n"
      "  {run} in path/body -> random run id (so repeated runs don't collide)\n"
      "  no --rate: closed loop (max throughput); --rate N: open loop, N req/s total\n"
      "limits: connections <= %d, duration_s <= %d, rate <= %lld\n",
      kMaxConnections, kMaxDurationS, static_cast<long long>(kMaxRatePerS));
}

int64_t ParseInt(std::string_view flag, std::string_view text, int64_t min, int64_t max) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < min || v > max) {
    std::fprintf(stderr, "tereze-load: %.*s must be an integer in [%lld, %lld], got '%.*s'\n",
                 static_cast<int>(flag.size()), flag.data(), static_cast<long long>(min),
                 static_cast<long long>(max), static_cast<int>(text.size()), text.data());
    std::exit(2);
  }
  return v;
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      Usage();
      std::exit(0);
    }
    // Accept both "--flag value" and "--flag=value".
    std::string_view flag = arg, value;
    bool have_value = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      have_value = true;
    } else if (i + 1 < argc) {
      value = argv[i + 1];
      have_value = true;
      ++i;
    }
    if (!have_value) {
      Usage();
      Die("missing value for %s", argv[i]);
    }
    if (flag == "--url")
      o.url = value;
    else if (flag == "--token")
      o.token = value;
    else if (flag == "--method")
      o.method = value;
    else if (flag == "--path")
      o.path = value;
    else if (flag == "--body-template" || flag == "--body")
      o.body_template = value;
    else if (flag == "--name")
      o.name = value;
    else if (flag == "--run-id")
      o.run_id = value;
    else if (flag == "--connections")
      o.connections = static_cast<int>(ParseInt(flag, value, 1, kMaxConnections));
    else if (flag == "--duration-s")
      o.duration_s = static_cast<int>(ParseInt(flag, value, 1, kMaxDurationS));
    else if (flag == "--drain-timeout-s")
      o.drain_timeout_s = static_cast<int>(ParseInt(flag, value, 0, kMaxDrainTimeoutS));
    else if (flag == "--rate")
      o.rate_per_s = ParseInt(flag, value, 1, kMaxRatePerS);
    else if (flag == "--seq-start")
      o.seq_start = ParseInt(flag, value, 0, INT64_MAX / 2);
    else if (flag == "--seq-per-request")
      o.seq_per_request = ParseInt(flag, value, 1, kMaxSeqPerRequest);
    else {
      Usage();
      Die("unknown flag %s", std::string(flag).c_str());
    }
  }
  if (o.url.empty()) {
    Usage();
    Die("--url is required");
  }
  if (o.path.empty() || o.path[0] != '/') Die("--path must start with '/'");
  if (o.body_template.size() > kMaxTemplateBytes) Die("--body-template is too large");
  // The name and run id end up in a key=value line and in URLs: keep them tame.
  auto tame = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
  };
  if (o.name.empty() || !tame(o.name)) Die("--name must be [A-Za-z0-9_.-]+");
  if (!tame(o.run_id)) Die("--run-id must be [A-Za-z0-9_.-]*");
  for (char c : o.method)
    if (!std::isupper(static_cast<unsigned char>(c))) Die("--method must be upper-case letters");
  return o;
}

// ---------------------------------------------------------------------------
// Target address: only plain http://host[:port], no path, no TLS.

struct Target {
  std::string host_header;  // "host:port" as given, for the Host header
  sockaddr_storage addr{};
  socklen_t addr_len = 0;
};

Target ResolveUrl(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (!std::string_view(url).starts_with(kScheme))
    Die("--url must start with http:// (got %s)", url.c_str());
  std::string rest = url.substr(kScheme.size());
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.empty() || rest.find('/') != std::string::npos)
    Die("--url must be http://HOST[:PORT] without a path (got %s)", url.c_str());

  std::string host = rest, port = "80";
  if (rest.front() == '[') {  // [v6addr]:port
    auto close = rest.find(']');
    if (close == std::string::npos) Die("bad IPv6 literal in --url %s", url.c_str());
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &res); rc != 0 || !res)
    Die("cannot resolve %s", (host + ":" + port + " (" + gai_strerror(rc) + ")").c_str());
  Target t;
  t.host_header = rest;
  std::memcpy(&t.addr, res->ai_addr, res->ai_addrlen);
  t.addr_len = res->ai_addrlen;
  freeaddrinfo(res);
  return t;
}

// ---------------------------------------------------------------------------
// Request templates. Pre-split into literal pieces and placeholders once, so
// building a request is appends only.

struct Template {
  enum class Kind { kLiteral, kSeq, kRun, kBarcode, kBarcodes };
  struct Piece {
    Kind kind;
    std::string text;
  };
  std::vector<Piece> pieces;
  int64_t per_request = 1;  // how many barcodes {barcodes} expands to

  static Template Parse(std::string_view s, int64_t per_request = 1) {
    Template t;
    t.per_request = per_request;
    std::string lit;
    while (!s.empty()) {
      if (s.starts_with("{seq}")) {
        t.Flush(lit);
        t.pieces.push_back({Kind::kSeq, {}});
        s.remove_prefix(5);
      } else if (s.starts_with("{barcodes}")) {
        t.Flush(lit);
        t.pieces.push_back({Kind::kBarcodes, {}});
        s.remove_prefix(10);
      } else if (s.starts_with("{barcode}")) {
        t.Flush(lit);
        t.pieces.push_back({Kind::kBarcode, {}});
        s.remove_prefix(9);
      } else if (s.starts_with("{run}")) {
        t.Flush(lit);
        t.pieces.push_back({Kind::kRun, {}});
        s.remove_prefix(5);
      } else {
        lit += s.front();
        s.remove_prefix(1);
      }
    }
    t.Flush(lit);
    return t;
  }

  void AppendTo(std::string& out, int64_t seq, const std::string& run) const {
    for (const Piece& p : pieces) {
      switch (p.kind) {
        case Kind::kLiteral:
          out += p.text;
          break;
        case Kind::kRun:
          out += run;
          break;
        case Kind::kBarcodes:
          for (int64_t i = 0; i < per_request; ++i) {
            if (i > 0) out += ',';
            out += '"';
            out += tereze::domain::MakeBarcode(tereze::domain::BarcodeKind::kApplication, seq + i);
            out += '"';
          }
          break;
        case Kind::kBarcode:
          out += tereze::domain::MakeBarcode(tereze::domain::BarcodeKind::kApplication, seq);
          break;
        case Kind::kSeq: {
          char buf[24];
          auto r = std::to_chars(buf, buf + sizeof buf, seq);
          out.append(buf, r.ptr);
          break;
        }
      }
    }
  }

 private:
  void Flush(std::string& lit) {
    if (!lit.empty()) pieces.push_back({Kind::kLiteral, std::move(lit)});
    lit.clear();
  }
};

struct RequestBuilder {
  std::string head_prefix;  // "METHOD "
  Template path;
  std::string fixed_headers;  // "HTTP/1.1\r\nHost: ...\r\nAuthorization: ...\r\n"
  Template body;
  bool send_body_headers = false;
  std::string run_id;
  std::string body_scratch;

  void Build(std::string& out, int64_t seq) {
    out.clear();
    out += head_prefix;
    path.AppendTo(out, seq, run_id);
    out += fixed_headers;
    if (send_body_headers) {
      body_scratch.clear();
      body.AppendTo(body_scratch, seq, run_id);
      out += "Content-Type: application/json\r\nContent-Length: ";
      out += std::to_string(body_scratch.size());
      out += "\r\n\r\n";
      out += body_scratch;
    } else {
      out += "\r\n";
    }
  }
};

// ---------------------------------------------------------------------------
// Incremental HTTP/1.1 response parser. Works on the connection's input
// buffer; returns one complete response at a time, so responses split across
// reads and several responses in one read are both handled.

struct Response {
  int status = 0;
  bool close = false;      // server said Connection: close (or HTTP/1.0 without keep-alive)
  std::string_view body;   // valid until the buffer is consumed
  size_t total_bytes = 0;  // header + body, to consume from the buffer
};

enum class ParseResult { kNeedMore, kDone, kError };

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool ContainsIgnoreCase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (EqualsIgnoreCase(hay.substr(i, needle.size()), needle)) return true;
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

ParseResult ParseResponse(std::string_view buf, bool head_request, Response* out,
                          std::string* error) {
  size_t header_end = buf.find("\r\n\r\n");
  if (header_end == std::string_view::npos) {
    if (buf.size() > kMaxHeaderBytes) {
      *error = "response header too large";
      return ParseResult::kError;
    }
    return ParseResult::kNeedMore;
  }
  std::string_view head = buf.substr(0, header_end);
  size_t line_end = head.find("\r\n");
  std::string_view status_line = head.substr(0, line_end);
  // "HTTP/1.1 201 Created"
  if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.") || status_line[8] != ' ' ||
      !std::isdigit(static_cast<unsigned char>(status_line[9])) ||
      !std::isdigit(static_cast<unsigned char>(status_line[10])) ||
      !std::isdigit(static_cast<unsigned char>(status_line[11]))) {
    *error = "bad status line: " + std::string(status_line.substr(0, 80));
    return ParseResult::kError;
  }
  Response r;
  r.status = (status_line[9] - '0') * 100 + (status_line[10] - '0') * 10 + (status_line[11] - '0');
  bool http10 = status_line[7] == '0';
  bool keep_alive_header = false;
  int64_t content_length = -1;

  std::string_view rest =
      line_end == std::string_view::npos ? std::string_view{} : head.substr(line_end + 2);
  while (!rest.empty()) {
    size_t eol = rest.find("\r\n");
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 2);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = line.substr(0, colon);
    std::string_view value = Trim(line.substr(colon + 1));
    if (EqualsIgnoreCase(name, "content-length")) {
      int64_t v = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec != std::errc() || p != value.data() + value.size() || v < 0) {
        *error = "bad Content-Length";
        return ParseResult::kError;
      }
      content_length = v;
    } else if (EqualsIgnoreCase(name, "connection")) {
      if (ContainsIgnoreCase(value, "close")) r.close = true;
      if (ContainsIgnoreCase(value, "keep-alive")) keep_alive_header = true;
    } else if (EqualsIgnoreCase(name, "transfer-encoding")) {
      // Tereze always sends Content-Length; chunked is not worth the code here.
      *error = "Transfer-Encoding not supported (server must send Content-Length)";
      return ParseResult::kError;
    }
  }
  if (http10 && !keep_alive_header) r.close = true;

  // Bodiless responses by definition; otherwise Content-Length is required
  // because with keep-alive there is no other way to find the end.
  if (head_request || r.status == 204 || r.status == 304 || r.status / 100 == 1) {
    content_length = 0;
  } else if (content_length < 0) {
    *error = "response without Content-Length";
    return ParseResult::kError;
  }
  if (static_cast<uint64_t>(content_length) > kMaxBodyBytes) {
    *error = "response body too large";
    return ParseResult::kError;
  }
  size_t body_start = header_end + 4;
  size_t total = body_start + static_cast<size_t>(content_length);
  if (buf.size() < total) return ParseResult::kNeedMore;
  r.body = buf.substr(body_start, static_cast<size_t>(content_length));
  r.total_bytes = total;
  *out = r;
  return ParseResult::kDone;
}

// ---------------------------------------------------------------------------
// Connections.

int ConnectWithTimeout(const Target& t, int timeout_ms, std::string* error) {
  int fd = socket(t.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *error = std::string("socket: ") + std::strerror(errno);
    return -1;
  }
  int one = 1;
  // Requests are small and latency-sensitive; never wait for Nagle.
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&t.addr), t.addr_len) != 0) {
    if (errno != EINPROGRESS) {
      *error = std::string("connect: ") + std::strerror(errno);
      close(fd);
      return -1;
    }
    pollfd p{fd, POLLOUT, 0};
    int rc = poll(&p, 1, timeout_ms);
    int so_error = 0;
    socklen_t len = sizeof so_error;
    if (rc <= 0) {
      *error = rc == 0 ? "connect: timed out" : std::string("poll: ") + std::strerror(errno);
      close(fd);
      return -1;
    }
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
    if (so_error != 0) {
      *error = std::string("connect: ") + std::strerror(so_error);
      close(fd);
      return -1;
    }
  }
  return fd;
}

struct Conn {
  int fd = -1;
  uint64_t generation = 0;  // bumped on every (re)connect, to spot stale state
  bool in_flight = false;
  bool want_write = false;  // EPOLLOUT registered
  Nanos start_ns = 0;       // latency origin: send time (closed) or scheduled time (open)
  std::string out;
  size_t out_pos = 0;
  std::string in;
};

// ---------------------------------------------------------------------------
// Results.

struct Stats {
  int64_t sent = 0;
  int64_t ok = 0;         // 2xx
  int64_t non2xx = 0;     // any other HTTP status
  int64_t io_errors = 0;  // connection reset / protocol error with a request in flight
  int64_t timed_out = 0;  // still in flight when the drain timeout hit
  int64_t unsent = 0;     // open loop: scheduled but never sent (backlog at the end)
  int64_t reconnects = 0;
  int64_t broken_reconnects = 0;  // after an error, not after a clean Connection: close
  int errors_printed = 0;
  bool samples_capped = false;
  std::vector<uint32_t> latencies_us;  // all HTTP responses (2xx and not)
};

class Loader {
 public:
  Loader(const Options& o, const Target& t, RequestBuilder rb)
      : opts_(o), target_(t), rb_(std::move(rb)), conns_(static_cast<size_t>(o.connections)) {
    head_request_ = o.method == "HEAD";
    next_seq_ = o.seq_start;
  }

  // Connects everything up front so a dead server fails fast and connection
  // setup is not part of the measurement.
  bool ConnectAll() {
    epfd_ = epoll_create1(EPOLL_CLOEXEC);
    timerfd_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (epfd_ < 0 || timerfd_ < 0) {
      std::perror("tereze-load: epoll/timerfd");
      return false;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kTimerTag;
    epoll_ctl(epfd_, EPOLL_CTL_ADD, timerfd_, &ev);
    for (size_t i = 0; i < conns_.size(); ++i) {
      std::string err;
      if (!Open(i, &err)) {
        std::fprintf(stderr, "tereze-load: connection %zu to %s failed: %s\n", i,
                     target_.host_header.c_str(), err.c_str());
        return false;
      }
    }
    return true;
  }

  void Run() {
    const bool open_loop = opts_.rate_per_s > 0;
    start_ns_ = NowNs();
    end_ns_ = start_ns_ + Nanos{opts_.duration_s} * 1'000'000'000;
    drain_end_ns_ = end_ns_ + Nanos{opts_.drain_timeout_s} * 1'000'000'000;
    last_done_ns_ = start_ns_;
    if (open_loop) {
      // Every request whose scheduled time falls inside the window is owed.
      total_scheduled_ = (end_ns_ - start_ns_) * opts_.rate_per_s / 1'000'000'000;
    }
    for (size_t i = 0; i < conns_.size(); ++i) GoIdle(i, NowNs());

    epoll_event events[kMaxEpollEvents];
    for (;;) {
      Nanos now = NowNs();
      if (open_loop) DispatchDue(now);
      bool issuing_done = open_loop ? scheduled_sent_ >= total_scheduled_ : now >= end_ns_;
      if (issuing_done && in_flight_ == 0) break;
      if (now >= drain_end_ns_) break;
      if (live_conns_ == 0) {
        std::fprintf(stderr, "tereze-load: all connections lost, giving up\n");
        all_lost_ = true;
        break;
      }
      // Wake at least at the window end and periodically; the timerfd gives
      // sub-millisecond wakeups for open-loop schedule points.
      Nanos wake_ns = now < end_ns_ ? end_ns_ : drain_end_ns_;
      int timeout_ms = static_cast<int>(std::clamp<Nanos>((wake_ns - now) / 1'000'000 + 1, 0, 100));
      int n = epoll_wait(epfd_, events, kMaxEpollEvents, timeout_ms);
      if (n < 0) {
        if (errno == EINTR) continue;
        std::perror("tereze-load: epoll_wait");
        break;
      }
      for (int e = 0; e < n; ++e) {
        if (events[e].data.u64 == kTimerTag) {
          uint64_t expirations;
          while (read(timerfd_, &expirations, sizeof expirations) > 0) {
          }
          continue;
        }
        size_t i = static_cast<size_t>(events[e].data.u64);
        if (conns_[i].fd < 0) continue;  // closed earlier in this batch
        if (events[e].events & EPOLLOUT) Flush(i);
        if (conns_[i].fd >= 0 && (events[e].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) Read(i);
      }
    }
    stats_.timed_out = in_flight_;
    if (open_loop) stats_.unsent = total_scheduled_ - scheduled_sent_;
    for (auto& c : conns_)
      if (c.fd >= 0) close(c.fd);
  }

  void PrintSummary() {
    auto& lat = stats_.latencies_us;
    std::sort(lat.begin(), lat.end());
    auto pct_ms = [&](double p) -> double {
      if (lat.empty()) return 0.0;
      // Nearest-rank percentile.
      size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(lat.size())));
      rank = std::clamp<size_t>(rank, 1, lat.size());
      return lat[rank - 1] / 1000.0;
    };
    // Throughput over the whole time we were measuring: from the first send
    // to the last completed response (includes the drain of in-flight work).
    Nanos measured_ns = std::max<Nanos>(last_done_ns_ - start_ns_, 1);
    double wall_s = static_cast<double>(measured_ns) / 1e9;
    int64_t errors = stats_.non2xx + stats_.io_errors + stats_.timed_out + stats_.unsent;
    std::printf("name=%s mode=%s conns=%d rate=%" PRId64 " duration_s=%d run=%s sent=%" PRId64
                " ok=%" PRId64 " errors=%" PRId64 " non2xx=%" PRId64 " io_errors=%" PRId64
                " timed_out=%" PRId64 " unsent=%" PRId64
                " wall_s=%.2f ops_per_s=%.0f items_per_s=%.0f p50_ms=%.2f"
                " p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
                opts_.name.c_str(), opts_.rate_per_s > 0 ? "open" : "closed", opts_.connections,
                opts_.rate_per_s, opts_.duration_s, rb_.run_id.c_str(), stats_.sent, stats_.ok,
                errors, stats_.non2xx, stats_.io_errors, stats_.timed_out, stats_.unsent, wall_s,
                static_cast<double>(stats_.ok) / wall_s,
                static_cast<double>(stats_.ok * opts_.seq_per_request) / wall_s, pct_ms(0.50),
                pct_ms(0.90), pct_ms(0.99), lat.empty() ? 0.0 : lat.back() / 1000.0);
    std::fflush(stdout);
    if (stats_.samples_capped)
      std::fprintf(stderr, "tereze-load: latency samples capped at %zu\n", kMaxLatencySamples);
    if (stats_.reconnects > 0)
      std::fprintf(stderr, "tereze-load: %" PRId64 " reconnects\n", stats_.reconnects);
  }

  bool any_ok() const { return stats_.ok > 0; }
  bool all_lost() const { return all_lost_; }

 private:
  static constexpr uint64_t kTimerTag = UINT64_MAX;

  bool Open(size_t i, std::string* err) {
    Conn& c = conns_[i];
    c.fd = ConnectWithTimeout(target_, kConnectTimeoutMs, err);
    if (c.fd < 0) return false;
    c.in.clear();
    c.out.clear();
    c.out_pos = 0;
    c.in_flight = false;
    c.want_write = false;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    if (epoll_ctl(epfd_, EPOLL_CTL_ADD, c.fd, &ev) != 0) {
      *err = std::string("epoll_ctl: ") + std::strerror(errno);
      close(c.fd);
      c.fd = -1;
      return false;
    }
    ++live_conns_;
    ++c.generation;
    return true;
  }

  // Closes a connection (server closed it, or it broke) and opens a fresh one
  // in its place. A request that was in flight is counted as an I/O error.
  void Reset(size_t i, const char* why, bool clean = false) {
    Conn& c = conns_[i];
    if (c.in_flight) {
      ++stats_.io_errors;
      --in_flight_;
      if (stats_.errors_printed < kMaxErrorBodiesPrinted) {
        ++stats_.errors_printed;
        std::fprintf(stderr, "tereze-load: conn %zu: %s (request lost)\n", i, why);
      }
    }
    epoll_ctl(epfd_, EPOLL_CTL_DEL, c.fd, nullptr);
    close(c.fd);
    c.fd = -1;
    c.in_flight = false;
    --live_conns_;
    std::erase(idle_, i);  // rare path; idle_ holds at most `connections` entries
    ++stats_.reconnects;
    if (!clean && ++stats_.broken_reconnects > kMaxBrokenReconnects) {
      if (stats_.broken_reconnects == kMaxBrokenReconnects + 1)
        std::fprintf(stderr, "tereze-load: too many broken connections, not reopening\n");
      return;
    }
    std::string err;
    if (!Open(i, &err)) {
      std::fprintf(stderr, "tereze-load: reconnect %zu failed: %s\n", i, err.c_str());
      return;
    }
    GoIdle(i, NowNs());
  }

  // Connection i has nothing in flight. Closed loop: give it the next request
  // while the window is open. Open loop: park it for the scheduler.
  void GoIdle(size_t i, Nanos now) {
    if (opts_.rate_per_s == 0) {
      if (now < end_ns_)
        SendNext(i, now);
      else
        idle_.push_back(i);
    } else {
      idle_.push_back(i);
      DispatchDue(now);
    }
  }

  // Builds and sends the next request on connection i (not in idle_), with
  // latency measured from start_ns.
  void SendNext(size_t i, Nanos start_ns) {
    Conn& c = conns_[i];
    if (c.fd < 0 || c.in_flight) return;
    rb_.Build(c.out, next_seq_);
    next_seq_ += opts_.seq_per_request;
    c.out_pos = 0;
    c.in_flight = true;
    c.start_ns = start_ns;
    ++in_flight_;
    ++stats_.sent;
    Flush(i);
  }

  // Open loop: hand every request whose scheduled time has come to an idle
  // connection. Requests that find no idle connection simply stay due; their
  // latency keeps growing from the scheduled time.
  void DispatchDue(Nanos now) {
    while (scheduled_sent_ < total_scheduled_) {
      Nanos due_ns = ScheduledNs(scheduled_sent_);
      if (due_ns > now) {
        ArmTimer(due_ns);
        return;
      }
      if (idle_.empty()) return;  // a response will free a connection
      size_t i = idle_.back();
      idle_.pop_back();
      ++scheduled_sent_;
      SendNext(i, due_ns);
    }
  }

  Nanos ScheduledNs(int64_t k) const {
    // k * 1e9 stays below 2^63 for k < 9.2e9 (rate <= 1e6/s * 120 s = 1.2e8).
    return start_ns_ + k * 1'000'000'000 / opts_.rate_per_s;
  }

  void ArmTimer(Nanos at_ns) {
    if (at_ns == timer_armed_ns_) return;
    timer_armed_ns_ = at_ns;
    itimerspec its{};
    its.it_value.tv_sec = at_ns / 1'000'000'000;
    its.it_value.tv_nsec = at_ns % 1'000'000'000;
    timerfd_settime(timerfd_, TFD_TIMER_ABSTIME, &its, nullptr);
  }

  void Flush(size_t i) {
    Conn& c = conns_[i];
    while (c.out_pos < c.out.size()) {
      ssize_t n = send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos, MSG_NOSIGNAL);
      if (n > 0) {
        c.out_pos += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        SetWantWrite(i, true);
        return;
      }
      Reset(i, n < 0 ? std::strerror(errno) : "send returned 0");
      return;
    }
    SetWantWrite(i, false);
  }

  void SetWantWrite(size_t i, bool want) {
    Conn& c = conns_[i];
    if (c.want_write == want) return;
    c.want_write = want;
    epoll_event ev{};
    ev.events = EPOLLIN | (want ? EPOLLOUT : 0u);
    ev.data.u64 = i;
    epoll_ctl(epfd_, EPOLL_CTL_MOD, c.fd, &ev);
  }

  void Read(size_t i) {
    Conn& c = conns_[i];
    char buf[kReadChunkBytes];
    for (;;) {
      ssize_t n = recv(c.fd, buf, sizeof buf, 0);
      if (n > 0) {
        c.in.append(buf, static_cast<size_t>(n));
        if (c.in.size() > kMaxHeaderBytes + kMaxBodyBytes) {
          Reset(i, "input buffer overflow");
          return;
        }
        if (static_cast<size_t>(n) < sizeof buf) break;  // drained for now
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      // EOF or error. Parse what we have first: the last response may have
      // arrived together with the FIN. If that already replaced the
      // connection, the EOF belonged to the old one.
      const char* why = n == 0 ? "server closed connection" : std::strerror(errno);
      uint64_t generation = c.generation;
      ConsumeResponses(i);
      if (conns_[i].fd >= 0 && conns_[i].generation == generation) {
        // An idle keep-alive connection closed by the server is routine.
        bool clean = n == 0 && !conns_[i].in_flight && conns_[i].in.empty();
        Reset(i, why, clean);
      }
      return;
    }
    ConsumeResponses(i);
  }

  void ConsumeResponses(size_t i) {
    for (;;) {
      Conn& c = conns_[i];
      if (c.in.empty()) return;
      Response r;
      std::string err;
      ParseResult pr = ParseResponse(c.in, head_request_, &r, &err);
      if (pr == ParseResult::kNeedMore) return;
      if (pr == ParseResult::kError || !c.in_flight) {
        Reset(i, pr == ParseResult::kError ? err.c_str() : "response without a request");
        return;
      }
      Nanos now = NowNs();
      Record(r, now, c.start_ns);
      c.in.erase(0, r.total_bytes);  // r.body is invalid from here on
      c.in_flight = false;
      --in_flight_;
      last_done_ns_ = now;
      if (r.close) {
        Reset(i, "server sent Connection: close", /*clean=*/true);
        return;
      }
      GoIdle(i, now);
    }
  }

  void Record(const Response& r, Nanos now, Nanos start_ns) {
    if (r.status >= 200 && r.status < 300) {
      ++stats_.ok;
    } else {
      ++stats_.non2xx;
      if (stats_.errors_printed < kMaxErrorBodiesPrinted) {
        ++stats_.errors_printed;
        std::string_view body = r.body.substr(0, kMaxErrorBodyPrintBytes);
        std::fprintf(stderr, "tereze-load: HTTP %d: %.*s\n", r.status,
                     static_cast<int>(body.size()), body.data());
      }
    }
    if (stats_.latencies_us.size() >= kMaxLatencySamples) {
      stats_.samples_capped = true;
      return;
    }
    Nanos lat_ns = std::max<Nanos>(now - start_ns, 0);
    stats_.latencies_us.push_back(
        static_cast<uint32_t>(std::min<Nanos>(lat_ns / 1000, UINT32_MAX)));
  }

  const Options& opts_;
  const Target& target_;
  RequestBuilder rb_;
  std::vector<Conn> conns_;
  std::vector<size_t> idle_;
  bool head_request_ = false;
  bool all_lost_ = false;
  int epfd_ = -1;
  int timerfd_ = -1;
  int live_conns_ = 0;
  int64_t in_flight_ = 0;
  int64_t next_seq_ = 1;
  int64_t total_scheduled_ = 0;  // open loop
  int64_t scheduled_sent_ = 0;   // open loop
  Nanos timer_armed_ns_ = 0;
  Nanos start_ns_ = 0, end_ns_ = 0, drain_end_ns_ = 0, last_done_ns_ = 0;
  Stats stats_;
};

std::string RandomRunId() {
  // 8 base-36 chars: ~41 bits, plenty to keep repeated runs apart.
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::random_device rd;
  std::mt19937_64 rng((uint64_t{rd()} << 32) ^ rd() ^ static_cast<uint64_t>(NowNs()));
  std::string id;
  for (int i = 0; i < 8; ++i) id += kAlphabet[rng() % 36];
  return id;
}

// 1024 connections plus epoll/timer/stdio exceed the common soft limit of 1024.
void RaiseFdLimit(int connections) {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
  rlim_t want = static_cast<rlim_t>(connections) + 64;
  if (rl.rlim_cur >= want) return;
  rl.rlim_cur = std::min(want, rl.rlim_max);
  setrlimit(RLIMIT_NOFILE, &rl);
}

}  // namespace

int main(int argc, char** argv) {
  Options opts = ParseArgs(argc, argv);
  if (opts.run_id.empty()) opts.run_id = RandomRunId();
  std::signal(SIGPIPE, SIG_IGN);
  RaiseFdLimit(opts.connections);

  Target target = ResolveUrl(opts.url);

  RequestBuilder rb;
  rb.head_prefix = opts.method + " ";
  rb.path = Template::Parse(opts.path);
  rb.fixed_headers = " HTTP/1.1\r\nHost: " + target.host_header + "\r\n";
  if (!opts.token.empty()) rb.fixed_headers += "Authorization: Bearer " + opts.token + "\r\n";
  rb.body = Template::Parse(opts.body_template, opts.seq_per_request);
  // Body headers whenever there is a body, and always for methods that carry one.
  rb.send_body_headers = !opts.body_template.empty() || opts.method == "POST" ||
                         opts.method == "PUT" || opts.method == "PATCH";
  rb.run_id = opts.run_id;

  Loader loader(opts, target, std::move(rb));
  if (!loader.ConnectAll()) return 1;
  loader.Run();
  loader.PrintSummary();
  // Non-zero exits let scripts notice a broken benchmark: 1 connect failed,
  // 2 bad arguments, 3 nothing succeeded, 4 server went away mid-run.
  if (!loader.any_ok()) return 3;
  return loader.all_lost() ? 4 : 0;
}
