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
#include "docs/form.h"
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

enum Figure { kCode128Figure = 0, kQrFigure = 1 };

// ---- Checking the input. ----

Status FieldMissing(const char* field) {
  return Status::Malformed("receipt_field_missing",
                           std::string("the receipt's ") + field + " is empty");
}

Status Validate(const ReceiptData& d) {
  Lang lang;
  if (Status s = ParseLang(d.lang, "receipt", &lang); !s.ok()) return s;
  if (d.barcode.empty() || !AllDigits(d.barcode)) {
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
  if (Status s = CheckFieldLengths(texts, kMaxReceiptFieldBytes, "receipt"); !s.ok()) return s;

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

}  // namespace

Status RenderReceiptPdf(const ReceiptData& data, PaperLayout layout, std::string* pdf) {
  if (Status s = Validate(data); !s.ok()) return s;
  const Lang lang = data.lang == "kk" ? Lang::kKk : Lang::kRu;
  const bool roll = layout == PaperLayout::kThermal80mm;
  const FormGeometry& g = FormGeometryOf(layout);

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
                                 IsoDateOf(data.submitted_at), &writer);
      !s.ok()) {
    return s;
  }

  // A4 repeats the center and the number at the top of every page, the
  // address and the page number at the bottom; a roll has one page, and the
  // center heads its body.
  A4Chrome chrome;
  double body_top = g.margin_top_pt, body_bottom = kMaxPageSidePt - g.margin_bottom_pt;
  if (!roll) {
    if (Status s = chrome.Layout(writer.get(), g, data.center_name, "№ " + data.barcode,
                                 data.center_address);
        !s.ok()) {
      return s;
    }
    body_top = chrome.body_top();
    body_bottom = chrome.body_bottom();
  }

  // The builder's steps only fail on text PdfWriter refuses; their results
  // are gathered and the first failure reported.
  FormBuilder b(writer.get(), g);
  auto fact = [&](Label label, std::string_view value, bool strong = false,
                  double extra_space = 0) {
    return b.Fact(L(lang, label), value, strong, extra_space);
  };
  auto section = [&](Label label) { return b.Section(L(lang, label), L(lang, Label::kContinued)); };
  std::vector<Status> results;
  if (roll) {
    results.push_back(b.Paragraph(data.center_name, g.center, 0));
    if (!data.center_address.empty()) {
      results.push_back(b.Paragraph(data.center_address, g.address, 1));
    }
  }
  results.push_back(b.Paragraph(L(lang, title), g.title, roll ? 10 : 0));
  results.push_back(b.Barcode(kCode128Figure, BarcodeWidthPt(code128, code128_module_pt),
                              data.barcode, roll ? 8 : 12));

  results.push_back(fact(Label::kServiceCode, data.service_code, false, roll ? 4 : 10));
  results.push_back(fact(Label::kServiceName, data.service_name));
  results.push_back(fact(Label::kApplicant, data.applicant_full_name));
  if (!data.representative_full_name.empty()) {
    results.push_back(fact(Label::kRepresentative, data.representative_full_name));
  }
  if (!data.power_of_attorney.empty()) {
    results.push_back(fact(Label::kPowerOfAttorney, data.power_of_attorney));
  }
  results.push_back(
      fact(data.refusal ? Label::kAppliedAt : Label::kSubmittedAt, data.submitted_at));
  if (!data.refusal) results.push_back(fact(Label::kIssueDate, data.issue_date, true));
  if (data.price_tiyn > 0) {
    results.push_back(fact(Label::kPrice, FormatTenge(data.price_tiyn)));
  }

  if (data.refusal) {
    results.push_back(
        b.Paragraph(L(lang, Label::kRefusalStatement), g.statement, g.section_space_pt));
    results.push_back(section(Label::kMissingDocuments));
    int n = 0;
    for (const std::string& name : data.missing_documents) {
      results.push_back(b.Numbered(++n, name, ""));
    }
  }

  results.push_back(section(data.refusal ? Label::kPresentedDocuments : Label::kAcceptedDocuments));
  int n = 0;
  for (const ReceiptDocument& doc : data.documents) {
    results.push_back(b.Numbered(++n, doc.name, DocumentNote(lang, doc)));
  }
  if (data.documents.empty()) {
    results.push_back(b.Paragraph(L(lang, Label::kNoDocuments), g.item, 3));
  }

  if (!data.payments.empty()) {
    results.push_back(section(Label::kPayments));
    for (const ReceiptPayment& p : data.payments) {
      std::string note = p.reference.empty()
                             ? std::string()
                             : std::string(L(lang, Label::kPaymentDocument)) + ": " + p.reference;
      results.push_back(b.Money(p.name, note, p.amount_tiyn, false));
    }
    if (data.payments.size() > 1) {
      results.push_back(b.Money(L(lang, Label::kTotal), "", total, true));
    }
  }

  results.push_back(fact(data.refusal ? Label::kRefusedBy : Label::kAcceptedBy,
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
  if (tracked) {
    results.push_back(b.Tracking(kQrFigure, BarcodeWidthPt(qr, qr_module_pt),
                                 kQrQuietModules * qr_module_pt, L(lang, Label::kTracking),
                                 data.tracking_url));
  }
  if (Status s = FirstFailure(results); !s.ok()) return s;

  Frame frame;
  frame.left_pt = g.margin_x_pt;
  frame.top_pt = body_top;
  frame.bottom_pt = body_bottom;
  frame.max_pages = roll ? 1 : kMaxReceiptA4Pages;
  frame.too_long = Status::TooLarge(
      "receipt_too_long",
      roll ? "the receipt is longer than one PDF page can be"
           : "the receipt would exceed " + std::to_string(kMaxReceiptA4Pages) + " pages");
  Status drawn = DrawPages(
      writer.get(), g, b.items(), frame, roll ? nullptr : &chrome, [&](const FigureOp& f) {
        if (f.figure == kCode128Figure) {
          DrawBarcode(writer.get(), code128, f.x, f.y, code128_module_pt, g.bar_height_pt);
        } else {
          DrawBarcode(writer.get(), qr, f.x, f.y, qr_module_pt, 0);
        }
      });
  if (!drawn.ok()) return drawn;
  return writer->Finish(pdf);
}

}  // namespace tereze::docs
