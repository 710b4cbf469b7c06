// R37: the report's month, its deadlines (the 3rd, the 15th) and the act's signing.
#include "domain/report.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

TEST(ReportMonth, ParsesStrictlyAndSpansTheMonthR37) {
  auto m = ParseMonth("2024-02");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->First().ToString(), "2024-02-01");
  EXPECT_EQ(m->Last().ToString(), "2024-02-29");  // leap year
  EXPECT_EQ(m->Next().ToString(), "2024-03");
  EXPECT_EQ(ParseMonth("2026-12")->Next().ToString(), "2027-01");
  EXPECT_EQ(ParseMonth("2026-01")->Previous().ToString(), "2025-12");
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-10", "2026/10", "2026-10-01", ""}) {
    EXPECT_FALSE(ParseMonth(bad)) << bad;
  }
}

TEST(ReportMonth, DueOnTheThirdAndTheFifteenthOfTheNextMonthR37) {
  EXPECT_EQ(ReportDue(Month{2026, 10}).ToString(), "2026-11-03");
  EXPECT_EQ(ActDue(Month{2026, 10}).ToString(), "2026-11-15");
  EXPECT_EQ(ReportDue(Month{2026, 12}).ToString(), "2027-01-03");
  EXPECT_EQ(ActDue(Month{2026, 12}).ToString(), "2027-01-15");
}

TEST(ReconciliationAct, EitherSideSignsFirstAndEachOnceR37) {
  ActStatus next;
  ASSERT_TRUE(SignAct(ActStatus::kDrafted, ActSide::kProvider, &next).ok());
  EXPECT_EQ(next, ActStatus::kSignedByProvider);
  ASSERT_TRUE(SignAct(next, ActSide::kCenter, &next).ok());
  EXPECT_EQ(next, ActStatus::kSigned);
  ASSERT_TRUE(SignAct(ActStatus::kDrafted, ActSide::kCenter, &next).ok());
  EXPECT_EQ(next, ActStatus::kSignedByCenter);
  EXPECT_EQ(SignAct(ActStatus::kSignedByCenter, ActSide::kCenter, &next).code(), "already_signed");
  EXPECT_EQ(SignAct(ActStatus::kSigned, ActSide::kProvider, &next).code(), "already_signed");
  EXPECT_TRUE(CheckDiscrepancyAllowed(ActStatus::kDrafted).ok());
  EXPECT_EQ(CheckDiscrepancyAllowed(ActStatus::kSignedByProvider).code(), "act_signing_started");
  for (auto s : {ActStatus::kDrafted, ActStatus::kSignedByCenter, ActStatus::kSignedByProvider,
                 ActStatus::kSigned}) {
    EXPECT_EQ(ParseActStatus(ToString(s)), s);
  }
}

TEST(ReportFigures, AverageTopMissingAndNamesR23R18) {
  ReportFigures f;
  EXPECT_EQ(RatingAverageTenths(f), 0);
  f.ratings = 4;
  f.rating_sum = 17;  // 4.25 -> 4.3
  EXPECT_EQ(RatingAverageTenths(f), 43);
  f.rating_sum = 18;  // 4.5
  EXPECT_EQ(RatingAverageTenths(f), 45);
  EXPECT_EQ(FigureValue(f, "rating_sum"), 18);
  EXPECT_FALSE(FigureValue(f, "nope"));
  auto top = TopMissing({{"b", 3}, {"a", 3}, {"c", 9}, {"d", 1}});
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].code, "c");
  EXPECT_EQ(top[1].code, "a");  // ties by code
  EXPECT_EQ(top[2].code, "b");
}

}  // namespace
}  // namespace tereze::domain
