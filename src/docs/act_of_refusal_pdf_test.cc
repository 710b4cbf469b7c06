// The act of refusal (R35) is checked the way the provider's courier meets
// it: rendered, every barcode scanned back and the text read from the
// outside (support/pdf_readback.h).
#include "docs/act_of_refusal_pdf.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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
using testing::CountOf;
using testing::Has;
using testing::HasPageNumber;
using testing::kKazakhLetters;
using testing::PageCount;
using testing::PageSize;
using testing::ReadBack;
using testing::Readback;
using testing::Scanned;

// Between them the names use all nine letters Kazakh has and Russian lacks.
ActOfRefusalData Sample(const std::string& lang) {
  const bool kk = lang == "kk";
  ActOfRefusalData d;
  d.lang = lang;
  d.number = "AST-01/АКТ/000003";
  d.register_number = "AKM-07/2026/000451";
  d.register_barcode = MakeBarcode(BarcodeKind::kRegister, 451);
  d.center_name = kk ? "Астана қаласы Есіл ауданы бойынша №3 халыққа қызмет көрсету орталығы"
                     : "Центр обслуживания населения №3 района Есиль города Астаны";
  d.provider_name = kk ? "Шаһар әкімдігінің тұрғын үй бөлімі" : "Отдел жилищных отношений акимата";
  d.drawn_at = "25.11.2026 17:40";
  d.employee_full_name = "Төлегенова Жаһан Түгелбайқызы";
  d.missing = {{MakeBarcode(BarcodeKind::kApplication, 5001),
                kk ? "Тұрғын үйді қайта жоспарлауға келісім беру" : "Согласование перепланировки"},
               {MakeBarcode(BarcodeKind::kApplication, 5002), ""}};
  d.extra = {{MakeBarcode(BarcodeKind::kApplication, 7001),
              kk ? "Мүгедектігі бойынша жәрдемақы тағайындау (Мәуленов Сағынтай Жеңісұлы)"
                 : "Назначение пособия (Мәуленов Сағынтай Жеңісұлы)"}};
  return d;
}

std::string Render(const ActOfRefusalData& d) {
  std::string pdf;
  Status s = RenderActOfRefusalPdf(d, &pdf);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  return pdf;
}

class ActOfRefusalPdf : public ::testing::TestWithParam<std::string> {};

TEST_P(ActOfRefusalPdf, ScansAndReadsBack) {
  const std::string lang = GetParam();
  const bool kk = lang == "kk";
  ActOfRefusalData d = Sample(lang);
  Readback r = ReadBack(Render(d));

  EXPECT_EQ(PageCount(r.info), 1) << r.info;
  double w = 0, h = 0;
  ASSERT_TRUE(PageSize(r.info, &w, &h));
  EXPECT_NEAR(w, kA4WidthPt, 0.01);
  EXPECT_NEAR(h, kA4HeightPt, 0.01);
  // The register's barcode and every package's, each once, and nothing else.
  EXPECT_EQ(Scanned(r.code128, d.register_barcode), 1) << ::testing::PrintToString(r.code128);
  for (const auto* list : {&d.missing, &d.extra}) {
    for (const ActLine& l : *list) EXPECT_EQ(Scanned(r.code128, l.barcode), 1) << l.barcode;
  }
  EXPECT_EQ(r.code128.size(), 1 + d.missing.size() + d.extra.size());

  EXPECT_TRUE(Has(r.text, kk ? "Тізілім бойынша құжаттарды қабылдаудан бас тарту туралы акт"
                             : "Акт об отказе в приёме документов по реестру"))
      << r.text;
  EXPECT_TRUE(Has(r.text, "№ " + d.number));
  EXPECT_TRUE(Has(r.text, "№ " + d.register_number));
  EXPECT_TRUE(Has(r.text, d.register_barcode)) << "the register's digits under its barcode";
  // R35: not accepted, back to the provider.
  EXPECT_TRUE(Has(r.text, kk ? "Құжаттар қабылданбайды және көрсетілетін қызметті берушіге "
                               "қайтарылады."
                             : "Документы не принимаются и возвращаются услугодателю."))
      << r.text;
  for (const std::string& text :
       {d.center_name, d.provider_name, d.drawn_at, d.employee_full_name}) {
    EXPECT_TRUE(Has(r.text, text)) << text;
  }
  // Missing first, then extra, each package by its barcode's digits and its service.
  const size_t missing_at = r.text.find(kk ? "Тізілімде көрсетілген, бірақ жеткізілмеген құжаттар"
                                           : "Указаны в реестре, но не доставлены");
  const size_t extra_at = r.text.find(kk ? "Жеткізілген, бірақ тізілімде көрсетілмеген құжаттар"
                                         : "Доставлены, но не указаны в реестре");
  ASSERT_NE(missing_at, std::string::npos) << r.text;
  ASSERT_NE(extra_at, std::string::npos) << r.text;
  EXPECT_LT(missing_at, extra_at);
  for (const ActLine& l : d.missing) {
    size_t at = r.text.find(l.barcode);
    EXPECT_TRUE(at > missing_at && at < extra_at) << l.barcode << "\n" << r.text;
  }
  EXPECT_GT(r.text.find(d.extra[0].barcode), extra_at);
  EXPECT_TRUE(Has(r.text, d.missing[0].service_name));
  EXPECT_TRUE(Has(r.text, d.extra[0].service_name));
  EXPECT_TRUE(Has(r.text, kk ? "Жеткізілмегені барлығы: 2" : "Всего не доставлено: 2")) << r.text;
  EXPECT_TRUE(Has(r.text, kk ? "Тізілімде жоғы барлығы: 1" : "Всего не указано в реестре: 1"));
  // Both sides sign.
  EXPECT_TRUE(Has(r.text, kk ? "Орталық қызметкері:" : "Работник центра:"));
  EXPECT_TRUE(Has(r.text, kk ? "Курьер (көрсетілетін қызметті берушінің өкілі):"
                             : "Курьер (представитель услугодателя):"))
      << r.text;
  EXPECT_EQ(CountOf(r.text, kk ? "Қолы:" : "Подпись:"), 2) << r.text;
  for (const char* letter : kKazakhLetters) EXPECT_TRUE(Has(r.text, letter)) << letter;
}

