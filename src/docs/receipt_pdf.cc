#include "docs/receipt_pdf.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docs/barcode.h"
#include "docs/checklist_pdf.h"
#include "docs/flow.h"
#include "docs/labels.h"
#include "docs/pdf_writer.h"

namespace tereze::docs {
namespace {

// ---- Every word printed on a receipt, in both languages, in one place. ----

enum class Label {
  kTitleReceipt,
  kTitleRefusal,
  kServiceCode,
  kServiceName,
  kApplicant,
  kRepresentative,
  kPowerOfAttorney,
  kSubmittedAt,
  kAppliedAt,
  kIssueDate,
  kPrice,
  kRefusalStatement,
  kMissingDocuments,
  kAcceptedDocuments,
  kPresentedDocuments,
  kNoDocuments,
  kOriginal,
  kCopy,
  kElectronic,
  kStateSystem,
  kSheetOne,
  kSheetFew,
  kSheetMany,
  kPayments,
  kPaymentDocument,
  kTotal,
  kAcceptedBy,
  kRefusedBy,
  kEmployeeSignature,
  kApplicantSignature,
  kReceiptNote,
  kRefusalNote,
  kTracking,
  kContinued,
  kCount,
};

using LabelText = docs::LabelText<Label>;

// Kazakh nouns do not change after a numeral, so its three "forms" are one.
constexpr LabelText kLabels[] = {
    {Label::kTitleReceipt, "Құжаттарды қабылдау туралы қолхат", "Расписка о приёме документов"},
    {Label::kTitleRefusal, "Құжаттарды қабылдаудан бас тарту туралы қолхат",
     "Расписка об отказе в приёме документов"},
    {Label::kServiceCode, "Қызмет коды", "Код услуги"},
    {Label::kServiceName, "Қызмет атауы", "Наименование услуги"},
    {Label::kApplicant, "Өтініш беруші", "Заявитель"},
    {Label::kRepresentative, "Өкіл", "Представитель"},
    {Label::kPowerOfAttorney, "Сенімхат", "Доверенность"},
    {Label::kSubmittedAt, "Құжаттарды тапсыру күні мен уақыты", "Дата и время подачи документов"},
    {Label::kAppliedAt, "Жүгінген күні мен уақыты", "Дата и время обращения"},
    {Label::kIssueDate, "Нәтиже берілетін күні", "Дата выдачи результата"},
    {Label::kPrice, "Ақылы қызмет құны", "Стоимость платной услуги"},
    {Label::kRefusalStatement,
     "Қызмет көрсету үшін қажетті құжаттар топтамасы толық ұсынылмағандықтан, құжаттарды "
     "қабылдаудан бас тартылды.",
     "В приёме документов отказано, так как представлен неполный пакет документов, необходимых "
     "для оказания услуги."},
    {Label::kMissingDocuments, "Жетіспейтін құжаттар", "Недостающие документы"},
    {Label::kAcceptedDocuments, "Қабылданған құжаттар", "Принятые документы"},
    {Label::kPresentedDocuments, "Ұсынылған құжаттар", "Представленные документы"},
    {Label::kNoDocuments, "Құжаттар ұсынылмаған", "Документы не представлены"},
    {Label::kOriginal, "түпнұсқа", "оригинал"},
    {Label::kCopy, "көшірме", "копия"},
    {Label::kElectronic, "электрондық көшірме", "электронная копия"},
    {Label::kStateSystem, "мемлекеттік ақпараттық жүйеден алынады",
     "получается из государственной информационной системы"},
    {Label::kSheetOne, "парақ", "лист"},
    {Label::kSheetFew, "парақ", "листа"},
    {Label::kSheetMany, "парақ", "листов"},
    {Label::kPayments, "Міндетті төлемдер", "Обязательные платежи"},
    {Label::kPaymentDocument, "Төлем құжаты", "Платёжный документ"},
    {Label::kTotal, "Барлығы", "Итого"},
    {Label::kAcceptedBy, "Құжаттарды қабылдаған қызметкер", "Работник, принявший документы"},
    {Label::kRefusedBy, "Қабылдаудан бас тартқан қызметкер", "Работник, отказавший в приёме"},
    {Label::kEmployeeSignature, "Қызметкердің қолы", "Подпись работника"},
    {Label::kApplicantSignature, "Өтініш берушінің қолы", "Подпись заявителя"},
    {Label::kReceiptNote,
     "Нәтижені алу кезінде жеке басыңызды куәландыратын құжатты және осы қолхатты көрсетіңіз.",
     "При получении результата предъявите документ, удостоверяющий личность, и эту расписку."},
    {Label::kRefusalNote, "Жетіспейтін құжаттарды жинағаннан кейін қайта жүгіне аласыз.",
     "Собрав недостающие документы, вы можете обратиться повторно."},
    {Label::kTracking,
     "Өтінішіңіздің орындалу барысын QR-кодты сканерлеп немесе мына сілтеме бойынша бақылай "
     "аласыз:",
     "Ход исполнения заявления можно отслеживать, отсканировав QR-код, или по ссылке:"},
    {Label::kContinued, "жалғасы", "продолжение"},
};

// The table is indexed by the enum: a missing or misplaced row fails to compile.
static_assert(LabelsInOrder(kLabels), "kLabels must list every Label once, in enum order");

const char* L(Lang lang, Label label) { return LabelIn(kLabels, lang, label); }

// "оригинал, 3 листа" / "түпнұсқа, 3 парақ"; the sheet count only when known.
std::string DocumentNote(Lang lang, const ReceiptDocument& doc) {
  Label kind = doc.kind == "original"       ? Label::kOriginal
               : doc.kind == "copy"         ? Label::kCopy
               : doc.kind == "state_system" ? Label::kStateSystem
                                            : Label::kElectronic;
  std::string note = L(lang, kind);
  if (doc.pages > 0) {
    int form = RussianPluralForm(doc.pages);
    Label sheets = form == 1 ? Label::kSheetOne : form == 2 ? Label::kSheetFew : Label::kSheetMany;
    note += ", " + std::to_string(doc.pages) + " " + L(lang, sheets);
  }
  return note;
}

// ---- The two papers. ----

// Everything that differs between the roll and the sheet.
struct Geometry {
  double page_width_pt;
  double margin_x_pt;  // left and right
  double margin_top_pt, margin_bottom_pt;
  double width_pt;        // of the body
  double label_width_pt;  // the facts' label column; 0: the label goes above its value
  double number_width_pt;
  double item_x_pt;  // where a numbered entry's text starts
  double amount_width_pt;
  double section_space_pt;
  int signature_chars;   // underscores to sign on, short enough to stay on the label's line
  double bar_height_pt;  // of the Code 128 bars
  // Modules are whole printer dots, so that no bar is rendered a dot wider
  // than its neighbour; the widest that fits, down to the narrowest scanners
  // read reliably.
  double dot_pt;
  int code128_dots_max, code128_dots_min;
  int qr_dots_max, qr_dots_min;
  TextStyle center, address, title, digits, label, value, value_strong, statement, section,
      continued, item, number, note, amount, total, total_amount, small, header,
      footer;  // header and footer: A4 only
};

// A roll: 80 mm paper of which 72 mm are printed; 203 dpi heads, 8 dots/mm.
constexpr double kThermalDotPt = kPtPerMm / 8;
constexpr double kThermalMarginPt =
    (kThermalPaperWidthMm - kThermalPrintableWidthMm) / 2 * kPtPerMm;

constexpr Geometry kThermal{
    .page_width_pt = kThermalPaperWidthMm * kPtPerMm,
    .margin_x_pt = kThermalMarginPt,
    .margin_top_pt = 4 * kPtPerMm,
    .margin_bottom_pt = 10 * kPtPerMm,  // room above the cutter
    .width_pt = kThermalPrintableWidthMm * kPtPerMm,
    .label_width_pt = 0,
    .number_width_pt = 14,
    .item_x_pt = 18,
    .amount_width_pt = 70,
    .section_space_pt = 9,
    .signature_chars = 14,
    .bar_height_pt = 12 * kPtPerMm,
    .dot_pt = kThermalDotPt,
    .code128_dots_max = 3,  // 0.375 mm
    .code128_dots_min = 2,  // 0.25 mm
    .qr_dots_max = 4,       // 0.5 mm
    .qr_dots_min = 3,
    .center = {.size_pt = 9, .bold = true, .align = Align::kCenter},
    .address = {.size_pt = 7.5, .align = Align::kCenter},
    .title = {.size_pt = 10.5, .bold = true, .align = Align::kCenter},
    .digits = {.size_pt = 9, .align = Align::kCenter},
    .label = {.size_pt = 7.5, .gray = 0.3},
    .value = {.size_pt = 8.5},
    .value_strong = {.size_pt = 9.5, .bold = true},
    .statement = {.size_pt = 8.5, .bold = true},
    .section = {.size_pt = 9, .bold = true},
    .continued = {.size_pt = 8, .bold = true, .gray = 0.3},
    .item = {.size_pt = 8.5},
    .number = {.size_pt = 8.5, .align = Align::kRight},
    .note = {.size_pt = 7.5, .italic = true, .gray = 0.3},
    .amount = {.size_pt = 8.5, .align = Align::kRight},
    .total = {.size_pt = 8.5, .bold = true},
    .total_amount = {.size_pt = 8.5, .bold = true, .align = Align::kRight},
    .small = {.size_pt = 7.5, .align = Align::kCenter},
    .header = {},
    .footer = {},
};

// An office sheet; modules in 1/600 in, the laser printers' dot.
constexpr double kA4MarginPt = 50;
constexpr Geometry kA4{
    .page_width_pt = kA4WidthPt,
    .margin_x_pt = kA4MarginPt,
    .margin_top_pt = kA4MarginPt,
    .margin_bottom_pt = kA4MarginPt,
    .width_pt = kA4WidthPt - 2 * kA4MarginPt,
    .label_width_pt = 180,
    .number_width_pt = 20,
    .item_x_pt = 26,
    .amount_width_pt = 120,
    .section_space_pt = 14,
    .signature_chars = 24,
    .bar_height_pt = 15 * kPtPerMm,
    .dot_pt = 72.0 / 600,
    .code128_dots_max = 9,  // 0.381 mm
    .code128_dots_min = 6,  // 0.254 mm
    .qr_dots_max = 15,      // 0.635 mm: some 25 mm for a short link, easy for a phone
    .qr_dots_min = 9,
    .center = {.size_pt = 9, .bold = true},
    .address = {.size_pt = 8, .gray = 0.35},
    .title = {.size_pt = 14, .bold = true, .align = Align::kCenter},
    .digits = {.size_pt = 10, .align = Align::kCenter},
    .label = {.size_pt = 10, .gray = 0.35},
    .value = {.size_pt = 10.5},
    .value_strong = {.size_pt = 11, .bold = true},
    .statement = {.size_pt = 11, .bold = true},
    .section = {.size_pt = 11, .bold = true},
    .continued = {.size_pt = 9, .bold = true, .gray = 0.35},
    .item = {.size_pt = 10.5},
    .number = {.size_pt = 10.5, .align = Align::kRight},
    .note = {.size_pt = 8.5, .italic = true, .gray = 0.3},
    .amount = {.size_pt = 10.5, .align = Align::kRight},
    .total = {.size_pt = 10.5, .bold = true},
    .total_amount = {.size_pt = 10.5, .bold = true, .align = Align::kRight},
    .small = {.size_pt = 9},
    .header = {.size_pt = 9, .bold = true, .align = Align::kRight},
    .footer = {.size_pt = 8, .gray = 0.35, .align = Align::kRight},
};

constexpr double kHeaderNumberWidthPt = 150;  // A4: "№ 123…" at the right of the header
constexpr double kRuleOffsetPt = 4;           // between a header/footer text and its rule
constexpr double kHeaderGapPt = 14;           // between the header's rule and the body

enum Figure { kCode128Figure = 0, kQrFigure = 1 };

// The widest module, in whole dots from `max_dots` down to `min_dots`, with
// which `symbol` fits `width_pt`; 0 when none does.
double FitModulePt(const BarcodeSymbol& symbol, double width_pt, double dot_pt, int max_dots,
                   int min_dots) {
  for (int dots = max_dots; dots >= min_dots; --dots) {
    if (BarcodeWidthPt(symbol, dots * dot_pt) <= width_pt) return dots * dot_pt;
  }
  return 0;
}

// ---- Building the body. ----

class Builder {
 public:
  Builder(PdfWriter* writer, const Geometry& g, Lang lang)
      : flow_(writer, g.margin_x_pt), g_(g), lang_(lang) {}

