#include "docs/issue_receipt_pdf.h"

#include <memory>
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

// ---- Every word printed on a receipt of issue, in both languages. ----

enum class Label {
  kTitleResult,
  kTitleRefusal,
  kServiceCode,
  kServiceName,
  kApplicant,
  kRecipient,
  kRecipientDocument,
  kPowerOfAttorney,
  kInPerson,
  kIssued,
  kIssuedResult,
  kIssuedRefusal,
  kIssuedAt,
  kShelf,
  kIssuedBy,
  kEmployeeSignature,
  kRecipientSignature,
  kNote,
  kCount,
};

using LabelText = docs::LabelText<Label>;

constexpr LabelText kLabels[] = {
    {Label::kTitleResult, "Мемлекеттік қызмет көрсету нәтижесін беру туралы қолхат",
     "Расписка о выдаче результата оказания государственной услуги"},
    {Label::kTitleRefusal, "Қызмет көрсетуден дәлелді бас тартуды беру туралы қолхат",
     "Расписка о выдаче мотивированного отказа в оказании услуги"},
    {Label::kServiceCode, "Қызмет коды", "Код услуги"},
    {Label::kServiceName, "Қызмет атауы", "Наименование услуги"},
    {Label::kApplicant, "Өтініш беруші", "Заявитель"},
    {Label::kRecipient, "Алушы", "Получатель"},
    {Label::kRecipientDocument, "Алушының жеке басын куәландыратын құжаты",
     "Документ, удостоверяющий личность получателя"},
    {Label::kPowerOfAttorney, "Сенімхат", "Доверенность"},
    {Label::kInPerson, "өтініш берушінің өзі", "лично заявитель"},
    {Label::kIssued, "Берілді", "Выдано"},
    {Label::kIssuedResult, "мемлекеттік қызмет көрсету нәтижесі",
     "результат оказания государственной услуги"},
    {Label::kIssuedRefusal, "көрсетілетін қызметті берушінің дәлелді бас тартуы",
     "мотивированный отказ услугодателя"},
    {Label::kIssuedAt, "Берілген күні мен уақыты", "Дата и время выдачи"},
    {Label::kShelf, "Сақтау орны", "Место хранения"},
    {Label::kIssuedBy, "Берген қызметкер", "Работник, выдавший документы"},
    {Label::kEmployeeSignature, "Қызметкердің қолы", "Подпись работника"},
    {Label::kRecipientSignature, "Алушының қолы", "Подпись получателя"},
    {Label::kNote, "Құжаттарды алдым, талаптарым жоқ.", "Документы получил(а), претензий не имею."},
};

static_assert(LabelsInOrder(kLabels), "kLabels must list every Label once, in enum order");

const char* L(Lang lang, Label label) { return LabelIn(kLabels, lang, label); }

constexpr int kCode128Figure = 0;

Status FieldMissing(const char* field) {
  return Status::Malformed("issue_receipt_field_missing",
                           std::string("the receipt of issue's ") + field + " is empty");
}

Status Validate(const IssueReceiptData& d, Lang* lang) {
  if (Status s = ParseLang(d.lang, "receipt of issue", lang); !s.ok()) return s;
  if (Status s = CheckFieldLengths(
          {&d.barcode, &d.center_name, &d.service_code, &d.service_name, &d.applicant_full_name,
           &d.recipient_full_name, &d.recipient_document, &d.power_of_attorney, &d.outcome,
           &d.issued_at, &d.employee_full_name, &d.shelf},
          kMaxIssueReceiptFieldBytes, "receipt of issue");
      !s.ok()) {
    return s;
  }
  if (Status s =
          CheckBarcode(d.barcode, domain::BarcodeKind::kApplication, "the application's barcode");
      !s.ok()) {
    return s;
  }
  if (d.center_name.empty()) return FieldMissing("center name");
  if (d.service_code.empty()) return FieldMissing("service code");
  if (d.service_name.empty()) return FieldMissing("service name");
  if (d.applicant_full_name.empty()) return FieldMissing("applicant");
  if (d.recipient_full_name.empty()) return FieldMissing("recipient");
  if (d.recipient_document.empty()) return FieldMissing("recipient's identity document");  // R24
  if (d.employee_full_name.empty()) return FieldMissing("employee");
  if (d.issued_at.empty()) return FieldMissing("date and time of issue");
  if (!IsDotDateTime(d.issued_at)) {
    return Status::Malformed("invalid_date", "issued_at is not \"dd.mm.yyyy hh:mm\"");
  }
  if (d.outcome != "result" && d.outcome != "refusal") {
    return Status::Malformed("unknown_outcome",
                             "a receipt of issue is for a result or a refusal, "
                             "not \"" +
                                 d.outcome.substr(0, 32) + "\"");
  }
  const bool representative = d.recipient_full_name != d.applicant_full_name;
  if (!representative && !d.power_of_attorney.empty()) {
    return Status::Malformed("power_of_attorney_without_representative",
                             "the applicant came in person: there is no power of attorney");
  }
  // R24: a representative receives the result on a power of attorney that covers it.
  if (representative && d.power_of_attorney.empty()) {
    return Status::Refused("power_of_attorney_missing",
                           "a representative receives a result on a power of attorney (R24)");
  }
  return Status::Ok();
}

}  // namespace

