// Jobs the server runs by its own clock (so that --test-clock can move a
// month ahead in tests): the storage terms of R25 and the breaches of the
// Rules (app/breaches.h). The thread checks every poll_ms whether the clock
// entered a new hour since the last run (a branch's day starts at its own
// midnight) and then runs both, or a new minute and then looks for tickets
// waiting over 15 minutes; it runs both at once when woken (after the test
// clock moved).
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/app.h"

namespace tereze::app {

// R25: every unclaimed result past its term goes back to its provider on a
// register of unclaimed results (one per branch and provider, being formed
// for the courier); social payments never. One transaction per branch.
struct StorageRun {
  int branches = 0;
  int returned = 0;
};
inline constexpr int kMaxReturnsPerBranchRun = 500;  // the next run takes the rest
Status ApplyStorageTerms(App& app, StorageRun* out);

class DailyJobs {
 public:
  struct Options {
    int64_t poll_ms = 1000;
  };
  DailyJobs(App& app, Options options);
  ~DailyJobs();  // stops the thread
  void Start();
  void Wake();

 private:
  void Loop();

  App& app_;
  Options options_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace tereze::app
