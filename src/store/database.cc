#include "store/database.h"

#include <chrono>

#include "store/migrations.h"

namespace tereze::store {

Status Database::Open(const std::string& url, const Clock& clock, Metrics* metrics, Options options,
                      bool migrate, std::unique_ptr<Database>* out) {
  std::unique_ptr<Connection> conn;
  Status s = store::Open(url, &conn);
  if (!s.ok()) return s;
  int version = 0;
  s = migrate ? Migrate(*conn, clock.NowMs(), &version) : SchemaVersion(*conn, &version);
  if (!s.ok()) return s;
  const int latest = AllMigrations().back().version;
  if (version != latest) {
    return Status::Unavailable(
        "schema_outdated", "database schema is at version " + std::to_string(version) +
                               ", expected " + std::to_string(latest) + "; run `tereze migrate`");
  }
  if (conn->dialect() == Dialect::kSqlite) {
    // The writer checkpoints by itself only as a fallback (about 40 MiB of
    // WAL); normally the checkpoint thread does it.
    s = conn->ExecuteScript("PRAGMA wal_autocheckpoint=10000");
    if (!s.ok()) return s;
  }
  std::unique_ptr<Database> db(new Database(url, options));
  const bool sqlite = conn->dialect() == Dialect::kSqlite;
  s = Writer::Start(std::move(conn), clock, options.writer, metrics, &db->writer_);
  if (!s.ok()) return s;
  if (sqlite) db->checkpointer_ = std::thread([raw = db.get()] { raw->CheckpointLoop(); });
  *out = std::move(db);
  return Status::Ok();
}

Database::~Database() {
  {
    std::lock_guard lock(checkpoint_mu_);
    stopping_ = true;
  }
  checkpoint_cv_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
  writer_.reset();  // drains queued writes
}

void Database::CheckpointLoop() {
  constexpr auto kInterval = std::chrono::milliseconds(200);
  std::unique_ptr<Connection> conn;
  if (!store::Open(url_, &conn).ok()) return;  // the writer's fallback still checkpoints
  std::unique_lock lock(checkpoint_mu_);
  while (!checkpoint_cv_.wait_for(lock, kInterval, [this] { return stopping_; })) {
    lock.unlock();
    // PASSIVE never blocks the writer or readers; it copies what it can.
    (void)conn->ExecuteScript("PRAGMA wal_checkpoint(PASSIVE)");
    lock.lock();
  }
}

Status Database::Read(const std::function<Status(Connection&)>& read) {
  std::unique_ptr<Connection> conn;
  {
    std::lock_guard lock(mu_);
    if (!idle_readers_.empty()) {
      conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (!conn) {
    Status s = store::Open(url_, &conn);
    if (!s.ok()) return s;
  }
  Status s = read(*conn);
  // A connection that failed at the database level is dropped, not reused.
  if (s.kind() == Status::Kind::kUnavailable || s.kind() == Status::Kind::kInternal) return s;
  std::lock_guard lock(mu_);
  if (idle_readers_.size() < options_.max_readers) idle_readers_.push_back(std::move(conn));
  return s;
}

}  // namespace tereze::store
