-- 0001: the platform: branches and their windows, employees and roles,
-- sessions, and the tamper-evident audit log (R26).
-- {{pk}} is the dialect's auto-numbered primary key (see migrations.cc).

CREATE TABLE branches (
  id {{pk}},
  code TEXT NOT NULL UNIQUE,
  name_kk TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  name_en TEXT NOT NULL,
  region TEXT NOT NULL,
  address_kk TEXT NOT NULL,
  address_ru TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  opens_at TEXT NOT NULL,          -- local HH:MM
  closes_at TEXT NOT NULL,         -- local HH:MM
  open_weekdays TEXT NOT NULL,     -- seven 0/1 flags, Monday first
  is_demo BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE employees (
  id {{pk}},
  login TEXT NOT NULL UNIQUE,
  surname TEXT NOT NULL,
  name TEXT NOT NULL,
  patronymic TEXT,
  position TEXT NOT NULL,
  branch_id BIGINT REFERENCES branches(id),
  roles TEXT NOT NULL,             -- comma-separated role names
  password_hash TEXT,              -- argon2id encoded; NULL until a password is set
  active BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  is_demo BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX employees_branch ON employees(branch_id, id);

CREATE TABLE windows (
  id {{pk}},
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  number BIGINT NOT NULL,
  kind TEXT NOT NULL,              -- intake, issuance, consultation, self_service
  employee_id BIGINT REFERENCES employees(id),
  UNIQUE (branch_id, number)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,     -- SHA-256 of the bearer token; the token itself is never stored
  csrf_hash TEXT NOT NULL,
  employee_id BIGINT NOT NULL REFERENCES employees(id),
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT
);
CREATE INDEX sessions_employee ON sessions(employee_id);

CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,           -- 1, 2, 3 ... assigned by the writer; part of the hash
  at_ms BIGINT NOT NULL,
  employee_id BIGINT,
  role TEXT NOT NULL,
  branch_id BIGINT,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  change_digest TEXT NOT NULL,     -- SHA-256 of the change's canonical JSON
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL               -- SHA-256 over this record's fields and prev_hash
);
