// Receipts (R18.5), refusal receipts (R18.6) and their barcodes are checked
// the way the desk and the applicant meet them: rendered, then scanned and
// read back from the outside (support/pdf_readback.h).
#include "docs/receipt_pdf.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "docs/barcode.h"
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
using testing::HasPageNumber;
using testing::kKazakhLetters;
using testing::PageCount;
using testing::PageSize;
using testing::ReadBack;
using testing::Readback;
using testing::Squeeze;

constexpr char kBarcode[] = "2026112400123457";
constexpr char kUrl[] = "https://tereze.kz/t/2026112400123457";

// Between them the applicant's and the representative's names use all nine
// letters Kazakh has and Russian lacks (ә ғ қ ң ө ұ ү һ і); a Kazakh name is
// as common on a Russian receipt as on a Kazakh one.
ReceiptData Sample(const std::string& lang, bool refusal) {
  const bool kk = lang == "kk";
  ReceiptData d;
  d.lang = lang;
  d.refusal = refusal;
  d.barcode = kBarcode;
  d.center_name = kk ? "Астана қаласы Есіл ауданы бойынша №3 халыққа қызмет көрсету орталығы"
                     : "Центр обслуживания населения №3 района Есиль города Астаны";
  d.center_address = kk ? "Астана қ., Мәңгілік Ел даңғылы, 8" : "г. Астана, пр. Мангилик Ел, 8";
  d.service_code = "00512003";
  d.service_name = kk ? "Тұрғын үйді қайта жоспарлауға және жиһаз орнатуға келісім беру"
                      : "Согласование перепланировки жилого помещения";
  d.applicant_full_name = "Мәуленов Сағынтай Жеңісұлы";
  d.representative_full_name = "Төлегенова Жаһан Түгелбайқызы";
  d.power_of_attorney = kk ? "№ 123, 01.11.2026, нотариус Иванова, 01.11.2027 дейін"
                           : "№ 123 от 01.11.2026, нотариус Иванова, до 01.11.2027";
  d.employee_full_name = "Сейітқалиева Айгүл Ерланқызы";
  d.submitted_at = "24.11.2026 10:00";
  if (!refusal) d.issue_date = "09.12.2026";
  d.documents = {
      {kk ? "Өтініш" : "Заявление", "original", 1},
      {kk ? "Жеке басын куәландыратын құжат" : "Документ, удостоверяющий личность", "copy", 2},
      {kk ? "Пәтердің техникалық паспорты" : "Технический паспорт квартиры", "electronic", 0},
  };
  if (refusal) {
    d.missing_documents = {
        kk ? "Жылжымайтын мүлікке құқықты белгілейтін құжат"
           : "Правоустанавливающий документ на недвижимость",
        kk ? "Шаһар сәулет бөлімінің қорытындысы" : "Заключение городского отдела архитектуры"};
  }
  d.payments = {{kk ? "Мемлекеттік баж" : "Государственная пошлина", "№ 4567, 24.11.2026", 432500},
                {kk ? "Бланк құны" : "Стоимость бланка", "", 173000}};
  if (!refusal) {
    d.price_tiyn = 250000;
    d.tracking_url = kUrl;
  }
  return d;
}

std::string Render(const ReceiptData& d, PaperLayout layout) {
  std::string pdf;
  Status s = RenderReceiptPdf(d, layout, &pdf);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  return pdf;
}

void ExpectPaper(const Readback& r, PaperLayout layout) {
  double w = 0, h = 0;
  ASSERT_TRUE(PageSize(r.info, &w, &h)) << r.info;
  if (layout == PaperLayout::kThermal80mm) {
    EXPECT_NEAR(w, 80 * 72 / 25.4, 0.01) << r.info;  // 226.77 pt
    EXPECT_EQ(PageCount(r.info), 1) << "a roll is one long page";
    EXPECT_GT(h, 100 * 72 / 25.4) << "the page is as long as the receipt's text";
  } else {
    EXPECT_NEAR(w, kA4WidthPt, 0.01);
    EXPECT_NEAR(h, kA4HeightPt, 0.01);
  }
}

const char* Name(PaperLayout layout) { return layout == PaperLayout::kA4 ? "A4" : "thermal 80 mm"; }

