// The surveillance sign (R13) is checked the way a visitor meets it at the
// door: read from the outside (support/pdf_readback.h) for its text in both
// languages, the size of its type (R16) and its portrait sheet.
#include "docs/surveillance_sign_pdf.h"

#include <gtest/gtest.h>

#include <string>

#include "docs/pdf_writer.h"
#include "support/pdf_readback.h"

// fontconfig's caches look leaked to LeakSanitizer; see checklist_pdf_test.cc.
// NOLINTNEXTLINE(bugprone-reserved-identifier): the name is LeakSanitizer's hook.
extern "C" __attribute__((weak)) const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}

namespace tereze::docs {
namespace {

using testing::Has;
using testing::kKazakhLetters;
using testing::PageCount;
using testing::PageSize;
using testing::ReadBack;
using testing::Readback;
using testing::WordHeightPt;

// The Kazakh name uses all nine letters Kazakh has and Russian lacks.
const std::string kCenterKk =
    "Ұлытау облысы Жезқазған қаласы бойынша №2 халыққа қызмет көрсету орталығы (Жаңашаһар "
    "ықшамауданы, Сәтпаев көшесі, 12; Түлкібас тұрғын үй кешені)";
const std::string kCenterRu =
    "Центр обслуживания населения №2 по городу Жезказган области Улытау (микрорайон Жанашахар, "
    "улица Сатпаева, 12; жилой комплекс Тулкибас)";

std::string Render(const std::string& kk, const std::string& ru) {
  std::string pdf;
  Status s = RenderSurveillanceSignPdf(kk, ru, &pdf);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  return pdf;
}

TEST(SurveillanceSignPdf, BothLanguagesLargeOnPortraitA4) {
  Readback r = ReadBack(Render(kCenterKk, kCenterRu), /*scan=*/false);

  double w = 0, h = 0;
  ASSERT_TRUE(PageSize(r.info, &w, &h)) << r.info;
  EXPECT_EQ(PageCount(r.info), 1) << r.info;
  EXPECT_NEAR(w, kA4WidthPt, 0.01) << r.info;
  EXPECT_NEAR(h, kA4HeightPt, 0.01) << r.info;

  EXPECT_TRUE(Has(r.text, "Видеобақылау жүргізіледі")) << r.text;
  EXPECT_TRUE(Has(r.text, "Ведётся видеонаблюдение")) << r.text;
  EXPECT_TRUE(Has(r.text, kCenterKk)) << r.text;
  EXPECT_TRUE(Has(r.text, kCenterRu)) << r.text;
  for (const char* letter : kKazakhLetters) EXPECT_TRUE(Has(r.text, letter)) << letter;

  // Kazakh above Russian, the warning above the center's name.
  const size_t kk = r.text.find("Видеобақылау"), ru = r.text.find("Ведётся");
  ASSERT_NE(kk, std::string::npos);
  ASSERT_NE(ru, std::string::npos);
  EXPECT_LT(kk, ru);
  EXPECT_LT(ru, r.text.find("Ұлытау"));
  EXPECT_LT(r.text.find("Ұлытау"), r.text.find("Центр"));

  // Legible from the door (R16): the warning in type of some 40 pt, the
  // center's name smaller but not small.
  for (const char* word : {"Видеобақылау", "жүргізіледі", "Ведётся", "видеонаблюдение"}) {
    EXPECT_GE(WordHeightPt(r, word), 40) << word << "\n" << r.bbox;
  }
  EXPECT_GE(WordHeightPt(r, "Жезқазған"), 14);
  EXPECT_LT(WordHeightPt(r, "Жезқазған"), WordHeightPt(r, "Ведётся"));
}

TEST(SurveillanceSignPdf, LongestNamesFit) {
  auto name = [](const std::string& word) {
    std::string n;
    while (n.size() + word.size() + 1 <= kMaxSurveillanceSignCenterBytes) n += word + " ";
    return n.substr(0, n.size() - 1);
  };
  const std::string kk = name("орталығы"), ru = name("населения");
  Readback r = ReadBack(Render(kk, ru), /*scan=*/false);
  EXPECT_EQ(PageCount(r.info), 1) << r.info;
  EXPECT_TRUE(Has(r.text, kk)) << r.text;
  EXPECT_TRUE(Has(r.text, ru)) << r.text;
  EXPECT_TRUE(Has(r.text, "Ведётся видеонаблюдение")) << r.text;
}

TEST(SurveillanceSignPdf, RefusesBadInputWithAClearCode) {
  struct Case {
    const char* name;
    std::string kk, ru;
    Status::Kind kind;
    const char* code;
  };
  const Case cases[] = {
      {"no kk", "", kCenterRu, Status::Kind::kMalformed, "surveillance_sign_field_missing"},
      {"no ru", kCenterKk, "", Status::Kind::kMalformed, "surveillance_sign_field_missing"},
      {"long kk", std::string(kMaxSurveillanceSignCenterBytes + 1, 'x'), kCenterRu,
       Status::Kind::kTooLarge, "field_too_long"},
      {"long ru", kCenterKk, std::string(kMaxSurveillanceSignCenterBytes + 1, 'x'),
       Status::Kind::kTooLarge, "field_too_long"},
      {"not UTF-8", kCenterKk, "\xc3\x28", Status::Kind::kMalformed, "invalid_utf8"},
  };
  for (const Case& c : cases) {
    std::string out;
    Status s = RenderSurveillanceSignPdf(c.kk, c.ru, &out);
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
    EXPECT_EQ(s.kind(), c.kind) << c.name;
    EXPECT_TRUE(out.empty()) << c.name;
  }
}

TEST(SurveillanceSignPdf, SameInputSameBytes) {
  std::string a, b;
  ASSERT_TRUE(RenderSurveillanceSignPdf(kCenterKk, kCenterRu, &a).ok());
  ASSERT_TRUE(RenderSurveillanceSignPdf(kCenterKk, kCenterRu, &b).ok());
  EXPECT_EQ(a, b);
  std::string other;
  ASSERT_TRUE(RenderSurveillanceSignPdf(kCenterKk, "Другой центр", &other).ok());
  EXPECT_NE(a, other);
}

}  // namespace
}  // namespace tereze::docs
