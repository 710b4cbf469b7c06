// Connection: the one interface through which Tereze speaks SQL, with an
// SQLite and a PostgreSQL implementation. Statements are written once, with
// PostgreSQL-style placeholders ($1, $2, ...); the SQLite implementation
// rewrites them. Only code under src/store/ runs SQL through it; other layers
// see its Status codes (kUniqueViolation, ...) at most.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace tereze::store {

enum class Dialect { kSqlite, kPostgres };

inline constexpr char kUniqueViolation[] = "unique_violation";
inline constexpr char kForeignKeyViolation[] = "foreign_key_violation";
inline constexpr char kConstraintViolation[] = "constraint";

// A value bound to or read from a statement. Integers are 64-bit; text is
// UTF-8. There is deliberately no floating point: money is integer tiyn.
using Value = std::variant<std::monostate, int64_t, std::string>;

// NULL for "none": an id or an instant of 0, an empty text.
inline Value NullIfZero(int64_t v) { return v == 0 ? Value{} : Value{v}; }
inline Value NullIfEmpty(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

struct Row {
  std::vector<Value> columns;

  bool is_null(size_t i) const { return std::holds_alternative<std::monostate>(columns.at(i)); }
  // Integer column; 0 when NULL.
  int64_t integer(size_t i) const;
  // Text column; "" when NULL.
  const std::string& text(size_t i) const;
};

class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual Dialect dialect() const = 0;

  // Runs one statement with parameters $1..$N bound from `params`. When
  // `rows` is not null, the result rows are appended to it. Prepared
  // statements are cached per connection by their text.
  // A constraint violation is a Conflict with the code kUniqueViolation,
  // kForeignKeyViolation or kConstraintViolation (NOT NULL, CHECK), so that
  // callers can name the rule without reading the database's message.
  virtual Status Execute(std::string_view sql, std::span<const Value> params,
                         std::vector<Row>* rows) = 0;

  // Runs several statements separated by ';' with no parameters (migrations,
  // BEGIN/COMMIT, SAVEPOINT).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Convenience overloads.
  Status Execute(std::string_view sql) { return Execute(sql, {}, nullptr); }
  Status Execute(std::string_view sql, std::initializer_list<Value> params,
                 std::vector<Row>* rows = nullptr) {
    return Execute(sql, std::span<const Value>(params.begin(), params.size()), rows);
  }
};

// Opens "sqlite:PATH" or "postgresql://..." (also "postgres://...").
// For SQLite: WAL, synchronous=FULL, foreign_keys=ON, busy_timeout.
Status Open(const std::string& url, std::unique_ptr<Connection>* out);

// Implementations (used by Open; exposed for tests).
Status OpenSqlite(const std::string& path, std::unique_ptr<Connection>* out);
Status OpenPostgres(const std::string& url, std::unique_ptr<Connection>* out);

}  // namespace tereze::store