  Status Paragraph(std::string_view text, const TextStyle& style, double space_before) {
    Item item;
    item.space_before = space_before;
    if (Status s = flow_.AddPiece(&item, text, style, 0, g_.width_pt); !s.ok()) return s;
    flow_.Push(std::move(item));
    return Status::Ok();
  }

  // A heading; a page break among its items repeats it, marked "(continued)".
  Status Section(Label label) {
    Item item;
    item.space_before = g_.section_space_pt;
    item.keep_with_next = true;
    if (Status s = flow_.AddPiece(&item, L(lang_, label), g_.section, 0, g_.width_pt); !s.ok()) {
      return s;
    }
    std::string continued = std::string(L(lang_, label)) + " (" + L(lang_, Label::kContinued) + ")";
    return flow_.Section(std::move(item), continued, g_.continued, g_.width_pt);
  }

  // On A4 the label in a column at the left; on a roll, too narrow for two
  // columns, the label in small grey type above its value.
  Status Fact(Label label, std::string_view value, bool strong = false, double extra_space = 0) {
    Item item;
    item.space_before = (g_.label_width_pt > 0 ? 3 : 4) + extra_space;
    const TextStyle& value_style = strong ? g_.value_strong : g_.value;
    std::string label_text = std::string(L(lang_, label)) + ":";
    if (g_.label_width_pt > 0) {
      if (Status s = flow_.AddSide(&item, label_text, g_.label, 0, g_.label_width_pt - 8);
          !s.ok()) {
        return s;
      }
      if (Status s = flow_.AddPiece(&item, value, value_style, g_.label_width_pt,
                                    g_.width_pt - g_.label_width_pt);
          !s.ok()) {
        return s;
      }
    } else {
      if (Status s = flow_.AddPiece(&item, L(lang_, label), g_.label, 0, g_.width_pt); !s.ok()) {
        return s;
      }
      if (Status s = flow_.AddPiece(&item, value, value_style, 0, g_.width_pt, 0.5); !s.ok()) {
        return s;
      }
    }
    flow_.Push(std::move(item));
    return Status::Ok();
  }

