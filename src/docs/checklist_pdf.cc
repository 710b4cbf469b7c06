#include "docs/checklist_pdf.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "docs/flow.h"
#include "docs/labels.h"
#include "docs/pdf_writer.h"

namespace tereze::docs {
namespace {

using domain::DocumentCondition;
using domain::RequiredDocument;
using domain::TermUnit;

// ---- Every word printed on the page, in both languages, in one place. ----

enum class Label {
  kTitle,
  kServiceCode,
  kProvider,
  kTerm,
  kDocuments,
  kNoDocuments,
  kOriginal,
  kOriginalOrCopy,
  kRepresentativeOnly,
  kFirstTimeOnly,
  kStateSystems,
  kPayments,
  kNoPayments,
  kTotal,
  kResult,
  kCatalogVersion,
  kContinued,
  kWorkingDayOne,
  kWorkingDayFew,
  kWorkingDayMany,
  kCalendarDayOne,
  kCalendarDayFew,
  kCalendarDayMany,
  kHourOne,
  kHourFew,
  kHourMany,
  kCount,
};

using LabelText = docs::LabelText<Label>;

// Kazakh nouns do not change after a numeral, so its three "forms" are one.
constexpr LabelText kLabels[] = {
    {Label::kTitle, "Мемлекеттік көрсетілетін қызметті алу үшін қажетті құжаттар тізбесі",
     "Перечень документов, необходимых для получения государственной услуги"},
    {Label::kServiceCode, "Қызмет коды", "Код услуги"},
    {Label::kProvider, "Көрсетілетін қызметті беруші", "Услугодатель"},
    {Label::kTerm, "Көрсету мерзімі", "Срок оказания"},
    {Label::kDocuments, "Өтініш беруші ұсынатын құжаттар", "Документы, представляемые заявителем"},
    {Label::kNoDocuments, "Өтініш берушіден құжаттар талап етілмейді",
     "От заявителя документы не требуются"},
    {Label::kOriginal, "түпнұсқа", "оригинал"},
    {Label::kOriginalOrCopy, "түпнұсқа немесе электрондық көшірме",
     "оригинал или электронная копия"},
    {Label::kRepresentativeOnly, "тек өкіл арқылы жүгінгенде",
     "только при обращении представителя"},
    {Label::kFirstTimeOnly, "алғаш рет алғанда", "при первичном получении"},
    {Label::kStateSystems,
     "Мемлекеттік ақпараттық жүйелерден алынады, өтініш берушіден талап етілмейді",
     "Получаются из государственных информационных систем, от заявителя не требуются"},
    {Label::kPayments, "Міндетті төлемдер", "Обязательные платежи"},
    {Label::kNoPayments, "Міндетті төлемдер жоқ", "Обязательных платежей нет"},
    {Label::kTotal, "Барлығы", "Итого"},
    {Label::kResult, "Көрсетілетін қызмет нәтижесі", "Результат оказания услуги"},
    {Label::kCatalogVersion, "Каталог нұсқасы", "Версия каталога"},
    {Label::kContinued, "жалғасы", "продолжение"},
    {Label::kWorkingDayOne, "жұмыс күні", "рабочий день"},
    {Label::kWorkingDayFew, "жұмыс күні", "рабочих дня"},
    {Label::kWorkingDayMany, "жұмыс күні", "рабочих дней"},
    {Label::kCalendarDayOne, "күнтізбелік күн", "календарный день"},
    {Label::kCalendarDayFew, "күнтізбелік күн", "календарных дня"},
    {Label::kCalendarDayMany, "күнтізбелік күн", "календарных дней"},
    {Label::kHourOne, "сағат", "час"},
    {Label::kHourFew, "сағат", "часа"},
    {Label::kHourMany, "сағат", "часов"},
};

// The table is indexed by the enum: a missing or misplaced row fails to compile.
static_assert(LabelsInOrder(kLabels), "kLabels must list every Label once, in enum order");

const char* L(Lang lang, Label label) { return LabelIn(kLabels, lang, label); }

const std::string& In(Lang lang, const domain::Text& text) {
  return lang == Lang::kKk ? text.kk : text.ru;
}

// ---- The page. ----

constexpr double kMarginPt = 50;
constexpr double kContentWidthPt = kA4WidthPt - 2 * kMarginPt;
constexpr double kHeaderDateWidthPt = 90;
constexpr double kHeaderGapPt = 14;  // between the header's rule and the body, same for the footer
constexpr double kRuleOffsetPt = 4;  // between a header/footer text and its rule
constexpr double kCheckboxPt = 8;
constexpr double kNumberXPt = 12;  // the item number, right-aligned, after the checkbox
constexpr double kNumberWidthPt = 20;
constexpr double kItemTextXPt = 38;  // where an item's text starts
constexpr double kFactLabelWidthPt = 170;
constexpr double kAmountWidthPt = 120;
constexpr double kTitleWidthPt = 400;  // narrower than the column: two balanced lines

constexpr TextStyle kHeaderStyle{.size_pt = 9, .bold = true};
constexpr TextStyle kDateStyle{.size_pt = 9, .align = Align::kRight};
constexpr TextStyle kTitleStyle{.size_pt = 13, .bold = true, .align = Align::kCenter};
constexpr TextStyle kServiceNameStyle{.size_pt = 12, .align = Align::kCenter};
constexpr TextStyle kFactLabelStyle{.size_pt = 10, .gray = 0.35};
constexpr TextStyle kFactValueStyle{.size_pt = 10};
constexpr TextStyle kSectionStyle{.size_pt = 11, .bold = true};
constexpr TextStyle kContinuedStyle{.size_pt = 9, .bold = true, .gray = 0.35};
constexpr TextStyle kItemStyle{.size_pt = 10.5};
constexpr TextStyle kNumberStyle{.size_pt = 10.5, .align = Align::kRight};
constexpr TextStyle kNoteStyle{.size_pt = 8.5, .italic = true, .gray = 0.3};
constexpr TextStyle kAmountStyle{.size_pt = 10.5, .align = Align::kRight};
constexpr TextStyle kTotalStyle{.size_pt = 10.5, .bold = true};
constexpr TextStyle kTotalAmountStyle{.size_pt = 10.5, .bold = true, .align = Align::kRight};
constexpr TextStyle kFooterStyle{.size_pt = 8, .gray = 0.35};
constexpr TextStyle kPageNumberStyle{.size_pt = 8, .gray = 0.35, .align = Align::kRight};

// ---- Building the items. ----

class Builder {
 public:
  Builder(PdfWriter* writer, Lang lang) : flow_(writer, kMarginPt), lang_(lang) {}

