// Data from the state information systems (R10, R27): fetched only with a
// recorded consent of the person, and every fetch logged with who and why.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "gbd/state_systems.h"
#include "store/personal_data.h"

namespace tereze::app {

struct StateData {
  gbd::Person person;
  std::vector<gbd::CivilRecord> civil_records;
  std::vector<gbd::Property> properties;
};

// `source`: "person", "civil_records" or "real_estate". Blocks on the state
// system (call from a blocking route). Errors: consent_required (no recorded
// consent of this IIN with `consent_reference`), invalid_field (purpose),
// state_systems_not_configured, and those of gbd::StateSystems. The fetch is
// logged whatever its outcome, except when refused before anything was asked.
Status FetchStateData(App& app, const Principal& who, const std::string& iin,
                      const std::string& source, const std::string& consent_reference,
                      const std::string& purpose, StateData* out);

Status ListStateFetches(App& app, const std::string& iin, int64_t after_id, int limit,
                        std::vector<store::StateFetch>* out);

}  // namespace tereze::app
