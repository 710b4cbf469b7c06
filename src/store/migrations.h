// Numbered schema migrations, one schema for both dialects.
#pragma once

#include <vector>

#include "store/connection.h"

namespace tereze::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;  // with {{pk}} tokens; see migrations.cc
};

// All migrations, in order. Compiled in from src/store/migrations/*.sql.
const std::vector<Migration>& AllMigrations();

// Applies the migrations not yet applied, each in its own transaction, and
// reports the version reached. Safe to run again.
Status Migrate(Connection& db, int64_t now_ms, int* version_out);

// The version the database is at (0 for an empty database).
Status SchemaVersion(Connection& db, int* version_out);

}  // namespace tereze::store
