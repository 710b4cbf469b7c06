// What counts as a breach of the Rules (R8, R18.8, R22, R25, R33, R34, R37).
#include "domain/breach.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

LocalDate D(const char* s) { return *LocalDate::Parse(s); }
constexpr int64_t kMin = 60 * 1000;

TEST(BreachKind, NamesRoundTripAndCiteTheirRule) {
  EXPECT_EQ(AllBreachKinds().size(), static_cast<size_t>(kBreachKindCount));
  for (BreachKind k : AllBreachKinds()) {
    auto back = ParseBreachKind(ToString(k));
    ASSERT_TRUE(back.has_value()) << ToString(k);
    EXPECT_EQ(*back, k);
    EXPECT_NE(std::string(RuleOf(k)), "");
  }
  EXPECT_FALSE(ParseBreachKind("violation").has_value());
  EXPECT_STREQ(RuleOf(BreachKind::kFewDispatches), "R33");
  EXPECT_STREQ(RuleOf(BreachKind::kIssueLate), "R18.8");
  EXPECT_STREQ(ToString(BreachKind::kLongWait), "long_wait");
}

TEST(WaitedTooLong, FifteenMinutesIsTheLimitR8) {
  int64_t waited = 0;
  // Called after exactly 15 minutes: within the limit.
  EXPECT_FALSE(WaitedTooLong(0, 15 * kMin, false, 99 * kMin, &waited));
  EXPECT_EQ(waited, 15 * kMin);
  EXPECT_TRUE(WaitedTooLong(0, 15 * kMin + 1, false, 99 * kMin, &waited));
  EXPECT_EQ(waited, 15 * kMin + 1);
  // Still waiting: the clock runs on.
  EXPECT_FALSE(WaitedTooLong(1000, 0, true, 1000 + 14 * kMin, nullptr));
  EXPECT_TRUE(WaitedTooLong(1000, 0, true, 1000 + 16 * kMin, &waited));
  EXPECT_EQ(waited, 16 * kMin);
  // Gone without a call (the day ended): nothing to measure.
  EXPECT_FALSE(WaitedTooLong(0, 0, false, 99 * kMin, nullptr));
}

TEST(Dispatches, RoundsAreDispatchesHalfAnHourApartR33) {
  EXPECT_EQ(CountDispatchRounds({}), 0);
  // Three providers' registers at 11:00, 11:05, 11:29: one round.
  EXPECT_EQ(
      CountDispatchRounds({11 * 60 * kMin, 11 * 60 * kMin + 29 * kMin, 11 * 60 * kMin + 5 * kMin}),
      1);
  EXPECT_EQ(CountDispatchRounds({16 * 60 * kMin, 11 * 60 * kMin, 11 * 60 * kMin + 30 * kMin}), 3);
  EXPECT_TRUE(TooFewDispatches(5, 1));
  EXPECT_TRUE(TooFewDispatches(1, 0));
  EXPECT_FALSE(TooFewDispatches(5, 2));
  // Nothing accepted before the last round: nothing had to leave.
  EXPECT_FALSE(TooFewDispatches(0, 0));
}

DeadlineFacts Facts(const char* stage) {
  DeadlineFacts f;
  f.stage = stage;
  f.provider_deadline = D("2026-12-10");
  f.issue_date = D("2026-12-11");
  return f;
}

TEST(ProviderLate, AfterTheDeadlineOrStillAwayR34) {
  DeadlineFacts f = Facts("at_provider");
  EXPECT_FALSE(ProviderLateBreach(f, D("2026-12-10")));
  EXPECT_TRUE(ProviderLateBreach(f, D("2026-12-11")));
  f.stage = "result_at_center";
  f.received_on = D("2026-12-10");
  EXPECT_FALSE(ProviderLateBreach(f, D("2026-12-20")));
  f.received_on = D("2026-12-11");
  EXPECT_TRUE(ProviderLateBreach(f, D("2026-12-20")));
  DeadlineFacts refused = Facts("refused");
  EXPECT_FALSE(ProviderLateBreach(refused, D("2027-01-20")));
  DeadlineFacts accepted = Facts("accepted");  // never even collected
  EXPECT_TRUE(ProviderLateBreach(accepted, D("2026-12-11")));
}

TEST(IssueLate, NotReadyOnTheIssueDateR18_8) {
  DeadlineFacts f = Facts("result_at_center");
  f.received_on = D("2026-12-09");
  EXPECT_FALSE(IssueLateBreach(f, D("2026-12-11")));
  EXPECT_TRUE(IssueLateBreach(f, D("2026-12-12")));
  f.stage = "at_issuance";
  f.at_issuance_on = D("2026-12-11");
  EXPECT_FALSE(IssueLateBreach(f, D("2026-12-30")));
  f.at_issuance_on = D("2026-12-12");
  EXPECT_TRUE(IssueLateBreach(f, D("2026-12-30")));
  // Issued later because the applicant came later: not the center's breach.
  f.stage = "issued";
  f.at_issuance_on = D("2026-12-10");
  EXPECT_FALSE(IssueLateBreach(f, D("2027-01-30")));
}

TEST(Uncollected, TheDayOfAcceptanceMustEndWithItCollectedR22) {
  EXPECT_FALSE(UncollectedBreach("accepted", D("2026-11-24"), D("2026-11-24")));
  EXPECT_TRUE(UncollectedBreach("accepted", D("2026-11-24"), D("2026-11-25")));
  EXPECT_FALSE(UncollectedBreach("collected", D("2026-11-24"), D("2026-11-30")));
  EXPECT_FALSE(UncollectedBreach("refused", D("2026-11-24"), D("2026-11-30")));
}

TEST(StorageOverdue, ADayPastTheTermStillAtTheCenterR25) {
  const LocalDate term = D("2027-01-11");
  // The job returns it the day after the term; the courier has that day too.
  EXPECT_FALSE(StorageOverdueBreach("at_issuance", true, false, term, D("2027-01-11")));
  EXPECT_FALSE(StorageOverdueBreach("returned_unclaimed", true, true, term, D("2027-01-12")));
  EXPECT_TRUE(StorageOverdueBreach("at_issuance", true, false, term, D("2027-01-13")));
  EXPECT_TRUE(StorageOverdueBreach("returned_unclaimed", true, true, term, D("2027-01-13")));
  // Gone back to the provider: done.
  EXPECT_FALSE(StorageOverdueBreach("returned_unclaimed", true, false, term, D("2027-01-14")));
  // Social payments are kept: never a breach.
  EXPECT_FALSE(StorageOverdueBreach("at_issuance", false, false, term, D("2028-01-14")));
}

TEST(DetailsJson, FlatObjectWithEscapes) {
  EXPECT_EQ(DetailsJson({}), "{}");
  EXPECT_EQ(DetailsJson({{"waited_ms", int64_t{960000}}, {"note", std::string("a\"b\\\n")}}),
            "{\"waited_ms\":960000,\"note\":\"a\\\"b\\\\\\n\"}");
}

}  // namespace
}  // namespace tereze::domain
