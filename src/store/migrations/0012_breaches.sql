-- 0012: breaches of the Rules found by Tereze itself (R8, R18.8, R22, R25,
-- R33, R34, R37), each recorded once: unique by kind and object
-- ("application/12", "ticket/7", "branch/3/2026-11-24", "report/3/2026-10").
-- Not the violations of R18.9 (reported by staff, table violations).

CREATE TABLE breaches (
  id {{pk}},
  kind TEXT NOT NULL,
  object_key TEXT NOT NULL,
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  provider_code TEXT,
  service_code TEXT,
  application_id BIGINT,
  ticket_id BIGINT,
  day TEXT NOT NULL,             -- the branch's local date the breach is counted on
  detected_at_ms BIGINT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',  -- a flat JSON object
  UNIQUE (kind, object_key)
);
CREATE INDEX breaches_branch ON breaches (branch_id, id);
CREATE INDEX breaches_day ON breaches (day, branch_id, kind);
CREATE INDEX breaches_detected ON breaches (detected_at_ms);

-- The dashboards (issue 7): a period's applications by day, with the
-- columns their aggregates read, so that a national month is read from the
-- index alone.
CREATE INDEX applications_day ON applications
  (accepted_on, service_code, provider_code, status, stage, branch_id);
CREATE INDEX applications_branch_day ON applications
  (branch_id, accepted_on, service_code, provider_code, status, stage);
-- The on-time share reads only applications that reached issuance.
CREATE INDEX applications_ready_day ON applications
  (accepted_on, branch_id, provider_code, service_code, at_issuance_on, received_on,
   provider_deadline, issue_date)
  WHERE at_issuance_on IS NOT NULL;
-- Today's issued (the live numbers). Partial: an application is written
-- without these dates, so intake pays nothing for them.
CREATE INDEX applications_issued ON applications (issued_on, branch_id)
  WHERE issued_on IS NOT NULL;
-- The detection job's candidates: results received late, results ready late.
CREATE INDEX applications_branch_received ON applications (branch_id, received_on)
  WHERE received_on IS NOT NULL;
CREATE INDEX applications_branch_ready ON applications (branch_id, at_issuance_on)
  WHERE at_issuance_on IS NOT NULL;
-- Queue waits by hour and the live queue numbers, from the index alone.
CREATE INDEX tickets_day ON tickets (day, branch_id, state, arrived_at_ms, called_at_ms);
CREATE INDEX ratings_time ON ratings (at_ms);
