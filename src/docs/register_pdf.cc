#include "docs/register_pdf.h"

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

// ---- Every word printed on a register, in both languages, in one place. ----

enum class Label {
  kTitleOutgoing,
  kTitleResults,
  kTitleUnclaimed,
  kCopyOneToProvider,
  kCopyTwoToProvider,
  kCopyOneToCenter,
  kCopyTwoToCenter,
  kNumber,
  kCenter,
  kCenterAddress,
  kProvider,
  kDirection,
  kFormedAt,
  kDispatchedAt,
  kMethod,
  kMethodCourier,
  kMethodPost,
  kMethodSystem,
  kCourier,
  kPackages,
  kApplicant,
  kAcceptedOn,
  kDeadline,
  kTotal,
  kHandedOver,
  kReceived,
  kCenterEmployee,
  kProviderOfficer,
  kFullName,
  kSignature,
  kDate,
  kStamp,
  kContinued,
  kCount,
};

using LabelText = docs::LabelText<Label>;

constexpr LabelText kLabels[] = {
    {Label::kTitleOutgoing, "Көрсетілетін қызметті берушіге берілетін құжаттардың тізілімі",
     "Реестр документов, передаваемых услугодателю"},
    {Label::kTitleResults, "Орталыққа берілетін қызмет көрсету нәтижелерінің тізілімі",
     "Реестр результатов оказания услуг, передаваемых в центр"},
    {Label::kTitleUnclaimed,
     "Көрсетілетін қызметті берушіге қайтарылатын талап етілмеген нәтижелердің тізілімі",
     "Реестр невостребованных результатов, возвращаемых услугодателю"},
    {Label::kCopyOneToProvider, "1-дана — көрсетілетін қызметті берушіге",
     "Экземпляр 1 — для услугодателя"},
    {Label::kCopyTwoToProvider,
     "2-дана — көрсетілетін қызметті берушінің қабылдағаны туралы белгісімен орталыққа "
     "қайтарылады",
     "Экземпляр 2 — возвращается в центр с отметкой услугодателя о приёме"},
    {Label::kCopyOneToCenter, "1-дана — орталыққа", "Экземпляр 1 — для центра"},
    {Label::kCopyTwoToCenter,
     "2-дана — орталықтың қабылдағаны туралы белгісімен көрсетілетін қызметті берушіге "
     "қайтарылады",
     "Экземпляр 2 — возвращается услугодателю с отметкой центра о приёме"},
    {Label::kNumber, "Тізілім нөмірі", "Номер реестра"},
    {Label::kCenter, "Орталық", "Центр"},
    {Label::kCenterAddress, "Орталықтың мекенжайы", "Адрес центра"},
    {Label::kProvider, "Көрсетілетін қызметті беруші", "Услугодатель"},
    {Label::kDirection, "Бағыт", "Направление"},
    {Label::kFormedAt, "Қалыптастырылған күні мен уақыты", "Дата и время формирования"},
    {Label::kDispatchedAt, "Жөнелтілген күні мен уақыты", "Дата и время отправки"},
    {Label::kMethod, "Беру тәсілі", "Способ передачи"},
    {Label::kMethodCourier, "курьер арқылы", "курьером"},
    {Label::kMethodPost, "пошта арқылы", "почтой"},
    {Label::kMethodSystem, "ақпараттық жүйе арқылы", "через информационную систему"},
    {Label::kCourier, "Курьер", "Курьер"},
    {Label::kPackages, "Құжаттар топтамаларының тізбесі", "Перечень пакетов документов"},
    {Label::kApplicant, "Өтініш беруші", "Заявитель"},
    {Label::kAcceptedOn, "Қабылданды", "Принято"},
    {Label::kDeadline, "мерзімі", "срок"},
    {Label::kTotal, "Топтамалардың барлығы", "Всего пакетов"},
    {Label::kHandedOver, "Тапсырды", "Сдал"},
    {Label::kReceived, "Қабылдады", "Принял"},
    {Label::kCenterEmployee, "Орталық қызметкері", "Работник центра"},
    {Label::kProviderOfficer, "Көрсетілетін қызметті берушінің лауазымды адамы",
     "Должностное лицо услугодателя"},
    {Label::kFullName, "Т.А.Ә.", "Ф.И.О."},
    {Label::kSignature, "Қолы", "Подпись"},
    {Label::kDate, "Күні", "Дата"},
    {Label::kStamp, "М.О.", "М.П."},
    {Label::kContinued, "жалғасы", "продолжение"},
};

static_assert(LabelsInOrder(kLabels), "kLabels must list every Label once, in enum order");

