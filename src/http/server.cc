#include "http/server.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>
#include <fstream>
#include <thread>

#include "app/auth.h"
#include "app/breaches.h"
#include "app/dashboard.h"
#include "core/crypto.h"
#include "core/instant.h"
#include "http/dashboard_api.h"
#include "http/json.h"

namespace tereze::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;

namespace {

constexpr size_t kMaxWsQueue = 256;  // messages waiting for a slow WebSocket client

std::string PercentDecode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else if (in[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

void SplitTarget(std::string_view target, std::string* path,
                 std::map<std::string, std::string>* query) {
  size_t q = target.find('?');
  *path = PercentDecode(target.substr(0, q));
  if (q == std::string_view::npos) return;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    size_t eq = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
    if (!key.empty()) (*query)[key] = value;
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
}

std::string CookieValue(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = header.substr(pos, end - pos);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    pos = end;
  }
  return "";
}

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

const char* ContentTypeOf(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".wav", "audio/wav"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"}};
  for (const auto& [ext, type] : kTypes) {
    size_t n = std::strlen(ext);
    if (path.size() >= n && path.compare(path.size() - n, n, ext) == 0) return type;
  }
  return "application/octet-stream";
}

Response TooLarge(size_t limit_bytes) {
  return ErrorResponse(
      Status::TooLarge("body_too_large",
                       "the body is larger than " + std::to_string(limit_bytes) + " bytes"),
      Json{{"limit_bytes", limit_bytes}});
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, app::App& a, Router& r, Hub& h, Metrics& m)
      : options(std::move(o)),
        app(a),
        router(r),
        hub(h),
        metrics(m),
        ioc(options.io_threads),
        acceptor(ioc),
        blocking(options.blocking_threads) {
    if (options.access_log == "off") {
      access_log = nullptr;
    } else if (options.access_log == "-") {
      access_log = spdlog::stdout_logger_mt("access-" + RandomHex(4));
    } else {
      access_log = spdlog::basic_logger_mt("access-" + RandomHex(4), options.access_log);
    }
    if (access_log) {
      access_log->set_pattern("%v");
      access_log->flush_on(spdlog::level::info);
    }
    connections = &metrics.GetCounter("tereze_http_connections_total", "Connections accepted", "");
    metrics.SetGauge("tereze_ws_subscribers", "Open WebSocket subscriptions",
                     [this] { return static_cast<double>(hub.subscriber_count()); });
  }

  Counter& RequestCounter(const std::string& route, const std::string& method, unsigned status) {
    return metrics.GetCounter("tereze_http_requests_total", "Requests answered",
                              "route=\"" + route + "\",method=\"" + method + "\",status=\"" +
                                  std::to_string(status) + "\"");
  }

  void Accept();

  ServerOptions options;
  app::App& app;
  Router& router;
  Hub& hub;
  Metrics& metrics;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::thread_pool blocking;
  std::shared_ptr<spdlog::logger> access_log;
  Counter* connections = nullptr;
};

namespace {

// One WebSocket client: subscribed to its topics in the hub, sending what
// the hub publishes, in order, on its own strand.
class WsSession : public Subscriber, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(tcp::socket&& socket, Hub& hub) : ws_(std::move(socket)), hub_(hub) {}

