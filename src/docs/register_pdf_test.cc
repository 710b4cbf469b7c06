// Registers of packages (R33 outgoing, R34/R36 results, R25 unclaimed
// returns) are checked the way the center and the provider meet them: both
// copies rendered, every barcode scanned back and the text read from the
// outside (support/pdf_readback.h).
#include "docs/register_pdf.h"

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

constexpr char kNumber[] = "AST-01/2026/000012";

RegisterLine Line(const std::string& lang, int i) {
  const bool kk = lang == "kk";
  RegisterLine l;
  l.barcode = MakeBarcode(BarcodeKind::kApplication, 1000 + i);
  l.service_code = "00512" + std::to_string(100 + i);
  l.service_name =
      (kk ? "Тұрғын үйді қайта жоспарлауға келісім беру №" : "Согласование перепланировки №") +
      std::to_string(i);
  l.applicant_full_name = "Мәуленов Сағынтай Жеңісұлы";
  l.accepted_on = "24.11.2026";
  l.deadline = "09.12.2026";
  l.note = i % 2 == 0 ? (kk ? "қағаз түріндегі нәтиже" : "результат (бумажный)") : "";
  return l;
}

// Between them the names use all nine letters Kazakh has and Russian lacks.
RegisterData Sample(const std::string& lang, int lines = 3) {
  const bool kk = lang == "kk";
  RegisterData d;
  d.lang = lang;
  d.kind = "outgoing";
  d.number = kNumber;
  d.barcode = MakeBarcode(BarcodeKind::kRegister, 12);
  d.center_name = kk ? "Астана қаласы Есіл ауданы бойынша №3 халыққа қызмет көрсету орталығы"
                     : "Центр обслуживания населения №3 района Есиль города Астаны";
  d.center_address = kk ? "Астана қ., Мәңгілік Ел даңғылы, 8" : "г. Астана, пр. Мангилик Ел, 8";
  d.provider_name = kk ? "Шаһар әкімдігінің тұрғын үй бөлімі" : "Отдел жилищных отношений акимата";
  d.direction_name = kk ? "Тұрғын үй қатынастары" : "Жилищные отношения";
  d.formed_at = "24.11.2026 11:30";
  d.dispatched_at = "24.11.2026 12:00";
  d.method = "courier";
  d.courier_full_name = "Төлегенов Жаһан Түгелбайұлы";
  d.employee_full_name = "Сейітқалиева Айгүл Ерланқызы";
  for (int i = 1; i <= lines; ++i) d.lines.push_back(Line(lang, i));
  return d;
}

std::string Render(const RegisterData& d) {
  std::string pdf;
  Status s = RenderRegisterPdf(d, &pdf);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  return pdf;
}

const char* CopyOne(bool kk) {
  return kk ? "1-дана — көрсетілетін қызметті берушіге" : "Экземпляр 1 — для услугодателя";
}
const char* CopyTwo(bool kk) {
  return kk ? "2-дана — көрсетілетін қызметті берушінің қабылдағаны туралы белгісімен орталыққа "
              "қайтарылады"
            : "Экземпляр 2 — возвращается в центр с отметкой услугодателя о приёме";
}

// R33: two copies, each from a new page: copy 1's pages, then as many of copy 2's.
void ExpectTwoCopies(const Readback& r, bool kk) {
  const int pages = PageCount(r.info);
  ASSERT_EQ(static_cast<int>(r.pages.size()), pages) << r.info;
  ASSERT_EQ(pages % 2, 0) << "two copies of the same length";
  for (int i = 0; i < pages; ++i) {
    const bool first = i < pages / 2;
    EXPECT_EQ(Has(r.pages[i], CopyOne(kk)), first) << "page " << i + 1 << ": " << r.pages[i];
    EXPECT_EQ(Has(r.pages[i], CopyTwo(kk)), !first) << "page " << i + 1 << ": " << r.pages[i];
    // Every page repeats the register's number and numbers itself within its copy.
    EXPECT_TRUE(Has(r.pages[i], std::string("№ ") + kNumber)) << "page " << i + 1;
    EXPECT_TRUE(HasPageNumber(r.pages[i], i % (pages / 2) + 1, pages / 2))
        << "page " << i + 1 << ": " << r.pages[i];
  }
  // Each copy's first page has the title and the header.
  for (int first : {0, pages / 2}) {
    EXPECT_TRUE(Has(r.pages[first], kk ? "Көрсетілетін қызметті берушіге берілетін құжаттардың "
                                         "тізілімі"
                                       : "Реестр документов, передаваемых услугодателю"))
        << r.pages[first];
  }
  double w = 0, h = 0;
  ASSERT_TRUE(PageSize(r.info, &w, &h));
  EXPECT_NEAR(w, kA4WidthPt, 0.01);
  EXPECT_NEAR(h, kA4HeightPt, 0.01);
}