const char* L(Lang lang, Label label) { return LabelIn(kLabels, lang, label); }

enum class Kind { kOutgoing, kResults, kUnclaimedReturn };

// The line barcodes: a column of 13-digit Code 128 some 35 mm wide, 10 mm tall.
constexpr double kLineBarcodeWidthPt = 130;
constexpr double kLineBarHeightPt = 10 * kPtPerMm;
constexpr int kRegisterFigure = 0;  // line i is figure 1 + i

// ---- Checking the input. ----

Status FieldMissing(const std::string& field) {
  return Status::Malformed("register_field_missing", "the register's " + field + " is empty");
}

Status Validate(const RegisterData& d, Lang* lang, Kind* kind) {
  if (Status s = ParseLang(d.lang, "register", lang); !s.ok()) return s;
  if (d.kind == "outgoing") {
    *kind = Kind::kOutgoing;
  } else if (d.kind == "results") {
    *kind = Kind::kResults;
  } else if (d.kind == "unclaimed_return") {
    *kind = Kind::kUnclaimedReturn;
  } else {
    return Status::Malformed("unknown_register_kind",
                             "a register is outgoing, results or unclaimed_return, not \"" +
                                 d.kind.substr(0, 32) + "\"");
  }
  if (d.lines.size() > kMaxRegisterLines) {
    return Status::TooLarge("too_many_lines", "a register lists at most " +
                                                  std::to_string(kMaxRegisterLines) + " packages");
  }
  if (d.number.size() > kMaxRegisterNumberBytes) {
    return Status::TooLarge(
        "field_too_long",
        "a register's number has at most " + std::to_string(kMaxRegisterNumberBytes) + " bytes");
  }
  std::vector<const std::string*> texts = {
      &d.center_name, &d.center_address, &d.provider_name,     &d.direction_name,
      &d.formed_at,   &d.dispatched_at,  &d.courier_full_name, &d.employee_full_name,
      &d.method,      &d.barcode};
  for (const RegisterLine& l : d.lines) {
    for (const std::string* t : {&l.barcode, &l.service_code, &l.service_name,
                                 &l.applicant_full_name, &l.accepted_on, &l.deadline, &l.note}) {
      texts.push_back(t);
    }
  }
  if (Status s = CheckFieldLengths(texts, kMaxRegisterFieldBytes, "register"); !s.ok()) return s;

  if (Status s = CheckBarcode(d.barcode, domain::BarcodeKind::kRegister, "the register's barcode");
      !s.ok()) {
    return s;
  }
  if (d.number.empty()) return FieldMissing("number");
  if (d.center_name.empty()) return FieldMissing("center name");
  if (d.provider_name.empty()) return FieldMissing("provider name");
  if (d.employee_full_name.empty()) return FieldMissing("employee who formed it");
  if (d.formed_at.empty()) return FieldMissing("date and time of forming");
  if (!IsDotDateTime(d.formed_at)) {
    return Status::Malformed("invalid_date", "formed_at is not \"dd.mm.yyyy hh:mm\"");
  }
  if (!d.dispatched_at.empty() && !IsDotDateTime(d.dispatched_at)) {
    return Status::Malformed("invalid_date", "dispatched_at is not \"dd.mm.yyyy hh:mm\"");
  }
  if (!d.method.empty() && d.method != "courier" && d.method != "post" && d.method != "system") {
    return Status::Malformed(
        "unknown_dispatch_method",
        "a register goes by courier, post or system (R33), not \"" + d.method.substr(0, 32) + "\"");
  }
  if (!d.courier_full_name.empty() && d.method != "courier") {
    return Status::Malformed("courier_without_courier_method",
                             "a courier is named only on a register sent by courier");
  }
  if (d.lines.empty()) {
    return Status::Refused("register_empty", "a register lists at least one package");
  }
  std::set<std::string_view> seen;
  for (size_t i = 0; i < d.lines.size(); ++i) {
    const RegisterLine& l = d.lines[i];
    const std::string line = "line " + std::to_string(i + 1) + "'s ";
    if (Status s = CheckBarcode(l.barcode, domain::BarcodeKind::kApplication, line + "barcode");
        !s.ok()) {
      return s;
    }
    if (!seen.insert(l.barcode).second) {
      return Status::Refused("duplicate_package", "package " + l.barcode + " is listed twice");
    }
    if (l.service_code.empty()) return FieldMissing(line + "service code");
    if (l.service_name.empty()) return FieldMissing(line + "service name");
    if (l.accepted_on.empty()) return FieldMissing(line + "acceptance date");
    if (!IsDotDate(l.accepted_on) || (!l.deadline.empty() && !IsDotDate(l.deadline))) {
      return Status::Malformed("invalid_date", line + "date is not \"dd.mm.yyyy\"");
    }
  }
  return Status::Ok();
}

