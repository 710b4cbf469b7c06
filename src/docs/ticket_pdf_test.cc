// The queue ticket (R8, R19) is checked the way the applicant meets it at the
// kiosk: read from the outside (support/pdf_readback.h) for its text in the
// chosen language only, the size of its number (R16), its roll, and its QR
// code scanned back as a phone reads it.
#include "docs/ticket_pdf.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docs/paper.h"
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

TicketData Sample(const std::string& lang) {
  const bool kk = lang == "kk";
  TicketData d;
  d.lang = lang;
  d.number = "A015";
  d.queue_name = kk ? "Құжаттарды қабылдау: жылжымайтын мүлік" : "Приём документов: недвижимость";
  d.center_name = kk ? "Астана қаласы Есіл ауданы бойынша №3 халыққа қызмет көрсету орталығы"
                     : "Центр обслуживания населения №3 района Есиль города Астаны";
  d.issued_at = "24.11.2026 10:05";
  d.estimated_wait_min = 25;
  d.ahead = 7;
  d.tracking_url = "https://tereze.example.kz/#/ticket/3f9a1c2b7d4e";
  return d;
}

std::string Render(const TicketData& d) {
  std::string pdf;
  Status s = RenderTicketPdf(d, &pdf);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  return pdf;
}

// The ticket's words in `lang`, which the other language's ticket never shows.
std::vector<std::string> Words(const std::string& lang) {
  if (lang == "kk") {
    return {"Электрондық кезек талоны",
            "Берілген уақыты",
            "Күту уақыты шамамен",
            "Алдыңызда",
            "адам",
            "таблода",
            "QR-код арқылы"};
  }
  return {"Талон электронной очереди",
          "Время выдачи",
          "Примерное ожидание",
          "Перед вами",
          "человек",
          "на табло",
          "по QR-коду"};
}

double RollHeight(const Readback& r) {
  double w = 0, h = 0;
  EXPECT_TRUE(PageSize(r.info, &w, &h)) << r.info;
  EXPECT_NEAR(w, kThermalPaperWidthMm * kPtPerMm, 0.01) << "80 mm wide: " << r.info;
  EXPECT_EQ(PageCount(r.info), 1) << r.info;
  return h;
}

class TicketPdf : public ::testing::TestWithParam<std::string> {};

TEST_P(TicketPdf, ReadsBackInItsLanguageAndScans) {
  const std::string lang = GetParam();
  const bool kk = lang == "kk";
  const TicketData d = Sample(lang);
  Readback r = ReadBack(Render(d));

  const double h = RollHeight(r);
  EXPECT_GT(h, 80 * kPtPerMm) << "as long as the text";
  EXPECT_LT(h, kA4HeightPt) << "and no longer";
  EXPECT_EQ(r.qr, std::vector<std::string>{d.tracking_url});
  EXPECT_TRUE(r.code128.empty());

  EXPECT_TRUE(Has(r.text, d.number)) << r.text;
  EXPECT_TRUE(Has(r.text, d.queue_name)) << r.text;
  EXPECT_TRUE(Has(r.text, d.center_name)) << r.text;
  EXPECT_TRUE(Has(r.text, d.issued_at)) << r.text;
  EXPECT_TRUE(Has(r.text, d.tracking_url)) << "the link in letters too\n" << r.text;
  EXPECT_TRUE(Has(r.text, kk ? "Күту уақыты шамамен 25 мин" : "Примерное ожидание 25 мин"))
      << r.text;
  EXPECT_TRUE(Has(r.text, kk ? "Алдыңызда 7 адам" : "Перед вами 7 человек")) << r.text;
  for (const std::string& word : Words(lang)) EXPECT_TRUE(Has(r.text, word)) << word;
  for (const std::string& word : Words(kk ? "ru" : "kk")) {
    EXPECT_FALSE(Has(r.text, word)) << word << "\n" << r.text;
  }

  // The number is watched for on the board (R16): some 44 pt, four times
  // the queue's name.
  EXPECT_GE(WordHeightPt(r, d.number), 40) << r.bbox;
  const double queue = WordHeightPt(r, kk ? "қабылдау:" : "Приём");
  ASSERT_GT(queue, 0) << r.bbox;
  EXPECT_GT(WordHeightPt(r, d.number), 3 * queue);
}

