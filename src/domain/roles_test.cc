// Tests for employee roles: names, the text form stored in the database,
// and the branch scope that roles imply.
#include "domain/roles.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tereze::domain {
namespace {

TEST(RolesTest, NamesRoundTrip) {
  std::set<std::string_view> names;
  for (Role r : AllRoles()) {
    auto parsed = ParseRole(RoleName(r));
    ASSERT_TRUE(parsed.has_value()) << RoleName(r);
    EXPECT_EQ(*parsed, r);
    names.insert(RoleName(r));
  }
  EXPECT_EQ(AllRoles().size(), static_cast<size_t>(kRoleCount));
  EXPECT_EQ(names.size(), static_cast<size_t>(kRoleCount));  // all distinct
  EXPECT_EQ(RoleName(Role::kBranchManager), "branch_manager");
  EXPECT_EQ(RoleName(Role::kProviderOfficer), "provider_officer");
}

TEST(RolesTest, TextRoundTripForEverySet) {
  for (RoleSet set = 0; set <= kAllRoles; ++set) {
    auto back = RolesFromText(RolesToText(set));
    ASSERT_TRUE(back.has_value()) << RolesToText(set);
    ASSERT_EQ(*back, set) << RolesToText(set);
  }
}

TEST(RolesTest, TextForm) {
  EXPECT_EQ(RolesToText(0), "");
  EXPECT_EQ(RolesToText(Bit(Role::kOperator)), "operator");
  // In role order, whatever order they were given in.
  EXPECT_EQ(RolesToText(Bit(Role::kIssuance) | Bit(Role::kOperator)), "operator,issuance");
  EXPECT_EQ(RolesFromText("issuance,operator"), Bit(Role::kIssuance) | Bit(Role::kOperator));
  EXPECT_EQ(RolesFromText(""), RoleSet{0});
  EXPECT_EQ(RoleNames(Bit(Role::kAdmin) | Bit(Role::kAuditor)),
            (std::vector<std::string>{"admin", "auditor"}));
}

TEST(RolesTest, UnknownNamesAreRefused) {
  EXPECT_EQ(ParseRole("wizard"), std::nullopt);
  EXPECT_EQ(ParseRole("Operator"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
  EXPECT_EQ(RolesFromText("wizard"), std::nullopt);
  EXPECT_EQ(RolesFromText("operator,wizard"), std::nullopt);
  EXPECT_EQ(RolesFromText("operator, issuance"), std::nullopt);
  EXPECT_EQ(RolesFromText("operator,,issuance"), std::nullopt);
  EXPECT_EQ(RolesFromText(",operator"), std::nullopt);
  EXPECT_EQ(RolesFromText("operator,"), std::nullopt);
  EXPECT_EQ(RolesFromText(","), std::nullopt);
}

TEST(RolesTest, CentralRoles) {
  Employee e;
  e.branch_id = 5;
  for (Role r : AllRoles()) {
    e.roles = Bit(r);
    bool central = r == Role::kCentralOffice || r == Role::kAdmin || r == Role::kAuditor;
    EXPECT_EQ(e.IsCentral(), central) << RoleName(r);
  }
  e.roles = Bit(Role::kOperator) | Bit(Role::kAuditor);
  EXPECT_TRUE(e.IsCentral());
  EXPECT_TRUE(e.Has(Role::kOperator));
  EXPECT_FALSE(e.Has(Role::kAdmin));
}

TEST(RolesTest, CanActInBranch) {
  Employee op;
  op.branch_id = 5;
  op.roles = Bit(Role::kOperator) | Bit(Role::kBranchManager);
  EXPECT_TRUE(op.CanActInBranch(5));
  EXPECT_FALSE(op.CanActInBranch(6));
  EXPECT_FALSE(op.CanActInBranch(0));

  Employee provider;  // not central, no branch: acts nowhere by branch
  provider.roles = Bit(Role::kProviderOfficer);
  EXPECT_FALSE(provider.CanActInBranch(5));

  Employee admin;
  admin.roles = Bit(Role::kAdmin);
  EXPECT_TRUE(admin.CanActInBranch(5));
  EXPECT_TRUE(admin.CanActInBranch(6));
}

TEST(RolesTest, FullName) {
  Employee e;
  e.surname = "Сәрсенбаева";
  e.name = "Әйгерім";
  e.patronymic = "Қайратқызы";
  EXPECT_EQ(e.FullName(), "Сәрсенбаева Әйгерім Қайратқызы");
  e.patronymic.clear();
  EXPECT_EQ(e.FullName(), "Сәрсенбаева Әйгерім");
}

}  // namespace
}  // namespace tereze::domain