// ---- Building a copy. ----

Label TitleOf(Kind kind) {
  switch (kind) {
    case Kind::kOutgoing:
      return Label::kTitleOutgoing;
    case Kind::kResults:
      return Label::kTitleResults;
    case Kind::kUnclaimedReturn:
    default:
      return Label::kTitleUnclaimed;
  }
}

// Outgoing and unclaimed registers go from the center to the provider, the
// register of results the other way (R34): the copies and the blocks to sign
// follow the packages.
Label CopyOf(Kind kind, int copy) {
  if (kind == Kind::kResults) return copy == 0 ? Label::kCopyOneToCenter : Label::kCopyTwoToCenter;
  return copy == 0 ? Label::kCopyOneToProvider : Label::kCopyTwoToProvider;
}

std::string MethodOf(Lang lang, const std::string& method) {
  if (method == "courier") return L(lang, Label::kMethodCourier);
  if (method == "post") return L(lang, Label::kMethodPost);
  return L(lang, Label::kMethodSystem);
}

// "00512003 — name / Заявитель: … / Принято: 24.11.2026; срок: 09.12.2026".
std::string LineText(Lang lang, const RegisterLine& l) {
  std::string text = l.service_code + " — " + l.service_name;
  if (!l.applicant_full_name.empty()) {
    text += "\n" + std::string(L(lang, Label::kApplicant)) + ": " + l.applicant_full_name;
  }
  text += "\n" + std::string(L(lang, Label::kAcceptedOn)) + ": " + l.accepted_on;
  if (!l.deadline.empty())
    text += "; " + std::string(L(lang, Label::kDeadline)) + ": " + l.deadline;
  return text;
}

// The two blocks to sign: who handed the packages over and who received them.
// The sender's side names the employee who formed the register; the
// receiver's is filled in by hand, with the stamp.
void SignatureTexts(Lang lang, Kind kind, const std::string& employee, int signature_chars,
                    std::string* handed, std::string* received) {
  const std::string line(static_cast<size_t>(signature_chars), '_');
  const Label sender = kind == Kind::kResults ? Label::kProviderOfficer : Label::kCenterEmployee;
  const Label receiver = kind == Kind::kResults ? Label::kCenterEmployee : Label::kProviderOfficer;
  const std::string sign_and_date = std::string(L(lang, Label::kSignature)) + ": " + line + "\n" +
                                    L(lang, Label::kDate) + ": " + line;
  *handed = std::string(L(lang, Label::kHandedOver)) + ":\n" + L(lang, sender) + ": " + employee +
            "\n" + sign_and_date;
  *received = std::string(L(lang, Label::kReceived)) + ":\n" + L(lang, receiver) + ":\n" + line +
              " (" + L(lang, Label::kFullName) + ")\n" + sign_and_date + "\n" +
              L(lang, Label::kStamp);
}

Status BuildCopy(const RegisterData& d, Lang lang, Kind kind, int copy, const FormGeometry& g,
                 double register_width_pt, double line_width_pt, FormBuilder* b) {
  auto fact = [&](Label label, std::string_view value, bool strong = false,
                  double extra_space = 0) {
    return b->Fact(L(lang, label), value, strong, extra_space);
  };
  std::vector<Status> results;
  results.push_back(b->Paragraph(L(lang, TitleOf(kind)), g.title, 0));
  TextStyle copy_style = g.statement;
  copy_style.align = Align::kCenter;
  results.push_back(b->Paragraph(L(lang, CopyOf(kind, copy)), copy_style, 6));
  results.push_back(b->Barcode(kRegisterFigure, register_width_pt, d.barcode, 10));
  results.push_back(fact(Label::kNumber, d.number, true, 8));
  results.push_back(fact(Label::kCenter, d.center_name));
  if (!d.center_address.empty()) results.push_back(fact(Label::kCenterAddress, d.center_address));
  results.push_back(fact(Label::kProvider, d.provider_name));
  if (!d.direction_name.empty()) results.push_back(fact(Label::kDirection, d.direction_name));
  results.push_back(fact(Label::kFormedAt, d.formed_at));
  if (!d.dispatched_at.empty()) results.push_back(fact(Label::kDispatchedAt, d.dispatched_at));
  if (!d.method.empty()) results.push_back(fact(Label::kMethod, MethodOf(lang, d.method)));
  if (!d.courier_full_name.empty()) results.push_back(fact(Label::kCourier, d.courier_full_name));

  results.push_back(b->Section(L(lang, Label::kPackages), L(lang, Label::kContinued)));
  for (size_t i = 0; i < d.lines.size(); ++i) {
    const RegisterLine& l = d.lines[i];
    results.push_back(b->BarcodeRow(static_cast<int>(i) + 1,
                                    kRegisterFigure + 1 + static_cast<int>(i), line_width_pt,
                                    kLineBarHeightPt, l.barcode, LineText(lang, l), l.note));
  }
  results.push_back(
      b->Paragraph(std::string(L(lang, Label::kTotal)) + ": " + std::to_string(d.lines.size()),
                   g.total, g.section_space_pt));
  std::string handed, received;
  SignatureTexts(lang, kind, d.employee_full_name, g.signature_chars / 2, &handed, &received);
  results.push_back(b->Signatures(handed, received, g.section_space_pt + 6));
  return FirstFailure(results);
}

}  // namespace

