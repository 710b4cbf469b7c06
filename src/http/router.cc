#include "http/router.h"

#include <algorithm>
#include <cstdlib>

namespace tereze::http {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

void Router::Add(Route route) {
  route.segments = SplitPath(route.pattern);
  route.latency = &metrics_.GetHistogram(
      "tereze_http_request_duration_seconds", "Time from a request's arrival to its answer",
      "route=\"" + route.pattern + "\",method=\"" + route.method + "\"", Metrics::LatencyBounds());
  for (const auto& r : routes_) {
    // Two handlers for one route is a programming error, caught at start-up.
    if (r->method == route.method && r->pattern == route.pattern) std::abort();
  }
  max_body_limit_ = std::max(max_body_limit_, route.body_limit_bytes);
  routes_.push_back(std::make_unique<Route>(std::move(route)));
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  std::vector<std::string> segments = SplitPath(path);
  for (const auto& r : routes_) {
    if (r->segments.size() != segments.size()) continue;
    std::vector<std::string> params;
    bool same = true;
    for (size_t i = 0; i < segments.size() && same; ++i) {
      const std::string& want = r->segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        if (segments[i].empty()) same = false;
        params.push_back(segments[i]);
      } else {
        same = want == segments[i];
      }
    }
    if (!same) continue;
    match.path_known = true;
    if (r->method == method || (method == "HEAD" && r->method == "GET")) {
      match.route = r.get();
      match.params = std::move(params);
      return match;
    }
  }
  return match;
}

}  // namespace tereze::http
