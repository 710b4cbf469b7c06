-- 0004: the providers' territorial units (a central body of the catalog has
-- a unit per region) and directions: the set of units one courier route of a
-- branch serves (R22: packages are grouped by direction).

CREATE TABLE provider_units (
  id {{pk}},
  provider_code TEXT NOT NULL,  -- a provider of the catalog
  region TEXT NOT NULL,
  name_kk TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  address_ru TEXT NOT NULL,
  retired_at_ms BIGINT,
  UNIQUE (provider_code, region, name_ru)
);

CREATE TABLE directions (
  id {{pk}},
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  name TEXT NOT NULL,
  retired_at_ms BIGINT,
  UNIQUE (branch_id, name)
);

CREATE TABLE direction_units (
  direction_id BIGINT NOT NULL REFERENCES directions(id),
  provider_unit_id BIGINT NOT NULL REFERENCES provider_units(id),
  PRIMARY KEY (direction_id, provider_unit_id)
);
