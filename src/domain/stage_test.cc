#include "domain/stage.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

const ScanAction kAllActions[] = {
    ScanAction::kCollect,     ScanAction::kRegister,       ScanAction::kDispatch,
    ScanAction::kProviderAck, ScanAction::kResultReceived, ScanAction::kProviderRefusal,
    ScanAction::kToIssuance,  ScanAction::kIssue,          ScanAction::kReturnUnclaimed};

Stage Walk(std::initializer_list<ScanAction> actions) {
  Stage s = Stage::kAccepted;
  for (ScanAction a : actions) {
    ScanOutcome out;
    Status st = ApplyScan(s, a, &out);
    EXPECT_TRUE(st.ok()) << ToString(s) << " + " << ToString(a) << ": " << st.ToString();
    EXPECT_FALSE(out.repeated);
    s = out.to;
  }
  return s;
}

TEST(Stage, ResultPathFromReceiptToIssueR18_10) {
  EXPECT_EQ(Walk({ScanAction::kCollect, ScanAction::kRegister, ScanAction::kDispatch,
                  ScanAction::kProviderAck, ScanAction::kResultReceived, ScanAction::kToIssuance,
                  ScanAction::kIssue}),
            Stage::kIssued);
}

TEST(Stage, ProviderRefusalIsIssuedTooAndUnclaimedGoesBackR25) {
  EXPECT_EQ(Walk({ScanAction::kCollect, ScanAction::kRegister, ScanAction::kDispatch,
                  ScanAction::kProviderAck, ScanAction::kProviderRefusal, ScanAction::kToIssuance,
                  ScanAction::kIssue}),
            Stage::kIssued);
  EXPECT_EQ(Walk({ScanAction::kCollect, ScanAction::kRegister, ScanAction::kDispatch,
                  ScanAction::kProviderAck, ScanAction::kResultReceived, ScanAction::kToIssuance,
                  ScanAction::kReturnUnclaimed}),
            Stage::kReturnedUnclaimed);
}

TEST(Stage, RepeatedScanIsHarmlessAndSaysSo) {
  ScanOutcome out;
  ASSERT_TRUE(ApplyScan(Stage::kCollected, ScanAction::kCollect, &out).ok());
  EXPECT_TRUE(out.repeated);
  EXPECT_EQ(out.to, Stage::kCollected);
}

TEST(Stage, WrongStageNamesTheCurrentOne) {
  ScanOutcome out;
  Status s = ApplyScan(Stage::kAccepted, ScanAction::kIssue, &out);
  EXPECT_EQ(s.code(), "wrong_stage");
  EXPECT_NE(s.message().find("accepted"), std::string::npos);
  // A package refused at intake takes no scan at all; an issued one nothing more.
  for (ScanAction a : kAllActions) {
    EXPECT_EQ(ApplyScan(Stage::kRefused, a, &out).code(), "wrong_stage") << ToString(a);
    if (a != ScanAction::kIssue) {
      EXPECT_EQ(ApplyScan(Stage::kIssued, a, &out).code(), "wrong_stage") << ToString(a);
    }
  }
}

TEST(Stage, EveryStageAndActionHasAName) {
  for (ScanAction a : kAllActions) EXPECT_EQ(ParseScanAction(ToString(a)), a);
  for (Stage s : {Stage::kAccepted, Stage::kAtIssuance, Stage::kRefused, Stage::kIssued}) {
    EXPECT_EQ(ParseStage(ToString(s)), s);
  }
  EXPECT_EQ(ParseScanAction("teleport"), std::nullopt);
}

}  // namespace
}  // namespace tereze::domain
