// Employee roles and what they imply. Role names are the API's and the
// demo's login names (see README).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tereze::domain {

enum class Role : uint8_t {
  kOperator,
  kConsultant,
  kCollection,
  kIssuance,
  kCourier,
  kBranchManager,
  kCentralOffice,
  kProviderOfficer,
  kAdmin,
  kAuditor,
};
inline constexpr int kRoleCount = 10;

// A set of roles as a bit mask.
using RoleSet = uint32_t;
constexpr RoleSet Bit(Role r) { return RoleSet{1} << static_cast<unsigned>(r); }
inline constexpr RoleSet kAllRoles = (RoleSet{1} << kRoleCount) - 1;

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
std::vector<Role> AllRoles();

// Roles whose holders act for the whole network, not one branch.
inline constexpr RoleSet kCentralRoles =
    Bit(Role::kCentralOffice) | Bit(Role::kAdmin) | Bit(Role::kAuditor);

// "operator,issuance" <-> mask. Parsing refuses unknown names.
std::string RolesToText(RoleSet roles);
std::optional<RoleSet> RolesFromText(std::string_view text);
std::vector<std::string> RoleNames(RoleSet roles);

struct Employee {
  int64_t id = 0;
  std::string login;
  std::string surname;
  std::string name;
  std::string patronymic;   // may be empty
  std::string position;     // in Russian
  std::string position_kk;  // in Kazakh; may be empty (the name plate then repeats the Russian)
  int64_t branch_id = 0;    // 0: not attached to a branch (central office)
  // A provider officer's provider (R33, R36): the registers and packages they see.
  std::string provider_code;
  RoleSet roles = 0;
  bool active = true;

  bool Has(Role r) const { return (roles & Bit(r)) != 0; }
  bool IsCentral() const { return (roles & kCentralRoles) != 0; }
  // May this employee act on things of `branch_id`?
  bool CanActInBranch(int64_t branch) const { return IsCentral() || branch == branch_id; }
  std::string FullName() const;
};

}  // namespace tereze::domain
