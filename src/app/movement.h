// What every hand-over of a package does inside its transaction (R18.10,
// R24, R26): the stage moves by the table of domain/stage.h, the timeline
// gets an event with who, where and when, the audit log a record, and the
// applicant an SMS where the Rules want one. Scans, registers, reception,
// issuance and the storage job all move packages through here.
#pragma once

#include <string>

#include "app/app.h"
#include "domain/stage.h"
#include "store/packages.h"
#include "store/writer.h"

namespace tereze::app {

// Moves package `id` of `branch_id`, now in `from_stage`, by `action`.
// `who` null: the system (a scheduled job). `moved->repeated`: it already
// was where the action puts it; nothing is written. Errors: wrong_stage.
Status MovePackage(store::WriteTx& tx, const Principal* who, int64_t id, int64_t branch_id,
                   const std::string& from_stage, domain::ScanAction action,
                   const std::string& note, domain::ScanOutcome* moved);

// R24: queues `body` for the package's phone (the applicant's, else the
// representative's); nothing when neither left one.
Status QueueSms(store::WriteTx& tx, const store::Package& p, const std::string& body,
                const std::string& purpose);

// The local date of `branch_id` at `now_ms`.
Status BranchToday(store::Connection& db, int64_t branch_id, int64_t now_ms, LocalDate* today);

}  // namespace tereze::app
