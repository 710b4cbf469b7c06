#include "docs/act_of_refusal_pdf.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "docs/barcode.h"
#include "docs/flow.h"
#include "docs/form.h"
#include "docs/labels.h"
#include "docs/pdf_writer.h"

namespace tereze::docs {
namespace {

// ---- Every word printed on an act, in both languages, in one place. ----

enum class Label {
  kTitle,
  kNumber,
  kRegisterNumber,
  kCenter,
  kProvider,
  kDrawnAt,
  kStatementBefore,
  kStatementAfter,
  kMissing,
  kExtra,
  kNone,
  kTotalMissing,
  kTotalExtra,
  kCenterEmployee,
  kCourier,
  kFullName,
  kSignature,
  kContinued,
  kCount,
};

using LabelText = docs::LabelText<Label>;

constexpr LabelText kLabels[] = {
    {Label::kTitle, "Тізілім бойынша құжаттарды қабылдаудан бас тарту туралы акт",
     "Акт об отказе в приёме документов по реестру"},
    {Label::kNumber, "Акт нөмірі", "Номер акта"},
    {Label::kRegisterNumber, "Тізілім", "Реестр"},
    {Label::kCenter, "Орталық", "Центр"},
    {Label::kProvider, "Көрсетілетін қызметті беруші", "Услугодатель"},
    {Label::kDrawnAt, "Жасалған күні мен уақыты", "Дата и время составления"},
    // "… по реестру № X …": the register's number goes between the two halves.
    {Label::kStatementBefore, "Жеткізілген құжаттар № ", "При приёме документов по реестру № "},
    {Label::kStatementAfter,
     " тізілімге сәйкес келмейді. Құжаттар қабылданбайды және көрсетілетін қызметті берушіге "
     "қайтарылады.",
     " выявлено несоответствие доставленных документов реестру. Документы не принимаются и "
     "возвращаются услугодателю."},
    {Label::kMissing, "Тізілімде көрсетілген, бірақ жеткізілмеген құжаттар",
     "Указаны в реестре, но не доставлены"},
    {Label::kExtra, "Жеткізілген, бірақ тізілімде көрсетілмеген құжаттар",
     "Доставлены, но не указаны в реестре"},
    {Label::kNone, "Жоқ", "Нет"},
    {Label::kTotalMissing, "Жеткізілмегені барлығы", "Всего не доставлено"},
    {Label::kTotalExtra, "Тізілімде жоғы барлығы", "Всего не указано в реестре"},
    {Label::kCenterEmployee, "Орталық қызметкері", "Работник центра"},
    {Label::kCourier, "Курьер (көрсетілетін қызметті берушінің өкілі)",
     "Курьер (представитель услугодателя)"},
    {Label::kFullName, "Т.А.Ә.", "Ф.И.О."},
    {Label::kSignature, "Қолы", "Подпись"},
    {Label::kContinued, "жалғасы", "продолжение"},
};

static_assert(LabelsInOrder(kLabels), "kLabels must list every Label once, in enum order");

const char* L(Lang lang, Label label) { return LabelIn(kLabels, lang, label); }

// The line barcodes: a column some 35 mm wide, 10 mm tall, as on the register.
constexpr double kLineBarcodeWidthPt = 130;
constexpr double kLineBarHeightPt = 10 * kPtPerMm;
constexpr int kRegisterFigure = 0;  // missing[i] is figure 1 + i, extra[j] 1 + missing + j

// ---- Checking the input. ----

Status FieldMissing(const std::string& field) {
  return Status::Malformed("act_field_missing", "the act's " + field + " is empty");
}

Status Validate(const ActOfRefusalData& d, Lang* lang) {
  if (Status s = ParseLang(d.lang, "act of refusal", lang); !s.ok()) return s;
  if (d.missing.size() > kMaxActLines || d.extra.size() > kMaxActLines) {
    return Status::TooLarge(
        "too_many_lines",
        "an act lists at most " + std::to_string(kMaxActLines) + " packages in each list");
  }
  if (d.number.size() > kMaxActNumberBytes) {
    return Status::TooLarge("field_too_long", "an act's number has at most " +
                                                  std::to_string(kMaxActNumberBytes) + " bytes");
  }
  std::vector<const std::string*> texts = {&d.register_number, &d.register_barcode,
                                           &d.center_name,     &d.provider_name,
                                           &d.drawn_at,        &d.employee_full_name};
  for (const std::vector<ActLine>* list : {&d.missing, &d.extra}) {
    for (const ActLine& l : *list) {
      texts.push_back(&l.barcode);
      texts.push_back(&l.service_name);
    }
  }
  if (Status s = CheckFieldLengths(texts, kMaxActFieldBytes, "act of refusal"); !s.ok()) return s;

  if (d.number.empty()) return FieldMissing("number");
  if (d.register_number.empty()) return FieldMissing("register number");
  if (Status s = CheckBarcode(d.register_barcode, domain::BarcodeKind::kRegister,
                              "the register's barcode");
      !s.ok()) {
    return s;
  }
  if (d.center_name.empty()) return FieldMissing("center name");
  if (d.provider_name.empty()) return FieldMissing("provider name");
  if (d.employee_full_name.empty()) return FieldMissing("employee");
  if (d.drawn_at.empty()) return FieldMissing("date and time");
  if (!IsDotDateTime(d.drawn_at)) {
    return Status::Malformed("invalid_date", "drawn_at is not \"dd.mm.yyyy hh:mm\"");
  }
  // R35: an act is drawn up only when the delivery does not match the register.
  if (d.missing.empty() && d.extra.empty()) {
    return Status::Refused("act_without_mismatch",
                           "the delivery matches the register: there is nothing to refuse (R35)");
  }
  std::set<std::string_view> seen;
  for (const std::vector<ActLine>* list : {&d.missing, &d.extra}) {
    for (const ActLine& l : *list) {
      if (Status s =
              CheckBarcode(l.barcode, domain::BarcodeKind::kApplication, "a package's barcode");
          !s.ok()) {
        return s;
      }
      if (!seen.insert(l.barcode).second) {
        return Status::Refused("duplicate_package",
                               "package " + l.barcode + " is listed twice in the act");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status RenderActOfRefusalPdf(const ActOfRefusalData& data, std::string* pdf) {
  Lang lang;
  if (Status s = Validate(data, &lang); !s.ok()) return s;
  const FormGeometry& g = kA4Form;

  BarcodeSymbol register_symbol;
  if (Status s = EncodeCode128(data.register_barcode, &register_symbol); !s.ok()) return s;
  std::vector<BarcodeSymbol> line_symbols;
  for (const std::vector<ActLine>* list : {&data.missing, &data.extra}) {
    for (const ActLine& l : *list) {
      line_symbols.emplace_back();
      if (Status s = EncodeCode128(l.barcode, &line_symbols.back()); !s.ok()) return s;
    }
  }
  const double register_module_pt = FitModulePt(register_symbol, g.width_pt / 2, g.dot_pt,
                                                g.code128_dots_max, g.code128_dots_min);
  const double line_module_pt = FitModulePt(line_symbols[0], kLineBarcodeWidthPt, g.dot_pt,
                                            g.code128_dots_max, g.code128_dots_min);
  if (register_module_pt == 0 || line_module_pt == 0) {
    return Status::TooLarge("barcode_too_long", "a barcode does not fit the act's column");
  }
  double line_width_pt = 0;
  for (const BarcodeSymbol& s : line_symbols) {
    line_width_pt = std::max(line_width_pt, BarcodeWidthPt(s, line_module_pt));
  }

  std::unique_ptr<PdfWriter> writer;
  if (Status s = PdfWriter::Open(kA4WidthPt, kA4HeightPt,
                                 std::string(L(lang, Label::kTitle)) + " № " + data.number,
                                 IsoDateOf(data.drawn_at), &writer);
      !s.ok()) {
    return s;
  }
  A4Chrome chrome;
  if (Status s = chrome.Layout(writer.get(), g, data.center_name, "№ " + data.number, "");
      !s.ok()) {
    return s;
  }

  FormBuilder b(writer.get(), g);
  auto fact = [&](Label label, std::string_view value, bool strong = false,
                  double extra_space = 0) {
    return b.Fact(L(lang, label), value, strong, extra_space);
  };
  std::vector<Status> results;
  results.push_back(b.Paragraph(L(lang, Label::kTitle), g.title, 0));
  results.push_back(fact(Label::kNumber, data.number, true, 10));
  results.push_back(fact(Label::kDrawnAt, data.drawn_at));
  results.push_back(fact(Label::kCenter, data.center_name));
  results.push_back(fact(Label::kProvider, data.provider_name));
  results.push_back(fact(Label::kRegisterNumber, "№ " + data.register_number));
  results.push_back(b.Barcode(kRegisterFigure, BarcodeWidthPt(register_symbol, register_module_pt),
                              data.register_barcode, 8));
  // R35: the delivery is not accepted and goes back to the provider.
  results.push_back(b.Paragraph(std::string(L(lang, Label::kStatementBefore)) +
                                    data.register_number + L(lang, Label::kStatementAfter),
                                g.statement, g.section_space_pt));

  int figure = kRegisterFigure + 1;
  struct List {
    Label heading, total;
    const std::vector<ActLine>* lines;
  };
  for (const List& list : {List{Label::kMissing, Label::kTotalMissing, &data.missing},
                           List{Label::kExtra, Label::kTotalExtra, &data.extra}}) {
    results.push_back(b.Section(L(lang, list.heading), L(lang, Label::kContinued)));
    int n = 0;
    for (const ActLine& l : *list.lines) {
      results.push_back(b.BarcodeRow(++n, figure++, line_width_pt, kLineBarHeightPt, l.barcode,
                                     l.service_name.empty() ? "—" : l.service_name, ""));
    }
    if (list.lines->empty()) {
      results.push_back(b.Paragraph(L(lang, Label::kNone), g.item, 3));
    } else {
      results.push_back(
          b.Paragraph(std::string(L(lang, list.total)) + ": " + std::to_string(list.lines->size()),
                      g.total, 6));
    }
  }

  const std::string line(static_cast<size_t>(g.signature_chars / 2), '_');
  const std::string sign = std::string(L(lang, Label::kSignature)) + ": " + line;
  results.push_back(b.Signatures(
      std::string(L(lang, Label::kCenterEmployee)) + ":\n" + data.employee_full_name + "\n" + sign,
      std::string(L(lang, Label::kCourier)) + ":\n" + line + " (" + L(lang, Label::kFullName) +
          ")\n" + sign,
      g.section_space_pt + 10));
  if (Status s = FirstFailure(results); !s.ok()) return s;

  Frame frame;
  frame.left_pt = g.margin_x_pt;
  frame.top_pt = chrome.body_top();
  frame.bottom_pt = chrome.body_bottom();
  frame.max_pages = kMaxActPages;
  frame.too_long = Status::TooLarge(
      "act_too_long", "the act would exceed " + std::to_string(kMaxActPages) + " pages");
  Status drawn = DrawPages(writer.get(), g, b.items(), frame, &chrome, [&](const FigureOp& f) {
    if (f.figure == kRegisterFigure) {
      DrawBarcode(writer.get(), register_symbol, f.x, f.y, register_module_pt, g.bar_height_pt);
    } else {
      DrawBarcode(writer.get(), line_symbols[f.figure - kRegisterFigure - 1], f.x, f.y,
                  line_module_pt, kLineBarHeightPt);
    }
  });
  if (!drawn.ok()) return drawn;
  return writer->Finish(pdf);
}

}  // namespace tereze::docs
