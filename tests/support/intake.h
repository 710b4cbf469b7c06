// Applications as the desk sends them, shared by the HTTP tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/iin.h"

namespace tereze::testing {

// A valid IIN beginning with `first11` (by default a man born on 12 April 1987).
inline std::string ValidIin(const std::string& first11 = "87041230012") {
  return first11 + std::to_string(*IinCheckDigit(first11));
}

// An application for 00803008 (no payment, consent required, pre-filled form)
// in Kazakh: `complete` with its one document, or with none (refused, R18.6).
inline nlohmann::json SampleApplication(bool complete = true) {
  using Json = nlohmann::json;
  return {{"service_code", "00803008"},
          {"lang", "kk"},
          {"applicant",
           {{"iin", ValidIin()},
            {"surname", "Әбілқасымов"},
            {"name", "Ғалым"},
            {"phone", "+77011234567"},
            {"id_document",
             {{"type", "id_card"}, {"number", "045123456"}, {"valid_until", "2030-01-01"}}}}},
          {"documents",
           complete ? Json{{{"code", "application"}, {"kind", "original"}}} : Json::array()},
          {"consents", {{{"kind", "written"}, {"reference", "WC-1"}}}}};
}

}  // namespace tereze::testing
