#include "domain/roles.h"

#include <array>

namespace tereze::domain {

namespace {
constexpr std::array<std::string_view, kRoleCount> kNames = {
    "operator",       "consultant",     "collection",       "issuance", "courier",
    "branch_manager", "central_office", "provider_officer", "admin",    "auditor",
};
}  // namespace

std::string_view RoleName(Role role) { return kNames[static_cast<size_t>(role)]; }

std::optional<Role> ParseRole(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::vector<Role> AllRoles() {
  std::vector<Role> out;
  out.reserve(kRoleCount);
  for (int i = 0; i < kRoleCount; ++i) out.push_back(static_cast<Role>(i));
  return out;
}

std::string RolesToText(RoleSet roles) {
  std::string out;
  for (Role r : AllRoles()) {
    if ((roles & Bit(r)) == 0) continue;
    if (!out.empty()) out += ',';
    out += RoleName(r);
  }
  return out;
}

std::optional<RoleSet> RolesFromText(std::string_view text) {
  RoleSet out = 0;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view name = text.substr(0, comma);
    auto role = ParseRole(name);
    if (!role) return std::nullopt;
    out |= Bit(*role);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    if (text.empty()) return std::nullopt;  // a trailing comma names no role
  }
  return out;
}

std::vector<std::string> RoleNames(RoleSet roles) {
  std::vector<std::string> out;
  for (Role r : AllRoles()) {
    if (roles & Bit(r)) out.emplace_back(RoleName(r));
  }
  return out;
}

std::string Employee::FullName() const {
  std::string out = surname + " " + name;
  if (!patronymic.empty()) out += " " + patronymic;
  return out;
}

}  // namespace tereze::domain