// ---- Barcodes alone. ----

TEST(Barcode, Code128OfDigitsHasTheExpectedModules) {
  BarcodeSymbol s;
  ASSERT_TRUE(EncodeCode128("1234", &s).ok());
  // Code set C packs two digits per character: start, 12, 34, check (11
  // modules each), stop (13), and 10 modules of quiet zone on each side.
  EXPECT_TRUE(s.linear);
  EXPECT_EQ(s.width_modules, 4 * 11 + 13 + 2 * kCode128QuietModules);
  // Three bars to a character, four in the stop; none in the quiet zones.
  EXPECT_EQ(s.dark.size(), 4u * 3 + 4);
  double dark = 0;
  for (const RectPt& r : s.dark) {
    EXPECT_GE(r.x, kCode128QuietModules);
    EXPECT_LE(r.x + r.width, s.width_modules - kCode128QuietModules);
    EXPECT_GE(r.width, 1);
    EXPECT_LE(r.width, 4);  // the widest Code 128 bar
    dark += r.width;
  }
  // Each character's bars cover an even number of its 11 modules (Code 128's
  // parity), and the stop's 8 of 13: an odd total is a misdrawn symbol.
  EXPECT_EQ(static_cast<int>(dark) % 2, 0) << dark;
}

TEST(Barcode, QrCodeIsSquareWithQuietZone) {
  BarcodeSymbol s;
  ASSERT_TRUE(EncodeQrCode("HELLO", &s).ok());
  EXPECT_FALSE(s.linear);
  EXPECT_EQ(s.width_modules, 21 + 2 * kQrQuietModules);  // version 1
  EXPECT_EQ(s.height_modules, s.width_modules);
  // The top-left finder pattern: its first row is 7 dark modules.
  bool finder = false;
  for (const RectPt& r : s.dark) {
    if (r.x == kQrQuietModules && r.y == kQrQuietModules && r.width == 7) finder = true;
  }
  EXPECT_TRUE(finder);
}

TEST(Barcode, RefusesWhatItCannotEncode) {
  BarcodeSymbol s;
  EXPECT_EQ(EncodeCode128("", &s).code(), "barcode_invalid");
  EXPECT_EQ(EncodeCode128("12\n34", &s).code(), "barcode_invalid");
  EXPECT_EQ(EncodeCode128("Қ", &s).code(), "barcode_invalid");
  EXPECT_EQ(EncodeCode128(std::string(kMaxCode128Chars + 1, '7'), &s).code(), "barcode_too_long");
  EXPECT_TRUE(EncodeCode128(std::string(kMaxCode128Chars, '7'), &s).ok());
  EXPECT_EQ(EncodeQrCode("", &s).code(), "qr_invalid");
  EXPECT_EQ(EncodeQrCode("https://tereze.kz/т", &s).code(), "qr_invalid");
  EXPECT_EQ(EncodeQrCode(std::string(kMaxQrBytes + 1, 'a'), &s).code(), "qr_too_long");
}

TEST(Barcode, DrawnSymbolsScanBack) {
  std::unique_ptr<PdfWriter> w;
  ASSERT_TRUE(PdfWriter::Open(kA4WidthPt, kA4HeightPt, "barcodes", "2026-11-24", &w).ok());
  BarcodeSymbol code, qr;
  ASSERT_TRUE(EncodeCode128("ABC-12345", &code).ok());
  ASSERT_TRUE(EncodeQrCode("https://example.kz/?a=1&b=2", &qr).ok());
  DrawBarcode(w.get(), code, 50, 50, 1.0, 40);
  DrawBarcode(w.get(), qr, 50, 200, 2.0, 0);
  w->EndPage();
  std::string pdf;
  ASSERT_TRUE(w->Finish(&pdf).ok());
  Readback r = ReadBack(pdf);
  EXPECT_EQ(r.code128, std::vector<std::string>{"ABC-12345"});
  EXPECT_EQ(r.qr, std::vector<std::string>{"https://example.kz/?a=1&b=2"});
}

// ---- Receipts: every layout, every language. ----

class ReceiptPdf : public ::testing::TestWithParam<std::tuple<PaperLayout, std::string>> {};