  // "3." and the text, with a grey note under it when there is one.
  Status Numbered(int number, std::string_view text, std::string_view note) {
    Item item;
    item.space_before = 3;
    std::string n = std::to_string(number) + ".";
    if (Status s = flow_.AddSide(&item, n, g_.number, 0, g_.number_width_pt); !s.ok()) return s;
    if (Status s = flow_.AddPiece(&item, text, g_.item, g_.item_x_pt, g_.width_pt - g_.item_x_pt);
        !s.ok()) {
      return s;
    }
    if (!note.empty()) {
      if (Status s =
              flow_.AddPiece(&item, note, g_.note, g_.item_x_pt, g_.width_pt - g_.item_x_pt, 1);
          !s.ok()) {
        return s;
      }
    }
    flow_.Push(std::move(item));
    return Status::Ok();
  }

  // A payment, or their total: the name (and reference) left, the amount right.
  Status Money(std::string_view name, std::string_view reference, int64_t tiyn, bool total) {
    Item item;
    item.space_before = total ? 6 : 3;
    item.rule_above = total;
    const double name_width = g_.width_pt - g_.amount_width_pt - g_.item_x_pt - 6;
    if (Status s = flow_.AddSide(&item, FormatTenge(tiyn), total ? g_.total_amount : g_.amount,
                                 g_.width_pt - g_.amount_width_pt, g_.amount_width_pt);
        !s.ok()) {
      return s;
    }
    if (Status s =
            flow_.AddPiece(&item, name, total ? g_.total : g_.item, g_.item_x_pt, name_width);
        !s.ok()) {
      return s;
    }
    if (!reference.empty()) {
      std::string note =
          std::string(L(lang_, Label::kPaymentDocument)) + ": " + std::string(reference);
      if (Status s = flow_.AddPiece(&item, note, g_.note, g_.item_x_pt, name_width, 1); !s.ok()) {
        return s;
      }
    }
    flow_.Push(std::move(item));
    return Status::Ok();
  }

