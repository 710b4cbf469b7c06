// The name plate (R8) is checked the way the queue sees it: read from the
// outside (support/pdf_readback.h) for its text in both languages, the size
// of its type (R16) and its landscape sheet.
#include "docs/name_plate_pdf.h"

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

// Between them the name, the position and the center use all nine letters
// Kazakh has and Russian lacks.
NamePlateData Sample() {
  NamePlateData d;
  d.window_number = "5";
  d.surname = "Сейітқалиева";
  d.name = "Нұрсәуле";
  d.patronymic = "Жеңісқызы";
  d.position_kk = "Халыққа қызмет көрсету бөлімінің бас маманы";
  d.position_ru = "Главный специалист отдела обслуживания населения";
  d.center_name_kk = "Шаһар ауданы бойынша №3 халыққа қызмет көрсету орталығы, Түркістан көшесі";
  d.center_name_ru = "Центр обслуживания населения №3 района Шахар, улица Туркестан";
  return d;
}

std::string Render(const NamePlateData& d) {
  std::string pdf;
  Status s = RenderNamePlatePdf(d, &pdf);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  return pdf;
}

// Where `needle` starts in the text read back; npos when it is not there.
size_t At(const Readback& r, const std::string& needle) {
  return r.text.find(testing::Squeeze(needle));
}

TEST(NamePlatePdf, BothLanguagesLargeOnLandscapeA4) {
  const NamePlateData d = Sample();
  Readback r = ReadBack(Render(d), /*scan=*/false);

  double w = 0, h = 0;
  ASSERT_TRUE(PageSize(r.info, &w, &h)) << r.info;
  EXPECT_EQ(PageCount(r.info), 1) << r.info;
  EXPECT_NEAR(w, kA4HeightPt, 0.01) << "landscape: the long side across";
  EXPECT_NEAR(h, kA4WidthPt, 0.01);

  EXPECT_TRUE(Has(r.text, "Сейітқалиева Нұрсәуле Жеңісқызы")) << r.text;
  EXPECT_TRUE(Has(r.text, "5-терезе")) << r.text;
  EXPECT_TRUE(Has(r.text, "Окно 5")) << r.text;
  for (const std::string& text :
       {d.position_kk, d.position_ru, d.center_name_kk, d.center_name_ru}) {
    EXPECT_TRUE(Has(r.text, text)) << text << "\n" << r.text;
  }
  for (const char* letter : kKazakhLetters) EXPECT_TRUE(Has(r.text, letter)) << letter;

  // Kazakh above Russian in every pair.
  EXPECT_LT(At(r, "5-терезе"), At(r, "Окно 5")) << r.text;
  EXPECT_LT(At(r, d.position_kk), At(r, d.position_ru)) << r.text;
  EXPECT_LT(At(r, d.center_name_kk), At(r, d.center_name_ru)) << r.text;
  // The window, then the name, then the position.
  EXPECT_LT(At(r, "Окно 5"), At(r, d.surname)) << r.text;
  EXPECT_LT(At(r, d.patronymic), At(r, d.position_kk)) << r.text;

  // Read from the queue's seats (R16): the name and the window in type of
  // some 40 pt, the position at least 20 pt, the center's name smaller.
  EXPECT_GE(WordHeightPt(r, "Сейітқалиева"), 40) << r.bbox;
  EXPECT_GE(WordHeightPt(r, "Жеңісқызы"), 40);
  EXPECT_GE(WordHeightPt(r, "5-терезе"), 36);
  EXPECT_GE(WordHeightPt(r, "Окно"), 36);
  EXPECT_GE(WordHeightPt(r, "маманы"), 20);
  EXPECT_GE(WordHeightPt(r, "специалист"), 20);
  EXPECT_LT(WordHeightPt(r, "орталығы,"), WordHeightPt(r, "маманы"));
}

TEST(NamePlatePdf, NoPatronymicNoGap) {
  NamePlateData d = Sample();
  d.window_number = "12";
  d.patronymic.clear();
  Readback r = ReadBack(Render(d), /*scan=*/false);
  EXPECT_TRUE(Has(r.text, "12-терезе")) << r.text;
  EXPECT_TRUE(Has(r.text, "Окно 12")) << r.text;
  EXPECT_TRUE(Has(r.text, "Сейітқалиева Нұрсәуле " + d.position_kk)) << r.text;
  EXPECT_FALSE(Has(r.text, "Жеңісқызы")) << r.text;
}

TEST(NamePlatePdf, LongestRealNamesFit) {
  NamePlateData d = Sample();
  d.window_number = "999";
  d.surname = "Мұхаммедқалиұлы-Сейітжапарова";
  d.name = "Гүлжаһан-Әйгерім";
  d.patronymic = "Мұхамеджанқызы";
  d.position_kk =
      "Халыққа қызмет көрсету орталығының жеке және заңды тұлғаларға мемлекеттік қызметтер көрсету "
      "бөлімінің жетекші маманы";
  d.position_ru =
      "Ведущий специалист отдела оказания государственных услуг физическим и юридическим лицам "
      "центра обслуживания населения";
  Readback r = ReadBack(Render(d), /*scan=*/false);
  EXPECT_EQ(PageCount(r.info), 1) << r.info;
  // pdftotext joins a line broken after a hyphen without it: the parts.
  for (const std::string& text :
       {std::string("Мұхаммедқалиұлы"), std::string("Сейітжапарова"), std::string("Гүлжаһан"),
        std::string("Әйгерім"), d.patronymic, d.position_kk, d.position_ru, d.center_name_kk,
        d.center_name_ru}) {
    EXPECT_TRUE(Has(r.text, text)) << text << "\n" << r.text;
  }
  EXPECT_TRUE(Has(r.text, "999-терезе / Окно 999")) << r.text;
}

