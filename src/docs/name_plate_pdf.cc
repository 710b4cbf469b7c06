#include "docs/name_plate_pdf.h"

#include <memory>
#include <string>
#include <vector>

#include "docs/flow.h"
#include "docs/form.h"
#include "docs/pdf_writer.h"

namespace tereze::docs {
namespace {

// Large type, black on white, centred (R16): the window and the name read
// from the queue's seats, the position from the desk.
constexpr TextStyle kWindowStyle{.size_pt = 40, .bold = true, .align = Align::kCenter};
constexpr TextStyle kNameStyle{.size_pt = 44, .bold = true, .align = Align::kCenter};
constexpr TextStyle kPositionStyle{.size_pt = 22, .align = Align::kCenter};
constexpr TextStyle kCenterStyle{.size_pt = 12, .gray = 0.35, .align = Align::kCenter};
constexpr double kBorderPt = 3;

// The plate is printed once and kept: the date in its metadata is fixed, so
// that the same plate is the same bytes.
constexpr char kCreationDate[] = "2026-01-01";

Status FieldMissing(const char* field) {
  return Status::Malformed("name_plate_field_missing",
                           std::string("the name plate's ") + field + " is empty");
}

Status Validate(const NamePlateData& d) {
  const std::string& w = d.window_number;
  if (w.empty() || w.size() > 3 || !AllDigits(w) || w[0] == '0') {
    return Status::Malformed("invalid_window_number",
                             "a window is numbered 1 to " + std::to_string(kMaxNamePlateWindow));
  }
  if (Status s = CheckFieldLengths({&d.surname, &d.name, &d.patronymic}, kMaxNamePlateNameBytes,
                                   "name plate");
      !s.ok()) {
    return s;
  }
  if (Status s = CheckFieldLengths({&d.position_kk, &d.position_ru}, kMaxNamePlatePositionBytes,
                                   "name plate");
      !s.ok()) {
    return s;
  }
  if (Status s = CheckFieldLengths({&d.center_name_kk, &d.center_name_ru}, kMaxNamePlateCenterBytes,
                                   "name plate");
      !s.ok()) {
    return s;
  }
  if (d.surname.empty()) return FieldMissing("surname");
  if (d.name.empty()) return FieldMissing("name");
  if (d.position_kk.empty()) return FieldMissing("position in Kazakh");
  if (d.position_ru.empty()) return FieldMissing("position in Russian");
  if (d.center_name_kk.empty()) return FieldMissing("center name in Kazakh");
  if (d.center_name_ru.empty()) return FieldMissing("center name in Russian");
  return Status::Ok();
}

}  // namespace

Status RenderNamePlatePdf(const NamePlateData& data, std::string* pdf) {
  if (Status s = Validate(data); !s.ok()) return s;
  const FormGeometry& g = kA4LandscapeForm;
  const double page_height = kA4WidthPt;

  std::string full_name = data.surname + " " + data.name;
  if (!data.patronymic.empty()) full_name += " " + data.patronymic;
  std::unique_ptr<PdfWriter> writer;
  if (Status s = PdfWriter::Open(g.page_width_pt, page_height, full_name, kCreationDate, &writer);
      !s.ok()) {
    return s;
  }

  // Kazakh above Russian, in every pair: a plate speaks to every applicant.
  FormBuilder b(writer.get(), g);
  std::vector<Status> results;
  results.push_back(
      b.Paragraph(data.window_number + "-терезе / Окно " + data.window_number, kWindowStyle, 0));
  results.push_back(b.Paragraph(full_name, kNameStyle, 30));
  results.push_back(b.Paragraph(data.position_kk, kPositionStyle, 24));
  results.push_back(b.Paragraph(data.position_ru, kPositionStyle, 6));
  results.push_back(b.Paragraph(data.center_name_kk, kCenterStyle, 36));
  results.push_back(b.Paragraph(data.center_name_ru, kCenterStyle, 2));
  if (Status s = FirstFailure(results); !s.ok()) return s;

  // A frame inside the margins, the body inside the frame.
  writer->DrawBox(g.margin_x_pt / 2, g.margin_top_pt / 2, g.page_width_pt - g.margin_x_pt,
                  page_height - (g.margin_top_pt + g.margin_bottom_pt) / 2, kBorderPt);
  Frame frame;
  frame.left_pt = g.margin_x_pt;
  frame.top_pt = g.margin_top_pt;
  frame.bottom_pt = page_height - g.margin_bottom_pt;
  frame.too_long = Status::TooLarge("name_plate_too_long", "the name plate exceeds its sheet");
  if (Status s = DrawSheet(writer.get(), g, b.items(), frame, [](const FigureOp&) {}); !s.ok()) {
    return s;
  }
  return writer->Finish(pdf);
}

}  // namespace tereze::docs
