// SQL of the versioned service catalog.
#pragma once

#include <string>

#include "domain/catalog.h"
#include "store/connection.h"

namespace tereze::store {

struct CatalogVersion {
  int64_t id = 0;  // 0: no catalog imported yet
  int64_t imported_at_ms = 0;
  std::string source;
  std::string digest;
  int64_t service_count = 0;
  std::string catalog_json;
};

// Stores a new version with one row per service; fills version->id.
Status InsertCatalogVersion(Connection& db, const domain::Catalog& catalog, int64_t imported_by,
                            CatalogVersion* version);

// The newest version (id 0 when none).
Status LatestCatalogVersion(Connection& db, CatalogVersion* out);
// Only its id: cheap enough to ask every few seconds.
Status LatestCatalogVersionId(Connection& db, int64_t* id_out);

}  // namespace tereze::store