INSTANTIATE_TEST_SUITE_P(Act, ActOfRefusalPdf, ::testing::Values("kk", "ru"));

TEST(ActOfRefusalPdfContent, OnlyMissingSaysNoneExtra) {
  ActOfRefusalData d = Sample("ru");
  d.extra.clear();
  Readback r = ReadBack(Render(d));
  EXPECT_EQ(r.code128.size(), 1 + d.missing.size());
  EXPECT_TRUE(Has(r.text, "Доставлены, но не указаны в реестре Нет")) << r.text;
  EXPECT_FALSE(Has(r.text, "Всего не указано"));
}

TEST(ActOfRefusalPdfContent, ManyPackagesContinueOnPages) {
  ActOfRefusalData d = Sample("kk");
  d.missing.clear();
  for (int i = 1; i <= 40; ++i) {
    d.missing.push_back(
        {MakeBarcode(BarcodeKind::kApplication, 9000 + i), "Қызмет №" + std::to_string(i)});
  }
  Readback r = ReadBack(Render(d));
  const int pages = PageCount(r.info);
  EXPECT_GE(pages, 3) << r.info;
  for (const ActLine& l : d.missing) EXPECT_EQ(Scanned(r.code128, l.barcode), 1) << l.barcode;
  EXPECT_EQ(Scanned(r.code128, d.register_barcode), 1);
  EXPECT_TRUE(Has(r.text, "Тізілімде көрсетілген, бірақ жеткізілмеген құжаттар (жалғасы)"));
  ASSERT_EQ(static_cast<int>(r.pages.size()), pages);
  for (int i = 0; i < pages; ++i) {
    EXPECT_TRUE(Has(r.pages[i], "№ " + d.number)) << "page " << i + 1;
    EXPECT_TRUE(HasPageNumber(r.pages[i], i + 1, pages)) << r.pages[i];
  }
}

TEST(ActOfRefusalPdfLanguage, OneLanguagePerAct) {
  ActOfRefusalData ru = Sample("ru");
  ru.employee_full_name = "Сидорова Мария Павловна";
  ru.extra[0].service_name = "Назначение пособия";
  Readback r = ReadBack(Render(ru), /*scan=*/false);
  for (const char* letter : kKazakhLetters) EXPECT_FALSE(Has(r.text, letter)) << letter;
  Readback k = ReadBack(Render(Sample("kk")), /*scan=*/false);
  for (const char* word :
       {"Акт об", "реестр", "Услугодатель", "Работник", "Подпись", "Всего", "Центр", "Нет"}) {
    EXPECT_FALSE(Has(k.text, word)) << word << "\n" << k.text;
  }
}

