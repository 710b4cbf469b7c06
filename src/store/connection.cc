#include "store/connection.h"

namespace tereze::store {

int64_t Row::integer(size_t i) const {
  const Value& v = columns.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* s = std::get_if<std::string>(&v)) return s->empty() ? 0 : std::stoll(*s);
  return 0;
}

const std::string& Row::text(size_t i) const {
  static const std::string kEmpty;
  const Value& v = columns.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return kEmpty;
}

Status Open(const std::string& url, std::unique_ptr<Connection>* out) {
  if (url.rfind("sqlite:", 0) == 0) return OpenSqlite(url.substr(7), out);
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return OpenPostgres(url, out);
  }
  return Status::Malformed("bad_database_url",
                           "database URL must start with sqlite: or postgresql://");
}

}  // namespace tereze::store
