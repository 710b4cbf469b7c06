-- 0002: the service catalog, versioned (R6): every import is a new version;
-- an application records the version in force when it was accepted.

CREATE TABLE catalog_versions (
  id {{pk}},
  imported_at_ms BIGINT NOT NULL,
  imported_by BIGINT REFERENCES employees(id),  -- NULL: imported from the command line
  source TEXT NOT NULL,                          -- file name or "api"
  digest TEXT NOT NULL,                          -- SHA-256 of catalog_json
  service_count BIGINT NOT NULL,
  catalog_json TEXT NOT NULL                     -- the whole catalog, canonical JSON
);

-- One row per service per version, for queries and reports.
CREATE TABLE services (
  version_id BIGINT NOT NULL REFERENCES catalog_versions(id),
  code TEXT NOT NULL,
  name_kk TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL,
  provider_code TEXT NOT NULL,
  storage_class TEXT NOT NULL,
  PRIMARY KEY (version_id, code)
);
