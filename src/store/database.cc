#include "store/database.h"

#include "store/migrations.h"

namespace tereze::store {

Status Database::Open(const std::string& url, const Clock& clock, Metrics* metrics,
                      Options options, bool migrate, std::unique_ptr<Database>* out) {
  std::unique_ptr<Connection> conn;
  Status s = store::Open(url, &conn);
  if (!s.ok()) return s;
  int version = 0;
  s = migrate ? Migrate(*conn, clock.NowMs(), &version) : SchemaVersion(*conn, &version);
  if (!s.ok()) return s;
  const int latest = AllMigrations().back().version;
  if (version != latest) {
    return Status::Unavailable("schema_outdated", "database schema is at version " +
                                                      std::to_string(version) + ", expected " +
                                                      std::to_string(latest) +
                                                      "; run `tereze migrate`");
  }
  std::unique_ptr<Database> db(new Database(url, options));
  s = Writer::Start(std::move(conn), clock, options.writer, metrics, &db->writer_);
  if (!s.ok()) return s;
  *out = std::move(db);
  return Status::Ok();
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