TEST_P(ReceiptPdf, ScansAndReadsBack) {
  auto [layout, lang] = GetParam();
  const bool kk = lang == "kk";
  ReceiptData d = Sample(lang, false);
  Readback r = ReadBack(Render(d, layout));
  SCOPED_TRACE(std::string(Name(layout)) + " " + lang);

  ExpectPaper(r, layout);
  EXPECT_EQ(r.code128, std::vector<std::string>{kBarcode});
  EXPECT_EQ(r.qr, std::vector<std::string>{kUrl});

  EXPECT_TRUE(
      Has(r.text, kk ? "Құжаттарды қабылдау туралы қолхат" : "Расписка о приёме документов"))
      << r.text;
  for (const char* letter : kKazakhLetters) EXPECT_TRUE(Has(r.text, letter)) << letter;
  EXPECT_TRUE(Has(r.text, d.applicant_full_name)) << r.text;
  EXPECT_TRUE(Has(r.text, d.service_name)) << r.text;
  EXPECT_TRUE(Has(r.text, kBarcode)) << "the number is printed in digits too";
  EXPECT_TRUE(Has(r.text, d.representative_full_name));
  EXPECT_TRUE(Has(r.text, d.power_of_attorney));
  // R18.5: the employee, the date and time of submission, the issue date, the documents.
  EXPECT_TRUE(Has(r.text, d.employee_full_name)) << r.text;
  EXPECT_TRUE(Has(r.text, "24.11.2026 10:00"));
  EXPECT_TRUE(Has(r.text, "09.12.2026")) << r.text;
  EXPECT_TRUE(Has(r.text, kk ? "Нәтиже берілетін күні" : "Дата выдачи результата")) << r.text;
  for (const ReceiptDocument& doc : d.documents) EXPECT_TRUE(Has(r.text, doc.name)) << doc.name;
  EXPECT_TRUE(Has(r.text, kk ? "түпнұсқа, 1 парақ" : "оригинал, 1 лист")) << r.text;
  EXPECT_TRUE(Has(r.text, kk ? "көшірме, 2 парақ" : "копия, 2 листа")) << r.text;
  // R18.3 payments and their total; R29 the price of a paid service.
  EXPECT_TRUE(Has(r.text, "4 325,00 ₸")) << r.text;
  EXPECT_TRUE(Has(r.text, "6 055,00 ₸")) << r.text;
  EXPECT_TRUE(Has(r.text, "2 500,00 ₸")) << r.text;
  EXPECT_TRUE(Has(r.text, kUrl));
  // A receipt is not a refusal.
  EXPECT_FALSE(Has(r.text, kk ? "бас тарт" : "отказ")) << r.text;
}

TEST_P(ReceiptPdf, RefusalNamesEachMissingDocument) {
  auto [layout, lang] = GetParam();
  const bool kk = lang == "kk";
  ReceiptData d = Sample(lang, true);
  Readback r = ReadBack(Render(d, layout));
  SCOPED_TRACE(std::string(Name(layout)) + " " + lang);

  ExpectPaper(r, layout);
  EXPECT_EQ(r.code128, std::vector<std::string>{kBarcode});
  EXPECT_TRUE(r.qr.empty()) << "no tracking link was given";
  EXPECT_TRUE(Has(r.text, kk ? "Құжаттарды қабылдаудан бас тарту туралы қолхат"
                             : "Расписка об отказе в приёме документов"))
      << r.text;
  // R18.6: refused for incompleteness, and what is missing, each by name.
  EXPECT_TRUE(Has(r.text, kk ? "толық ұсынылмағандықтан" : "неполный пакет документов")) << r.text;
  EXPECT_TRUE(Has(r.text, kk ? "Жетіспейтін құжаттар" : "Недостающие документы"));
  for (const std::string& name : d.missing_documents) EXPECT_TRUE(Has(r.text, name)) << name;
  // The missing documents come first, before those presented.
  size_t presented = r.text.find(kk ? "Ұсынылған құжаттар" : "Представленные документы");
  ASSERT_NE(presented, std::string::npos) << r.text;
  EXPECT_LT(r.text.find(Squeeze(d.missing_documents.back())), presented);
  for (const ReceiptDocument& doc : d.documents) EXPECT_TRUE(Has(r.text, doc.name)) << doc.name;
  EXPECT_TRUE(Has(r.text, d.employee_full_name));
  for (const char* letter : kKazakhLetters) EXPECT_TRUE(Has(r.text, letter)) << letter;
  // Nothing was accepted, so there is no issue date.
  EXPECT_FALSE(Has(r.text, kk ? "Нәтиже берілетін күні" : "Дата выдачи")) << r.text;
}