class RegisterPdf : public ::testing::TestWithParam<std::string> {};

TEST_P(RegisterPdf, TwoCopiesScanAndReadBack) {
  const std::string lang = GetParam();
  const bool kk = lang == "kk";
  RegisterData d = Sample(lang);
  Readback r = ReadBack(Render(d));

  EXPECT_EQ(PageCount(r.info), 2) << "three packages fit one page per copy";
  ASSERT_NO_FATAL_FAILURE(ExpectTwoCopies(r, kk));
  // Every barcode, the register's and each package's, once in each copy, and nothing else.
  EXPECT_EQ(Scanned(r.code128, d.barcode), 2) << ::testing::PrintToString(r.code128);
  for (const RegisterLine& l : d.lines) {
    EXPECT_EQ(Scanned(r.code128, l.barcode), 2) << l.barcode;
  }
  EXPECT_EQ(r.code128.size(), 2 * (1 + d.lines.size()));
  EXPECT_TRUE(r.qr.empty());

  for (const std::string& page : r.pages) {
    EXPECT_EQ(CountOf(page, d.barcode), 1) << "the register's digits under its barcode";
  }
  for (const std::string& text :
       {d.provider_name, d.direction_name, d.courier_full_name, d.employee_full_name,
        d.center_address, d.formed_at, d.dispatched_at}) {
    EXPECT_EQ(CountOf(r.text, text), 2) << text;
  }
  for (const RegisterLine& l : d.lines) {
    EXPECT_EQ(CountOf(r.text, l.service_code + " — " + l.service_name), 2) << l.service_name;
    EXPECT_EQ(CountOf(r.text, l.barcode), 2) << l.barcode;
  }
  EXPECT_TRUE(Has(r.text, kk ? "курьер арқылы" : "курьером")) << r.text;
  EXPECT_TRUE(Has(r.text, kk ? "қағаз түріндегі нәтиже" : "результат (бумажный)"));
  EXPECT_TRUE(Has(r.text, kk ? "мерзімі: 09.12.2026" : "срок: 09.12.2026")) << r.text;
  EXPECT_EQ(CountOf(r.text, kk ? "Топтамалардың барлығы: 3" : "Всего пакетов: 3"), 2) << r.text;
  // Handed over by the center's employee, received by the provider with its stamp.
  EXPECT_EQ(CountOf(r.text, kk ? "Тапсырды:" : "Сдал:"), 2) << r.text;
  EXPECT_EQ(CountOf(r.text, kk ? "Қабылдады:" : "Принял:"), 2) << r.text;
  EXPECT_EQ(CountOf(r.text, kk ? "Орталық қызметкері: " : "Работник центра: "), 2) << r.text;
  EXPECT_EQ(CountOf(r.text, kk ? "М.О." : "М.П."), 2) << r.text;
  for (const char* letter : kKazakhLetters) EXPECT_TRUE(Has(r.text, letter)) << letter;
}

INSTANTIATE_TEST_SUITE_P(Register, RegisterPdf, ::testing::Values("kk", "ru"));

TEST(RegisterPdfSize, LongRegisterFlowsOverPagesAndStillScans) {
  RegisterData d = Sample("ru", 120);
  Readback r = ReadBack(Render(d));
  const int pages = PageCount(r.info);
  EXPECT_GE(pages, 2 * 3) << "120 packages take several pages per copy";
  ASSERT_NO_FATAL_FAILURE(ExpectTwoCopies(r, false));
  EXPECT_EQ(Scanned(r.code128, d.barcode), 2);
  for (const RegisterLine& l : d.lines) {
    EXPECT_EQ(Scanned(r.code128, l.barcode), 2) << l.barcode;
  }
  EXPECT_EQ(r.code128.size(), 2 * (1 + d.lines.size()));
  EXPECT_TRUE(Has(r.text, "Перечень пакетов документов (продолжение)")) << r.pages[1];
  EXPECT_TRUE(Has(r.pages[pages / 2 - 1], "Всего пакетов: 120")) << "the total ends copy 1";
  EXPECT_TRUE(Has(r.pages[pages - 1], "Всего пакетов: 120")) << "and copy 2";
  // The numbering runs through a copy: 120 is the last package of both.
  EXPECT_EQ(CountOf(r.text, "120. "), 2) << r.text;
}

TEST(RegisterPdfSize, LargestRegisterRenders) {
  RegisterData d = Sample("kk", static_cast<int>(kMaxRegisterLines));
  Readback r = ReadBack(Render(d), /*scan=*/false);
  EXPECT_GE(PageCount(r.info), 2 * 20);
  EXPECT_EQ(CountOf(r.text, "Топтамалардың барлығы: 500"), 2);
}