Status RenderRegisterPdf(const RegisterData& data, std::string* pdf) {
  Lang lang;
  Kind kind;
  if (Status s = Validate(data, &lang, &kind); !s.ok()) return s;
  const FormGeometry& g = kA4Form;

  // Every symbol first, each drawn on both copies.
  BarcodeSymbol register_symbol;
  if (Status s = EncodeCode128(data.barcode, &register_symbol); !s.ok()) return s;
  std::vector<BarcodeSymbol> line_symbols(data.lines.size());
  for (size_t i = 0; i < data.lines.size(); ++i) {
    if (Status s = EncodeCode128(data.lines[i].barcode, &line_symbols[i]); !s.ok()) return s;
  }
  const double register_module_pt = FitModulePt(register_symbol, g.width_pt / 2, g.dot_pt,
                                                g.code128_dots_max, g.code128_dots_min);
  // Every line's symbol has the same 13 digits' width: one module for all.
  const double line_module_pt = FitModulePt(line_symbols[0], kLineBarcodeWidthPt, g.dot_pt,
                                            g.code128_dots_max, g.code128_dots_min);
  if (register_module_pt == 0 || line_module_pt == 0) {
    return Status::TooLarge("barcode_too_long", "a barcode does not fit the register's column");
  }
  double line_width_pt = 0;
  for (const BarcodeSymbol& s : line_symbols) {
    line_width_pt = std::max(line_width_pt, BarcodeWidthPt(s, line_module_pt));
  }

  std::unique_ptr<PdfWriter> writer;
  if (Status s = PdfWriter::Open(kA4WidthPt, kA4HeightPt,
                                 std::string(L(lang, TitleOf(kind))) + " № " + data.number,
                                 IsoDateOf(data.formed_at), &writer);
      !s.ok()) {
    return s;
  }
  for (int copy = 0; copy < 2; ++copy) {
    // Every page of a copy repeats the center and the register's number, and
    // names the copy at the bottom.
    A4Chrome chrome;
    if (Status s = chrome.Layout(writer.get(), g, data.center_name, "№ " + data.number,
                                 L(lang, CopyOf(kind, copy)));
        !s.ok()) {
      return s;
    }
    FormBuilder b(writer.get(), g);
    if (Status s =
            BuildCopy(data, lang, kind, copy, g,
                      BarcodeWidthPt(register_symbol, register_module_pt), line_width_pt, &b);
        !s.ok()) {
      return s;
    }
    Frame frame;
    frame.left_pt = g.margin_x_pt;
    frame.top_pt = chrome.body_top();
    frame.bottom_pt = chrome.body_bottom();
    frame.max_pages = kMaxRegisterPagesPerCopy;
    frame.too_long = Status::TooLarge("register_too_long",
                                      "a copy of the register would exceed " +
                                          std::to_string(kMaxRegisterPagesPerCopy) + " pages");
    Status drawn = DrawPages(writer.get(), g, b.items(), frame, &chrome, [&](const FigureOp& f) {
      if (f.figure == kRegisterFigure) {
        DrawBarcode(writer.get(), register_symbol, f.x, f.y, register_module_pt, g.bar_height_pt);
      } else {
        DrawBarcode(writer.get(), line_symbols[f.figure - kRegisterFigure - 1], f.x, f.y,
                    line_module_pt, kLineBarHeightPt);
      }
    });
    if (!drawn.ok()) return drawn;
  }
  return writer->Finish(pdf);
}

}  // namespace tereze::docs