  // The Code 128 symbol centred, its text under it.
  Status Barcode(const BarcodeSymbol& symbol, double module_pt, std::string_view text,
                 double space_before) {
    Item item;
    item.space_before = space_before;
    double w = BarcodeWidthPt(symbol, module_pt);
    flow_.AddFigure(&item, kCode128Figure, (g_.width_pt - w) / 2, g_.bar_height_pt);
    if (Status s = flow_.AddPiece(&item, text, g_.digits, 0, g_.width_pt, 2); !s.ok()) return s;
    flow_.Push(std::move(item));
    return Status::Ok();
  }

  // The QR code with what it is for and the link in letters: on A4 the
  // explanation beside the code, on a roll centred under it.
  Status Tracking(const BarcodeSymbol& symbol, double module_pt, std::string_view url) {
    Item item;
    item.space_before = g_.section_space_pt;
    const double side = BarcodeWidthPt(symbol, module_pt);
    std::string caption = std::string(L(lang_, Label::kTracking)) + "\n" + std::string(url);
    if (g_.label_width_pt > 0) {
      flow_.AddFigure(&item, kQrFigure, 0, side);
      const double x = side + 6;
      // The caption starts level with the code's first row of modules, not its quiet zone.
      if (Status s = flow_.AddSide(&item, caption, g_.small, x, g_.width_pt - x,
                                   kQrQuietModules * module_pt);
          !s.ok()) {
        return s;
      }
    } else {
      if (Status s = flow_.AddPiece(&item, L(lang_, Label::kTracking), g_.small, 0, g_.width_pt);
          !s.ok()) {
        return s;
      }
      flow_.AddFigure(&item, kQrFigure, (g_.width_pt - side) / 2, side, 2);
      if (Status s = flow_.AddPiece(&item, url, g_.small, 0, g_.width_pt); !s.ok()) return s;
    }
    flow_.Push(std::move(item));
    return Status::Ok();
  }

