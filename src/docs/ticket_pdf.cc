#include "docs/ticket_pdf.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "docs/barcode.h"
#include "docs/checklist_pdf.h"  // RussianPluralForm
#include "docs/flow.h"
#include "docs/form.h"
#include "docs/labels.h"
#include "docs/pdf_writer.h"

namespace tereze::docs {
namespace {

// ---- Every word printed on a ticket, in both languages. ----

enum class Label {
  kTitle,
  kIssuedAt,
  kWait,
  kMinutes,
  kAhead,
  kNobodyAhead,
  kPersonOne,
  kPersonFew,
  kPersonMany,
  kNote,
  kTracking,
  kCount,
};

using LabelText = docs::LabelText<Label>;

// Kazakh nouns do not change after a numeral, so "адам" is one word for all.
constexpr LabelText kLabels[] = {
    {Label::kTitle, "Электрондық кезек талоны", "Талон электронной очереди"},
    {Label::kIssuedAt, "Берілген уақыты", "Время выдачи"},
    {Label::kWait, "Күту уақыты шамамен", "Примерное ожидание"},
    {Label::kMinutes, "мин", "мин"},
    {Label::kAhead, "Алдыңызда", "Перед вами"},
    {Label::kNobodyAhead, "Алдыңызда ешкім жоқ", "Перед вами никого нет"},
    {Label::kPersonOne, "адам", "человек"},
    {Label::kPersonFew, "адам", "человека"},
    {Label::kPersonMany, "адам", "человек"},
    {Label::kNote, "Нөміріңіз таблода шақырылғанша күтіңіз.",
     "Ожидайте вызова вашего номера на табло."},
    {Label::kTracking, "Кезекті QR-код арқылы бақылаңыз:", "Следите за очередью по QR-коду:"},
};

static_assert(LabelsInOrder(kLabels), "kLabels must list every Label once, in enum order");

const char* L(Lang lang, Label label) { return LabelIn(kLabels, lang, label); }

// The number is what the applicant watches for on the board: the largest
// type on the roll (R16); the lines of the queue's state large too.
constexpr TextStyle kNumberStyle{.size_pt = 44, .bold = true, .align = Align::kCenter};
constexpr TextStyle kStateStyle{.size_pt = 10, .bold = true, .align = Align::kCenter};

constexpr int kQrFigure = 0;

bool IsTicketNumber(std::string_view n) {
  size_t letters = 0;
  while (letters < n.size() && n[letters] >= 'A' && n[letters] <= 'Z') ++letters;
  const std::string_view digits = n.substr(letters);
  return letters <= kMaxTicketNumberLetters && !digits.empty() &&
         digits.size() <= kMaxTicketNumberDigits && AllDigits(digits);
}

Status FieldMissing(const char* field) {
  return Status::Malformed("ticket_field_missing",
                           std::string("the ticket's ") + field + " is empty");
}

Status Validate(const TicketData& d, Lang* lang) {
  if (Status s = ParseLang(d.lang, "ticket", lang); !s.ok()) return s;
  if (!IsTicketNumber(d.number)) {
    return Status::Malformed("invalid_ticket_number", "a ticket's number is up to " +
                                                          std::to_string(kMaxTicketNumberLetters) +
                                                          " Latin capitals and 1 to " +
                                                          std::to_string(kMaxTicketNumberDigits) +
                                                          " digits, like A015");
  }
  if (Status s = CheckFieldLengths({&d.queue_name, &d.center_name, &d.issued_at},
                                   kMaxTicketFieldBytes, "ticket");
      !s.ok()) {
    return s;
  }
  if (d.queue_name.empty()) return FieldMissing("queue");
  if (d.center_name.empty()) return FieldMissing("center name");
  if (d.issued_at.empty()) return FieldMissing("time of issue");
  if (!IsDotDateTime(d.issued_at)) {
    return Status::Malformed("invalid_date", "issued_at is not \"dd.mm.yyyy hh:mm\"");
  }
  if (d.estimated_wait_min < -1 || d.estimated_wait_min > kMaxTicketWaitMin) {
    return Status::Malformed("invalid_wait", "the estimated wait is -1 (not shown) or 0 to " +
                                                 std::to_string(kMaxTicketWaitMin) + " minutes");
  }
  if (d.ahead < -1 || d.ahead > kMaxTicketAhead) {
    return Status::Malformed("invalid_ahead", "the people ahead are -1 (not shown) or 0 to " +
                                                  std::to_string(kMaxTicketAhead));
  }
  return Status::Ok();
}

std::string AheadLine(Lang lang, int ahead) {
  if (ahead == 0) return L(lang, Label::kNobodyAhead);
  const int form = RussianPluralForm(ahead);
  const Label person = form == 1   ? Label::kPersonOne
                       : form == 2 ? Label::kPersonFew
                                   : Label::kPersonMany;
  return std::string(L(lang, Label::kAhead)) + " " + std::to_string(ahead) + " " + L(lang, person);
}

}  // namespace

Status RenderTicketPdf(const TicketData& data, std::string* pdf) {
  Lang lang;
  if (Status s = Validate(data, &lang); !s.ok()) return s;
  // The roll the receipts print on (form.h).
  const FormGeometry& g = kThermalForm;

  // The symbol first: a link too long for a QR code fails before any layout.
  BarcodeSymbol qr;
  const bool tracked = !data.tracking_url.empty();
  double qr_module_pt = 0;
  if (tracked) {
    if (Status s = EncodeQrCode(data.tracking_url, &qr); !s.ok()) return s;
    qr_module_pt = FitModulePt(qr, g.width_pt, g.dot_pt, g.qr_dots_max, g.qr_dots_min);
    if (qr_module_pt == 0) {
      return Status::TooLarge("qr_too_long", "the live ticket link's QR code exceeds the roll");
    }
  }

  std::unique_ptr<PdfWriter> writer;
  if (Status s = PdfWriter::Open(g.page_width_pt, kMaxPageSidePt,
                                 std::string(L(lang, Label::kTitle)) + " " + data.number,
                                 IsoDateOf(data.issued_at), &writer);
      !s.ok()) {
    return s;
  }

  FormBuilder b(writer.get(), g);
  std::vector<Status> results;
  results.push_back(b.Paragraph(data.center_name, g.center, 0));
  results.push_back(b.Paragraph(L(lang, Label::kTitle), g.small, 6));
  results.push_back(b.Paragraph(data.number, kNumberStyle, 4));
  results.push_back(b.Paragraph(data.queue_name, g.title, 4));
  results.push_back(
      b.Paragraph(std::string(L(lang, Label::kIssuedAt)) + ": " + data.issued_at, g.digits, 6));
  if (data.estimated_wait_min >= 0) {
    results.push_back(b.Paragraph(std::string(L(lang, Label::kWait)) + " " +
                                      std::to_string(data.estimated_wait_min) + " " +
                                      L(lang, Label::kMinutes),
                                  kStateStyle, 8));
  }
  if (data.ahead >= 0) {
    results.push_back(b.Paragraph(AheadLine(lang, data.ahead), kStateStyle,
                                  data.estimated_wait_min >= 0 ? 2 : 8));
  }
  results.push_back(b.Paragraph(L(lang, Label::kNote), g.small, g.section_space_pt));
  if (tracked) {
    results.push_back(b.Tracking(kQrFigure, BarcodeWidthPt(qr, qr_module_pt),
                                 kQrQuietModules * qr_module_pt, L(lang, Label::kTracking),
                                 data.tracking_url));
  }
  if (Status s = FirstFailure(results); !s.ok()) return s;

  Frame frame;
  frame.left_pt = g.margin_x_pt;
  frame.top_pt = g.margin_top_pt;
  frame.bottom_pt = kMaxPageSidePt - g.margin_bottom_pt;
  frame.max_pages = 1;
  frame.too_long = Status::TooLarge("ticket_too_long", "the ticket is longer than a roll's page");
  // No chrome: the roll is cut where the text ends.
  Status drawn = DrawPages(writer.get(), g, b.items(), frame, nullptr, [&](const FigureOp& f) {
    DrawBarcode(writer.get(), qr, f.x, f.y, qr_module_pt, 0);
  });
  if (!drawn.ok()) return drawn;
  return writer->Finish(pdf);
}

}  // namespace tereze::docs
