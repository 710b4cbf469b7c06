-- 0009: appointments to a branch's queue by IIN (R8, issue 6), and branches
-- that take walk-ins only for consultation ("appointment only").

-- A branch listed here serves by appointment only: a plain walk-in ticket is
-- refused, except in a consultation queue.
CREATE TABLE appointment_only_branches (
  branch_id BIGINT PRIMARY KEY REFERENCES branches(id)
);

CREATE TABLE appointments (
  id {{pk}},
  branch_id BIGINT NOT NULL REFERENCES branches(id),
  queue TEXT NOT NULL,           -- the queue (service type) booked
  iin TEXT NOT NULL,
  day TEXT NOT NULL,             -- the branch's local date of the slot
  slot_minute BIGINT NOT NULL,   -- the slot's start, minutes since local midnight
  slot_start_ms BIGINT NOT NULL, -- the same instant, UTC
  code_sha256 TEXT NOT NULL,     -- the 6-character booking code, hashed
  phone TEXT NOT NULL DEFAULT '',
  lang TEXT NOT NULL,
  state TEXT NOT NULL,           -- booked, cancelled, checked_in
  created_at_ms BIGINT NOT NULL,
  cancelled_at_ms BIGINT,
  ticket_id BIGINT REFERENCES tickets(id)
);
CREATE INDEX appointments_slot ON appointments (branch_id, day, queue);
CREATE INDEX appointments_iin ON appointments (iin, day);