INSTANTIATE_TEST_SUITE_P(Ticket, TicketPdf, ::testing::Values("kk", "ru"),
                         [](const auto& info) { return info.param; });

TEST(TicketPdfLanguage, RussianTicketHasNoKazakhLetters) {
  Readback ru = ReadBack(Render(Sample("ru")), /*scan=*/false);
  for (const char* letter : kKazakhLetters) EXPECT_FALSE(Has(ru.text, letter)) << letter;
  Readback kk = ReadBack(Render(Sample("kk")), /*scan=*/false);
  int kazakh = 0;
  for (const char* letter : kKazakhLetters) kazakh += Has(kk.text, letter) ? 1 : 0;
  EXPECT_GE(kazakh, 5) << kk.text;
}

TEST(TicketPdfQueue, WithoutEstimatesOrLinkOnlyTheNumber) {
  TicketData d = Sample("ru");
  d.estimated_wait_min = -1;
  d.ahead = -1;
  d.tracking_url.clear();
  Readback r = ReadBack(Render(d));
  const double h = RollHeight(r);
  EXPECT_TRUE(r.qr.empty());
  EXPECT_TRUE(r.code128.empty());
  EXPECT_TRUE(Has(r.text, "A015")) << r.text;
  EXPECT_FALSE(Has(r.text, "ожидание")) << r.text;
  EXPECT_FALSE(Has(r.text, "Перед вами")) << r.text;
  EXPECT_FALSE(Has(r.text, "QR")) << r.text;

  Readback full = ReadBack(Render(Sample("ru")), /*scan=*/false);
  EXPECT_LT(h, RollHeight(full)) << "the roll is cut shorter without the QR code";
}

TEST(TicketPdfQueue, PeopleAheadInWords) {
  struct Case {
    const char* lang;
    int ahead;
    const char* text;
  };
  const Case cases[] = {
      {"ru", 0, "Перед вами никого нет"},  {"ru", 1, "Перед вами 1 человек"},
      {"ru", 3, "Перед вами 3 человека"},  {"ru", 12, "Перед вами 12 человек"},
      {"ru", 21, "Перед вами 21 человек"}, {"kk", 0, "Алдыңызда ешкім жоқ"},
      {"kk", 3, "Алдыңызда 3 адам"},
  };
  for (const Case& c : cases) {
    TicketData d = Sample(c.lang);
    d.ahead = c.ahead;
    d.estimated_wait_min = 0;
    d.tracking_url.clear();
    Readback r = ReadBack(Render(d), /*scan=*/false);
    EXPECT_TRUE(Has(r.text, c.text)) << c.text << "\n" << r.text;
    EXPECT_FALSE(Has(r.text, std::string(c.text) + "а")) << c.text << "\n" << r.text;
  }
}

