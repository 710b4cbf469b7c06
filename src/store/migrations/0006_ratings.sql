-- 0006: the applicant's rating of a service (R23), once per application,
-- kept with the service, the branch and the employee who served.
CREATE TABLE ratings (
  application_id BIGINT PRIMARY KEY REFERENCES applications(id),
  score BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT NOT NULL,
  channel TEXT NOT NULL,  -- receipt (the link or QR), kiosk
  service_code TEXT NOT NULL,
  branch_id BIGINT NOT NULL,
  employee_id BIGINT NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX ratings_branch ON ratings (branch_id, at_ms);
