// The receipt of issue (R18.8, R24) is checked the way the issuance desk
// and the recipient meet it: rendered on the roll and on A4, its barcode
// scanned back and its text read from the outside (support/pdf_readback.h).
#include "docs/issue_receipt_pdf.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "docs/pdf_writer.h"
#include "domain/barcode.h"
#include "support/pdf_readback.h"

// fontconfig's caches look leaked to LeakSanitizer; see checklist_pdf_test.cc.
// NOLINTNEXTLINE(bugprone-reserved-identifier): the name is LeakSanitizer's hook.
extern "C" __attribute__((weak)) const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}

namespace tereze::docs {
namespace {

using domain::BarcodeKind;
using domain::MakeBarcode;
using testing::Has;
using testing::kKazakhLetters;
using testing::PageCount;
using testing::PageSize;
using testing::ReadBack;
using testing::Readback;

// A representative collects the result; between them the names use all nine
// letters Kazakh has and Russian lacks.
IssueReceiptData Sample(const std::string& lang) {
  const bool kk = lang == "kk";
  IssueReceiptData d;
  d.lang = lang;
  d.barcode = MakeBarcode(BarcodeKind::kApplication, 123457);
  d.center_name = kk ? "Астана қаласы Есіл ауданы бойынша №3 халыққа қызмет көрсету орталығы"
                     : "Центр обслуживания населения №3 района Есиль города Астаны";
  d.service_code = "00512003";
  d.service_name = kk ? "Тұрғын үйді қайта жоспарлауға және жиһаз орнатуға келісім беру"
                      : "Согласование перепланировки жилого помещения";
  d.applicant_full_name = "Мәуленов Сағынтай Жеңісұлы";
  d.recipient_full_name = "Төлегенова Жаһан Түгелбайқызы";
  d.recipient_document = kk ? "№ 012345678, 01.01.2030 дейін" : "№ 012345678, до 01.01.2030";
  d.power_of_attorney = kk ? "№ 123, 01.11.2026, нотариус Иванова, 01.11.2027 дейін"
                           : "№ 123 от 01.11.2026, нотариус Иванова, до 01.11.2027";
  d.outcome = "result";
  d.issued_at = "09.12.2026 15:20";
  d.employee_full_name = "Сейітқалиева Айгүл Ерланқызы";
  d.shelf = "A-12-3";
  return d;
}

std::string Render(const IssueReceiptData& d, PaperLayout layout) {
  std::string pdf;
  Status s = RenderIssueReceiptPdf(d, layout, &pdf);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  return pdf;
}

void ExpectPaper(const Readback& r, PaperLayout layout) {
  double w = 0, h = 0;
  ASSERT_TRUE(PageSize(r.info, &w, &h)) << r.info;
  EXPECT_EQ(PageCount(r.info), 1) << r.info;
  if (layout == PaperLayout::kThermal80mm) {
    EXPECT_NEAR(w, 80 * 72 / 25.4, 0.01) << r.info;
    EXPECT_GT(h, 80 * 72 / 25.4) << "as long as the text";
    EXPECT_LT(h, kA4HeightPt) << "and no longer";
  } else {
    EXPECT_NEAR(w, kA4WidthPt, 0.01);
    EXPECT_NEAR(h, kA4HeightPt, 0.01);
  }
}

class IssueReceiptPdf : public ::testing::TestWithParam<std::tuple<PaperLayout, std::string>> {};

TEST_P(IssueReceiptPdf, ResultScansAndReadsBack) {
  auto [layout, lang] = GetParam();
  const bool kk = lang == "kk";
  IssueReceiptData d = Sample(lang);
  Readback r = ReadBack(Render(d, layout));

  ExpectPaper(r, layout);
  EXPECT_EQ(r.code128, std::vector<std::string>{d.barcode});
  EXPECT_TRUE(r.qr.empty());
  EXPECT_TRUE(Has(r.text, kk ? "Мемлекеттік қызмет көрсету нәтижесін беру туралы қолхат"
                             : "Расписка о выдаче результата оказания государственной услуги"))
      << r.text;
  EXPECT_TRUE(Has(r.text, d.barcode)) << "the number in digits too";
  for (const std::string& text :
       {d.service_code, d.service_name, d.applicant_full_name, d.recipient_full_name,
        d.recipient_document, d.power_of_attorney, d.issued_at, d.employee_full_name, d.shelf}) {
    EXPECT_TRUE(Has(r.text, text)) << text << "\n" << r.text;
  }
  EXPECT_TRUE(Has(r.text, kk ? "мемлекеттік қызмет көрсету нәтижесі"
                             : "результат оказания государственной услуги"));
  EXPECT_TRUE(Has(r.text, kk ? "Алушының қолы" : "Подпись получателя")) << r.text;
  EXPECT_TRUE(Has(r.text, kk ? "Қызметкердің қолы" : "Подпись работника")) << r.text;
  EXPECT_FALSE(Has(r.text, kk ? "бас тарт" : "отказ")) << r.text;
  for (const char* letter : kKazakhLetters) EXPECT_TRUE(Has(r.text, letter)) << letter;
}

TEST_P(IssueReceiptPdf, ReasonedRefusalInPerson) {
  auto [layout, lang] = GetParam();
  const bool kk = lang == "kk";
  IssueReceiptData d = Sample(lang);
  d.outcome = "refusal";
  d.recipient_full_name = d.applicant_full_name;
  d.power_of_attorney.clear();
  d.shelf.clear();
  Readback r = ReadBack(Render(d, layout));

  ExpectPaper(r, layout);
  EXPECT_EQ(r.code128, std::vector<std::string>{d.barcode});
  EXPECT_TRUE(Has(r.text, kk ? "Қызмет көрсетуден дәлелді бас тартуды беру туралы қолхат"
                             : "Расписка о выдаче мотивированного отказа в оказании услуги"))
      << r.text;
  EXPECT_TRUE(Has(r.text, kk ? "көрсетілетін қызметті берушінің дәлелді бас тартуы"
                             : "мотивированный отказ услугодателя"));
  EXPECT_TRUE(
      Has(r.text, d.applicant_full_name + (kk ? " (өтініш берушінің өзі)" : " (лично заявитель)")))
      << r.text;
  EXPECT_FALSE(Has(r.text, kk ? "Сенімхат" : "Доверенность")) << r.text;
  EXPECT_FALSE(Has(r.text, kk ? "Сақтау орны" : "Место хранения")) << r.text;
}

INSTANTIATE_TEST_SUITE_P(
    IssueReceipt, IssueReceiptPdf,
    ::testing::Combine(::testing::Values(PaperLayout::kThermal80mm, PaperLayout::kA4),
                       ::testing::Values("kk", "ru")),
    [](const auto& info) {
      return std::string(std::get<0>(info.param) == PaperLayout::kA4 ? "A4" : "Thermal") + "_" +
             std::get<1>(info.param);
    });

TEST(IssueReceiptPdfLanguage, OneLanguagePerReceipt) {
  IssueReceiptData ru = Sample("ru");
  ru.applicant_full_name = "Иванов Иван Иванович";
  ru.recipient_full_name = "Петрова Анна Сергеевна";
  ru.employee_full_name = "Сидорова Мария Павловна";
  for (PaperLayout layout : {PaperLayout::kThermal80mm, PaperLayout::kA4}) {
    Readback r = ReadBack(Render(ru, layout), /*scan=*/false);
    for (const char* letter : kKazakhLetters) EXPECT_FALSE(Has(r.text, letter)) << letter;
    Readback k = ReadBack(Render(Sample("kk"), layout), /*scan=*/false);
    for (const char* word : {"Расписка", "Заявитель", "Получатель", "Доверенность", "Дата",
                             "Подпись", "Выдано", "результат"}) {
      EXPECT_FALSE(Has(k.text, word)) << word << "\n" << k.text;
    }
  }
}

TEST(IssueReceiptPdfInput, RefusesBadInputWithAClearCode) {
  struct Case {
    const char* name;
    void (*change)(IssueReceiptData*);
    Status::Kind kind;
    const char* code;
  };
  const Case cases[] = {
      {"lang", [](IssueReceiptData* d) { d->lang = "en"; }, Status::Kind::kMalformed,
       "unsupported_language"},
      {"barcode", [](IssueReceiptData* d) { d->barcode = "2026112400123457"; },
       Status::Kind::kMalformed, "barcode_invalid"},
      {"check digit",
       [](IssueReceiptData* d) { d->barcode.back() = d->barcode.back() == '0' ? '1' : '0'; },
       Status::Kind::kRefused, "barcode_misread"},
      {"register's barcode",
       [](IssueReceiptData* d) { d->barcode = MakeBarcode(BarcodeKind::kRegister, 5); },
       Status::Kind::kMalformed, "barcode_wrong_kind"},
      {"outcome", [](IssueReceiptData* d) { d->outcome = "partial"; }, Status::Kind::kMalformed,
       "unknown_outcome"},
      {"no outcome", [](IssueReceiptData* d) { d->outcome.clear(); }, Status::Kind::kMalformed,
       "unknown_outcome"},
      {"no employee", [](IssueReceiptData* d) { d->employee_full_name.clear(); },
       Status::Kind::kMalformed, "issue_receipt_field_missing"},
      {"no recipient", [](IssueReceiptData* d) { d->recipient_full_name.clear(); },
       Status::Kind::kMalformed, "issue_receipt_field_missing"},
      {"R24 no identity document", [](IssueReceiptData* d) { d->recipient_document.clear(); },
       Status::Kind::kMalformed, "issue_receipt_field_missing"},
      {"no service", [](IssueReceiptData* d) { d->service_name.clear(); }, Status::Kind::kMalformed,
       "issue_receipt_field_missing"},
      {"date only", [](IssueReceiptData* d) { d->issued_at = "09.12.2026"; },
       Status::Kind::kMalformed, "invalid_date"},
      {"day 32", [](IssueReceiptData* d) { d->issued_at = "32.12.2026 15:20"; },
       Status::Kind::kMalformed, "invalid_date"},
      {"R24 representative without power of attorney",
       [](IssueReceiptData* d) { d->power_of_attorney.clear(); }, Status::Kind::kRefused,
       "power_of_attorney_missing"},
      {"power of attorney in person",
       [](IssueReceiptData* d) { d->recipient_full_name = d->applicant_full_name; },
       Status::Kind::kMalformed, "power_of_attorney_without_representative"},
      {"long field",
       [](IssueReceiptData* d) { d->shelf = std::string(kMaxIssueReceiptFieldBytes + 1, 'x'); },
       Status::Kind::kTooLarge, "field_too_long"},
      {"not UTF-8", [](IssueReceiptData* d) { d->recipient_document = "\xff"; },
       Status::Kind::kMalformed, "invalid_utf8"},
  };
  for (PaperLayout layout : {PaperLayout::kThermal80mm, PaperLayout::kA4}) {
    std::string pdf;
    ASSERT_TRUE(RenderIssueReceiptPdf(Sample("kk"), layout, &pdf).ok());
    for (const Case& c : cases) {
      IssueReceiptData d = Sample("kk");
      c.change(&d);
      std::string out;
      Status s = RenderIssueReceiptPdf(d, layout, &out);
      EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
      EXPECT_EQ(s.kind(), c.kind) << c.name;
      EXPECT_TRUE(out.empty()) << c.name;
    }
  }
}

TEST(IssueReceiptPdfInput, SameInputSameBytes) {
  for (PaperLayout layout : {PaperLayout::kThermal80mm, PaperLayout::kA4}) {
    std::string a, b;
    ASSERT_TRUE(RenderIssueReceiptPdf(Sample("ru"), layout, &a).ok());
    ASSERT_TRUE(RenderIssueReceiptPdf(Sample("ru"), layout, &b).ok());
    EXPECT_EQ(a, b);
  }
}

}  // namespace
}  // namespace tereze::docs