TEST(TicketPdfInput, RefusesBadInputWithAClearCode) {
  struct Case {
    const char* name;
    void (*change)(TicketData*);
    Status::Kind kind;
    const char* code;
  };
  const Case cases[] = {
      {"lang", [](TicketData* d) { d->lang = "en"; }, Status::Kind::kMalformed,
       "unsupported_language"},
      {"no number", [](TicketData* d) { d->number.clear(); }, Status::Kind::kMalformed,
       "invalid_ticket_number"},
      {"letters only", [](TicketData* d) { d->number = "A"; }, Status::Kind::kMalformed,
       "invalid_ticket_number"},
      {"lower case", [](TicketData* d) { d->number = "a015"; }, Status::Kind::kMalformed,
       "invalid_ticket_number"},
      {"Cyrillic letter", [](TicketData* d) { d->number = "А015"; }, Status::Kind::kMalformed,
       "invalid_ticket_number"},
      {"three letters", [](TicketData* d) { d->number = "ABC15"; }, Status::Kind::kMalformed,
       "invalid_ticket_number"},
      {"five digits", [](TicketData* d) { d->number = "A12345"; }, Status::Kind::kMalformed,
       "invalid_ticket_number"},
      {"digits then letter", [](TicketData* d) { d->number = "015A"; }, Status::Kind::kMalformed,
       "invalid_ticket_number"},
      {"no queue", [](TicketData* d) { d->queue_name.clear(); }, Status::Kind::kMalformed,
       "ticket_field_missing"},
      {"no center", [](TicketData* d) { d->center_name.clear(); }, Status::Kind::kMalformed,
       "ticket_field_missing"},
      {"no time", [](TicketData* d) { d->issued_at.clear(); }, Status::Kind::kMalformed,
       "ticket_field_missing"},
      {"date only", [](TicketData* d) { d->issued_at = "24.11.2026"; }, Status::Kind::kMalformed,
       "invalid_date"},
      {"hour 24", [](TicketData* d) { d->issued_at = "24.11.2026 24:00"; },
       Status::Kind::kMalformed, "invalid_date"},
      {"wait -2", [](TicketData* d) { d->estimated_wait_min = -2; }, Status::Kind::kMalformed,
       "invalid_wait"},
      {"wait over a day", [](TicketData* d) { d->estimated_wait_min = kMaxTicketWaitMin + 1; },
       Status::Kind::kMalformed, "invalid_wait"},
      {"ahead -2", [](TicketData* d) { d->ahead = -2; }, Status::Kind::kMalformed, "invalid_ahead"},
      {"ahead too many", [](TicketData* d) { d->ahead = kMaxTicketAhead + 1; },
       Status::Kind::kMalformed, "invalid_ahead"},
      {"link not ASCII", [](TicketData* d) { d->tracking_url = "https://тереze.kz/т"; },
       Status::Kind::kMalformed, "qr_invalid"},
      {"link too long",
       [](TicketData* d) { d->tracking_url = "https://x.kz/" + std::string(600, 'a'); },
       Status::Kind::kTooLarge, "qr_too_long"},
      {"long queue",
       [](TicketData* d) { d->queue_name = std::string(kMaxTicketFieldBytes + 1, 'x'); },
       Status::Kind::kTooLarge, "field_too_long"},
      {"not UTF-8", [](TicketData* d) { d->center_name = "\xff\xfe"; }, Status::Kind::kMalformed,
       "invalid_utf8"},
  };
  std::string pdf;
  ASSERT_TRUE(RenderTicketPdf(Sample("kk"), &pdf).ok());
  for (const Case& c : cases) {
    TicketData d = Sample("kk");
    c.change(&d);
    std::string out;
    Status s = RenderTicketPdf(d, &out);
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
    EXPECT_EQ(s.kind(), c.kind) << c.name;
    EXPECT_TRUE(out.empty()) << c.name;
  }
}

TEST(TicketPdfInput, LimitsStillPrint) {
  TicketData d = Sample("ru");
  d.number = "AB1234";
  d.estimated_wait_min = kMaxTicketWaitMin;
  d.ahead = kMaxTicketAhead;
  Readback r = ReadBack(Render(d), /*scan=*/false);
  RollHeight(r);
  EXPECT_TRUE(Has(r.text, "AB1234")) << "the number on one line\n" << r.text;
  EXPECT_TRUE(Has(r.text, "Примерное ожидание 1440 мин")) << r.text;
  EXPECT_TRUE(Has(r.text, "Перед вами 9999 человек")) << r.text;
}

TEST(TicketPdfInput, SameInputSameBytes) {
  std::string a, b;
  ASSERT_TRUE(RenderTicketPdf(Sample("kk"), &a).ok());
  ASSERT_TRUE(RenderTicketPdf(Sample("kk"), &b).ok());
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace tereze::docs
