-- 0011: monthly reports and reconciliation acts with providers' territorial
-- units (R37), and what the quality-assessment export reads (R38).
--
-- A report is counted from the applications themselves (store/reports.cc);
-- these indexes let each figure be counted per branch, provider and service
-- over a range of dates without reading the rows.

-- R25: the local date a result went back to its provider unclaimed.
ALTER TABLE applications ADD COLUMN returned_on TEXT;
-- R23: the rating's provider (the application's), so that ratings count per provider.
ALTER TABLE ratings ADD COLUMN provider_code TEXT;
UPDATE ratings SET provider_code = (SELECT a.provider_code FROM applications a
                                    WHERE a.id = ratings.application_id);

CREATE INDEX applications_report_intake
  ON applications (branch_id, provider_code, service_code, status, accepted_on);
CREATE INDEX applications_report_sent
  ON applications (branch_id, provider_code, service_code, dispatched_at_ms)
  WHERE dispatched_at_ms IS NOT NULL;
CREATE INDEX applications_report_received
  ON applications (branch_id, provider_code, service_code, outcome, late, received_on)
  WHERE received_on IS NOT NULL;
CREATE INDEX applications_report_issued
  ON applications (branch_id, provider_code, service_code, issued_on, at_issuance_on)
  WHERE issued_on IS NOT NULL;
CREATE INDEX applications_report_returned
  ON applications (branch_id, provider_code, service_code, returned_on, at_issuance_on)
  WHERE returned_on IS NOT NULL;
CREATE INDEX applications_report_shelf
  ON applications (branch_id, provider_code, service_code, stage, at_issuance_on)
  WHERE stage = 'at_issuance';
CREATE INDEX ratings_report ON ratings (branch_id, provider_code, service_code, at_ms, score);
CREATE INDEX tickets_report ON tickets (branch_id, day, arrived_at_ms, called_at_ms);

-- R37: one report per branch, provider and month, stored as generated so that
-- the report as delivered never changes. provider_unit_id: the provider's
-- territorial unit for the branch (app/reports.h); NULL while the provider has
-- none in the branch's region, and then the report cannot be delivered.
CREATE TABLE monthly_reports (
  id {{pk}},
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  provider_code TEXT NOT NULL,
  provider_unit_id BIGINT REFERENCES provider_units(id),
  month TEXT NOT NULL,                 -- YYYY-MM
  generated_at_ms BIGINT NOT NULL,
  generated_by BIGINT,                 -- NULL: the scheduled job
  delivered_at_ms BIGINT,              -- put on the provider's portal
  acknowledged_at_ms BIGINT,
  acknowledged_by BIGINT,
  delivery_late BIGINT NOT NULL DEFAULT 0,  -- not delivered by the 3rd
  act_late BIGINT NOT NULL DEFAULT 0,       -- the act not signed by both by the 15th
  queue_tickets BIGINT NOT NULL,
  queue_called BIGINT NOT NULL,
  queue_wait_sum_ms BIGINT NOT NULL,
  queue_wait_max_ms BIGINT NOT NULL,
  queue_waited_over_15_min BIGINT NOT NULL,
  UNIQUE (branch_id, provider_code, month)
);
CREATE INDEX monthly_reports_month ON monthly_reports (month, branch_id);
CREATE INDEX monthly_reports_provider ON monthly_reports (provider_code, month);

CREATE TABLE monthly_report_lines (
  report_id BIGINT NOT NULL REFERENCES monthly_reports(id),
  service_code TEXT NOT NULL,
  accepted BIGINT NOT NULL,
  refused BIGINT NOT NULL,
  sent BIGINT NOT NULL,
  results_on_time BIGINT NOT NULL,
  results_late BIGINT NOT NULL,
  provider_refused BIGINT NOT NULL,
  issued BIGINT NOT NULL,
  returned_unclaimed BIGINT NOT NULL,
  in_storage BIGINT NOT NULL,
  ratings BIGINT NOT NULL,
  rating_sum BIGINT NOT NULL,
  top_missing TEXT NOT NULL,  -- "code:count,code:count" (at most 3), most named first
  PRIMARY KEY (report_id, service_code)
);

-- R37: the reconciliation act drawn up from a report; either side signs first.
CREATE TABLE reconciliation_acts (
  id {{pk}},
  report_id BIGINT NOT NULL UNIQUE REFERENCES monthly_reports(id),
  status TEXT NOT NULL
    CHECK (status IN ('drafted', 'signed_by_center', 'signed_by_provider', 'signed')),
  drawn_at_ms BIGINT NOT NULL,
  drawn_by BIGINT NOT NULL,
  center_signed_at_ms BIGINT,
  center_signed_by BIGINT,
  provider_signed_at_ms BIGINT,
  provider_signed_by BIGINT
);

CREATE TABLE act_discrepancies (
  id {{pk}},
  act_id BIGINT NOT NULL REFERENCES reconciliation_acts(id),
  service_code TEXT NOT NULL,
  figure TEXT NOT NULL,
  center_value BIGINT NOT NULL,    -- the report's
  provider_value BIGINT NOT NULL,  -- what the provider counts
  comment TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('center', 'provider')),
  entered_by BIGINT NOT NULL,
  entered_at_ms BIGINT NOT NULL
);
CREATE INDEX act_discrepancies_act ON act_discrepancies (act_id, id);

-- R37: reconciliation with a central executive body, drawn up by the central
-- office from all branches' reports on that provider for the month.
CREATE TABLE central_acts (
  id {{pk}},
  provider_code TEXT NOT NULL,
  month TEXT NOT NULL,
  drawn_at_ms BIGINT NOT NULL,
  drawn_by BIGINT NOT NULL,
  reports BIGINT NOT NULL,   -- how many branch reports it sums
  branches BIGINT NOT NULL,
  UNIQUE (provider_code, month)
);
CREATE TABLE central_act_lines (
  act_id BIGINT NOT NULL REFERENCES central_acts(id),
  service_code TEXT NOT NULL,
  accepted BIGINT NOT NULL,
  refused BIGINT NOT NULL,
  sent BIGINT NOT NULL,
  results_on_time BIGINT NOT NULL,
  results_late BIGINT NOT NULL,
  provider_refused BIGINT NOT NULL,
  issued BIGINT NOT NULL,
  returned_unclaimed BIGINT NOT NULL,
  in_storage BIGINT NOT NULL,
  ratings BIGINT NOT NULL,
  rating_sum BIGINT NOT NULL,
  PRIMARY KEY (act_id, service_code)
);
