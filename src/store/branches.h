// SQL of branches and windows.
#pragma once

#include <vector>

#include "domain/branch.h"
#include "store/connection.h"

namespace tereze::store {

Status InsertBranch(Connection& db, const domain::Branch& b, bool is_demo, int64_t* id_out);
Status FindBranch(Connection& db, int64_t id, domain::Branch* out);
// branch_id 0: all branches.
Status ListBranches(Connection& db, int64_t only_branch_id, int64_t after_id, int limit,
                    std::vector<domain::Branch>* out);

// Writes every field but the code; `b.retired` sets or clears retired_at_ms.
Status UpdateBranch(Connection& db, const domain::Branch& b, int64_t now_ms);
// R33: the branch's dispatch rounds, "HH:MM" comma-separated.
Status GetDispatchRounds(Connection& db, int64_t branch_id, std::string* rounds);
Status SetDispatchRounds(Connection& db, int64_t branch_id, const std::string& rounds);

Status InsertWindow(Connection& db, const domain::Window& w, int64_t* id_out);
Status FindWindow(Connection& db, int64_t id, domain::Window* out);
Status UpdateWindow(Connection& db, const domain::Window& w, int64_t now_ms);

// A branch's own closed or open days (R5); one per day.
Status PutDayException(Connection& db, int64_t branch_id, const domain::DayException& e);
Status DeleteDayException(Connection& db, int64_t branch_id, const std::string& day, bool* deleted);
Status ListDayExceptions(Connection& db, int64_t branch_id, std::vector<domain::DayException>* out);

Status InsertTraining(Connection& db, const domain::Training& t, int64_t recorded_by,
                      int64_t now_ms, int64_t* id_out);
Status ListTrainings(Connection& db, int64_t employee_id, std::vector<domain::Training>* out);
Status ListWindows(Connection& db, int64_t branch_id, std::vector<domain::Window>* out);

}  // namespace tereze::store
