-- 0010: the queue's service to the visitor (issue 6): consultations recorded
-- against their ticket (R14, R15, R20), the "your turn is near" SMS sent once
-- per ticket, and the employee's position in Kazakh for the name plate (R8;
-- `position` keeps the Russian one).

ALTER TABLE employees ADD COLUMN position_kk TEXT NOT NULL DEFAULT '';

ALTER TABLE tickets ADD COLUMN soon_sms_at_ms BIGINT;

CREATE TABLE consultations (
  id {{pk}},
  ticket_id BIGINT NOT NULL REFERENCES tickets(id),
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  window_id BIGINT NOT NULL REFERENCES windows(id),
  employee_id BIGINT NOT NULL REFERENCES employees(id),
  service_code TEXT NOT NULL,
  outcome TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  at_ms BIGINT NOT NULL
);
CREATE INDEX consultations_ticket ON consultations (ticket_id, id);
CREATE INDEX consultations_branch ON consultations (branch_id, at_ms);
