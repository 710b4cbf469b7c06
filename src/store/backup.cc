#include "store/backup.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <thread>

namespace tereze::store {

namespace {
constexpr int kPagesPerStep = 1024;  // small steps let the writer go on between them
}  // namespace

Status BackupSqlite(const std::string& source_url, const std::string& destination_path,
                    int64_t* pages_out) {
  if (source_url.rfind("sqlite:", 0) != 0) {
    return Status::Malformed("bad_database_url",
                             "online backup is for sqlite: databases; use pg_dump for PostgreSQL");
  }
  struct stat st;
  if (stat(destination_path.c_str(), &st) == 0) {
    return Status::Conflict("destination_exists", destination_path + " already exists");
  }
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close_both = [&] {
    sqlite3_close_v2(src);
    sqlite3_close_v2(dst);
  };
  if (sqlite3_open_v2(source_url.substr(7).c_str(), &src, SQLITE_OPEN_READONLY, nullptr) !=
          SQLITE_OK ||
      sqlite3_open_v2(destination_path.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    std::string message = src ? sqlite3_errmsg(src) : "cannot open";
    close_both();
    return Status::Unavailable("database_unavailable", message);
  }
  sqlite3_busy_timeout(src, 5000);
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  if (backup == nullptr) {
    std::string message = sqlite3_errmsg(dst);
    close_both();
    return Status::Internal(message);
  }
  int rc;
  do {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  int64_t pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  Status result = rc == SQLITE_DONE ? Status::Ok() : Status::Internal(sqlite3_errmsg(dst));
  if (result.ok()) {
    // The copy is a plain rollback-journal file with full sync, ready to open.
    char* err = nullptr;
    if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE;", nullptr, nullptr, &err) != SQLITE_OK) {
      result = Status::Internal(err ? err : "journal mode");
      sqlite3_free(err);
    }
  }
  close_both();
  if (pages_out) *pages_out = pages;
  return result;
}

}  // namespace tereze::store