  // x is relative to the left margin.
  Status Paragraph(std::string_view text, const TextStyle& style, double space_before, double x = 0,
                   double width = kContentWidthPt) {
    Item item;
    item.space_before = space_before;
    if (Status s = AddPiece(&item, text, style, x, width); !s.ok()) return s;
    Push(std::move(item));
    return Status::Ok();
  }

  // A heading; the items after it belong to its section until the next one,
  // and a page break among them repeats it, marked "(continued)".
  Status Section(Label label) {
    Item item;
    item.space_before = 16;
    item.keep_with_next = true;
    if (Status s = AddPiece(&item, L(lang_, label), kSectionStyle, 0, kContentWidthPt); !s.ok()) {
      return s;
    }
    std::string continued = std::string(L(lang_, label)) + " (" + L(lang_, Label::kContinued) + ")";
    return flow_.Section(std::move(item), continued, kContinuedStyle, kContentWidthPt);
  }

  Status Fact(Label label, std::string_view value, double space_before) {
    Item item;
    item.space_before = space_before;
    if (Status s = AddSide(&item, std::string(L(lang_, label)) + ":", kFactLabelStyle, 0,
                           kFactLabelWidthPt - 8);
        !s.ok()) {
      return s;
    }
    if (Status s = AddPiece(&item, value, kFactValueStyle, kFactLabelWidthPt,
                            kContentWidthPt - kFactLabelWidthPt);
        !s.ok()) {
      return s;
    }
    Push(std::move(item));
    return Status::Ok();
  }

  // A numbered document with a box to tick and a grey note under it.
  Status Document(int number, const RequiredDocument& doc) {
    Item item;
    item.space_before = 5;
    item.checkbox = true;
    std::string n = std::to_string(number) + ".";
    if (Status s = AddSide(&item, n, kNumberStyle, kNumberXPt, kNumberWidthPt); !s.ok()) return s;
    if (Status s = AddItemText(&item, In(lang_, doc.name)); !s.ok()) return s;
    std::string note =
        L(lang_, doc.electronic_copy_accepted ? Label::kOriginalOrCopy : Label::kOriginal);
    if (const char* c = ConditionText(doc.condition); c != nullptr) note += std::string("; ") + c;
    if (Status s =
            AddPiece(&item, note, kNoteStyle, kItemTextXPt, kContentWidthPt - kItemTextXPt, 1);
        !s.ok()) {
      return s;
    }
    Push(std::move(item));
    return Status::Ok();
  }

