// Server: Boost.Beast HTTP/1.1 with keep-alive, body limits, read and idle
// timeouts, request ids, a JSON access log, metrics per route, sessions by
// bearer token or cookie (with CSRF), static files and WebSockets.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/app.h"
#include "core/metrics.h"
#include "http/hub.h"
#include "http/router.h"

namespace tereze::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;               // 0: any free port
  std::string web_dir;                // static files; empty: none
  size_t body_limit_bytes = 1 << 20;  // 1 MiB -> 413 beyond
  size_t header_limit_bytes = 16 << 10;
  int io_threads = 2;
  int blocking_threads = 2;       // password hashing
  int header_timeout_ms = 60000;  // idle keep-alive connection
  int body_timeout_ms = 10000;    // the rest of a request once it started
  std::string access_log = "-";   // "-" stdout, "off", or a file path
};

class Server {
 public:
  Server(ServerOptions options, app::App& app, Router& router, Hub& hub, Metrics& metrics);
  ~Server();

  // Binds and listens; after it, port() is the bound port.
  Status Listen();
  uint16_t port() const;
  // Serves until Stop() or SIGINT/SIGTERM (when `handle_signals`).
  void Run(bool handle_signals);
  void Stop();
  // Runs `fn` on an I/O thread.
  void Post(std::function<void()> fn);
  // After Stop(): waits for blocking handlers still running.
  void JoinBlocking();

  struct Impl;  // public only so that the sessions in server.cc can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tereze::http
