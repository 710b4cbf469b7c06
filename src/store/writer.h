// Writer: the one owner of the database's write side. Callers submit
// commands; the writer runs them in batches, one transaction per batch and a
// savepoint per command, so that a failing command rolls back alone while
// the batch shares one commit and so one fsync. A command's Done callback is
// called only after its batch has committed (or failed), never before: that
// is what lets the HTTP edge answer 201 only for writes that are on disk.
//
// A batch is first tried without savepoints; if a command fails, it is rolled
// back and run again with a savepoint per command. So a command may run more
// than once: it must have no effect outside the transaction (announce changes
// in Done, which runs once).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/metrics.h"
#include "domain/audit_chain.h"
#include "store/audit_log.h"
#include "store/connection.h"

namespace tereze::store {

// What a command sees: the connection (inside its savepoint), the time of its
// batch, and the audit log to append to.
class WriteTx {
 public:
  WriteTx(Connection& db, int64_t now_ms, AuditHead& head)
      : db_(db), now_ms_(now_ms), head_(head) {}

  Connection& db() { return db_; }
  int64_t now_ms() const { return now_ms_; }

  // Appends the next audit record; fills id, at_ms, prev_hash and hash.
  Status Audit(domain::AuditRecord record);

 private:
  Connection& db_;
  int64_t now_ms_;
  AuditHead& head_;
};

class Writer {
 public:
  struct Options {
    size_t max_queue = 20000;  // commands waiting; beyond it Submit refuses (503)
    size_t max_batch = 1024;   // commands per transaction
  };
  using Command = std::function<Status(WriteTx&)>;
  using Done = std::function<void(const Status&)>;

  // Takes the connection; reads the audit head; starts the writer thread.
  static Status Start(std::unique_ptr<Connection> db, const Clock& clock, Options options,
                      Metrics* metrics, std::unique_ptr<Writer>* out);
  ~Writer();  // runs what is queued, then stops

  // Queues a command; `done` runs on the writer thread after the commit.
  // Returns Unavailable("overloaded") at once when the queue is full.
  Status Submit(Command command, Done done);

  // Submits and waits: for command-line tools and tests. Its completion runs
  // on the writer thread, never through the completion executor.
  Status Run(Command command);

  // Where Done callbacks run: by default on the writer thread; the server
  // hands them to its I/O threads so that building answers (JSON) does not
  // hold up the next batch.
  using Executor = std::function<void(std::function<void()>)>;
  void SetCompletionExecutor(Executor executor);

  size_t queue_depth() const;

 private:
  struct Item {
    Command command;
    Done done;
    bool done_inline = false;
  };
  Status Enqueue(Item item);
  Writer(std::unique_ptr<Connection> db, const Clock& clock, Options options, Metrics* metrics);
  void Loop();
  void RunBatch(std::vector<Item>& batch);
  Status RunCommand(Item& item, int64_t now_ms);
  bool TryWithoutSavepoints(std::vector<Item>& batch, int64_t now_ms, Status* commit);
  Status RunWithSavepoints(std::vector<Item>& batch, int64_t now_ms, std::vector<Status>* results);
  Status Control(const char* sql);

  std::unique_ptr<Connection> db_;
  const Clock& clock_;
  const Options options_;
  AuditHead head_;
  bool last_batch_failed_ = false;
  Metrics* metrics_ = nullptr;
  Histogram* batch_sizes_ = nullptr;
  Counter* commits_ = nullptr;

  mutable std::mutex mu_;
  Executor completion_executor_;  // guarded by mu_
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tereze::store
