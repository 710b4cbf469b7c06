#include "store/writer.h"

#include <cassert>
#include <future>

namespace tereze::store {

Status WriteTx::Audit(domain::AuditRecord record) {
  record.id = head_.last_id + 1;
  record.at_ms = now_ms_;
  domain::SealAuditRecord(head_.last_hash, &record);
  Status s = InsertAuditRecord(db_, record);
  if (!s.ok()) return s;
  head_.last_id = record.id;
  head_.last_hash = record.hash;
  return Status::Ok();
}

Writer::Writer(std::unique_ptr<Connection> db, const Clock& clock, Options options,
               Metrics* metrics)
    : db_(std::move(db)), clock_(clock), options_(options), metrics_(metrics) {
  if (metrics != nullptr) {
    batch_sizes_ = &metrics->GetHistogram("tereze_writer_batch_size",
                                          "Commands committed together in one transaction", "",
                                          {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024});
    commits_ = &metrics->GetCounter("tereze_writer_commits_total", "Transactions committed", "");
    metrics->SetGauge("tereze_writer_queue_depth", "Commands waiting for the writer",
                      [this] { return static_cast<double>(queue_depth()); });
  }
}

Status Writer::Start(std::unique_ptr<Connection> db, const Clock& clock, Options options,
                     Metrics* metrics, std::unique_ptr<Writer>* out) {
  std::unique_ptr<Writer> w(new Writer(std::move(db), clock, options, metrics));
  Status s = ReadAuditHead(*w->db_, &w->head_);
  if (!s.ok()) return s;
  w->thread_ = std::thread([raw = w.get()] { raw->Loop(); });
  *out = std::move(w);
  return Status::Ok();
}

Writer::~Writer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  // The gauge reads this writer; the metrics may outlive it.
  if (metrics_ != nullptr) {
    metrics_->SetGauge("tereze_writer_queue_depth", "Commands waiting for the writer", nullptr);
  }
}

Status Writer::Submit(Command command, Done done) {
  return Enqueue(Item{std::move(command), std::move(done), false});
}

void Writer::SetCompletionExecutor(Executor executor) {
  std::lock_guard lock(mu_);
  completion_executor_ = std::move(executor);
}

Status Writer::Enqueue(Item item) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Status::Unavailable("shutting_down", "the server is stopping");
    if (queue_.size() >= options_.max_queue) {
      return Status::Unavailable("overloaded", "too many writes waiting; retry shortly")
          .WithRetryAfter(1);
    }
    queue_.push_back(std::move(item));
  }
  cv_.notify_one();
  return Status::Ok();
}

Status Writer::Run(Command command) {
  std::promise<Status> promise;
  auto future = promise.get_future();
  Status s = Enqueue(
      Item{std::move(command), [&promise](const Status& st) { promise.set_value(st); }, true});
  if (!s.ok()) return s;
  return future.get();
}

size_t Writer::queue_depth() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void Writer::Loop() {
  std::vector<Item> batch;
  batch.reserve(options_.max_batch);
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    batch.clear();
  }
}

Status Writer::Control(const char* sql) {
  // SQLite can prepare transaction control once and reuse it (re-parsing it
  // per command was a tenth of the writer's time); PostgreSQL cannot prepare
  // SAVEPOINT, so it takes the simple query path.
  return db_->dialect() == Dialect::kSqlite ? db_->Execute(sql) : db_->ExecuteScript(sql);
}

Status Writer::RunCommand(Item& item, int64_t now_ms) {
  WriteTx tx(*db_, now_ms, head_);
  try {
    return item.command(tx);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("command threw: ") + e.what());
  }
}

// The fast path: every command in one transaction, no savepoints. Commands
// rarely fail, and savepoints cost two statements each (two round trips on
// PostgreSQL). If one fails, the batch is rolled back and `false` returned,
// and the caller runs it again with a savepoint per command.
bool Writer::TryWithoutSavepoints(std::vector<Item>& batch, int64_t now_ms, Status* commit) {
  const AuditHead head_at_start = head_;
  *commit = Control(db_->dialect() == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!commit->ok()) return true;
  for (auto& item : batch) {
    if (!RunCommand(item, now_ms).ok()) {
      (void)Control("ROLLBACK");
      head_ = head_at_start;
      return false;
    }
  }
  *commit = Control("COMMIT");
  if (!commit->ok()) {
    (void)Control("ROLLBACK");
    head_ = head_at_start;
  }
  return true;
}

// The careful path: a savepoint per command, so that a failing command rolls
// back alone and the others still commit.
Status Writer::RunWithSavepoints(std::vector<Item>& batch, int64_t now_ms,
                                 std::vector<Status>* results) {
  const AuditHead head_at_start = head_;
  // SQLite: IMMEDIATE takes the write lock now, so a reader never upgrades.
  Status commit = Control(db_->dialect() == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!commit.ok()) return commit;
  for (size_t i = 0; i < batch.size(); ++i) {
    const AuditHead head_before = head_;
    Status s = Control("SAVEPOINT cmd");
    if (s.ok()) {
      s = RunCommand(batch[i], now_ms);
      if (!s.ok()) {
        head_ = head_before;
        Status undo = Control("ROLLBACK TO SAVEPOINT cmd");
        assert(undo.ok());
        (void)undo;
      }
      Status release = Control("RELEASE SAVEPOINT cmd");
      if (s.ok() && !release.ok()) s = release;
    }
    (*results)[i] = s;
  }
  commit = Control("COMMIT");
  if (!commit.ok()) {
    (void)Control("ROLLBACK");
    head_ = head_at_start;
  }
  return commit;
}

void Writer::RunBatch(std::vector<Item>& batch) {
  std::vector<Status> results(batch.size());
  const int64_t now_ms = clock_.NowMs();
  Status commit;
  // After a batch with a failure, the next one goes the careful way at once:
  // failures come in runs (a client retrying a refused request, say).
  bool done = false;
  if (!last_batch_failed_) done = TryWithoutSavepoints(batch, now_ms, &commit);
  if (!done) commit = RunWithSavepoints(batch, now_ms, &results);
  last_batch_failed_ = !done;
  if (!commit.ok()) {
    // Nothing of the batch is on disk: every command fails, none is acked.
    for (auto& r : results) r = Status::Unavailable("database_unavailable", commit.message());
  } else {
    if (batch_sizes_) batch_sizes_->Observe(static_cast<double>(batch.size()));
    if (commits_) commits_->Add();
  }
  Executor executor;
  {
    std::lock_guard lock(mu_);
    executor = completion_executor_;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].done) continue;
    if (executor && !batch[i].done_inline) {
      executor([done = std::move(batch[i].done), status = results[i]] { done(status); });
    } else {
      batch[i].done(results[i]);
    }
  }
}

}  // namespace tereze::store