// ---- The other kinds of register: the title, the copies and the sides follow the packages. ----

TEST(RegisterPdfKind, ResultsGoFromTheProviderToTheCenter) {
  RegisterData d = Sample("ru");
  d.kind = "results";
  Readback r = ReadBack(Render(d), /*scan=*/false);
  EXPECT_EQ(CountOf(r.text, "Реестр результатов оказания услуг, передаваемых в центр"), 2);
  ASSERT_EQ(r.pages.size(), 2u) << r.info;
  EXPECT_TRUE(Has(r.pages[0], "Экземпляр 1 — для центра")) << r.pages[0];
  EXPECT_TRUE(Has(r.pages[1], "Экземпляр 2 — возвращается услугодателю с отметкой центра о приёме"))
      << r.pages[1];
  EXPECT_FALSE(Has(r.text, "для услугодателя"));
  EXPECT_EQ(CountOf(r.text, "Должностное лицо услугодателя: " + d.employee_full_name), 2)
      << "the provider's officer hands the results over: " << r.text;
}

TEST(RegisterPdfKind, UnclaimedResultsReturnToTheProvider) {
  RegisterData d = Sample("kk");
  d.kind = "unclaimed_return";
  Readback r = ReadBack(Render(d), /*scan=*/false);
  EXPECT_EQ(CountOf(r.text,
                    "Көрсетілетін қызметті берушіге қайтарылатын талап етілмеген "
                    "нәтижелердің тізілімі"),
            2)
      << r.text;
  EXPECT_FALSE(Has(r.text, "берілетін құжаттардың тізілімі"));
}

TEST(RegisterPdfKind, OptionalFieldsAreLeftOut) {
  RegisterData d = Sample("ru");
  d.direction_name.clear();
  d.dispatched_at.clear();
  d.method = "post";
  d.courier_full_name.clear();
  d.lines[0].applicant_full_name.clear();
  d.lines[0].deadline.clear();
  Readback r = ReadBack(Render(d), /*scan=*/false);
  EXPECT_TRUE(Has(r.text, "почтой")) << r.text;
  EXPECT_FALSE(Has(r.text, "Курьер:"));
  EXPECT_FALSE(Has(r.text, "Направление"));
  EXPECT_FALSE(Has(r.text, "Дата и время отправки"));
  EXPECT_EQ(CountOf(r.text, "срок:"), 2 * 2) << "two of three lines have a deadline, twice";
}

// ---- R19: one language per register. ----

TEST(RegisterPdfLanguage, RussianRegisterHasNoKazakhLabel) {
  RegisterData d = Sample("ru");
  d.center_address = "г. Астана, ул. Кенесары, 8";
  d.provider_name = "Отдел жилищных отношений";
  d.courier_full_name = "Иванов Иван Иванович";
  d.employee_full_name = "Сидорова Мария Павловна";
  for (RegisterLine& l : d.lines) l.applicant_full_name = "Петрова Анна Сергеевна";
  for (const char* kind : {"outgoing", "results", "unclaimed_return"}) {
    d.kind = kind;
    Readback r = ReadBack(Render(d), /*scan=*/false);
    for (const char* letter : kKazakhLetters) {
      EXPECT_FALSE(Has(r.text, letter)) << letter << " in " << kind << "\n" << r.text;
    }
  }
}

TEST(RegisterPdfLanguage, KazakhRegisterHasNoRussianLabel) {
  for (const char* kind : {"outgoing", "results", "unclaimed_return"}) {
    RegisterData d = Sample("kk");
    d.kind = kind;
    Readback r = ReadBack(Render(d), /*scan=*/false);
    for (const char* ru : {"Реестр", "Экземпляр", "Услугодатель", "Принято", "срок", "Всего",
                           "Сдал", "Принял", "Подпись", "Дата", "Центр", "курьером"}) {
      EXPECT_FALSE(Has(r.text, ru)) << ru << " in " << kind << "\n" << r.text;
    }
  }
}

// ---- Input. ----