  std::vector<Item>& items() { return flow_.items(); }

 private:
  FlowBuilder flow_;
  const Geometry& g_;
  Lang lang_;
};

// ---- Checking the input. ----

bool Digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int Number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// "dd.mm.yyyy", a day and month in range (the calendar itself is the caller's).
bool IsDotDate(std::string_view s) {
  if (s.size() != 10 || s[2] != '.' || s[5] != '.') return false;
  std::string_view d = s.substr(0, 2), m = s.substr(3, 2), y = s.substr(6, 4);
  if (!Digits(d) || !Digits(m) || !Digits(y)) return false;
  return Number(d) >= 1 && Number(d) <= 31 && Number(m) >= 1 && Number(m) <= 12;
}

// "dd.mm.yyyy hh:mm".
bool IsDotDateTime(std::string_view s) {
  if (s.size() != 16 || s[10] != ' ' || s[13] != ':' || !IsDotDate(s.substr(0, 10))) return false;
  std::string_view h = s.substr(11, 2), m = s.substr(14, 2);
  return Digits(h) && Digits(m) && Number(h) <= 23 && Number(m) <= 59;
}

Status FieldMissing(const char* field) {
  return Status::Malformed("receipt_field_missing",
                           std::string("the receipt's ") + field + " is empty");
}

Status Validate(const ReceiptData& d) {
  if (d.lang != "kk" && d.lang != "ru") {
    return Status::Malformed("unsupported_language", "a receipt is printed in kk or ru (R19)");
  }
  if (d.barcode.empty() || !Digits(d.barcode)) {
    return Status::Malformed("barcode_invalid", "a receipt's barcode is one or more digits");
  }
  if (d.barcode.size() > kMaxReceiptBarcodeDigits) {
    return Status::TooLarge(
        "barcode_too_long",
        "a receipt's barcode has at most " + std::to_string(kMaxReceiptBarcodeDigits) + " digits");
  }
  if (d.documents.size() > kMaxReceiptDocuments ||
      d.missing_documents.size() > kMaxReceiptDocuments) {
    return Status::TooLarge("too_many_documents", "a receipt lists at most " +
                                                      std::to_string(kMaxReceiptDocuments) +
                                                      " documents in each list");
  }
  if (d.payments.size() > kMaxReceiptPayments) {
    return Status::TooLarge(
        "too_many_payments",
        "a receipt lists at most " + std::to_string(kMaxReceiptPayments) + " payments");
  }
  std::vector<const std::string*> texts = {
      &d.center_name,       &d.center_address,      &d.service_code,
      &d.service_name,      &d.applicant_full_name, &d.representative_full_name,
      &d.power_of_attorney, &d.employee_full_name,  &d.submitted_at,
      &d.issue_date,        &d.tracking_url};
  for (const ReceiptDocument& doc : d.documents) texts.push_back(&doc.name);
  for (const std::string& name : d.missing_documents) texts.push_back(&name);
  for (const ReceiptPayment& p : d.payments) {
    texts.push_back(&p.name);
    texts.push_back(&p.reference);
  }
  for (const std::string* t : texts) {
    if (t->size() > kMaxReceiptFieldBytes) {
      return Status::TooLarge(
          "field_too_long",
          "a text on a receipt exceeds " + std::to_string(kMaxReceiptFieldBytes) + " bytes");
    }
  }

  if (d.center_name.empty()) return FieldMissing("center name");
  if (d.service_code.empty()) return FieldMissing("service code");
  if (d.service_name.empty()) return FieldMissing("service name");
  if (d.applicant_full_name.empty()) return FieldMissing("applicant");
  if (d.employee_full_name.empty()) return FieldMissing("employee");  // R18.5
  if (d.submitted_at.empty()) return FieldMissing("date and time of submission");
  if (!IsDotDateTime(d.submitted_at)) {
    return Status::Malformed("invalid_date", "submitted_at is not \"dd.mm.yyyy hh:mm\"");
  }
  if (d.refusal) {
    if (!d.issue_date.empty()) {
      return Status::Refused("refusal_with_issue_date",
                             "a refused package has no result to issue (R18.6)");
    }
    if (d.missing_documents.empty()) {
      return Status::Refused("missing_documents_required",
                             "a refusal receipt names each missing document (R18.6)");
    }
  } else {
    if (d.issue_date.empty()) return FieldMissing("issue date");  // R18.5
    if (!IsDotDate(d.issue_date)) {
      return Status::Malformed("invalid_date", "issue_date is not \"dd.mm.yyyy\"");
    }
    if (d.tracking_url.empty()) return FieldMissing("tracking link");
  }
  if (d.representative_full_name.empty() && !d.power_of_attorney.empty()) {
    return Status::Malformed("power_of_attorney_without_representative",
                             "a power of attorney is printed with the representative it names");
  }
  // R17: a representative without a power of attorney is not accepted; a
  // refusal may still be handed to them.
  if (!d.refusal && !d.representative_full_name.empty() && d.power_of_attorney.empty()) {
    return Status::Refused("power_of_attorney_missing",
                           "a representative's receipt names the power of attorney (R17)");
  }
  for (const ReceiptDocument& doc : d.documents) {
    if (doc.name.empty()) return FieldMissing("document name");
    if (doc.kind != "original" && doc.kind != "copy" && doc.kind != "electronic" &&
        doc.kind != "state_system") {
      return Status::Malformed("unknown_document_kind",
                               "a document is an original, a copy or electronic, not \"" +
                                   doc.kind.substr(0, 32) + "\"");
    }
    if (doc.pages < 0 || doc.pages > kMaxReceiptDocumentPages) {
      return Status::Malformed(
          "invalid_page_count",
          "a document has 0 to " + std::to_string(kMaxReceiptDocumentPages) + " sheets");
    }
  }
  for (const std::string& name : d.missing_documents) {
    if (name.empty()) return FieldMissing("missing document's name");
  }
  for (const ReceiptPayment& p : d.payments) {
    if (p.name.empty()) return FieldMissing("payment name");
    if (p.amount_tiyn < 0) return Status::Malformed("negative_amount", "a payment is negative");
  }
  if (d.price_tiyn < 0) return Status::Malformed("negative_amount", "the price is negative");
  return Status::Ok();
}

// "24.11.2026 10:00" -> "2026-11-24", the PDF's creation date: the same
// receipt printed twice is the same bytes.
std::string IsoDate(std::string_view dotted) {
  return std::string(dotted.substr(6, 4)) + "-" + std::string(dotted.substr(3, 2)) + "-" +
         std::string(dotted.substr(0, 2));
}

}  // namespace

Status RenderReceiptPdf(const ReceiptData& data, PaperLayout layout, std::string* pdf) {
  if (Status s = Validate(data); !s.ok()) return s;
  const Lang lang = data.lang == "kk" ? Lang::kKk : Lang::kRu;
  const bool roll = layout == PaperLayout::kThermal80mm;
  const Geometry& g = roll ? kThermal : kA4;

  int64_t total = 0;
  for (const ReceiptPayment& p : data.payments) {
    if (__builtin_add_overflow(total, p.amount_tiyn, &total)) {
      return Status::Malformed("amount_overflow", "the payments do not fit in 64 bits");
    }
  }

  // The symbols first: a link too long for a QR code fails before any layout.
  BarcodeSymbol code128, qr;
  if (Status s = EncodeCode128(data.barcode, &code128); !s.ok()) return s;
  const bool tracked = !data.tracking_url.empty();
  if (tracked) {
    if (Status s = EncodeQrCode(data.tracking_url, &qr); !s.ok()) return s;
  }
  const double code128_module_pt =
      FitModulePt(code128, g.width_pt, g.dot_pt, g.code128_dots_max, g.code128_dots_min);
  // The QR code takes at most half a sheet's width; on a roll, all of it.
  const double qr_module_pt = tracked ? FitModulePt(qr, roll ? g.width_pt : g.width_pt / 2,
                                                    g.dot_pt, g.qr_dots_max, g.qr_dots_min)
                                      : 0;
  if (code128_module_pt == 0 || (tracked && qr_module_pt == 0)) {
    return Status::TooLarge("barcode_too_long", "a barcode does not fit the paper's width");
  }

  const Label title = data.refusal ? Label::kTitleRefusal : Label::kTitleReceipt;
  const double initial_height_pt = roll ? kMaxPageSidePt : kA4HeightPt;
  std::unique_ptr<PdfWriter> writer;
  if (Status s = PdfWriter::Open(g.page_width_pt, initial_height_pt,
                                 std::string(L(lang, title)) + " № " + data.barcode,
                                 IsoDate(data.submitted_at), &writer);
      !s.ok()) {
    return s;
  }

  // A4 repeats the center and the number at the top of every page, the
  // address and the page number at the bottom; a roll has one page, and the
  // center heads its body.
  std::unique_ptr<TextBlock> header_center, header_number, footer_address;
  double body_top = g.margin_top_pt, body_bottom = kMaxPageSidePt - g.margin_bottom_pt;
  double header_rule_y = 0, footer_rule_y = 0, footer_top = 0;
  if (!roll) {
    if (Status s = writer->Layout(data.center_name, g.center,
                                  g.width_pt - kHeaderNumberWidthPt - 10, &header_center);
        !s.ok()) {
      return s;
    }
    if (Status s =
            writer->Layout("№ " + data.barcode, g.header, kHeaderNumberWidthPt, &header_number);
        !s.ok()) {
      return s;
    }
    if (Status s = writer->Layout(data.center_address.empty() ? " " : data.center_address,
                                  g.address, g.width_pt - 90, &footer_address);
        !s.ok()) {
      return s;
    }
    header_rule_y = g.margin_top_pt + std::max(header_center->height(), header_number->height()) +
                    kRuleOffsetPt;
    footer_top = kA4HeightPt - g.margin_bottom_pt - footer_address->height();
    footer_rule_y = footer_top - kRuleOffsetPt;
    body_top = header_rule_y + kHeaderGapPt;
    body_bottom = footer_rule_y - kHeaderGapPt;
  }

  // The builder's steps only fail on text PdfWriter refuses; their results
  // are gathered and the first failure reported.
  Builder b(writer.get(), g, lang);
  std::vector<Status> results;
  if (roll) {
    results.push_back(b.Paragraph(data.center_name, g.center, 0));
    if (!data.center_address.empty()) {
      results.push_back(b.Paragraph(data.center_address, g.address, 1));
    }
  }
  results.push_back(b.Paragraph(L(lang, title), g.title, roll ? 10 : 0));
  results.push_back(b.Barcode(code128, code128_module_pt, data.barcode, roll ? 8 : 12));

  results.push_back(b.Fact(Label::kServiceCode, data.service_code, false, roll ? 4 : 10));
  results.push_back(b.Fact(Label::kServiceName, data.service_name));
  results.push_back(b.Fact(Label::kApplicant, data.applicant_full_name));
  if (!data.representative_full_name.empty()) {
    results.push_back(b.Fact(Label::kRepresentative, data.representative_full_name));
  }
  if (!data.power_of_attorney.empty()) {
    results.push_back(b.Fact(Label::kPowerOfAttorney, data.power_of_attorney));
  }
  results.push_back(
      b.Fact(data.refusal ? Label::kAppliedAt : Label::kSubmittedAt, data.submitted_at));
  if (!data.refusal) results.push_back(b.Fact(Label::kIssueDate, data.issue_date, true));
  if (data.price_tiyn > 0) {
    results.push_back(b.Fact(Label::kPrice, FormatTenge(data.price_tiyn)));
  }

  if (data.refusal) {
    results.push_back(
        b.Paragraph(L(lang, Label::kRefusalStatement), g.statement, g.section_space_pt));
    results.push_back(b.Section(Label::kMissingDocuments));
    int n = 0;
    for (const std::string& name : data.missing_documents) {
      results.push_back(b.Numbered(++n, name, ""));
    }
  }

  results.push_back(
      b.Section(data.refusal ? Label::kPresentedDocuments : Label::kAcceptedDocuments));
  int n = 0;
  for (const ReceiptDocument& doc : data.documents) {
    results.push_back(b.Numbered(++n, doc.name, DocumentNote(lang, doc)));
  }
  if (data.documents.empty()) {
    results.push_back(b.Paragraph(L(lang, Label::kNoDocuments), g.item, 3));
  }

  if (!data.payments.empty()) {
    results.push_back(b.Section(Label::kPayments));
    for (const ReceiptPayment& p : data.payments) {
      results.push_back(b.Money(p.name, p.reference, p.amount_tiyn, false));
    }
    if (data.payments.size() > 1) {
      results.push_back(b.Money(L(lang, Label::kTotal), "", total, true));
    }
  }

  results.push_back(b.Fact(data.refusal ? Label::kRefusedBy : Label::kAcceptedBy,
                           data.employee_full_name, false, g.section_space_pt));
  const std::string line(static_cast<size_t>(g.signature_chars), '_');
  results.push_back(b.Paragraph(std::string(L(lang, Label::kEmployeeSignature)) + ": " + line,
                                g.value, roll ? 10 : 14));
  if (data.refusal) {
    results.push_back(b.Paragraph(std::string(L(lang, Label::kApplicantSignature)) + ": " + line,
                                  g.value, roll ? 10 : 14));
  }
  results.push_back(b.Paragraph(L(lang, data.refusal ? Label::kRefusalNote : Label::kReceiptNote),
                                g.note, g.section_space_pt));
  if (tracked) results.push_back(b.Tracking(qr, qr_module_pt, data.tracking_url));
  for (const Status& s : results) {
    if (!s.ok()) return s;
  }

  Frame frame;
  frame.left_pt = g.margin_x_pt;
  frame.top_pt = body_top;
  frame.bottom_pt = body_bottom;
  frame.max_pages = roll ? 1 : kMaxReceiptA4Pages;
  frame.too_long = Status::TooLarge(
      "receipt_too_long",
      roll ? "the receipt is longer than one PDF page can be"
           : "the receipt would exceed " + std::to_string(kMaxReceiptA4Pages) + " pages");
  std::vector<Page> pages;
  if (Status s = Paginate(b.items(), frame, &pages); !s.ok()) return s;
  if (roll) {
    // The roll is cut where the text ends.
    if (Status s = writer->SetPageSize(g.page_width_pt, pages[0].end_y + g.margin_bottom_pt);
        !s.ok()) {
      return s;
    }
  }

  const int page_count = static_cast<int>(pages.size());
  const double right = g.margin_x_pt + g.width_pt;
  for (int i = 0; i < page_count; ++i) {
    const Page& page = pages[i];
    if (!roll) {
      writer->DrawLines(*header_center, 0, header_center->line_count(), g.margin_x_pt,
                        g.margin_top_pt);
      writer->DrawLines(*header_number, 0, header_number->line_count(),
                        right - kHeaderNumberWidthPt, g.margin_top_pt);
      writer->DrawRule(g.margin_x_pt, header_rule_y, right, header_rule_y, 0.8, 0);
      writer->DrawRule(g.margin_x_pt, footer_rule_y, right, footer_rule_y, 0.5, 0.35);
      writer->DrawLines(*footer_address, 0, footer_address->line_count(), g.margin_x_pt,
                        footer_top);
      std::unique_ptr<TextBlock> number;
      std::string page_number = std::to_string(i + 1) + " / " + std::to_string(page_count);
      if (Status s = writer->Layout(page_number, g.footer, 80, &number); !s.ok()) return s;
      writer->DrawLines(*number, 0, number->line_count(), right - 80, footer_top);
    }
    for (const TextOp& op : page.text) writer->DrawLines(*op.block, op.first, op.last, op.x, op.y);
    for (const FigureOp& f : page.figures) {
      if (f.figure == kCode128Figure) {
        DrawBarcode(writer.get(), code128, f.x, f.y, code128_module_pt, g.bar_height_pt);
      } else {
        DrawBarcode(writer.get(), qr, f.x, f.y, qr_module_pt, 0);
      }
    }
    for (double y : page.rules) {
      writer->DrawRule(g.margin_x_pt + g.item_x_pt, y, right, y, 0.5, 0.3);
    }
    writer->EndPage();
  }
  return writer->Finish(pdf);
}

}  // namespace tereze::docs
