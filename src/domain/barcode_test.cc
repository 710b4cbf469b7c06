#include "domain/barcode.h"

#include <gtest/gtest.h>

#include <set>

namespace tereze::domain {
namespace {

TEST(Barcode, RoundTripsIdAndKind) {
  for (int64_t id : {int64_t{1}, int64_t{2}, int64_t{12345}, kMaxBarcodeId}) {
    for (BarcodeKind kind : {BarcodeKind::kApplication, BarcodeKind::kRefusal}) {
      std::string code = MakeBarcode(kind, id);
      ASSERT_EQ(code.size(), kBarcodeDigits) << code;
      ParsedBarcode parsed;
      ASSERT_TRUE(ParseBarcode(code, &parsed).ok()) << code;
      EXPECT_EQ(parsed.id, id);
      EXPECT_EQ(parsed.kind, kind);
    }
  }
}

TEST(Barcode, ConsecutiveIdsAreUniqueAndNotConsecutive) {
  std::set<std::string> seen;
  std::string previous;
  for (int64_t id = 1; id <= 10000; ++id) {
    std::string code = MakeBarcode(BarcodeKind::kApplication, id);
    EXPECT_TRUE(seen.insert(code).second) << code;
    if (!previous.empty()) {
      // Neighbouring ids must not give neighbouring bodies (a stranger could step through them).
      int64_t a = std::stoll(previous.substr(1, 11)), b = std::stoll(code.substr(1, 11));
      EXPECT_GT(std::llabs(a - b), 1000) << previous << " " << code;
    }
    previous = code;
  }
}

// R18.10: a misread scan is an error, never another package.
TEST(Barcode, EverySingleDigitErrorAndAdjacentSwapIsCaught) {
  std::string code = MakeBarcode(BarcodeKind::kApplication, 424242);
  for (size_t i = 0; i < code.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == code[i]) continue;
      std::string bad = code;
      bad[i] = d;
      ParsedBarcode parsed;
      Status s = ParseBarcode(bad, &parsed);
      EXPECT_FALSE(s.ok()) << bad;
    }
    if (i + 1 < code.size() && code[i] != code[i + 1]) {
      std::string swapped = code;
      std::swap(swapped[i], swapped[i + 1]);
      ParsedBarcode parsed;
      EXPECT_FALSE(ParseBarcode(swapped, &parsed).ok()) << swapped;
    }
  }
}

TEST(Barcode, MisreadAndMalformedHaveTheirCodes) {
  std::string code = MakeBarcode(BarcodeKind::kApplication, 7);
  std::string bad = code;
  bad.back() = bad.back() == '0' ? '1' : '0';
  ParsedBarcode parsed;
  EXPECT_EQ(ParseBarcode(bad, &parsed).code(), "barcode_misread");
  EXPECT_EQ(ParseBarcode("12345", &parsed).code(), "barcode_invalid");
  EXPECT_EQ(ParseBarcode("12345678901a3", &parsed).code(), "barcode_invalid");
  EXPECT_EQ(ParseBarcode("", &parsed).code(), "barcode_invalid");
}

TEST(Barcode, KnownCheckDigit) {
  // ISO 7064 MOD 11,10 worked example: "0794" has check digit 5.
  EXPECT_EQ(Mod1110CheckDigit("0794"), 5);
}

}  // namespace
}  // namespace tereze::domain
