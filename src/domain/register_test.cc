// R33, R35: register numbers and the reception check.
#include "domain/register.h"

#include <gtest/gtest.h>

#include "domain/barcode.h"

namespace tereze::domain {
namespace {

std::string App(int64_t id) { return MakeBarcode(BarcodeKind::kApplication, id); }

TEST(RegisterNumber, BranchYearAndSequence) {
  EXPECT_EQ(RegisterNumber("AST-01", 2026, 12), "AST-01/2026/000012");
  EXPECT_EQ(ActNumber("AST-01", 2026, 3), "AST-01/2026/А-000003");
}

TEST(RegisterKinds, RoundTrip) {
  for (auto k : {RegisterKind::kOutgoing, RegisterKind::kResults, RegisterKind::kUnclaimedReturn}) {
    EXPECT_EQ(ParseRegisterKind(ToString(k)), k);
  }
  EXPECT_FALSE(ParseRegisterKind("incoming").has_value());
  EXPECT_EQ(ParseDispatchMethod("post"), DispatchMethod::kPost);
  EXPECT_FALSE(ParseDispatchMethod("pigeon").has_value());
  EXPECT_EQ(ParseRegisterStatus("rejected"), RegisterStatus::kRejected);
}

TEST(CheckDelivery, EverythingPresentMatchesEvenWithRepeatedBeepsR35) {
  auto check = CheckDelivery({5, 7}, {App(7), App(5), App(7)});
  EXPECT_TRUE(check.matches());
}

TEST(CheckDelivery, NamesWhatIsMissingAndWhatIsExtraR35) {
  std::string misread = App(9);
  misread[4] = misread[4] == '0' ? '1' : '0';
  auto check = CheckDelivery({5, 7, 9}, {App(5), App(11), misread, App(11), "garbage"});
  EXPECT_FALSE(check.matches());
  EXPECT_EQ(check.missing, (std::vector<int64_t>{7, 9}));
  // Extra: another package, a misread barcode, anything unreadable — each once, as scanned.
  EXPECT_EQ(check.extra, (std::vector<std::string>{App(11), misread, "garbage"}));
}

TEST(CheckDelivery, ARegisterBarcodeIsNotAPackage) {
  auto check = CheckDelivery({1}, {MakeBarcode(BarcodeKind::kRegister, 1)});
  EXPECT_EQ(check.missing, (std::vector<int64_t>{1}));
  EXPECT_EQ(check.extra.size(), 1u);
}

}  // namespace
}  // namespace tereze::domain
