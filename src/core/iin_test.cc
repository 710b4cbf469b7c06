// Tests for IIN and BIN parsing: the check digit with both weight passes, refusals of anything
// but 12 ASCII digits, and the birth date, sex and registration read from consistent digits
// (research/KAZAKHSTAN.md, "IIN (ЖСН / ИИН) and BIN"). The literal numbers were computed
// outside this code, so a wrong rule in IinCheckDigit cannot agree with them by construction.
#include "core/iin.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace tereze {
namespace {

using Date = IdentityNumber::Date;
using EntityType = IdentityNumber::EntityType;
using Kind = IdentityNumber::Kind;
using Unit = IdentityNumber::Unit;

// An independent statement of the two passes, to pick test prefixes by their pass results.
int Pass(std::string_view first11, bool second) {
  static const int kFirst[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  static const int kSecond[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
  int sum = 0;
  for (int i = 0; i < 11; ++i) sum += (first11[i] - '0') * (second ? kSecond : kFirst)[i];
  return sum % 11;
}

// Completes 11 digits with their check digit; used where the test is about other digits.
std::string WithCheck(const std::string& first11) {
  const std::optional<int> c = IinCheckDigit(first11);
  EXPECT_TRUE(c.has_value()) << first11;
  return first11 + static_cast<char>('0' + c.value_or(0));
}

IdentityNumber MustParse(std::string_view text) {
  IdentityNumber n;
  const Status s = ParseIdentityNumber(text, &n);
  EXPECT_TRUE(s.ok()) << text << ": " << s.ToString();
  return n;
}

void ExpectRefused(const Status& s, const std::string& code) {
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.kind(), Status::Kind::kRefused);
  EXPECT_EQ(s.code(), code);
}

void ExpectRefusedIin(std::string_view text) {
  IdentityNumber n;
  SCOPED_TRACE(std::string(text));
  ExpectRefused(ParseIdentityNumber(text, &n), "invalid_iin");
  ExpectRefused(ParseIin(text, &n), "invalid_iin");
  ExpectRefused(ParseBin(text, &n), "invalid_bin");
}

TEST(IinCheckDigitTest, FirstPass) {
  EXPECT_EQ(IinCheckDigit("85010130012"), 4);
  EXPECT_EQ(IinCheckDigit("99123140012"), 9);
  EXPECT_EQ(IinCheckDigit("00022950123"), 4);
  EXPECT_EQ(IinCheckDigit("17014000123"), 2);
}

TEST(IinCheckDigitTest, SecondPassWhenTheFirstGivesTen) {
  // Σ d·i = 109 ≡ 10; the second weights give 3.
  ASSERT_EQ(Pass("85010130060", false), 10);
  EXPECT_EQ(IinCheckDigit("85010130060"), 3);
  EXPECT_EQ(IinCheckDigit("85010130061"), 5);
  IdentityNumber n;
  EXPECT_TRUE(ParseIin("850101300603", &n).ok());
  for (char last = '0'; last <= '9'; ++last) {
    if (last == '3') continue;
    ExpectRefusedIin(std::string("85010130060") + last);
  }

  // Every prefix of a serial range whose first pass gives 10 and second does not.
  int seen = 0;
  for (int serial = 0; serial < 10000; ++serial) {
    char first11[12];
    std::snprintf(first11, sizeof first11, "8501013%04d", serial);
    if (Pass(first11, false) != 10 || Pass(first11, true) == 10) continue;
    ++seen;
    EXPECT_EQ(IinCheckDigit(first11), Pass(first11, true)) << first11;
  }
  EXPECT_GT(seen, 500);
}

TEST(IinCheckDigitTest, NeverValidWhenBothPassesGiveTen) {
  // The second pass is the first plus 2·Σd (mod 11), so both give 10 when Σd ≡ 0 (here 33).
  ASSERT_EQ(Pass("85010130069", false), 10);
  ASSERT_EQ(Pass("85010130069", true), 10);
  EXPECT_EQ(IinCheckDigit("85010130069"), std::nullopt);
  EXPECT_EQ(IinCheckDigit("85010130220"), std::nullopt);
  for (char last = '0'; last <= '9'; ++last) {
    ExpectRefusedIin(std::string("85010130069") + last);
  }

  int seen = 0;
  for (int serial = 0; serial < 10000; ++serial) {
    char first11[12];
    std::snprintf(first11, sizeof first11, "8501013%04d", serial);
    const bool never = Pass(first11, false) == 10 && Pass(first11, true) == 10;
    seen += never;
    EXPECT_EQ(IinCheckDigit(first11).has_value(), !never) << first11;
  }
  EXPECT_GT(seen, 50);
}

TEST(IinCheckDigitTest, RefusesAnythingButElevenDigits) {
  EXPECT_EQ(IinCheckDigit(""), std::nullopt);
  EXPECT_EQ(IinCheckDigit("8501013001"), std::nullopt);
  EXPECT_EQ(IinCheckDigit("850101300124"), std::nullopt);
  EXPECT_EQ(IinCheckDigit("8501013001a"), std::nullopt);
}

TEST(ParseIdentityNumberTest, AcceptsValidIin) {
  IdentityNumber n;
  ASSERT_TRUE(ParseIdentityNumber("850101300124", &n).ok());
  EXPECT_EQ(n.kind, Kind::kIin);
  EXPECT_EQ(n.digits, "850101300124");
  EXPECT_FALSE(n.entity_type.has_value());
  EXPECT_FALSE(n.registration_year.has_value());
  // Leading zeros are digits like any other.
  ASSERT_TRUE(ParseIdentityNumber("000229501234", &n).ok());
  EXPECT_EQ(n.digits, "000229501234");
}

TEST(ParseIdentityNumberTest, WrongCheckDigitRefused) {
  for (std::string valid : {"850101300124", "991231400129", "000229501234"}) {
    for (char last = '0'; last <= '9'; ++last) {
      if (last == valid.back()) continue;
      ExpectRefusedIin(valid.substr(0, 11) + last);
    }
  }
  // Two neighbouring digits swapped: the position weights catch it.
  ExpectRefusedIin("850101300214");
  // One digit changed elsewhere than the check digit.
  ExpectRefusedIin("850103300124");
}

TEST(ParseIdentityNumberTest, WrongLengthRefused) {
  ExpectRefusedIin("");
  ExpectRefusedIin("85010130012");
  ExpectRefusedIin("8501013001240");
  ExpectRefusedIin("0850101300124");
}

TEST(ParseIdentityNumberTest, NonDigitsRefused) {
  ExpectRefusedIin(" 850101300124");
  ExpectRefusedIin("850101300124 ");
  ExpectRefusedIin("85010130012 ");  // 12 bytes with a space
  ExpectRefusedIin("850101 300124");
  ExpectRefusedIin("8501-01300124");
  ExpectRefusedIin("+85010130012");
  ExpectRefusedIin("85O101300124");  // letter O
  ExpectRefusedIin(std::string_view("85010130012\0", 12));
  ExpectRefusedIin(std::string_view("850101300124\0", 13));
}

TEST(ParseIdentityNumberTest, NonAsciiDigitsRefused) {
  // Fullwidth digits (3 bytes each) of a valid IIN.
  ExpectRefusedIin("８５０１０１３００１２４");
  // Six Arabic-Indic digits and six Cyrillic letters are exactly 12 bytes of UTF-8: only the
  // digit check stops them.
  ASSERT_EQ(std::string_view("٨٥٠١٠١").size(), 12u);
  ExpectRefusedIin("٨٥٠١٠١");
  ASSERT_EQ(std::string_view("ЖСНИИН").size(), 12u);
  ExpectRefusedIin("ЖСНИИН");
  // One Arabic-Indic digit in place of two ASCII ones.
  ExpectRefusedIin("8501013001٤");
}

TEST(ParseIdentityNumberTest, DigitFiveSevenToNineIsUnknownKind) {
  ExpectRefusedIin(WithCheck("17017000123"));
  ExpectRefusedIin(WithCheck("17018000123"));
  ExpectRefusedIin(WithCheck("17019000123"));
}

TEST(ParseIdentityNumberTest, RefusalLeavesOutputUnchanged) {
  IdentityNumber n = MustParse("850101300124");
  ASSERT_FALSE(ParseIdentityNumber("850101300125", &n).ok());
  ASSERT_FALSE(ParseIin("170140001232", &n).ok());
  EXPECT_EQ(n.digits, "850101300124");
  EXPECT_EQ(n.birth_date, (Date{1985, 1, 1}));
}

TEST(IinBirthTest, EighteenHundreds) {
  IdentityNumber n = MustParse("991231100010");
  EXPECT_EQ(n.birth_date, (Date{1899, 12, 31}));
  EXPECT_EQ(n.sex, 'M');
  n = MustParse("991231200017");
  EXPECT_EQ(n.birth_date, (Date{1899, 12, 31}));
  EXPECT_EQ(n.sex, 'F');
}

TEST(IinBirthTest, NineteenHundreds) {
  IdentityNumber n = MustParse("850101300124");
  EXPECT_EQ(n.birth_date, (Date{1985, 1, 1}));
  EXPECT_EQ(n.sex, 'M');
  n = MustParse("991231400129");
  EXPECT_EQ(n.birth_date, (Date{1999, 12, 31}));
  EXPECT_EQ(n.sex, 'F');
  n = MustParse("950701400123");
  EXPECT_EQ(n.birth_date, (Date{1995, 7, 1}));
  EXPECT_EQ(n.sex, 'F');
}

TEST(IinBirthTest, TwoThousands) {
  IdentityNumber n = MustParse("170103512347");
  EXPECT_EQ(n.birth_date, (Date{2017, 1, 3}));
  EXPECT_EQ(n.sex, 'M');
  n = MustParse("170103612343");
  EXPECT_EQ(n.birth_date, (Date{2017, 1, 3}));
  EXPECT_EQ(n.sex, 'F');
}

TEST(IinBirthTest, LeapDays) {
  // 2000 is a leap year (divisible by 400); 1900 and 1800 are not.
  IdentityNumber n = MustParse("000229501234");
  EXPECT_EQ(n.birth_date, (Date{2000, 2, 29}));
  EXPECT_EQ(n.sex, 'M');
  n = MustParse("000229601230");
  EXPECT_EQ(n.birth_date, (Date{2000, 2, 29}));
  EXPECT_EQ(n.sex, 'F');
  n = MustParse("040229501231");
  EXPECT_EQ(n.birth_date, (Date{2004, 2, 29}));

  // Checksum right, date impossible: a valid IIN that tells no birth date and no sex.
  for (const char* inconsistent : {"000229301231", "000229101239", "010229501236"}) {
    SCOPED_TRACE(inconsistent);
    n = MustParse(inconsistent);
    EXPECT_EQ(n.kind, Kind::kIin);
    EXPECT_EQ(n.birth_date, std::nullopt);
    EXPECT_EQ(n.sex, std::nullopt);
  }
}

TEST(IinBirthTest, ImpossibleDatesAndCenturyDigitsTellNothing) {
  const std::string kInconsistent[] = {
      "850431300129",            // April 31
      "850132300123",            // day 32
      "850100300129",            // day 0
      WithCheck("85000130012"),  // month 0
      WithCheck("85130130012"),  // month 13
      "850101000125",            // digit 7 = 0
      "850101700125",            // 7
      "850101800126",            // 8
      "850101900122",            // 9
  };
  for (const std::string& inconsistent : kInconsistent) {
    SCOPED_TRACE(inconsistent);
    IdentityNumber n;
    ASSERT_TRUE(ParseIin(inconsistent, &n).ok());
    EXPECT_EQ(n.birth_date, std::nullopt);
    EXPECT_EQ(n.sex, std::nullopt);
  }
}

TEST(IinBirthTest, DateToIso) {
  EXPECT_EQ(MustParse("991231100010").birth_date->ToIso(), "1899-12-31");
  EXPECT_EQ(MustParse("000229501234").birth_date->ToIso(), "2000-02-29");
}

TEST(BinTest, UnitsOfAResidentLegalEntity) {
  const struct {
    const char* bin;
    Unit unit;
  } kCases[] = {
      {"170140001232", Unit::kHeadOffice},
      {"170141001238", Unit::kBranch},
      {"170142001233", Unit::kRepresentativeOffice},
      {"170143001239", Unit::kFarm},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.bin);
    IdentityNumber n;
    ASSERT_TRUE(ParseBin(c.bin, &n).ok());
    EXPECT_EQ(n.kind, Kind::kBin);
    EXPECT_EQ(n.digits, c.bin);
    EXPECT_EQ(n.entity_type, EntityType::kResidentLegalEntity);
    EXPECT_EQ(n.unit, c.unit);
    EXPECT_EQ(n.registration_year, 2017);
    EXPECT_EQ(n.registration_month, 1);
    EXPECT_EQ(n.birth_date, std::nullopt);
    EXPECT_EQ(n.sex, std::nullopt);
  }
  // Unit digits past 3 are not in the decree: still a valid BIN, unit unknown.
  IdentityNumber n = MustParse("170144001234");
  EXPECT_EQ(n.kind, Kind::kBin);
  EXPECT_EQ(n.unit, std::nullopt);
}

TEST(BinTest, EntityTypes) {
  IdentityNumber n = MustParse("050941300015");
  EXPECT_EQ(n.entity_type, EntityType::kResidentLegalEntity);
  EXPECT_EQ(n.unit, Unit::kBranch);
  EXPECT_EQ(n.registration_year, 2005);
  EXPECT_EQ(n.registration_month, 9);
  n = MustParse("050950300014");
  EXPECT_EQ(n.entity_type, EntityType::kNonResidentLegalEntity);
  EXPECT_EQ(n.unit, Unit::kHeadOffice);
  n = MustParse("050960300019");
  EXPECT_EQ(n.entity_type, EntityType::kIndividualEntrepreneur);
  EXPECT_EQ(n.unit, Unit::kHeadOffice);
}

TEST(BinTest, RegistrationMonth) {
  // 90-99 are the 1990s, 00-89 the 2000s.
  IdentityNumber n = MustParse("920340000011");
  EXPECT_EQ(n.registration_year, 1992);
  EXPECT_EQ(n.registration_month, 3);
  n = MustParse("900140000010");
  EXPECT_EQ(n.registration_year, 1990);
  n = MustParse("890140000016");
  EXPECT_EQ(n.registration_year, 2089);
  // Month 13 and month 0: a valid BIN with no registration date.
  for (const char* bin : {"051340300010", "170040001239"}) {
    SCOPED_TRACE(bin);
    n = MustParse(bin);
    EXPECT_EQ(n.kind, Kind::kBin);
    EXPECT_EQ(n.entity_type, EntityType::kResidentLegalEntity);
    EXPECT_EQ(n.registration_year, std::nullopt);
    EXPECT_EQ(n.registration_month, std::nullopt);
  }
}

TEST(BinTest, WrongCheckDigitIsInvalidBin) {
  IdentityNumber n;
  ExpectRefused(ParseIdentityNumber("170140001233", &n), "invalid_bin");
  ExpectRefused(ParseBin("170140001233", &n), "invalid_bin");
  ExpectRefused(ParseIin("170140001233", &n), "invalid_iin");
}

TEST(ParseIinTest, RefusesABin) {
  IdentityNumber n;
  ASSERT_TRUE(ParseIdentityNumber("170140001232", &n).ok());
  const Status s = ParseIin("170140001232", &n);
  ExpectRefused(s, "invalid_iin");
  EXPECT_NE(s.message().find("BIN"), std::string::npos) << s.message();
  EXPECT_TRUE(ParseIin("850101300124", &n).ok());
  EXPECT_EQ(n.kind, Kind::kIin);
}

TEST(ParseBinTest, RefusesAnIin) {
  IdentityNumber n;
  const Status s = ParseBin("850101300124", &n);
  ExpectRefused(s, "invalid_bin");
  EXPECT_NE(s.message().find("IIN"), std::string::npos) << s.message();
  EXPECT_TRUE(ParseBin("920340000011", &n).ok());
  EXPECT_EQ(n.kind, Kind::kBin);
}

}  // namespace
}  // namespace tereze
