-- 0005: intake (R9, R10, R12, R17, R18, R21, R27, R28, R29). An application
-- row is written once at the desk, accepted or refused (R18.6): a refusal is
-- an application whose status is 'refused', so reports count both from one
-- table. Barcodes are not stored: they are a bijection of the id
-- (domain/barcode.h), so a scan finds its row by primary key.

CREATE TABLE applications (
  id {{pk}},
  status TEXT NOT NULL CHECK (status IN ('accepted', 'refused')),
  stage TEXT NOT NULL,
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  window_id BIGINT REFERENCES windows(id),
  employee_id BIGINT NOT NULL REFERENCES employees(id),
  ticket_id BIGINT,
  service_code TEXT NOT NULL,
  provider_code TEXT NOT NULL,
  catalog_version_id BIGINT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('kk', 'ru')),
  electronic BIGINT NOT NULL DEFAULT 0,
  applicant_iin TEXT NOT NULL,
  applicant_surname TEXT NOT NULL,
  applicant_name TEXT NOT NULL,
  applicant_patronymic TEXT NOT NULL,
  applicant_phone TEXT NOT NULL,
  applicant_doc_type TEXT,
  applicant_doc_number TEXT,
  applicant_doc_valid_until TEXT,
  rep_iin TEXT,
  rep_surname TEXT,
  rep_name TEXT,
  rep_patronymic TEXT,
  rep_phone TEXT,
  rep_doc_type TEXT,
  rep_doc_number TEXT,
  rep_doc_valid_until TEXT,
  poa_number TEXT,
  poa_issued_on TEXT,
  poa_valid_until TEXT,
  poa_issuer TEXT,
  form_complete BIGINT NOT NULL,
  first_time BIGINT NOT NULL,
  fee_tiyn BIGINT NOT NULL,
  price_tiyn BIGINT NOT NULL,
  accepted_at_ms BIGINT NOT NULL,  -- the moment of the decision, accepted or refused
  accepted_on TEXT NOT NULL,       -- the branch's local date of it
  issue_date TEXT,                 -- R30; NULL on a refusal
  provider_deadline TEXT,          -- R34
  request_sha256 TEXT,             -- R12: the signed electronic request
  request_text TEXT,
  request_cms TEXT                 -- base64 DER
);
CREATE INDEX applications_branch_time ON applications (branch_id, accepted_at_ms);
CREATE INDEX applications_iin ON applications (applicant_iin);

-- kind: original, copy, electronic, state_system (R27), or missing (R18.6).
CREATE TABLE application_documents (
  application_id BIGINT NOT NULL REFERENCES applications(id),
  position BIGINT NOT NULL,
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  pages BIGINT NOT NULL,
  PRIMARY KEY (application_id, position)
);

CREATE TABLE application_payments (
  application_id BIGINT NOT NULL REFERENCES applications(id),
  position BIGINT NOT NULL,
  code TEXT NOT NULL,
  reference TEXT NOT NULL,
  amount_tiyn BIGINT NOT NULL,
  PRIMARY KEY (application_id, position)
);

CREATE TABLE application_consents (
  application_id BIGINT NOT NULL REFERENCES applications(id),
  position BIGINT NOT NULL,
  kind TEXT NOT NULL,
  reference TEXT NOT NULL,
  PRIMARY KEY (application_id, position)
);

-- The timeline (R18.10, R26, R32): every stage with who, where and when.
CREATE TABLE application_events (
  id {{pk}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  kind TEXT NOT NULL,
  stage TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  employee_id BIGINT,
  branch_id BIGINT,
  window_id BIGINT,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX application_events_app ON application_events (application_id, id);

-- Messages to send (SMS), written in the transaction of the change that
-- causes them and sent afterwards with retries.
CREATE TABLE outbox (
  id {{pk}},
  channel TEXT NOT NULL,  -- sms
  recipient TEXT NOT NULL,
  body TEXT NOT NULL,
  purpose TEXT NOT NULL,  -- consent_code, accepted, ...
  application_id BIGINT,
  created_at_ms BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',  -- pending, sent, delivered, failed
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at_ms BIGINT NOT NULL,
  sent_at_ms BIGINT,
  delivered_at_ms BIGINT,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at_ms);

-- R10: a consent to read protected data, with its proof.
CREATE TABLE consents (
  id {{pk}},
  reference TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,  -- written, eds, sms
  iin TEXT NOT NULL,
  scope TEXT NOT NULL,
  proof TEXT NOT NULL,
  branch_id BIGINT,
  employee_id BIGINT,
  at_ms BIGINT NOT NULL
);
CREATE INDEX consents_iin ON consents (iin);

-- R10, R12: a one-time code sent to the applicant's phone; only its hash is kept.
CREATE TABLE consent_challenges (
  id {{pk}},
  iin TEXT NOT NULL,
  phone TEXT NOT NULL,
  scope TEXT NOT NULL,
  code_sha256 TEXT NOT NULL,
  salt TEXT NOT NULL,
  branch_id BIGINT,
  employee_id BIGINT,
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  consent_id BIGINT REFERENCES consents(id)
);

-- R10: every fetch from state information systems, who and why.
CREATE TABLE state_fetches (
  id {{pk}},
  iin TEXT NOT NULL,
  source TEXT NOT NULL,
  purpose TEXT NOT NULL,
  consent_reference TEXT NOT NULL,
  employee_id BIGINT NOT NULL,
  branch_id BIGINT,
  at_ms BIGINT NOT NULL,
  outcome TEXT NOT NULL
);

-- R28: every read of one person's record.
CREATE TABLE personal_data_reads (
  id {{pk}},
  employee_id BIGINT NOT NULL,
  role TEXT NOT NULL,
  branch_id BIGINT,
  iin TEXT NOT NULL,
  object TEXT NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX personal_data_reads_iin ON personal_data_reads (iin);

-- R21: certified electronic copies, bound to the application by their hash.
CREATE TABLE ecopies (
  id {{pk}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  document_code TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,    -- base64
  signature TEXT NOT NULL,  -- base64 CMS, detached over the content
  employee_id BIGINT NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX ecopies_app ON ecopies (application_id);

-- R18.9: violations seen on the premises, reported to management.
CREATE TABLE violations (
  id {{pk}},
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  reported_by BIGINT NOT NULL,
  reported_at_ms BIGINT NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  place TEXT NOT NULL,
  closed_by BIGINT,
  closed_at_ms BIGINT,
  resolution TEXT
);
CREATE INDEX violations_branch ON violations (branch_id, id);

-- R12, R21: employees' signing keys. In production the key lives on the
-- employee's token; the demo keeps it here so that signing can be shown.
CREATE TABLE signing_authorities (
  id {{pk}},
  certificate_pem TEXT NOT NULL,
  private_key_pem TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE TABLE signing_keys (
  employee_id BIGINT PRIMARY KEY REFERENCES employees(id),
  certificate_pem TEXT NOT NULL,
  private_key_pem TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