  // A document the center fetches itself (R27): a dash, no box, no number.
  Status StateHeldDocument(const RequiredDocument& doc) {
    Item item;
    item.space_before = 3;
    if (Status s = AddSide(&item, "–", kNumberStyle, kNumberXPt, kNumberWidthPt); !s.ok()) {
      return s;
    }
    std::string text = In(lang_, doc.name);
    if (const char* c = ConditionText(doc.condition); c != nullptr) {
      text += std::string(" (") + c + ")";
    }
    if (Status s = AddItemText(&item, text); !s.ok()) return s;
    Push(std::move(item));
    return Status::Ok();
  }

  Status Payment(std::string_view name, int64_t tiyn, bool total) {
    Item item;
    item.space_before = total ? 8 : 3;
    item.rule_above = total;
    if (Status s = AddSide(&item, FormatTenge(tiyn), total ? kTotalAmountStyle : kAmountStyle,
                           kContentWidthPt - kAmountWidthPt, kAmountWidthPt);
        !s.ok()) {
      return s;
    }
    if (Status s = AddPiece(&item, name, total ? kTotalStyle : kItemStyle, kItemTextXPt,
                            kContentWidthPt - kAmountWidthPt - kItemTextXPt - 10);
        !s.ok()) {
      return s;
    }
    Push(std::move(item));
    return Status::Ok();
  }

  std::vector<Item>& items() { return flow_.items(); }

 private:
  void Push(Item item) { flow_.Push(std::move(item)); }

  const char* ConditionText(DocumentCondition c) const {
    switch (c) {
      case DocumentCondition::kAlways:
        return nullptr;
      case DocumentCondition::kRepresentativeOnly:
        return L(lang_, Label::kRepresentativeOnly);
      case DocumentCondition::kFirstTimeOnly:
        return L(lang_, Label::kFirstTimeOnly);
    }
    return nullptr;
  }

  Status AddItemText(Item* item, std::string_view text) {
    return AddPiece(item, text, kItemStyle, kItemTextXPt, kContentWidthPt - kItemTextXPt);
  }

  // x is relative to the left margin.
  Status AddPiece(Item* item, std::string_view text, const TextStyle& style, double x, double width,
                  double gap_before = 0) {
    return flow_.AddPiece(item, text, style, x, width, gap_before);
  }

  Status AddSide(Item* item, std::string_view text, const TextStyle& style, double x,
                 double width) {
    return flow_.AddSide(item, text, style, x, width);
  }

  FlowBuilder flow_;
  Lang lang_;
};

Status Missing(const std::string& what) {
  return Status::Malformed("catalog_text_missing", what + " has no text in this language");
}

// Everything the page prints must exist in the chosen language: a checklist
// half in the other language is what R19 forbids.
Status CheckTexts(const domain::Service& service, const domain::Provider* provider,
                  const ChecklistContext& ctx, Lang lang) {
  if (In(lang, service.name).empty()) return Missing("service " + service.code);
  if (In(lang, service.result).empty()) return Missing("the result of " + service.code);
  if (provider != nullptr && In(lang, provider->name).empty()) {
    return Missing("provider " + provider->code);
  }
  for (const RequiredDocument& doc : service.documents) {
    if (In(lang, doc.name).empty()) return Missing("document " + doc.code);
  }
  for (const ChecklistPayment& p : ctx.payments) {
    if (p.name.empty()) return Missing("a payment");
    if (p.amount_tiyn < 0) {
      return Status::Malformed("negative_amount", "a payment of " + service.code + " is negative");
    }
  }
  if (ctx.center_name.empty()) return Missing("the center's name");
  return Status::Ok();
}

}  // namespace

int RussianPluralForm(int64_t n) {
  // Unsigned so that the smallest int64 does not overflow on negation.
  uint64_t u = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  uint64_t last = u % 10, last_two = u % 100;
  if (last == 1 && last_two != 11) return 1;
  if (last >= 2 && last <= 4 && (last_two < 12 || last_two > 14)) return 2;
  return 5;
}

std::string FormatTenge(int64_t tiyn) {
  static constexpr char kNoBreakSpace[] = "\u00A0";
  uint64_t u = tiyn < 0 ? 0 - static_cast<uint64_t>(tiyn) : static_cast<uint64_t>(tiyn);
  std::string digits = std::to_string(u / 100);
  std::string out = tiyn < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += kNoBreakSpace;
    out += digits[i];
  }
  char fraction[4];
  std::snprintf(fraction, sizeof fraction, ",%02d", static_cast<int>(u % 100));
  return out + fraction + kNoBreakSpace + "₸";
}