  void Start(bhttp::request<bhttp::string_body> request, std::vector<std::string> topics) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(size_t{64} * 1024);
    topics_ = std::move(topics);
    request_ = std::move(request);  // kept alive for the handshake
    ws_.async_accept(request_, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      if (!self->hub_.Subscribe(self, self->topics_)) {
        self->ws_.async_close(websocket::close_code::try_again_later, [self](beast::error_code) {});
        return;
      }
      self->Send(std::make_shared<const std::string>(
          Json{{"type", "hello"}, {"topics", self->topics_}}.dump()));
      self->Read();
    });
  }

  void Send(std::shared_ptr<const std::string> message) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), message] {
      if (self->queue_.size() >= kMaxWsQueue) {
        // A client that cannot keep up is dropped; it reconnects and gets the state anew.
        beast::get_lowest_layer(self->ws_).close();
        return;
      }
      self->queue_.push_back(message);
      if (self->queue_.size() == 1) self->Write();
    });
  }

 private:
  void Read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) {
        self->hub_.Unsubscribe(self.get());
        return;
      }
      self->buffer_.consume(self->buffer_.size());  // clients only listen
      self->Read();
    });
  }

  void Write() {
    ws_.text(true);
    ws_.async_write(net::buffer(*queue_.front()),
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      if (ec) {
                        self->hub_.Unsubscribe(self.get());
                        return;
                      }
                      self->queue_.pop_front();
                      if (!self->queue_.empty()) self->Write();
                    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  Hub& hub_;
  beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::vector<std::string> topics_;
  bhttp::request<bhttp::string_body> request_;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    client_ip_ = ec ? "unknown" : endpoint.address().to_string();
  }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

 private:
  void ReadHeader() {
    parser_.emplace();
    // The header parser refuses a declared Content-Length over this limit
    // before OnHeader can look at the route, so it starts at the largest any
    // route allows; OnHeader narrows it to the route's own.
    parser_->body_limit(
        std::max(server_.options.body_limit_bytes, server_.router.max_body_limit()));
    body_limit_ = server_.options.body_limit_bytes;
    parser_->header_limit(static_cast<uint32_t>(server_.options.header_limit_bytes));
    stream_.expires_after(std::chrono::milliseconds(server_.options.header_timeout_ms));
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    started_ = std::chrono::steady_clock::now();
    // A route may take a larger body than the default (a catalog file).
    body_limit_ = server_.options.body_limit_bytes;
    {
      // Routed once, here; Handle() uses the match.
      const auto& head = parser_->get();
      request_ = std::make_shared<Request>();
      request_->method = std::string(head.method_string());
      request_->target = std::string(head.target());
      SplitTarget(request_->target, &request_->path, &request_->query);
      std::string incoming_id(head["X-Request-Id"]);
      request_->request_id = ValidRequestId(incoming_id) ? incoming_id : RandomHex(12);
      match_ = server_.router.Find(request_->method, request_->path);
      if (match_.route != nullptr && match_.route->body_limit_bytes > 0) {
        body_limit_ = match_.route->body_limit_bytes;
      }
      parser_->body_limit(body_limit_);
    }
    // A declared body over the limit is refused before reading it.
    if (auto len = parser_->content_length(); len && *len > body_limit_) {
      return OnReadError(bhttp::error::body_limit);
    }
    stream_.expires_after(std::chrono::milliseconds(server_.options.body_timeout_ms));
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec2, size_t) {
                        if (ec2) return self->OnReadError(ec2);
                        self->Handle();
                      });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      close_after_ = true;
      return Send("POST", TooLarge(body_limit_));
    }
    if (ec == bhttp::error::header_limit || ec == bhttp::error::bad_target ||
        ec == bhttp::error::bad_method || ec == bhttp::error::bad_version ||
        ec == bhttp::error::bad_field || ec == bhttp::error::bad_value ||
        ec == bhttp::error::bad_chunk || ec == bhttp::error::bad_content_length) {
      close_after_ = true;
      return Send("POST",
                  ErrorResponse(Status::Malformed("bad_request", "the HTTP request is malformed")));
    }
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  void Handle() {
    auto& raw = parser_->get();
    Request& req = *request_;  // method, target, path and query were read with the header
    req.body = std::move(raw.body());
    req.content_type = std::string(raw[bhttp::field::content_type]);
    req.client_ip = client_ip_;
    keep_alive_ = raw.keep_alive();
    req.run_blocking = [pool = &server_.blocking](std::function<void()> work) {
      net::post(*pool, std::move(work));
    };

    bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/healthz" || req.path == "/readyz" ||
               req.path == "/metrics";
    if (!api) return ServeStatic();

    Router::Match& match = match_;
    if (match.route == nullptr) {
      route_label_ = "unmatched";
      Response r = match.path_known
                       ? ErrorResponse(Status::Malformed("method_not_allowed",
                                                         req.method + " is not allowed here"))
                       : ErrorResponse(Status::NotFound("not_found", "no such endpoint"));
      if (match.path_known) r.status = 405;
      return Send(req.method, std::move(r));
    }
    route_ = match.route;
    route_label_ = route_->pattern;
    req.params = std::move(match.params);

    if (route_->access == Access::kAuthenticated) {
      Status s = Authorize(raw);
      if (!s.ok()) return Send(req.method, ErrorResponse(s));
    }
    if (route_->websocket) return UpgradeToWebSocket();

    Reply reply = [self = shared_from_this(), method = req.method](Response response) {
      net::post(self->stream_.get_executor(),
                [self, method, response = std::move(response)]() mutable {
                  self->Send(method, std::move(response));
                });
    };
    auto run = [route = route_, request = request_, reply = std::move(reply)]() mutable {
      try {
        route->handler(*request, std::move(reply));
      } catch (const std::exception& e) {
        spdlog::error("handler {} threw: {}", route->pattern, e.what());
        reply(ErrorResponse(Status::Internal(e.what())));
      }
    };
    if (route_->blocking) {
      net::post(server_.blocking, std::move(run));
    } else {
      run();
    }
  }

  // Finds the session (bearer token, else cookie), picks the acting role,
  // and for cookie sessions checks the CSRF token on writes.
  Status Authorize(const bhttp::request<bhttp::string_body>& raw) {
    std::string token;
    bool via_cookie = false;
    auto auth_header = raw[bhttp::field::authorization];
    std::string_view auth(auth_header.data(), auth_header.size());
    if (auth.rfind("Bearer ", 0) == 0) {
      token = std::string(auth.substr(7));
    } else {
      auto cookies = raw[bhttp::field::cookie];
      token = CookieValue(std::string_view(cookies.data(), cookies.size()), "tereze_session");
      via_cookie = !token.empty();
    }
    if (token.empty()) return Status::Unauthorized("log in first");
    app::Authenticated authn;
    Status s = app::Authenticate(server_.app, token, &authn);
    if (!s.ok()) return s;
    app::Principal& who = authn.principal;
    bool allowed = false;
    for (auto r : domain::AllRoles()) {
      if (who.employee.Has(r) && (route_->roles & domain::Bit(r))) {
        who.role = r;
        allowed = true;
        break;
      }
    }
    if (!allowed) return Status::Forbidden("your role may not do this");
    bool safe = request_->method == "GET" || request_->method == "HEAD";
    if (via_cookie && !safe && !route_->websocket) {
      std::string csrf(raw["X-CSRF-Token"]);
      if (csrf.empty() || !ConstantTimeEquals(Sha256Hex(csrf), authn.csrf_hash)) {
        return Status::Forbidden("missing or wrong X-CSRF-Token");
      }
    }
    request_->who = std::move(who);
    return Status::Ok();
  }

  void UpgradeToWebSocket() {
    auto& raw = parser_->get();
    if (!websocket::is_upgrade(raw)) {
      return Send(request_->method,
                  ErrorResponse(Status::Malformed("upgrade_required", "connect with WebSocket")));
    }
    // A public board follows its branch's calls only.
    if (!request_->who) {
      int64_t branch_id = 0;
      if (request_->params.empty() || !ParseId(request_->params[0], &branch_id).ok()) {
        return Send(request_->method,
                    ErrorResponse(Status::NotFound("not_found", "no such board")));
      }
      LogAccess(101, 0);
      stream_.expires_never();
      auto board = std::make_shared<WsSession>(stream_.release_socket(), server_.hub);
      board->Start(parser_->release(), {"board:" + std::to_string(branch_id)});
      return;
    }
    const app::Principal& who = *request_->who;
    // A dashboard follows one branch, or the network (central roles only).
    if (route_->pattern == "/api/v1/dashboard/ws") {
      int64_t asked = 0;
      if (auto it = request_->query.find("branch_id");
          it != request_->query.end() && !it->second.empty() && !ParseId(it->second, &asked).ok()) {
        return Send(request_->method, ErrorResponse(Status::Malformed(
                                          "invalid_query", "branch_id: a positive integer")));
      }
      int64_t branch_id = 0;
      if (Status s = app::ScopeBranch(who, asked, &branch_id); !s.ok()) {
        return Send(request_->method, ErrorResponse(s));
      }
      // A branch that does not exist is refused now rather than followed in silence.
      app::LiveNumbers numbers;
      if (Status s = app::GetLiveNumbers(server_.app, branch_id, &numbers); !s.ok()) {
        return Send(request_->method, ErrorResponse(s));
      }
      LogAccess(101, 0);
      stream_.expires_never();
      auto ws = std::make_shared<WsSession>(stream_.release_socket(), server_.hub);
      ws->Start(parser_->release(), {DashboardTopic(branch_id)});
      return;
    }
    // Topics: what the client asks for, limited to what its role may see.
    std::vector<std::string> topics;
    std::string asked = request_->query.count("topics") ? request_->query["topics"] : "";
    if (asked.empty() && who.employee.branch_id != 0) {
      asked = "branch:" + std::to_string(who.employee.branch_id);
    }
    size_t pos = 0;
    while (pos <= asked.size() && !asked.empty() && topics.size() < 32) {
      size_t comma = asked.find(',', pos);
      std::string topic =
          asked.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      bool ok =
          who.employee.IsCentral() || topic == "branch:" + std::to_string(who.employee.branch_id);
      if (!ok) {
        return Send(request_->method,
                    ErrorResponse(Status::Forbidden("you may not subscribe to " + topic)));
      }
      topics.push_back(topic);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
    LogAccess(101, 0);
    stream_.expires_never();
    auto ws = std::make_shared<WsSession>(stream_.release_socket(), server_.hub);
    ws->Start(parser_->release(), std::move(topics));
  }

  void ServeStatic() {
    route_label_ = "static";
    const Request& req = *request_;
    if (req.method != "GET" && req.method != "HEAD") {
      Response r =
          ErrorResponse(Status::Malformed("method_not_allowed", "static files are read-only"));
      r.status = 405;
      return Send(req.method, std::move(r));
    }
    if (server_.options.web_dir.empty() || req.path.find("..") != std::string::npos ||
        req.path.find('\0') != std::string::npos) {
      return Send(req.method, ErrorResponse(Status::NotFound("not_found", "no such file")));
    }
    std::string rel = req.path == "/" ? "/index.html" : req.path;
    std::string file = server_.options.web_dir + rel;
    std::ifstream in(file, std::ios::binary);
    bool has_extension = rel.find('.', rel.rfind('/')) != std::string::npos;
    if (!in && !has_extension) {
      // The front end routes by path: unknown pages get the application.
      rel = "/index.html";
      file = server_.options.web_dir + rel;
      in.open(file, std::ios::binary);
    }
    if (!in) return Send(req.method, ErrorResponse(Status::NotFound("not_found", "no such file")));
    Response r;
    r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    r.content_type = ContentTypeOf(rel);
    // Vite names built assets by content hash, so they never change.
    r.headers.emplace_back("Cache-Control", rel.rfind("/assets/", 0) == 0
                                                ? "public, max-age=31536000, immutable"
                                                : "no-cache");
    Send(req.method, std::move(r));
  }

  // Writes the response, then reads the next request unless the connection closes.
  void Send(const std::string& method, Response response) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(response.status);
    res->set(bhttp::field::server, "tereze");
    res->set(bhttp::field::content_type, response.content_type);
    std::string request_id = request_ ? request_->request_id : RandomHex(12);
    res->set("X-Request-Id", request_id);
    res->set("X-Content-Type-Options", "nosniff");
    if (route_label_ != "static") res->set(bhttp::field::cache_control, "no-store");
    for (auto& [name, value] : response.headers) res->insert(name, value);
    res->keep_alive(keep_alive_ && !close_after_);
    if (method != "HEAD") res->body() = std::move(response.body);
    res->prepare_payload();
    if (method == "HEAD") res->body().clear();

    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (route_ && route_->latency) route_->latency->Observe(seconds);
    server_.RequestCounter(route_label_, method, response.status).Add();
    LogAccess(response.status, res->body().size());

    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res](beast::error_code ec, size_t) {
                         if (ec || !res->keep_alive()) {
                           beast::error_code ignored;
                           self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                           if (!ec && self->close_after_) self->DrainThenClose(0);
                           return;
                         }
                         self->route_ = nullptr;
                         self->request_.reset();
                         self->ReadHeader();
                       });
  }

  // After refusing a request whose body was not read (413, 400), closing at
  // once would reset the connection while the client is still sending, and it
  // would never see the answer. So read and discard what it sends, for a
  // while and up to a limit, then close.
  void DrainThenClose(size_t drained_bytes) {
    constexpr size_t kMaxDrainBytes = 32 << 20;
    if (drained_bytes == 0) stream_.expires_after(std::chrono::seconds(2));
    if (drained_bytes > kMaxDrainBytes) return;
    drain_buffer_.resize(64 << 10);
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this(), drained_bytes](
                                                            beast::error_code ec, size_t n) {
      if (ec) return;  // EOF, reset or the deadline: the session ends here
      self->DrainThenClose(drained_bytes + n);
    });
  }

  void LogAccess(unsigned status, size_t bytes) {
    if (!server_.access_log) return;
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    Json line = {{"ts", FormatInstantUtc(server_.app.clock().NowMs())},
                 {"request_id", request_ ? request_->request_id : ""},
                 {"method", request_ ? request_->method : ""},
                 {"path", request_ ? request_->path : ""},
                 {"route", route_label_},
                 {"status", status},
                 {"bytes", bytes},
                 {"duration_ms", std::round(ms * 1000) / 1000},
                 {"client", client_ip_}};
    if (request_ && request_->who) line["employee_id"] = request_->who->employee.id;
    server_.access_log->info(line.dump());
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<Request> request_;
  const Route* route_ = nullptr;
  std::string route_label_ = "unmatched";
  std::string client_ip_;
  bool keep_alive_ = true;
  bool close_after_ = false;
  size_t body_limit_ = 0;
  Router::Match match_;
  std::vector<char> drain_buffer_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (!ec) {
      connections->Add();
      std::make_shared<HttpSession>(std::move(socket), *this)->Start();
    }
    Accept();
  });
}

Server::Server(ServerOptions options, app::App& app, Router& router, Hub& hub, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), app, router, hub, metrics)) {}

Server::~Server() {
  Stop();
  JoinBlocking();
}

void Server::JoinBlocking() { impl_->blocking.join(); }

void Server::Post(std::function<void()> fn) { net::post(impl_->ioc, std::move(fn)); }

Status Server::Listen() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) return Status::Malformed("bad_listen_address", impl_->options.host + ": " + ec.message());
  tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable(
        "cannot_listen",
        impl_->options.host + ":" + std::to_string(impl_->options.port) + ": " + ec.message());
  }
  impl_->Accept();
  return Status::Ok();
}

uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::Run(bool handle_signals) {
  std::optional<net::signal_set> signals;
  if (handle_signals) {
    signals.emplace(impl_->ioc, SIGINT, SIGTERM);
    signals->async_wait([this](beast::error_code, int) { Stop(); });
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.io_threads; ++i) {
    threads.emplace_back([this] { impl_->ioc.run(); });
  }
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void Server::Stop() {
  net::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  impl_->ioc.stop();
}

}  // namespace tereze::http
