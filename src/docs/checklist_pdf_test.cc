// The checklist is checked the way a reader sees it: rendered, then read back
// with poppler's pdftotext and pdfinfo (poppler-utils, installed by
// scripts/install-deps.sh; a missing tool fails the test rather than skip it).
#include "docs/checklist_pdf.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include "docs/pdf_writer.h"
#include "support/pdf_readback.h"

// fontconfig links its caches with self-relative offsets that LeakSanitizer
// cannot follow, so the sanitizer build (make test-asan, detect_leaks=1) reports
// them as leaked; they are fontconfig's, held for the process's life. Weak, so a
// project-wide definition, should one appear, takes over instead of clashing.
// NOLINTNEXTLINE(bugprone-reserved-identifier): the name is LeakSanitizer's hook.
extern "C" __attribute__((weak)) const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}

namespace tereze::docs {
namespace {

using domain::DocumentCondition;
using domain::Provider;
using domain::RequiredDocument;
using domain::Service;
using domain::TermUnit;

constexpr char kNbsp[] = "\u00A0";

RequiredDocument Doc(std::string code, std::string kk, std::string ru,
                     DocumentCondition condition = DocumentCondition::kAlways,
                     bool state_held = false, bool e_copy = false) {
  RequiredDocument d;
  d.code = std::move(code);
  d.name = {std::move(kk), std::move(ru), ""};
  d.condition = condition;
  d.held_by_state_systems = state_held;
  d.electronic_copy_accepted = e_copy;
  return d;
}

// Between them the Kazakh texts use all nine letters Russian lacks:
// ә ғ қ ң ө ұ ү һ і.
Service SampleService() {
  Service s;
  s.code = "00512003";
  s.name = {"Тұрғын үйді қайта жоспарлауға және жиһаз орнатуға келісім беру",
            "Согласование перепланировки жилого помещения и установки мебели", ""};
  s.provider_code = "AKIMAT";
  s.documents = {
      Doc("application", "Өтініш", "Заявление", DocumentCondition::kAlways, false, true),
      Doc("power_of_attorney", "Өкілдің сенімхаты", "Доверенность представителя",
          DocumentCondition::kRepresentativeOnly),
      Doc("identity", "Жеке басын куәландыратын құжат", "Документ, удостоверяющий личность"),
      Doc("title_deed", "Жылжымайтын мүлікке құқықты белгілейтін құжат",
          "Правоустанавливающий документ на недвижимость", DocumentCondition::kAlways, true),
      Doc("tech_passport", "Пәтердің техникалық паспорты", "Технический паспорт квартиры",
          DocumentCondition::kAlways, false, true),
      Doc("architect_opinion", "Шаһар сәулет бөлімінің қорытындысы",
          "Заключение городского отдела архитектуры", DocumentCondition::kFirstTimeOnly),
  };
  s.term = {15, TermUnit::kWorkingDays};
  s.result = {"Қайта жоспарлауға келісім", "Согласие на перепланировку", ""};
  return s;
}

Provider SampleProvider() {
  return {"AKIMAT", {"Шаһар әкімдігінің тұрғын үй бөлімі", "Отдел жилищных отношений акимата", ""}};
}

ChecklistContext SampleContext(const std::string& lang) {
  ChecklistContext ctx;
  ctx.lang = lang;
  ctx.center_name = lang == "kk" ? "Астана қаласының №3 халыққа қызмет көрсету орталығы"
                                 : "Центр обслуживания населения №3 города Астаны";
  ctx.printed_on = *LocalDate::FromYmd(2025, 3, 5);
  ctx.payments = {{lang == "kk" ? "Мемлекеттік баж" : "Государственная пошлина", 432500},
                  {lang == "kk" ? "Бланк құны" : "Стоимость бланка", 173000}};
  ctx.catalog_version = "2025.03.1";
  return ctx;
}

using testing::Run;

// What a reader of the PDF sees: the text by pdftotext -layout and pdfinfo's report.
struct Readback {
  std::string text;
  std::string info;
};

Readback ReadBack(const std::string& pdf, const std::string& name) {
  std::string path =
      ::testing::TempDir() + "/tereze_" + name + "_" + std::to_string(getpid()) + ".pdf";
  {
    std::ofstream f(path, std::ios::binary);
    f << pdf;
  }
  Readback r;
  int status = 0;
  r.text = Run("pdftotext -layout '" + path + "' - 2>&1", &status);
  EXPECT_EQ(status, 0) << "pdftotext failed (is poppler-utils installed?): " << r.text;
  r.info = Run("pdfinfo '" + path + "' 2>&1", &status);
  EXPECT_EQ(status, 0) << "pdfinfo failed (is poppler-utils installed?): " << r.info;
  std::remove(path.c_str());
  return r;
}

// pdfinfo pads its labels: "Page size:      595 x 842 pts (A4)".
std::string InfoField(const std::string& info, const std::string& label) {
  size_t at = info.find(label + ":");
  if (at == std::string::npos) return "";
  at = info.find_first_not_of(' ', at + label.size() + 1);
  return info.substr(at, info.find('\n', at) - at);
}

bool IsA4(const std::string& info) { return InfoField(info, "Page size") == "595 x 842 pts (A4)"; }

int PageCount(const std::string& info) {
  std::string pages = InfoField(info, "Pages");
  return pages.empty() ? -1 : std::stoi(pages);
}

// Whether a line ends in "page / pages". pdftotext -layout drops the spaces of
// a run of only ASCII digits and signs ("1 / 2" reads back as "1/2" while the
// page shows them), so both spellings count.
bool HasPageNumber(const std::string& text, int page, int pages) {
  std::string spaced = " " + std::to_string(page) + " / " + std::to_string(pages);
  std::string tight = " " + std::to_string(page) + "/" + std::to_string(pages);
  for (const std::string& ending : {spaced, tight}) {
    for (size_t at = text.find(ending); at != std::string::npos; at = text.find(ending, at + 1)) {
      size_t end = at + ending.size();
      if (end == text.size() || text[end] == '\n') return true;
    }
  }
  return false;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

bool HasLatinLetter(const std::string& text) {
  for (char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
  }
  return false;
}

TEST(FormatTenge, GroupsThousandsWithNoBreakSpaces) {
  EXPECT_EQ(FormatTenge(0), std::string("0,00") + kNbsp + "₸");
  EXPECT_EQ(FormatTenge(5), std::string("0,05") + kNbsp + "₸");
  EXPECT_EQ(FormatTenge(100000), std::string("1") + kNbsp + "000,00" + kNbsp + "₸");
  EXPECT_EQ(FormatTenge(173000), std::string("1") + kNbsp + "730,00" + kNbsp + "₸");
  EXPECT_EQ(FormatTenge(123456789),
            std::string("1") + kNbsp + "234" + kNbsp + "567,89" + kNbsp + "₸");
  EXPECT_EQ(FormatTenge(-250), std::string("-2,50") + kNbsp + "₸");
  EXPECT_EQ(FormatTenge(INT64_MIN), std::string("-92") + kNbsp + "233" + kNbsp + "720" + kNbsp +
                                        "368" + kNbsp + "547" + kNbsp + "758,08" + kNbsp + "₸");
}

TEST(FormatTerm, RussianPluralForms) {
  auto ru = [](int n, TermUnit u) { return FormatTerm({n, u}, "ru"); };
  EXPECT_EQ(ru(1, TermUnit::kWorkingDays), "1 рабочий день");
  EXPECT_EQ(ru(2, TermUnit::kWorkingDays), "2 рабочих дня");
  EXPECT_EQ(ru(4, TermUnit::kWorkingDays), "4 рабочих дня");
  EXPECT_EQ(ru(5, TermUnit::kWorkingDays), "5 рабочих дней");
  EXPECT_EQ(ru(11, TermUnit::kWorkingDays), "11 рабочих дней");
  EXPECT_EQ(ru(12, TermUnit::kWorkingDays), "12 рабочих дней");
  EXPECT_EQ(ru(14, TermUnit::kWorkingDays), "14 рабочих дней");
  EXPECT_EQ(ru(21, TermUnit::kWorkingDays), "21 рабочий день");
  EXPECT_EQ(ru(22, TermUnit::kWorkingDays), "22 рабочих дня");
  EXPECT_EQ(ru(111, TermUnit::kWorkingDays), "111 рабочих дней");
  EXPECT_EQ(ru(1, TermUnit::kCalendarDays), "1 календарный день");
  EXPECT_EQ(ru(3, TermUnit::kCalendarDays), "3 календарных дня");
  EXPECT_EQ(ru(30, TermUnit::kCalendarDays), "30 календарных дней");
  EXPECT_EQ(ru(1, TermUnit::kHours), "1 час");
  EXPECT_EQ(ru(2, TermUnit::kHours), "2 часа");
  EXPECT_EQ(ru(24, TermUnit::kHours), "24 часа");
  EXPECT_EQ(ru(48, TermUnit::kHours), "48 часов");
  EXPECT_EQ(FormatTerm({15, TermUnit::kWorkingDays}, "kk"), "15 жұмыс күні");
  EXPECT_EQ(FormatTerm({30, TermUnit::kCalendarDays}, "kk"), "30 күнтізбелік күн");
  EXPECT_EQ(FormatTerm({2, TermUnit::kHours}, "kk"), "2 сағат");
}

TEST(FormatDateDots, PadsDayAndMonth) {
  EXPECT_EQ(FormatDateDots(*LocalDate::FromYmd(2025, 3, 5)), "05.03.2025");
  EXPECT_EQ(FormatDateDots(*LocalDate::FromYmd(2024, 12, 31)), "31.12.2024");
}

TEST(ChecklistPdf, KazakhReadsBackExactly) {
  Service service = SampleService();
  Provider provider = SampleProvider();
  std::string pdf;
  ASSERT_TRUE(RenderChecklistPdf(service, &provider, SampleContext("kk"), &pdf).ok());
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  Readback r = ReadBack(pdf, "kk");

  EXPECT_TRUE(IsA4(r.info)) << r.info;
  EXPECT_EQ(PageCount(r.info), 1);
  // Each of ә ғ қ ң ө ұ ү һ і, inside the words they were given in.
  for (const char* word : {"және", "Тұрғын", "жоспарлауға", "қайта", "Өкілдің", "бөлімінің", "үйді",
                           "жиһаз", "Шаһар", "Өтініш", "келісім"}) {
    EXPECT_NE(r.text.find(word), std::string::npos) << word << "\n" << r.text;
  }
  for (const char* letter : {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"}) {
    EXPECT_NE(r.text.find(letter), std::string::npos) << letter;
  }
  EXPECT_NE(r.text.find("Мемлекеттік көрсетілетін қызметті алу үшін"), std::string::npos);
  EXPECT_NE(r.text.find("00512003"), std::string::npos);
  EXPECT_NE(r.text.find("Астана қаласының №3"), std::string::npos);
  EXPECT_NE(r.text.find("05.03.2025"), std::string::npos);
  EXPECT_NE(r.text.find("Шаһар әкімдігінің тұрғын үй бөлімі"), std::string::npos);
  EXPECT_NE(r.text.find("15 жұмыс күні"), std::string::npos);
  EXPECT_NE(r.text.find("тек өкіл арқылы жүгінгенде"), std::string::npos);
  EXPECT_NE(r.text.find("алғаш рет алғанда"), std::string::npos);
  EXPECT_NE(r.text.find("түпнұсқа немесе электрондық көшірме"), std::string::npos);
  // pdftotext reads the no-break spaces of an amount back as plain spaces.
  EXPECT_NE(r.text.find("4 325,00 ₸"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("1 730,00 ₸"), std::string::npos);
  EXPECT_NE(r.text.find("6 055,00 ₸"), std::string::npos);  // the total
  EXPECT_NE(r.text.find("Қайта жоспарлауға келісім"), std::string::npos);
  EXPECT_NE(r.text.find("2025.03.1"), std::string::npos);
  EXPECT_TRUE(HasPageNumber(r.text, 1, 1)) << r.text;
  EXPECT_FALSE(HasLatinLetter(r.text)) << r.text;

  // R27: the title deed is listed once, under the state-systems heading, and
  // the numbered list stops at 5 for 6 documents.
  size_t heading = r.text.find("Мемлекеттік ақпараттық жүйелерден алынады");
  size_t deed = r.text.find("Жылжымайтын мүлікке құқықты белгілейтін құжат");
  ASSERT_NE(heading, std::string::npos) << r.text;
  ASSERT_NE(deed, std::string::npos) << r.text;
  EXPECT_LT(heading, deed);
  EXPECT_EQ(Count(r.text, "Жылжымайтын"), 1u);
  EXPECT_LT(r.text.find("5."), heading);
  EXPECT_LT(r.text.find("Шаһар сәулет"), heading);
  EXPECT_EQ(r.text.find("6."), std::string::npos) << r.text;
}

TEST(ChecklistPdf, RussianHasNoKazakhLabels) {
  Service service = SampleService();
  Provider provider = SampleProvider();
  std::string pdf;
  ASSERT_TRUE(RenderChecklistPdf(service, &provider, SampleContext("ru"), &pdf).ok());
  Readback r = ReadBack(pdf, "ru");

  EXPECT_TRUE(IsA4(r.info)) << r.info;
  EXPECT_NE(r.text.find("Перечень документов, необходимых для получения"), std::string::npos);
  EXPECT_NE(r.text.find("Согласование перепланировки"), std::string::npos);
  EXPECT_NE(r.text.find("Центр обслуживания населения №3"), std::string::npos);
  EXPECT_NE(r.text.find("05.03.2025"), std::string::npos);
  EXPECT_NE(r.text.find("15 рабочих дней"), std::string::npos);
  EXPECT_NE(r.text.find("только при обращении представителя"), std::string::npos);
  EXPECT_NE(r.text.find("при первичном получении"), std::string::npos);
  EXPECT_NE(r.text.find("оригинал или электронная копия"), std::string::npos);
  EXPECT_NE(r.text.find("4 325,00 ₸"), std::string::npos);
  EXPECT_NE(r.text.find("Итого"), std::string::npos);
  EXPECT_NE(r.text.find("Версия каталога: 2025.03.1"), std::string::npos);
  size_t heading = r.text.find("Получаются из государственных информационных систем");
  ASSERT_NE(heading, std::string::npos) << r.text;
  EXPECT_GT(r.text.find("Правоустанавливающий документ"), heading);
  EXPECT_EQ(Count(r.text, "Правоустанавливающий"), 1u);
  for (const char* letter : {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"}) {
    EXPECT_EQ(r.text.find(letter), std::string::npos) << letter << "\n" << r.text;
  }
  EXPECT_FALSE(HasLatinLetter(r.text)) << r.text;
}

TEST(ChecklistPdf, FortyDocumentsContinueOnAnotherPage) {
  Service service = SampleService();
  service.documents.clear();
  for (int i = 1; i <= 40; ++i) {
    service.documents.push_back(Doc("d" + std::to_string(i),
                                    "Құжат №" + std::to_string(i) +
                                        ": өтініш берушінің жеке басын куәландыратын құжаттың "
                                        "нотариат куәландырмаған көшірмесі",
                                    "Документ №" + std::to_string(i),
                                    DocumentCondition::kRepresentativeOnly, i % 10 == 0));
  }
  std::string pdf;
  ASSERT_TRUE(RenderChecklistPdf(service, nullptr, SampleContext("kk"), &pdf).ok());
  Readback r = ReadBack(pdf, "forty");
  int pages = PageCount(r.info);
  EXPECT_GE(pages, 2) << r.info;
  EXPECT_TRUE(HasPageNumber(r.text, 1, pages));
  EXPECT_TRUE(HasPageNumber(r.text, pages, pages));
  EXPECT_NE(r.text.find("36."), std::string::npos);  // 40 less the 4 held by the state
  EXPECT_EQ(r.text.find("37."), std::string::npos);
  // The section's heading is repeated where it continues; the header on every page.
  EXPECT_EQ(Count(r.text, "Өтініш беруші ұсынатын құжаттар (жалғасы)"),
            static_cast<size_t>(pages - 1));
  EXPECT_EQ(Count(r.text, "05.03.2025"), static_cast<size_t>(pages));
}

TEST(ChecklistPdf, ParagraphLongerThanAPageBreaksBetweenLines) {
  Service service = SampleService();
  std::string name;
  for (int i = 0; i < 3000; ++i) name += "сөз ";  // about two and a half pages
  service.documents[0].name.kk = name + "соңы";
  std::string pdf;
  ASSERT_TRUE(RenderChecklistPdf(service, nullptr, SampleContext("kk"), &pdf).ok());
  Readback r = ReadBack(pdf, "long");
  EXPECT_GE(PageCount(r.info), 3);
  EXPECT_NE(r.text.find("соңы"), std::string::npos);
  // Every line made it to some page: none lost or doubled at a break.
  EXPECT_EQ(Count(r.text, "сөз"), 3000u);
  EXPECT_NE(r.text.find("Өтініш беруші ұсынатын құжаттар (жалғасы)"), std::string::npos);
}

TEST(ChecklistPdf, RefusesMoreThanTwentyPages) {
  Service service = SampleService();
  service.documents.clear();
  for (int i = 0; i < 1000; ++i) {
    service.documents.push_back(Doc("d" + std::to_string(i), "Құжат", "Документ"));
  }
  std::string pdf;
  Status s = RenderChecklistPdf(service, nullptr, SampleContext("ru"), &pdf);
  EXPECT_EQ(s.kind(), Status::Kind::kTooLarge);
  EXPECT_EQ(s.code(), "checklist_too_long");
  EXPECT_TRUE(pdf.empty());

  // So many that they are refused without being laid out.
  service.documents.resize(kMaxChecklistEntries + 1, service.documents[0]);
  EXPECT_EQ(RenderChecklistPdf(service, nullptr, SampleContext("ru"), &pdf).code(),
            "checklist_too_long");
}

TEST(ChecklistPdf, RefusesBadInput) {
  Service service = SampleService();
  std::string pdf;
  ChecklistContext en = SampleContext("ru");
  en.lang = "en";
  EXPECT_EQ(RenderChecklistPdf(service, nullptr, en, &pdf).code(), "unsupported_language");

  Service no_kk = service;
  no_kk.documents[2].name.kk.clear();
  EXPECT_EQ(RenderChecklistPdf(no_kk, nullptr, SampleContext("kk"), &pdf).code(),
            "catalog_text_missing");
  EXPECT_TRUE(RenderChecklistPdf(no_kk, nullptr, SampleContext("ru"), &pdf).ok());

  Service bad_utf8 = service;
  bad_utf8.name.ru = "\xff\xfe";
  EXPECT_EQ(RenderChecklistPdf(bad_utf8, nullptr, SampleContext("ru"), &pdf).code(),
            "invalid_utf8");

  Service huge_name = service;
  huge_name.name.ru.assign(kMaxParagraphBytes + 1, 'x');
  EXPECT_EQ(RenderChecklistPdf(huge_name, nullptr, SampleContext("ru"), &pdf).code(),
            "text_too_long");

  ChecklistContext negative = SampleContext("ru");
  negative.payments[0].amount_tiyn = -1;
  EXPECT_EQ(RenderChecklistPdf(service, nullptr, negative, &pdf).code(), "negative_amount");

  ChecklistContext overflow = SampleContext("ru");
  overflow.payments = {{"А", INT64_MAX}, {"Б", 1}};
  EXPECT_EQ(RenderChecklistPdf(service, nullptr, overflow, &pdf).code(), "amount_overflow");
}

TEST(ChecklistPdf, SameInputSameBytes) {
  Service service = SampleService();
  Provider provider = SampleProvider();
  std::string a, b;
  ASSERT_TRUE(RenderChecklistPdf(service, &provider, SampleContext("kk"), &a).ok());
  ASSERT_TRUE(RenderChecklistPdf(service, &provider, SampleContext("kk"), &b).ok());
  EXPECT_EQ(a, b);
}

TEST(ChecklistPdf, EmbedsDejaVuSans) {
  Service service = SampleService();
  std::string pdf;
  ASSERT_TRUE(RenderChecklistPdf(service, nullptr, SampleContext("kk"), &pdf).ok());
  EXPECT_NE(pdf.find("DejaVuSans"), std::string::npos);
  EXPECT_EQ(pdf.find("DejaVuSerif"), std::string::npos);  // no fallback font was needed
}

}  // namespace
}  // namespace tereze::docs