INSTANTIATE_TEST_SUITE_P(
    Receipt, ReceiptPdf,
    ::testing::Combine(::testing::Values(PaperLayout::kThermal80mm, PaperLayout::kA4),
                       ::testing::Values("kk", "ru")),
    [](const auto& info) {
      return std::string(std::get<0>(info.param) == PaperLayout::kA4 ? "A4" : "Thermal") + "_" +
             std::get<1>(info.param);
    });

// ---- R19: one language per receipt. ----

TEST(ReceiptPdfLanguage, RussianReceiptHasNoKazakhLabel) {
  ReceiptData d = Sample("ru", false);
  // Russian data throughout: any Kazakh letter left would be a label's.
  d.service_name = "Согласование перепланировки";
  d.applicant_full_name = "Иванов Иван Иванович";
  d.representative_full_name = "Петрова Анна Сергеевна";
  d.employee_full_name = "Сидорова Мария Павловна";
  for (PaperLayout layout : {PaperLayout::kThermal80mm, PaperLayout::kA4}) {
    for (bool refusal : {false, true}) {
      ReceiptData x = d;
      if (refusal) {
        x.refusal = true;
        x.issue_date.clear();
        x.missing_documents = {"Заключение отдела архитектуры"};
      }
      Readback r = ReadBack(Render(x, layout), /*scan=*/false);
      for (const char* letter : kKazakhLetters) {
        EXPECT_FALSE(Has(r.text, letter)) << letter << " in " << Name(layout) << "\n" << r.text;
      }
      EXPECT_FALSE(Has(r.text, "қолхат"));
    }
  }
}

TEST(ReceiptPdfLanguage, KazakhReceiptHasNoRussianLabel) {
  for (PaperLayout layout : {PaperLayout::kThermal80mm, PaperLayout::kA4}) {
    for (bool refusal : {false, true}) {
      Readback r = ReadBack(Render(Sample("kk", refusal), layout), /*scan=*/false);
      for (const char* ru : {"Расписка", "Заявитель", "Представитель", "Дата", "документ",
                             "Работник", "Подпись", "Итого", "Платёж", "лист", "оригинал"}) {
        EXPECT_FALSE(Has(r.text, ru)) << ru << " in " << Name(layout) << "\n" << r.text;
      }
    }
  }
}

// ---- Sizes. ----

TEST(ReceiptPdfSize, LongestBarcodeAndLinkStillScanOnTheRoll) {
  ReceiptData d = Sample("ru", false);
  d.barcode = std::string(kMaxReceiptBarcodeDigits, '9');
  d.barcode[0] = '1';
  d.tracking_url =
      "https://tereze.kz/track?barcode=" + d.barcode + "&lang=ru&" + std::string(200, 'x');
  Readback r = ReadBack(Render(d, PaperLayout::kThermal80mm));
  EXPECT_EQ(r.code128, std::vector<std::string>{d.barcode});
  EXPECT_EQ(r.qr, std::vector<std::string>{d.tracking_url});
}

