// SQLite implementation of Connection. Durability settings are fixed here and
// nowhere else: WAL with synchronous=FULL means a COMMIT returns only after the
// WAL is fsynced, which is what lets the writer answer 201 after commit.
#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "store/connection.h"

namespace tereze::store {

namespace {

constexpr size_t kMaxCachedStatements = 256;
constexpr int kBusyTimeoutMs = 5000;

// Rewrites $N placeholders to ?N, leaving string literals alone, so that one
// statement text serves both dialects.
std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Execute(std::string_view sql, std::span<const Value> params,
                 std::vector<Row>* rows) override {
    sqlite3_stmt* stmt = nullptr;
    bool cached = true;
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      std::string rewritten = RewritePlaceholders(sql);
      unsigned flags = cache_.size() < kMaxCachedStatements ? SQLITE_PREPARE_PERSISTENT : 0;
      if (sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()), flags,
                             &stmt, nullptr) != SQLITE_OK) {
        return Status::Internal(std::string("prepare: ") + sqlite3_errmsg(db_));
      }
      if (cache_.size() < kMaxCachedStatements) {
        cache_.emplace(std::string(sql), stmt);
      } else {
        cached = false;
      }
    }
    Status status = Run(stmt, params, rows);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (!cached) sqlite3_finalize(stmt);
    return status;
  }

  Status ExecuteScript(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "unknown error";
      sqlite3_free(err);
      return Classify(sqlite3_extended_errcode(db_), message);
    }
    return Status::Ok();
  }

 private:
  static Status Classify(int code, const std::string& message) {
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return Status::Conflict(kUniqueViolation, message);
    }
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
      return Status::Conflict(kForeignKeyViolation, message);
    if ((code & 0xFF) == SQLITE_CONSTRAINT) return Status::Conflict(kConstraintViolation, message);
    if ((code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED) {
      return Status::Unavailable("database_busy", message);
    }
    return Status::Internal(message);
  }

  Status Run(sqlite3_stmt* stmt, std::span<const Value> params, std::vector<Row>* rows) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
      return Status::Internal("statement expects " +
                              std::to_string(sqlite3_bind_parameter_count(stmt)) +
                              " parameters, got " + std::to_string(params.size()));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      const Value& v = params[i];
      int rc;
      if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, idx, *n);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, idx);
      }
      if (rc != SQLITE_OK) return Status::Internal(sqlite3_errmsg(db_));
    }
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc != SQLITE_ROW) return Classify(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
      if (rows == nullptr) continue;
      Row row;
      int n = sqlite3_column_count(stmt);
      row.columns.reserve(n);
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            row.columns.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            row.columns.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.columns.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
          }
        }
      }
      rows->push_back(std::move(row));
    }
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Status OpenSqlite(const std::string& path, std::unique_ptr<Connection>* out) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::Unavailable("database_unavailable", "cannot open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto conn = std::make_unique<SqliteConnection>(db);
  Status s = conn->ExecuteScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  if (!s.ok()) return s;
  *out = std::move(conn);
  return Status::Ok();
}

}  // namespace tereze::store
