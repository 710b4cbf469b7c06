// Breaches of the Rules and the dashboards (issue 7): lists, counts,
// the period's series, today's live numbers, and the feed that pushes them
// over WebSocket (topic "dashboard:{branch}" or "dashboard:all").
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "app/app.h"
#include "http/hub.h"
#include "http/router.h"

namespace tereze::http {

void AddDashboardRoutes(Router& router, app::App& app);

// The WebSocket topic of a dashboard: branch 0 is the network.
std::string DashboardTopic(int64_t branch_id);

// Every period_ms, for each dashboard topic someone follows: today's live
// numbers, published when they changed, when someone new subscribed, or at
// least every heartbeat_ms.
class DashboardFeed {
 public:
  struct Options {
    int64_t period_ms = 2000;
    int64_t heartbeat_ms = 30000;
  };
  DashboardFeed(app::App& app, Hub& hub, Options options);
  ~DashboardFeed();  // stops the thread
  void Start();

 private:
  void Loop();
  void Tick();

  struct Sent {
    std::string json;
    uint64_t joined = 0;
    int64_t at_ms = 0;
  };
  app::App& app_;
  Hub& hub_;
  Options options_;
  std::map<std::string, Sent> sent_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tereze::http
