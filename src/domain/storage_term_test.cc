#include "domain/storage_term.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

LocalDate Day(const char* text) { return *LocalDate::Parse(text); }

TEST(StorageTerm, StandardResultsAreKeptOneMonthThenReturnedR25) {
  StorageTerm t;
  ASSERT_TRUE(
      ComputeStorageTerm(StorageClass::kStandard, Day("2026-12-15"), std::nullopt, &t).ok());
  EXPECT_EQ(t.keep_until, Day("2027-01-15"));
  EXPECT_TRUE(t.returned_after);
}

TEST(StorageTerm, SocialPaymentsAreNeverReturnedR25) {
  StorageTerm t;
  ASSERT_TRUE(
      ComputeStorageTerm(StorageClass::kSocialPayment, Day("2026-12-15"), std::nullopt, &t).ok());
  EXPECT_FALSE(t.keep_until.has_value());
  EXPECT_FALSE(t.returned_after);
}

TEST(StorageTerm, IdentityDocumentsOneYearTemporaryCertificatesUntilExpiryR25) {
  StorageTerm t;
  ASSERT_TRUE(
      ComputeStorageTerm(StorageClass::kIdentityDocument, Day("2028-02-29"), std::nullopt, &t)
          .ok());
  EXPECT_EQ(t.keep_until, Day("2029-02-28"));
  ASSERT_TRUE(ComputeStorageTerm(StorageClass::kTemporaryCertificate, Day("2026-12-15"),
                                 Day("2027-03-01"), &t)
                  .ok());
  EXPECT_EQ(t.keep_until, Day("2027-03-01"));
  EXPECT_EQ(
      ComputeStorageTerm(StorageClass::kTemporaryCertificate, Day("2026-12-15"), std::nullopt, &t)
          .code(),
      "certificate_expiry_missing");
}

TEST(StorageTerm, MonthsClampToTheLastDay) {
  EXPECT_EQ(AddMonths(Day("2026-01-31"), 1), Day("2026-02-28"));
  EXPECT_EQ(AddMonths(Day("2028-01-31"), 1), Day("2028-02-29"));
  EXPECT_EQ(AddMonths(Day("2026-12-31"), 1), Day("2027-01-31"));
  EXPECT_EQ(AddMonths(Day("2026-03-31"), 1), Day("2026-04-30"));
}

}  // namespace
}  // namespace tereze::domain