TEST(ReceiptPdfSize, ManyDocumentsContinueOnA4PagesAndLengthenTheRoll) {
  ReceiptData d = Sample("kk", false);
  d.documents.clear();
  for (int i = 1; i <= 60; ++i) {
    d.documents.push_back({"Құжат №" + std::to_string(i) + " көшірмесі", "copy", i});
  }
  Readback a4 = ReadBack(Render(d, PaperLayout::kA4));
  int pages = PageCount(a4.info);
  EXPECT_GE(pages, 2) << a4.info;
  EXPECT_LE(pages, kMaxReceiptA4Pages);
  for (int i = 1; i <= 60; ++i) {
    EXPECT_TRUE(Has(a4.text, "Құжат №" + std::to_string(i) + " көшірмесі")) << i;
  }
  EXPECT_TRUE(Has(a4.text, "Қабылданған құжаттар (жалғасы)")) << a4.text;
  EXPECT_TRUE(HasPageNumber(a4.text, 1, pages));
  // Both symbols still scan, wherever they fell.
  EXPECT_EQ(a4.code128, std::vector<std::string>{kBarcode});
  EXPECT_EQ(a4.qr, std::vector<std::string>{kUrl});

  Readback roll = ReadBack(Render(d, PaperLayout::kThermal80mm));
  Readback short_roll =
      ReadBack(Render(Sample("kk", false), PaperLayout::kThermal80mm), /*scan=*/false);
  double w = 0, h = 0, short_w = 0, short_h = 0;
  ASSERT_TRUE(PageSize(roll.info, &w, &h));
  ASSERT_TRUE(PageSize(short_roll.info, &short_w, &short_h));
  EXPECT_EQ(PageCount(roll.info), 1);
  EXPECT_GT(h, short_h + 57 * 10) << "57 more documents, at least a 10 pt line each";
  EXPECT_TRUE(Has(roll.text, "Құжат №60 көшірмесі"));
  EXPECT_EQ(roll.qr, std::vector<std::string>{kUrl});
}

TEST(ReceiptPdfSize, RefusesARollLongerThanAPage) {
  ReceiptData d = Sample("ru", true);
  std::string name;
  for (int i = 0; i < 50; ++i) name += "документ ";  // 900 bytes: some 12 lines on the roll
  d.documents.assign(kMaxReceiptDocuments, {name, "copy", 1});
  d.missing_documents.assign(kMaxReceiptDocuments, name);
  std::string pdf;
  Status s = RenderReceiptPdf(d, PaperLayout::kThermal80mm, &pdf);
  EXPECT_EQ(s.kind(), Status::Kind::kTooLarge);
  EXPECT_EQ(s.code(), "receipt_too_long");
  EXPECT_TRUE(pdf.empty());
  s = RenderReceiptPdf(d, PaperLayout::kA4, &pdf);
  EXPECT_EQ(s.code(), "receipt_too_long") << s.ToString();
}

// ---- Input. ----

Status RenderCode(const ReceiptData& d) {
  std::string pdf;
  return RenderReceiptPdf(d, PaperLayout::kA4, &pdf);
}

