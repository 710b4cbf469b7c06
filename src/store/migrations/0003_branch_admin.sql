-- 0003: running the network: branch flags and retirement, a branch's own
-- closed or extra open days (R5), windows retired, employees' training (R16).

ALTER TABLE branches ADD COLUMN video_surveillance BIGINT NOT NULL DEFAULT 0;  -- R13
ALTER TABLE branches ADD COLUMN retired_at_ms BIGINT;
ALTER TABLE windows ADD COLUMN retired_at_ms BIGINT;

CREATE TABLE branch_day_exceptions (
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  day TEXT NOT NULL,         -- local date YYYY-MM-DD
  is_open BIGINT NOT NULL,   -- 1: open although the calendar says closed (a duty center); 0: closed
  reason TEXT NOT NULL,
  PRIMARY KEY (branch_id, day)
);

CREATE TABLE employee_trainings (
  id {{pk}},
  employee_id BIGINT NOT NULL REFERENCES employees(id),
  topic TEXT NOT NULL,        -- e.g. "disability_communication" (R16)
  completed_on TEXT NOT NULL, -- YYYY-MM-DD
  valid_until TEXT,           -- YYYY-MM-DD or NULL
  recorded_by BIGINT REFERENCES employees(id),
  recorded_at_ms BIGINT NOT NULL
);
CREATE INDEX employee_trainings_employee ON employee_trainings(employee_id, id);
