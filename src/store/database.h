// Database: the writer plus a bounded pool of read connections. Reads see
// committed data only (WAL snapshots in SQLite, READ COMMITTED in
// PostgreSQL) and never wait for the writer.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/connection.h"
#include "store/writer.h"

namespace tereze::store {

class Database {
 public:
  struct Options {
    Writer::Options writer;
    size_t max_readers = 16;  // idle read connections kept
  };
  // Opens the database, applies pending migrations when `migrate` is set
  // (otherwise refuses a database that is behind), and starts the writer.
  static Status Open(const std::string& url, const Clock& clock, Metrics* metrics, Options options,
                     bool migrate, std::unique_ptr<Database>* out);

  ~Database();

  Writer& writer() { return *writer_; }
  const std::string& url() const { return url_; }

  // Runs `read` on a read connection from the pool.
  Status Read(const std::function<Status(Connection&)>& read);

 private:
  Database(std::string url, Options options) : url_(std::move(url)), options_(options) {}

  void CheckpointLoop();

  std::string url_;
  Options options_;
  std::unique_ptr<Writer> writer_;
  // SQLite: WAL checkpoints run here, so that their fsync of the database
  // file is not on a commit's path (see CheckpointLoop).
  std::thread checkpointer_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace tereze::store
