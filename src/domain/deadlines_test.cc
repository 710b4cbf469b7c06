// R30, R33, R34: late, about to be late, on time; dispatch rounds.
#include "domain/deadlines.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

LocalDate D(const char* s) { return *LocalDate::Parse(s); }

DeadlineFacts AtProvider() {
  DeadlineFacts f;
  f.stage = "at_provider";
  f.provider_deadline = D("2026-12-10");
  f.issue_date = D("2026-12-11");
  return f;
}

TEST(ClassifyDeadline, ThePackageAtTheProviderR34) {
  DeadlineFacts f = AtProvider();
  EXPECT_EQ(ClassifyDeadline(f, D("2026-12-07")), DeadlineState::kNone);
  EXPECT_EQ(ClassifyDeadline(f, D("2026-12-08")), DeadlineState::kDueSoon);
  EXPECT_EQ(ClassifyDeadline(f, D("2026-12-10")), DeadlineState::kDueSoon);
  EXPECT_EQ(ClassifyDeadline(f, D("2026-12-11")), DeadlineState::kProviderLate);
}

TEST(ClassifyDeadline, ReceivedButNotReadyByTheIssueDateR30) {
  DeadlineFacts f = AtProvider();
  f.stage = "result_at_center";
  f.received_on = D("2026-12-09");
  EXPECT_EQ(ClassifyDeadline(f, D("2026-12-11")), DeadlineState::kDueSoon);
  EXPECT_EQ(ClassifyDeadline(f, D("2026-12-12")), DeadlineState::kIssueLate);
  f.stage = "at_issuance";
  f.at_issuance_on = D("2026-12-12");
  EXPECT_EQ(ClassifyDeadline(f, D("2026-12-20")), DeadlineState::kNone);
}

TEST(ClassifyDeadline, FinishedPackagesAreNeverLate) {
  for (const char* stage : {"issued", "returned_unclaimed", "refused"}) {
    DeadlineFacts f = AtProvider();
    f.stage = stage;
    EXPECT_EQ(ClassifyDeadline(f, D("2027-06-01")), DeadlineState::kNone) << stage;
  }
}

TEST(OnTime, ReceivedByTheDeadlineAndReadyByTheIssueDate) {
  DeadlineFacts f = AtProvider();
  f.received_on = D("2026-12-10");
  f.at_issuance_on = D("2026-12-11");
  EXPECT_TRUE(OnTime(f));
  f.received_on = D("2026-12-11");
  EXPECT_FALSE(OnTime(f));
  f.received_on = D("2026-12-10");
  f.at_issuance_on = D("2026-12-12");
  EXPECT_FALSE(OnTime(f));
  f.at_issuance_on.reset();
  EXPECT_FALSE(OnTime(f));
}

TEST(DispatchRounds, AtLeastTwoValidDistinctRoundsSortedR33) {
  std::vector<int> minutes;
  EXPECT_TRUE(ParseDispatchRounds({"16:00", "11:30"}, &minutes).ok());
  EXPECT_EQ(minutes, (std::vector<int>{690, 960}));
  EXPECT_EQ(ParseDispatchRounds({"11:00"}, &minutes).code(), "too_few_rounds");
  EXPECT_EQ(ParseDispatchRounds({}, &minutes).code(), "too_few_rounds");
  EXPECT_EQ(ParseDispatchRounds({"11:00", "24:00"}, &minutes).code(), "invalid_field");
  EXPECT_EQ(ParseDispatchRounds({"11:00", "11:00"}, &minutes).code(), "invalid_field");
  EXPECT_EQ(ParseDispatchRounds({"11:00", "9:00"}, &minutes).code(), "invalid_field");
  EXPECT_EQ(SplitRounds("11:00,16:00"), (std::vector<std::string>{"11:00", "16:00"}));
  EXPECT_TRUE(SplitRounds("").empty());
}

}  // namespace
}  // namespace tereze::domain
