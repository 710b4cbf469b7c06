-- 0007: document movement after the receipt (R18.8, R18.10, R22, R24, R25,
-- R33-R36). A package's place is its stage (domain/stage.h); these columns
-- keep what reports and the monitoring lists ask of each package without
-- replaying its timeline.

-- Provider officers act for one provider (R33, R36).
ALTER TABLE employees ADD COLUMN provider_code TEXT;

-- R33: the rounds at which the collection sector dispatches, local "HH:MM"
-- comma-separated; at least two on every working day.
ALTER TABLE branches ADD COLUMN dispatch_rounds TEXT NOT NULL DEFAULT '11:00,16:00';

ALTER TABLE applications ADD COLUMN direction_id BIGINT;
ALTER TABLE applications ADD COLUMN dispatched_at_ms BIGINT;
-- The provider's decision (R36): result or refusal, paper or electronic.
ALTER TABLE applications ADD COLUMN outcome TEXT;
ALTER TABLE applications ADD COLUMN result_form TEXT;
ALTER TABLE applications ADD COLUMN refusal_reason TEXT;
ALTER TABLE applications ADD COLUMN certificate_valid_until TEXT;
-- R34, R35: the local day the result reached the center; late when after the provider deadline.
ALTER TABLE applications ADD COLUMN received_on TEXT;
ALTER TABLE applications ADD COLUMN late BIGINT NOT NULL DEFAULT 0;
-- R25: the storage shelf and how long the result is kept there.
ALTER TABLE applications ADD COLUMN shelf TEXT;
ALTER TABLE applications ADD COLUMN at_issuance_on TEXT;
ALTER TABLE applications ADD COLUMN keep_until TEXT;
ALTER TABLE applications ADD COLUMN returned_after BIGINT NOT NULL DEFAULT 0;
-- R18.8, R24: to whom, on what authority, when.
ALTER TABLE applications ADD COLUMN issued_at_ms BIGINT;
ALTER TABLE applications ADD COLUMN issued_on TEXT;
ALTER TABLE applications ADD COLUMN recipient_iin TEXT;
ALTER TABLE applications ADD COLUMN recipient_name TEXT;
ALTER TABLE applications ADD COLUMN recipient_document TEXT;
ALTER TABLE applications ADD COLUMN recipient_poa TEXT;
ALTER TABLE applications ADD COLUMN issued_by BIGINT;
CREATE INDEX applications_branch_stage ON applications (branch_id, stage);

-- R33, R35, R25: registers of packages handed between a center and a provider.
--   outgoing: center -> provider; results: provider -> center (results and
--   refusals); unclaimed_return: center -> provider after the storage term.
CREATE TABLE registers (
  id {{pk}},
  kind TEXT NOT NULL CHECK (kind IN ('outgoing', 'results', 'unclaimed_return')),
  status TEXT NOT NULL
    CHECK (status IN ('formed', 'dispatched', 'acknowledged', 'received', 'rejected')),
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  provider_code TEXT NOT NULL,
  direction_id BIGINT,
  year BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  method TEXT,
  courier_id BIGINT,
  formed_by BIGINT,
  formed_at_ms BIGINT NOT NULL,
  dispatched_by BIGINT,
  dispatched_at_ms BIGINT,
  acknowledged_by BIGINT,
  acknowledged_at_ms BIGINT,
  received_by BIGINT,
  received_at_ms BIGINT,
  UNIQUE (branch_id, year, seq)
);
CREATE INDEX registers_branch ON registers (branch_id, status);
CREATE INDEX registers_provider ON registers (provider_code, status);

CREATE TABLE register_lines (
  register_id BIGINT NOT NULL REFERENCES registers(id),
  position BIGINT NOT NULL,
  application_id BIGINT NOT NULL REFERENCES applications(id),
  PRIMARY KEY (register_id, position)
);
CREATE INDEX register_lines_application ON register_lines (application_id);

-- R35: a provider's delivery that did not match its register.
CREATE TABLE acts_of_refusal (
  id {{pk}},
  register_id BIGINT NOT NULL REFERENCES registers(id),
  branch_id BIGINT NOT NULL,
  year BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  employee_id BIGINT NOT NULL,
  drawn_at_ms BIGINT NOT NULL,
  missing TEXT NOT NULL,  -- application ids, comma-separated
  extra TEXT NOT NULL,    -- barcodes as scanned, comma-separated
  UNIQUE (branch_id, year, seq)
);
