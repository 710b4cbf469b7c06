// Router: the table of every endpoint, what roles may call it, and how its
// path is matched. The OpenAPI document is checked against this table by a
// test, so a route cannot exist without being described.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/metrics.h"

namespace tereze::http {

// What a handler sees of a request.
struct Request {
  std::string method;
  std::string target;  // path and query as received
  std::string path;
  std::map<std::string, std::string> query;  // decoded
  std::vector<std::string> params;           // values of {placeholders}, in order
  std::string body;
  std::string content_type;
  std::string client_ip;
  std::string request_id;
  std::optional<app::Principal> who;  // set for authenticated routes
  // Runs CPU-heavy work (password hashing) off the I/O threads.
  std::function<void(std::function<void()>)> run_blocking;
};

struct Response {
  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

// Sends the response; may be called from any thread, exactly once.
using Reply = std::function<void(Response)>;
using Handler = std::function<void(Request&, Reply)>;

enum class Access {
  kPublic,         // no login
  kAuthenticated,  // a valid session with one of `roles`
};

struct Route {
  std::string method;   // GET, POST, PATCH, ...
  std::string pattern;  // "/api/v1/employees/{id}"
  Access access = Access::kAuthenticated;
  domain::RoleSet roles = 0;  // for kAuthenticated
  bool blocking = false;      // CPU-heavy (password hashing): runs off the I/O threads
  bool websocket = false;     // upgrades to a WebSocket; handled by the server
  Handler handler;
  size_t body_limit_bytes = 0;  // 0: the server's default (1 MiB)

  // Filled by the router.
  std::vector<std::string> segments;
  Histogram* latency = nullptr;
};

class Router {
 public:
  explicit Router(Metrics& metrics) : metrics_(metrics) {}

  void Add(Route route);

  struct Match {
    const Route* route = nullptr;
    std::vector<std::string> params;
    bool path_known = false;  // some route has this path (405 rather than 404)
  };
  Match Find(const std::string& method, const std::string& path) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }
  // The largest body any route accepts (0 when all use the default).
  size_t max_body_limit() const { return max_body_limit_; }

 private:
  Metrics& metrics_;
  std::vector<std::unique_ptr<Route>> routes_;
  size_t max_body_limit_ = 0;
};

std::vector<std::string> SplitPath(const std::string& path);

}  // namespace tereze::http
