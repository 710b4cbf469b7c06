// SQL of providers' territorial units and branches' directions.
#pragma once

#include <vector>

#include "domain/branch.h"
#include "store/connection.h"

namespace tereze::store {

Status InsertProviderUnit(Connection& db, const domain::ProviderUnit& u, int64_t* id_out);
Status UpdateProviderUnit(Connection& db, const domain::ProviderUnit& u, int64_t now_ms);
Status FindProviderUnit(Connection& db, int64_t id, domain::ProviderUnit* out);
// Empty filters match everything; in id order.
Status ListProviderUnits(Connection& db, const std::string& provider_code,
                         const std::string& region, std::vector<domain::ProviderUnit>* out);

Status InsertDirection(Connection& db, domain::Direction* d);
// Writes name, retirement and the set of units.
Status UpdateDirection(Connection& db, const domain::Direction& d, int64_t now_ms);
Status FindDirection(Connection& db, int64_t id, domain::Direction* out);
Status ListDirections(Connection& db, int64_t branch_id, std::vector<domain::Direction>* out);

}  // namespace tereze::store