TEST(NamePlatePdf, RefusesBadInputWithAClearCode) {
  struct Case {
    const char* name;
    void (*change)(NamePlateData*);
    Status::Kind kind;
    const char* code;
  };
  const Case cases[] = {
      {"no window", [](NamePlateData* d) { d->window_number.clear(); }, Status::Kind::kMalformed,
       "invalid_window_number"},
      {"window 0", [](NamePlateData* d) { d->window_number = "0"; }, Status::Kind::kMalformed,
       "invalid_window_number"},
      {"leading zero", [](NamePlateData* d) { d->window_number = "05"; }, Status::Kind::kMalformed,
       "invalid_window_number"},
      {"window 1000", [](NamePlateData* d) { d->window_number = "1000"; }, Status::Kind::kMalformed,
       "invalid_window_number"},
      {"window letters", [](NamePlateData* d) { d->window_number = "5a"; },
       Status::Kind::kMalformed, "invalid_window_number"},
      {"negative window", [](NamePlateData* d) { d->window_number = "-5"; },
       Status::Kind::kMalformed, "invalid_window_number"},
      {"no surname", [](NamePlateData* d) { d->surname.clear(); }, Status::Kind::kMalformed,
       "name_plate_field_missing"},
      {"no name", [](NamePlateData* d) { d->name.clear(); }, Status::Kind::kMalformed,
       "name_plate_field_missing"},
      {"no position kk", [](NamePlateData* d) { d->position_kk.clear(); }, Status::Kind::kMalformed,
       "name_plate_field_missing"},
      {"no position ru", [](NamePlateData* d) { d->position_ru.clear(); }, Status::Kind::kMalformed,
       "name_plate_field_missing"},
      {"no center kk", [](NamePlateData* d) { d->center_name_kk.clear(); },
       Status::Kind::kMalformed, "name_plate_field_missing"},
      {"no center ru", [](NamePlateData* d) { d->center_name_ru.clear(); },
       Status::Kind::kMalformed, "name_plate_field_missing"},
      {"long surname",
       [](NamePlateData* d) { d->surname = std::string(kMaxNamePlateNameBytes + 1, 'x'); },
       Status::Kind::kTooLarge, "field_too_long"},
      {"long patronymic",
       [](NamePlateData* d) { d->patronymic = std::string(kMaxNamePlateNameBytes + 1, 'x'); },
       Status::Kind::kTooLarge, "field_too_long"},
      {"long position",
       [](NamePlateData* d) { d->position_ru = std::string(kMaxNamePlatePositionBytes + 1, 'x'); },
       Status::Kind::kTooLarge, "field_too_long"},
      {"long center",
       [](NamePlateData* d) { d->center_name_kk = std::string(kMaxNamePlateCenterBytes + 1, 'x'); },
       Status::Kind::kTooLarge, "field_too_long"},
      {"not UTF-8", [](NamePlateData* d) { d->position_kk = "\xff"; }, Status::Kind::kMalformed,
       "invalid_utf8"},
  };
  std::string pdf;
  ASSERT_TRUE(RenderNamePlatePdf(Sample(), &pdf).ok());
  for (const Case& c : cases) {
    NamePlateData d = Sample();
    c.change(&d);
    std::string out;
    Status s = RenderNamePlatePdf(d, &out);
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
    EXPECT_EQ(s.kind(), c.kind) << c.name;
    EXPECT_TRUE(out.empty()) << c.name;
  }
}

// Every field at its limit, in words too long to break: the plate's own
// check refuses what its sheet cannot hold, rather than draw past the edge.
TEST(NamePlatePdf, OverflowIsRefusedNotClipped) {
  NamePlateData d = Sample();
  auto word = [](size_t bytes) {
    std::string w;
    while (w.size() + 2 <= bytes) w += "Ж";
    return w;
  };
  d.surname = word(kMaxNamePlateNameBytes);
  d.name = word(kMaxNamePlateNameBytes);
  d.patronymic = word(kMaxNamePlateNameBytes);
  d.position_kk = word(kMaxNamePlatePositionBytes);
  d.position_ru = word(kMaxNamePlatePositionBytes);
  d.center_name_kk = word(kMaxNamePlateCenterBytes);
  d.center_name_ru = word(kMaxNamePlateCenterBytes);
  std::string pdf;
  Status s = RenderNamePlatePdf(d, &pdf);
  EXPECT_EQ(s.code(), "name_plate_too_long") << s.ToString();
  EXPECT_EQ(s.kind(), Status::Kind::kTooLarge);
  EXPECT_TRUE(pdf.empty());
}

TEST(NamePlatePdf, SameInputSameBytes) {
  std::string a, b;
  ASSERT_TRUE(RenderNamePlatePdf(Sample(), &a).ok());
  ASSERT_TRUE(RenderNamePlatePdf(Sample(), &b).ok());
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace tereze::docs