Status RenderIssueReceiptPdf(const IssueReceiptData& data, PaperLayout layout, std::string* pdf) {
  Lang lang;
  if (Status s = Validate(data, &lang); !s.ok()) return s;
  const bool roll = layout == PaperLayout::kThermal80mm;
  const FormGeometry& g = FormGeometryOf(layout);
  const bool refusal = data.outcome == "refusal";

  BarcodeSymbol code128;
  if (Status s = EncodeCode128(data.barcode, &code128); !s.ok()) return s;
  const double module_pt =
      FitModulePt(code128, g.width_pt, g.dot_pt, g.code128_dots_max, g.code128_dots_min);
  if (module_pt == 0) {
    return Status::TooLarge("barcode_too_long", "the barcode does not fit the paper's width");
  }

  const Label title = refusal ? Label::kTitleRefusal : Label::kTitleResult;
  std::unique_ptr<PdfWriter> writer;
  if (Status s = PdfWriter::Open(g.page_width_pt, roll ? kMaxPageSidePt : kA4HeightPt,
                                 std::string(L(lang, title)) + " № " + data.barcode,
                                 IsoDateOf(data.issued_at), &writer);
      !s.ok()) {
    return s;
  }
  A4Chrome chrome;
  double body_top = g.margin_top_pt, body_bottom = kMaxPageSidePt - g.margin_bottom_pt;
  if (!roll) {
    if (Status s = chrome.Layout(writer.get(), g, data.center_name, "№ " + data.barcode, "");
        !s.ok()) {
      return s;
    }
    body_top = chrome.body_top();
    body_bottom = chrome.body_bottom();
  }

  FormBuilder b(writer.get(), g);
  auto fact = [&](Label label, std::string_view value, bool strong = false,
                  double extra_space = 0) {
    return b.Fact(L(lang, label), value, strong, extra_space);
  };
  const bool representative = data.recipient_full_name != data.applicant_full_name;
  std::vector<Status> results;
  if (roll) results.push_back(b.Paragraph(data.center_name, g.center, 0));
  results.push_back(b.Paragraph(L(lang, title), g.title, roll ? 10 : 0));
  results.push_back(
      b.Barcode(kCode128Figure, BarcodeWidthPt(code128, module_pt), data.barcode, roll ? 8 : 12));
  results.push_back(fact(Label::kServiceCode, data.service_code, false, roll ? 4 : 10));
  results.push_back(fact(Label::kServiceName, data.service_name));
  results.push_back(fact(Label::kApplicant, data.applicant_full_name));
  results.push_back(fact(Label::kRecipient, representative ? data.recipient_full_name
                                                           : data.recipient_full_name + " (" +
                                                                 L(lang, Label::kInPerson) + ")"));
  results.push_back(fact(Label::kRecipientDocument, data.recipient_document));
  if (representative) results.push_back(fact(Label::kPowerOfAttorney, data.power_of_attorney));
  results.push_back(
      fact(Label::kIssued, L(lang, refusal ? Label::kIssuedRefusal : Label::kIssuedResult), true));
  results.push_back(fact(Label::kIssuedAt, data.issued_at));
  if (!data.shelf.empty()) results.push_back(fact(Label::kShelf, data.shelf));
  results.push_back(fact(Label::kIssuedBy, data.employee_full_name, false, g.section_space_pt));
  const std::string line(static_cast<size_t>(g.signature_chars), '_');
  results.push_back(b.Paragraph(std::string(L(lang, Label::kEmployeeSignature)) + ": " + line,
                                g.value, roll ? 10 : 14));
  results.push_back(b.Paragraph(L(lang, Label::kNote), g.value, g.section_space_pt));
  results.push_back(b.Paragraph(std::string(L(lang, Label::kRecipientSignature)) + ": " + line,
                                g.value, roll ? 10 : 14));
  if (Status s = FirstFailure(results); !s.ok()) return s;

  Frame frame;
  frame.left_pt = g.margin_x_pt;
  frame.top_pt = body_top;
  frame.bottom_pt = body_bottom;
  frame.max_pages = roll ? 1 : kMaxIssueReceiptA4Pages;
  frame.too_long =
      Status::TooLarge("issue_receipt_too_long", "the receipt of issue does not fit its paper");
  Status drawn = DrawPages(
      writer.get(), g, b.items(), frame, roll ? nullptr : &chrome, [&](const FigureOp& f) {
        DrawBarcode(writer.get(), code128, f.x, f.y, module_pt, g.bar_height_pt);
      });
  if (!drawn.ok()) return drawn;
  return writer->Finish(pdf);
}

}  // namespace tereze::docs
