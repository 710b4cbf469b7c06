// R28: personal data shown masked in lists and to roles that do not need it.
#pragma once

#include <string>

namespace tereze::domain {

// "870412300125" -> "********0125": the birth date is personal too.
std::string MaskIin(const std::string& iin);
// "+77011234567" -> "+7*******4567".
std::string MaskPhone(const std::string& phone);
// "Әбілқасымов" -> "Ә***": the first letter only (UTF-8 aware).
std::string MaskName(const std::string& name);

}  // namespace tereze::domain