std::string FormatDateDots(LocalDate date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", date.day(), date.month(), date.year());
  return buf;
}

std::string FormatTerm(const domain::Term& term, std::string_view lang) {
  Lang l = lang == "kk" ? Lang::kKk : Lang::kRu;
  int form = RussianPluralForm(term.value);
  Label one, few, many;
  switch (term.unit) {
    case TermUnit::kWorkingDays:
      one = Label::kWorkingDayOne, few = Label::kWorkingDayFew, many = Label::kWorkingDayMany;
      break;
    case TermUnit::kCalendarDays:
      one = Label::kCalendarDayOne, few = Label::kCalendarDayFew, many = Label::kCalendarDayMany;
      break;
    case TermUnit::kHours:
    default:
      one = Label::kHourOne, few = Label::kHourFew, many = Label::kHourMany;
      break;
  }
  Label unit = form == 1 ? one : form == 2 ? few : many;
  return std::to_string(term.value) + " " + L(l, unit);
}

Status RenderChecklistPdf(const domain::Service& service, const domain::Provider* provider,
                          const ChecklistContext& ctx, std::string* pdf_bytes) {
  if (ctx.lang != "kk" && ctx.lang != "ru") {
    return Status::Malformed("unsupported_language", "a checklist is printed in kk or ru");
  }
  const Lang lang = ctx.lang == "kk" ? Lang::kKk : Lang::kRu;
  if (service.documents.size() + ctx.payments.size() > kMaxChecklistEntries) {
    return Status::TooLarge("checklist_too_long",
                            "more than " + std::to_string(kMaxChecklistEntries) +
                                " documents and payments cannot fit on " +
                                std::to_string(kMaxChecklistPages) + " pages");
  }
  if (Status s = CheckTexts(service, provider, ctx, lang); !s.ok()) return s;
  int64_t total = 0;
  for (const ChecklistPayment& p : ctx.payments) {
    if (__builtin_add_overflow(total, p.amount_tiyn, &total)) {
      return Status::Malformed("amount_overflow",
                               "the payments of " + service.code + " do not fit in 64 bits");
    }
  }

  std::unique_ptr<PdfWriter> writer;
  std::string title = std::string(L(lang, Label::kTitle)) + " — " + service.code;
  if (Status s =
          PdfWriter::Open(kA4WidthPt, kA4HeightPt, title, ctx.printed_on.ToString(), &writer);
      !s.ok()) {
    return s;
  }

  // Header and footer are the same height on every page; the body lies between.
  std::unique_ptr<TextBlock> center, date;
  if (Status s = writer->Layout(ctx.center_name, kHeaderStyle,
                                kContentWidthPt - kHeaderDateWidthPt - 10, &center);
      !s.ok()) {
    return s;
  }
  if (Status s =
          writer->Layout(FormatDateDots(ctx.printed_on), kDateStyle, kHeaderDateWidthPt, &date);
      !s.ok()) {
    return s;
  }
  const double header_rule_y =
      kMarginPt + std::max(center->height(), date->height()) + kRuleOffsetPt;
  std::string footer_text = service.code + "  ·  " + L(lang, Label::kCatalogVersion) + ": " +
                            (ctx.catalog_version.empty() ? "—" : ctx.catalog_version);
  std::unique_ptr<TextBlock> footer;
  if (Status s = writer->Layout(footer_text, kFooterStyle, kContentWidthPt - 80, &footer);
      !s.ok()) {
    return s;
  }
  const double footer_top = kA4HeightPt - kMarginPt - footer->height();
  const double footer_rule_y = footer_top - kRuleOffsetPt;
  const double body_top = header_rule_y + kHeaderGapPt;
  const double body_bottom = footer_rule_y - kHeaderGapPt;

  // The builder's steps only fail on text that is not UTF-8; their results are
  // gathered and the first failure reported, rather than checked one by one.
  Builder b(writer.get(), lang);
  std::vector<Status> results;
  results.push_back(b.Paragraph(L(lang, Label::kTitle), kTitleStyle, 0,
                                (kContentWidthPt - kTitleWidthPt) / 2, kTitleWidthPt));
  results.push_back(b.Paragraph(In(lang, service.name), kServiceNameStyle, 8));
  results.push_back(b.Fact(Label::kServiceCode, service.code, 14));
  if (provider != nullptr) {
    results.push_back(b.Fact(Label::kProvider, In(lang, provider->name), 3));
  }
  results.push_back(b.Fact(Label::kTerm, FormatTerm(service.term, ctx.lang), 3));

  results.push_back(b.Section(Label::kDocuments));
  int number = 0;
  for (const RequiredDocument& doc : service.documents) {
    if (!doc.held_by_state_systems) results.push_back(b.Document(++number, doc));
  }
  if (number == 0) {
    results.push_back(b.Paragraph(L(lang, Label::kNoDocuments), kItemStyle, 4, kItemTextXPt,
                                  kContentWidthPt - kItemTextXPt));
  }
  if (number < static_cast<int>(service.documents.size())) {
    results.push_back(b.Section(Label::kStateSystems));
    for (const RequiredDocument& doc : service.documents) {
      if (doc.held_by_state_systems) results.push_back(b.StateHeldDocument(doc));
    }
  }

  results.push_back(b.Section(Label::kPayments));
  for (const ChecklistPayment& p : ctx.payments) {
    results.push_back(b.Payment(p.name, p.amount_tiyn, false));
  }
  if (ctx.payments.empty()) {
    results.push_back(b.Paragraph(L(lang, Label::kNoPayments), kItemStyle, 4, kItemTextXPt,
                                  kContentWidthPt - kItemTextXPt));
  } else if (ctx.payments.size() > 1) {
    results.push_back(b.Payment(L(lang, Label::kTotal), total, true));
  }

  results.push_back(b.Section(Label::kResult));
  results.push_back(b.Paragraph(In(lang, service.result), kItemStyle, 4, kItemTextXPt,
                                kContentWidthPt - kItemTextXPt));
  for (const Status& s : results) {
    if (!s.ok()) return s;
  }

  Frame frame;
  frame.left_pt = kMarginPt;
  frame.top_pt = body_top;
  frame.bottom_pt = body_bottom;
  frame.checkbox_pt = kCheckboxPt;
  frame.max_pages = kMaxChecklistPages;
  frame.too_long =
      Status::TooLarge("checklist_too_long", "the checklist would exceed " +
                                                 std::to_string(kMaxChecklistPages) + " pages");
  std::vector<Page> pages;
  if (Status s = Paginate(b.items(), frame, &pages); !s.ok()) return s;

  const int page_count = static_cast<int>(pages.size());
  for (int i = 0; i < page_count; ++i) {
    const Page& page = pages[i];
    writer->DrawLines(*center, 0, center->line_count(), kMarginPt, kMarginPt);
    writer->DrawLines(*date, 0, date->line_count(),
                      kMarginPt + kContentWidthPt - kHeaderDateWidthPt, kMarginPt);
    writer->DrawRule(kMarginPt, header_rule_y, kMarginPt + kContentWidthPt, header_rule_y, 0.8, 0);
    for (const TextOp& op : page.text) writer->DrawLines(*op.block, op.first, op.last, op.x, op.y);
    for (const auto& [x, y] : page.boxes) writer->DrawBox(x, y, kCheckboxPt, kCheckboxPt, 0.7);
    for (double y : page.rules) {
      writer->DrawRule(kMarginPt + kItemTextXPt, y, kMarginPt + kContentWidthPt, y, 0.5, 0.3);
    }
    writer->DrawRule(kMarginPt, footer_rule_y, kMarginPt + kContentWidthPt, footer_rule_y, 0.5,
                     0.35);
    writer->DrawLines(*footer, 0, footer->line_count(), kMarginPt, footer_top);
    std::unique_ptr<TextBlock> number_block;
    std::string page_number = std::to_string(i + 1) + " / " + std::to_string(page_count);
    if (Status s = writer->Layout(page_number, kPageNumberStyle, 80, &number_block); !s.ok()) {
      return s;
    }
    writer->DrawLines(*number_block, 0, number_block->line_count(),
                      kMarginPt + kContentWidthPt - 80, footer_top);
    writer->EndPage();
  }
  return writer->Finish(pdf_bytes);
}

}  // namespace tereze::docs