TEST(RegisterPdfInput, RefusesBadInputWithAClearCode) {
  struct Case {
    const char* name;
    void (*change)(RegisterData*);
    Status::Kind kind;
    const char* code;
  };
  const Case cases[] = {
      {"lang", [](RegisterData* d) { d->lang = "en"; }, Status::Kind::kMalformed,
       "unsupported_language"},
      {"kind", [](RegisterData* d) { d->kind = "incoming"; }, Status::Kind::kMalformed,
       "unknown_register_kind"},
      {"empty barcode", [](RegisterData* d) { d->barcode.clear(); }, Status::Kind::kMalformed,
       "barcode_invalid"},
      {"12 digits", [](RegisterData* d) { d->barcode.pop_back(); }, Status::Kind::kMalformed,
       "barcode_invalid"},
      {"letters", [](RegisterData* d) { d->barcode[5] = 'A'; }, Status::Kind::kMalformed,
       "barcode_invalid"},
      {"check digit",
       [](RegisterData* d) { d->barcode.back() = d->barcode.back() == '0' ? '1' : '0'; },
       Status::Kind::kRefused, "barcode_misread"},
      {"application's barcode for the register",
       [](RegisterData* d) { d->barcode = MakeBarcode(BarcodeKind::kApplication, 12); },
       Status::Kind::kMalformed, "barcode_wrong_kind"},
      {"line barcode", [](RegisterData* d) { d->lines[1].barcode = "123"; },
       Status::Kind::kMalformed, "barcode_invalid"},
      {"register's barcode on a line",
       [](RegisterData* d) { d->lines[2].barcode = MakeBarcode(BarcodeKind::kRegister, 99); },
       Status::Kind::kMalformed, "barcode_wrong_kind"},
      {"package twice", [](RegisterData* d) { d->lines[2].barcode = d->lines[0].barcode; },
       Status::Kind::kRefused, "duplicate_package"},
      {"no lines", [](RegisterData* d) { d->lines.clear(); }, Status::Kind::kRefused,
       "register_empty"},
      {"too many lines",
       [](RegisterData* d) {
         RegisterData big = Sample("kk", static_cast<int>(kMaxRegisterLines) + 1);
         d->lines = big.lines;
       },
       Status::Kind::kTooLarge, "too_many_lines"},
      {"no employee", [](RegisterData* d) { d->employee_full_name.clear(); },
       Status::Kind::kMalformed, "register_field_missing"},
      {"no number", [](RegisterData* d) { d->number.clear(); }, Status::Kind::kMalformed,
       "register_field_missing"},
      {"no provider", [](RegisterData* d) { d->provider_name.clear(); }, Status::Kind::kMalformed,
       "register_field_missing"},
      {"no service name", [](RegisterData* d) { d->lines[0].service_name.clear(); },
       Status::Kind::kMalformed, "register_field_missing"},
      {"no acceptance date", [](RegisterData* d) { d->lines[0].accepted_on.clear(); },
       Status::Kind::kMalformed, "register_field_missing"},
      {"formed without time", [](RegisterData* d) { d->formed_at = "24.11.2026"; },
       Status::Kind::kMalformed, "invalid_date"},
      {"ISO dispatch", [](RegisterData* d) { d->dispatched_at = "2026-11-24 12:00"; },
       Status::Kind::kMalformed, "invalid_date"},
      {"month 13", [](RegisterData* d) { d->lines[1].accepted_on = "24.13.2026"; },
       Status::Kind::kMalformed, "invalid_date"},
      {"deadline", [](RegisterData* d) { d->lines[2].deadline = "9.12.2026"; },
       Status::Kind::kMalformed, "invalid_date"},
      {"method", [](RegisterData* d) { d->method = "pigeon"; }, Status::Kind::kMalformed,
       "unknown_dispatch_method"},
      {"courier by post", [](RegisterData* d) { d->method = "post"; }, Status::Kind::kMalformed,
       "courier_without_courier_method"},
      {"long number",
       [](RegisterData* d) { d->number = std::string(kMaxRegisterNumberBytes + 1, '1'); },
       Status::Kind::kTooLarge, "field_too_long"},
      {"long note",
       [](RegisterData* d) { d->lines[0].note = std::string(kMaxRegisterFieldBytes + 1, 'x'); },
       Status::Kind::kTooLarge, "field_too_long"},
      {"not UTF-8", [](RegisterData* d) { d->lines[0].applicant_full_name = "\xff\xfe"; },
       Status::Kind::kMalformed, "invalid_utf8"},
  };
  std::string pdf;
  ASSERT_TRUE(RenderRegisterPdf(Sample("kk"), &pdf).ok());
  for (const Case& c : cases) {
    RegisterData d = Sample("kk");
    c.change(&d);
    std::string out;
    Status s = RenderRegisterPdf(d, &out);
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
    EXPECT_EQ(s.kind(), c.kind) << c.name;
    EXPECT_TRUE(out.empty()) << c.name;
  }
}

TEST(RegisterPdfInput, SameInputSameBytes) {
  std::string a, b;
  ASSERT_TRUE(RenderRegisterPdf(Sample("kk"), &a).ok());
  ASSERT_TRUE(RenderRegisterPdf(Sample("kk"), &b).ok());
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("DejaVuSans"), std::string::npos);
  EXPECT_EQ(a.find("DejaVuSerif"), std::string::npos);  // no fallback font was needed
}

}  // namespace
}  // namespace tereze::docs