TEST(ActOfRefusalPdfInput, RefusesBadInputWithAClearCode) {
  struct Case {
    const char* name;
    void (*change)(ActOfRefusalData*);
    Status::Kind kind;
    const char* code;
  };
  const Case cases[] = {
      {"lang", [](ActOfRefusalData* d) { d->lang = "kz"; }, Status::Kind::kMalformed,
       "unsupported_language"},
      {"R35 nothing to refuse",
       [](ActOfRefusalData* d) {
         d->missing.clear();
         d->extra.clear();
       },
       Status::Kind::kRefused, "act_without_mismatch"},
      {"register barcode", [](ActOfRefusalData* d) { d->register_barcode = "12345"; },
       Status::Kind::kMalformed, "barcode_invalid"},
      {"register barcode of an application",
       [](ActOfRefusalData* d) { d->register_barcode = MakeBarcode(BarcodeKind::kApplication, 1); },
       Status::Kind::kMalformed, "barcode_wrong_kind"},
      {"line barcode", [](ActOfRefusalData* d) { d->extra[0].barcode = "abc"; },
       Status::Kind::kMalformed, "barcode_invalid"},
      {"check digit",
       [](ActOfRefusalData* d) {
         std::string& b = d->missing[1].barcode;
         b.back() = b.back() == '0' ? '1' : '0';
       },
       Status::Kind::kRefused, "barcode_misread"},
      {"missing and extra",
       [](ActOfRefusalData* d) { d->extra[0].barcode = d->missing[0].barcode; },
       Status::Kind::kRefused, "duplicate_package"},
      {"no employee", [](ActOfRefusalData* d) { d->employee_full_name.clear(); },
       Status::Kind::kMalformed, "act_field_missing"},
      {"no number", [](ActOfRefusalData* d) { d->number.clear(); }, Status::Kind::kMalformed,
       "act_field_missing"},
      {"no register number", [](ActOfRefusalData* d) { d->register_number.clear(); },
       Status::Kind::kMalformed, "act_field_missing"},
      {"no provider", [](ActOfRefusalData* d) { d->provider_name.clear(); },
       Status::Kind::kMalformed, "act_field_missing"},
      {"date without time", [](ActOfRefusalData* d) { d->drawn_at = "25.11.2026"; },
       Status::Kind::kMalformed, "invalid_date"},
      {"hour 24", [](ActOfRefusalData* d) { d->drawn_at = "25.11.2026 24:00"; },
       Status::Kind::kMalformed, "invalid_date"},
      {"too many",
       [](ActOfRefusalData* d) {
         for (size_t i = 0; i < kMaxActLines; ++i) {
           d->extra.push_back({MakeBarcode(BarcodeKind::kApplication, 20000 + i), ""});
         }
       },
       Status::Kind::kTooLarge, "too_many_lines"},
      {"long name",
       [](ActOfRefusalData* d) {
         d->missing[0].service_name = std::string(kMaxActFieldBytes + 1, 'x');
       },
       Status::Kind::kTooLarge, "field_too_long"},
      {"not UTF-8", [](ActOfRefusalData* d) { d->provider_name = "\xc3"; },
       Status::Kind::kMalformed, "invalid_utf8"},
  };
  std::string pdf;
  ASSERT_TRUE(RenderActOfRefusalPdf(Sample("kk"), &pdf).ok());
  for (const Case& c : cases) {
    ActOfRefusalData d = Sample("kk");
    c.change(&d);
    std::string out;
    Status s = RenderActOfRefusalPdf(d, &out);
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
    EXPECT_EQ(s.kind(), c.kind) << c.name;
    EXPECT_TRUE(out.empty()) << c.name;
  }
  // Only extra packages is a mismatch too.
  ActOfRefusalData only_extra = Sample("ru");
  only_extra.missing.clear();
  EXPECT_TRUE(RenderActOfRefusalPdf(only_extra, &pdf).ok());
}

TEST(ActOfRefusalPdfInput, SameInputSameBytes) {
  std::string a, b;
  ASSERT_TRUE(RenderActOfRefusalPdf(Sample("ru"), &a).ok());
  ASSERT_TRUE(RenderActOfRefusalPdf(Sample("ru"), &b).ok());
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace tereze::docs
