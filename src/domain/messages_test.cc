#include "domain/messages.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

TEST(Messages, AcceptedSmsInTheApplicantsLanguageR19) {
  LocalDate d = *LocalDate::Parse("2026-12-09");
  std::string kk = SmsAccepted("kk", "1234567890123", d);
  std::string ru = SmsAccepted("ru", "1234567890123", d);
  EXPECT_NE(kk.find("қабылданды"), std::string::npos);
  EXPECT_NE(ru.find("принято"), std::string::npos);
  for (const auto& text : {kk, ru}) {
    EXPECT_NE(text.find("09.12.2026"), std::string::npos);
    EXPECT_NE(text.find("1234567890123"), std::string::npos);
    EXPECT_LE(Utf8Length(text), kMaxSmsChars);
  }
}

TEST(Messages, ConsentCodeSmsFitsAndCarriesTheCode) {
  for (const char* lang : {"kk", "ru"}) {
    std::string text = SmsConsentCode(lang, "482913", 5);
    EXPECT_NE(text.find("482913"), std::string::npos);
    EXPECT_LE(Utf8Length(text), kMaxSmsChars);
  }
  EXPECT_EQ(Utf8Length("әр"), 2u);
}

}  // namespace
}  // namespace tereze::domain
