// Online backup of a live SQLite database: a consistent copy taken while the
// server keeps writing (SQLite's backup API copies a snapshot page by page).
#pragma once

#include <string>

#include "core/status.h"

namespace tereze::store {

// `source_url` must be "sqlite:PATH"; `destination_path` must not exist.
// Reports the pages copied.
Status BackupSqlite(const std::string& source_url, const std::string& destination_path,
                    int64_t* pages_out);

}  // namespace tereze::store
