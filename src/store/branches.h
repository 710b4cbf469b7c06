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

Status InsertWindow(Connection& db, const domain::Window& w, int64_t* id_out);
Status ListWindows(Connection& db, int64_t branch_id, std::vector<domain::Window>* out);

}  // namespace tereze::store
