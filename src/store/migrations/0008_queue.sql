-- 0008: the electronic queue (R8, R15, R16). The live queue is held in
-- memory per branch (domain/queue.h) and rebuilt from these rows after a
-- restart; every step is an event.

-- The queues (series) of a branch: A intake, B issuance, C consultation, D self-service.
CREATE TABLE queues (
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  code TEXT NOT NULL,
  kind TEXT NOT NULL,  -- a window kind: intake, issuance, consultation, self_service
  name_kk TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  PRIMARY KEY (branch_id, code)
);

-- What each window serves, with weights; a window without rows serves the
-- queues of its kind with weight 1.
CREATE TABLE window_skills (
  window_id BIGINT NOT NULL REFERENCES windows(id),
  queue_code TEXT NOT NULL,
  weight BIGINT NOT NULL,
  PRIMARY KEY (window_id, queue_code)
);

-- Calling rules per branch: "A:15,B:30" (minutes) and "A:2,B:1".
CREATE TABLE queue_rules (
  branch_id BIGINT PRIMARY KEY REFERENCES branches(id),
  thresholds TEXT NOT NULL DEFAULT '',
  ratio TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tickets (
  id {{pk}},
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  day TEXT NOT NULL,  -- the branch's local date: numbers start again each day
  queue TEXT NOT NULL,          -- the series printed on the ticket
  number BIGINT NOT NULL,
  waiting_queue TEXT NOT NULL,  -- where it waits now (a redirect moves it)
  lang TEXT NOT NULL,
  priority TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  token_sha256 TEXT NOT NULL,
  state TEXT NOT NULL,
  window_id BIGINT,
  recalls BIGINT NOT NULL DEFAULT 0,
  redirected BIGINT NOT NULL DEFAULT 0,
  arrived_at_ms BIGINT NOT NULL,
  called_at_ms BIGINT,
  started_at_ms BIGINT,
  finished_at_ms BIGINT,
  outcome TEXT NOT NULL DEFAULT '',
  employee_id BIGINT,
  UNIQUE (branch_id, day, queue, number)
);
CREATE INDEX tickets_branch_day ON tickets (branch_id, day);

CREATE TABLE queue_events (
  id {{pk}},
  ticket_id BIGINT NOT NULL REFERENCES tickets(id),
  branch_id BIGINT NOT NULL,
  kind TEXT NOT NULL,  -- take, call, recall, no_show, start, finish, redirect, park, resume
  at_ms BIGINT NOT NULL,
  window_id BIGINT,
  employee_id BIGINT,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX queue_events_branch ON queue_events (branch_id, at_ms);
