// PostgreSQL implementation of Connection, over libpq. Statements already use
// $N placeholders, so SQL text is sent unchanged. Parameters and results travel
// in text format: the only types Tereze binds are int64 and UTF-8 text, and
// text format lets the server infer parameter types exactly as it would for a
// literal. A connection is not thread-safe; use one per thread (or a pool).
#include <libpq-fe.h>

#include <charconv>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "store/connection.h"

namespace tereze::store {

namespace {

// Server-side prepared statements live as long as the session, so their
// number is bounded; past the bound, statements run unnamed (parsed each time).
constexpr int kMaxPreparedStatements = 256;

// Type OIDs from catalog/pg_type.h, a server header not shipped with libpq.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// Lets the statement cache be searched with a string_view, without a copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

bool Succeeded(const PGresult* res) {
  switch (PQresultStatus(res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return true;
    default:
      return false;
  }
}

std::string TrimNewlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string Sqlstate(const PGresult* res) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  return state ? state : "";
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Execute(std::string_view sql, std::span<const Value> params,
                 std::vector<Row>* rows) override {
    // Everything is bound as text; integers are formatted here, strings are
    // passed in place, and a null pointer is SQL NULL.
    std::vector<std::string> numbers;
    numbers.reserve(params.size());  // No reallocation: values points into it.
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (const auto* n = std::get_if<int64_t>(&params[i])) {
        values[i] = numbers.emplace_back(std::to_string(*n)).c_str();
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        // Text format ends a value at its first NUL (and PostgreSQL text
        // cannot hold one), so refuse rather than silently truncate.
        if (s->find('\0') != std::string::npos) {
          return Status::Internal("text parameter $" + std::to_string(i + 1) +
                                  " contains a NUL byte");
        }
        values[i] = s->c_str();
      }
    }
    const int n_params = static_cast<int>(params.size());

    auto it = cache_.find(sql);
    if (it == cache_.end() && next_statement_ <= kMaxPreparedStatements) {
      std::string name = "s" + std::to_string(next_statement_);
      std::string text(sql);
      Result prepared(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
      if (!Succeeded(prepared.get())) return Error(prepared.get());
      ++next_statement_;
      it = cache_.emplace(std::move(text), std::move(name)).first;
    }

    Result res;
    if (it != cache_.end()) {
      res.reset(
          PQexecPrepared(conn_, it->second.c_str(), n_params, values.data(), nullptr, nullptr, 0));
    } else {
      res.reset(PQexecParams(conn_, std::string(sql).c_str(), n_params, nullptr, values.data(),
                             nullptr, nullptr, 0));
    }
    if (!Succeeded(res.get())) {
      // 0A000: "cached plan must not change result type" after a schema change;
      // 26000: the statement was deallocated (DISCARD ALL). Either way the
      // cached name is useless; forget it so that the next call prepares anew.
      std::string state = Sqlstate(res.get());
      if (it != cache_.end() && (state == "0A000" || state == "26000")) cache_.erase(it);
      return Error(res.get());
    }
    return rows ? AppendRows(res.get(), rows) : Status::Ok();
  }

  Status ExecuteScript(std::string_view sql) override {
    // PQexec accepts several statements; it stops at the first error and,
    // unless the script has its own BEGIN/COMMIT, runs it as one transaction.
    Result res(PQexec(conn_, std::string(sql).c_str()));
    return Succeeded(res.get()) ? Status::Ok() : Error(res.get());
  }

 private:
  Status Error(const PGresult* res) const {
    std::string state = Sqlstate(res);
    // Only the primary message: the DETAIL of a constraint violation repeats
    // the offending key values, which may be personal data.
    const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message;
    if (primary) {
      message = primary;
    } else if (res && *PQresultErrorMessage(res)) {
      message = TrimNewlines(PQresultErrorMessage(res));
    } else {
      message = TrimNewlines(PQerrorMessage(conn_));  // No result at all, e.g. out of memory.
    }
    // Class 08 is connection trouble, except 08P01 (protocol violation), which
    // is what a wrong number of parameters produces. 57P0x: the server is
    // shutting down or was restarted under us.
    if (PQstatus(conn_) == CONNECTION_BAD || (state.starts_with("08") && state != "08P01") ||
        state.starts_with("57P")) {
      return Status::Unavailable("database_unavailable", message);
    }
    if (state == "23505") return Status::Conflict(kUniqueViolation, message);
    if (state == "23503") return Status::Conflict(kForeignKeyViolation, message);
    if (state.starts_with("23")) return Status::Conflict(kConstraintViolation, message);
    return Status::Internal(state.empty() ? message : message + " (SQLSTATE " + state + ")");
  }

  static Status AppendRows(const PGresult* res, std::vector<Row>* rows) {
    const int n_rows = PQntuples(res);
    const int n_cols = PQnfields(res);
    rows->reserve(rows->size() + n_rows);
    for (int r = 0; r < n_rows; ++r) {
      Row row;
      row.columns.reserve(n_cols);
      for (int c = 0; c < n_cols; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.columns.emplace_back(std::monostate{});
          continue;
        }
        const char* v = PQgetvalue(res, r, c);
        const int len = PQgetlength(res, r, c);
        switch (PQftype(res, c)) {
          case kBoolOid:
            row.columns.emplace_back(int64_t{v[0] == 't' ? 1 : 0});
            break;
          case kInt2Oid:
          case kInt4Oid:
          case kInt8Oid: {
            int64_t n = 0;
            auto [end, ec] = std::from_chars(v, v + len, n);
            if (ec != std::errc() || end != v + len) {
              return Status::Internal(std::string("unparsable integer column: ") + v);
            }
            row.columns.emplace_back(n);
            break;
          }
          default:
            row.columns.emplace_back(std::string(v, len));
        }
      }
      rows->push_back(std::move(row));
    }
    return Status::Ok();
  }

  PGconn* conn_;
  // SQL text -> server-side statement name ("s1", "s2", ...).
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> cache_;
  // Names are never reused, so at most kMaxPreparedStatements ever exist on
  // the server, even after entries are dropped from the cache.
  int next_statement_ = 1;
};

}  // namespace

Status OpenPostgres(const std::string& url, std::unique_ptr<Connection>* out) {
  // Keywords are applied in order and the URL expands in place of dbname, so
  // these are defaults that the URL may override. Without connect_timeout an
  // unreachable host blocks for minutes of TCP retries.
  const char* const keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* const values[] = {"10", "tereze", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr) return Status::Unavailable("database_unavailable", "out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    // The URL is not quoted back: it may carry a password.
    std::string message = TrimNewlines(PQerrorMessage(conn));
    PQfinish(conn);
    return Status::Unavailable("database_unavailable", "cannot connect to PostgreSQL: " + message);
  }
  auto connection = std::make_unique<PostgresConnection>(conn);
  // synchronous_commit=on is the default, but durability must not depend on
  // server configuration: a COMMIT returns only after its WAL is flushed.
  // UTC and UTF8 make results independent of the server's locale settings;
  // client_min_messages keeps NOTICEs (e.g. from IF EXISTS) off our stderr.
  Status s = connection->ExecuteScript(
      "SET synchronous_commit = on; SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; "
      "SET client_min_messages = warning");
  if (!s.ok()) return s;
  *out = std::move(connection);
  return Status::Ok();
}

}  // namespace tereze::store
