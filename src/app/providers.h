// Providers' territorial units and the directions of a branch (R22, R33).
#pragma once

#include <optional>
#include <vector>

#include "app/app.h"
#include "domain/branch.h"

namespace tereze::app {

struct ProviderUnitFields {
  std::optional<std::string> provider_code, region, name_kk, name_ru, address_ru;
  std::optional<bool> retired;
};

// Admin only. The provider must be one of the catalog in force.
void CreateProviderUnit(App& app, const Principal& who, const ProviderUnitFields& f,
                        const Done<domain::ProviderUnit>& done);
void UpdateProviderUnit(App& app, const Principal& who, int64_t id, const ProviderUnitFields& f,
                        const Done<domain::ProviderUnit>& done);
Status ListProviderUnits(App& app, const std::string& provider_code, const std::string& region,
                         std::vector<domain::ProviderUnit>* out);

struct DirectionFields {
  std::optional<std::string> name;
  std::optional<std::vector<int64_t>> unit_ids;
  std::optional<bool> retired;
};

// Admin, or the branch's manager. Units must exist and not be retired, and a
// unit may belong to one active direction of a branch only.
void CreateDirection(App& app, const Principal& who, int64_t branch_id, const DirectionFields& f,
                     const Done<domain::Direction>& done);
void UpdateDirection(App& app, const Principal& who, int64_t id, const DirectionFields& f,
                     const Done<domain::Direction>& done);
Status ListDirections(App& app, const Principal& who, int64_t branch_id,
                      std::vector<domain::Direction>* out);

}  // namespace tereze::app
