// The catalog in force: loaded from its newest version, kept in memory (a
// few hundred services), replaced whole by an import.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "app/app.h"
#include "domain/catalog.h"

namespace tereze::app {

struct CatalogSnapshot {
  int64_t version_id = 0;  // 0: no catalog imported yet
  std::shared_ptr<const domain::Catalog> catalog = std::make_shared<domain::Catalog>();
};

// The catalog this process serves. Another process (`tereze catalog import`
// on the same database) may add a version: Current() looks for one at most
// every kRecheckMs.
class CatalogRegistry {
 public:
  static constexpr int64_t kRecheckMs = 5000;

  explicit CatalogRegistry(store::Database& db) : db_(db) {}
  CatalogSnapshot Current();
  Status Reload();

 private:
  store::Database& db_;
  std::mutex reload_mu_;  // held while reloading, before mu_
  std::mutex mu_;
  CatalogSnapshot snapshot_;
  int64_t checked_at_steady_ms_ = -kRecheckMs;
};

struct ImportResult {
  int64_t version_id = 0;
  size_t services = 0;
  bool unchanged = false;  // same content as the version in force: nothing stored
  std::vector<domain::CatalogError> errors;
};

// Imports a catalog file (JSON). Any error: Refused("catalog_invalid") with
// every problem in `out->errors`, and nothing changes. `who` null: the
// command line. Blocks until the new version is on disk.
Status ImportCatalog(App& app, const Principal* who, const std::string& text,
                     const std::string& source, ImportResult* out);

}  // namespace tereze::app