TEST(ReceiptPdfInput, RefusesBadInputWithAClearCode) {
  struct Case {
    const char* name;
    void (*change)(ReceiptData*);
    Status::Kind kind;
    const char* code;
  };
  const Case cases[] = {
      {"lang", [](ReceiptData* d) { d->lang = "en"; }, Status::Kind::kMalformed,
       "unsupported_language"},
      {"empty barcode", [](ReceiptData* d) { d->barcode.clear(); }, Status::Kind::kMalformed,
       "barcode_invalid"},
      {"letters in barcode", [](ReceiptData* d) { d->barcode = "12A4"; }, Status::Kind::kMalformed,
       "barcode_invalid"},
      {"long barcode",
       [](ReceiptData* d) { d->barcode = std::string(kMaxReceiptBarcodeDigits + 1, '1'); },
       Status::Kind::kTooLarge, "barcode_too_long"},
      {"no employee", [](ReceiptData* d) { d->employee_full_name.clear(); },
       Status::Kind::kMalformed, "receipt_field_missing"},
      {"no applicant", [](ReceiptData* d) { d->applicant_full_name.clear(); },
       Status::Kind::kMalformed, "receipt_field_missing"},
      {"no issue date", [](ReceiptData* d) { d->issue_date.clear(); }, Status::Kind::kMalformed,
       "receipt_field_missing"},
      {"no tracking link", [](ReceiptData* d) { d->tracking_url.clear(); },
       Status::Kind::kMalformed, "receipt_field_missing"},
      {"ISO date", [](ReceiptData* d) { d->issue_date = "2026-12-09"; }, Status::Kind::kMalformed,
       "invalid_date"},
      {"month 13", [](ReceiptData* d) { d->issue_date = "09.13.2026"; }, Status::Kind::kMalformed,
       "invalid_date"},
      {"no time", [](ReceiptData* d) { d->submitted_at = "24.11.2026"; }, Status::Kind::kMalformed,
       "invalid_date"},
      {"kind", [](ReceiptData* d) { d->documents[0].kind = "notarised"; }, Status::Kind::kMalformed,
       "unknown_document_kind"},
      {"pages", [](ReceiptData* d) { d->documents[0].pages = -1; }, Status::Kind::kMalformed,
       "invalid_page_count"},
      {"negative payment", [](ReceiptData* d) { d->payments[0].amount_tiyn = -1; },
       Status::Kind::kMalformed, "negative_amount"},
      {"negative price", [](ReceiptData* d) { d->price_tiyn = -1; }, Status::Kind::kMalformed,
       "negative_amount"},
      {"overflow",
       [](ReceiptData* d) {
         d->payments[0].amount_tiyn = INT64_MAX;
         d->payments[1].amount_tiyn = 1;
       },
       Status::Kind::kMalformed, "amount_overflow"},
      {"power of attorney alone", [](ReceiptData* d) { d->representative_full_name.clear(); },
       Status::Kind::kMalformed, "power_of_attorney_without_representative"},
      {"R17 representative alone", [](ReceiptData* d) { d->power_of_attorney.clear(); },
       Status::Kind::kRefused, "power_of_attorney_missing"},
      {"R18.6 nothing missing",
       [](ReceiptData* d) {
         *d = Sample("kk", true);
         d->missing_documents.clear();
       },
       Status::Kind::kRefused, "missing_documents_required"},
      {"refusal with issue date",
       [](ReceiptData* d) {
         *d = Sample("kk", true);
         d->issue_date = "09.12.2026";
       },
       Status::Kind::kRefused, "refusal_with_issue_date"},
      {"Cyrillic link", [](ReceiptData* d) { d->tracking_url = "https://терезе.kz/"; },
       Status::Kind::kMalformed, "qr_invalid"},
      {"long link", [](ReceiptData* d) { d->tracking_url = std::string(kMaxQrBytes + 1, 'a'); },
       Status::Kind::kTooLarge, "qr_too_long"},
      {"long field",
       [](ReceiptData* d) { d->service_name = std::string(kMaxReceiptFieldBytes + 1, 'x'); },
       Status::Kind::kTooLarge, "field_too_long"},
      {"many documents",
       [](ReceiptData* d) { d->documents.resize(kMaxReceiptDocuments + 1, d->documents[0]); },
       Status::Kind::kTooLarge, "too_many_documents"},
      {"many payments",
       [](ReceiptData* d) { d->payments.resize(kMaxReceiptPayments + 1, d->payments[0]); },
       Status::Kind::kTooLarge, "too_many_payments"},
      {"not UTF-8", [](ReceiptData* d) { d->applicant_full_name = "\xff\xfe"; },
       Status::Kind::kMalformed, "invalid_utf8"},
  };
  ASSERT_TRUE(RenderCode(Sample("kk", false)).ok());
  for (const Case& c : cases) {
    ReceiptData d = Sample("kk", false);
    c.change(&d);
    Status s = RenderCode(d);
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
    EXPECT_EQ(s.kind(), c.kind) << c.name;
  }
  // A refusal may be handed to a representative who brought no power of attorney.
  ReceiptData refusal = Sample("kk", true);
  refusal.power_of_attorney.clear();
  EXPECT_TRUE(RenderCode(refusal).ok());
}

TEST(ReceiptPdfInput, SameInputSameBytes) {
  for (PaperLayout layout : {PaperLayout::kThermal80mm, PaperLayout::kA4}) {
    std::string a, b;
    ASSERT_TRUE(RenderReceiptPdf(Sample("kk", false), layout, &a).ok());
    ASSERT_TRUE(RenderReceiptPdf(Sample("kk", false), layout, &b).ok());
    EXPECT_EQ(a, b);
    EXPECT_NE(a.find("DejaVuSans"), std::string::npos);
    EXPECT_EQ(a.find("DejaVuSerif"), std::string::npos);  // no fallback font was needed
  }
}

}  // namespace
}  // namespace tereze::docs
