#include "docs/surveillance_sign_pdf.h"

#include <memory>
#include <string>
#include <vector>

#include "docs/flow.h"
#include "docs/form.h"
#include "docs/pdf_writer.h"

namespace tereze::docs {
namespace {

// Large type, black on white (R16), legible from the door.
constexpr TextStyle kWarningStyle{.size_pt = 40, .bold = true, .align = Align::kCenter};
constexpr TextStyle kCenterStyle{.size_pt = 16, .align = Align::kCenter};
constexpr double kBorderPt = 6;

constexpr char kWarningKk[] = "Видеобақылау жүргізіледі";
constexpr char kWarningRu[] = "Ведётся видеонаблюдение";

// Printed once and kept: the same sign is the same bytes.
constexpr char kCreationDate[] = "2026-01-01";

// A surveillance camera on its wall bracket, the pictogram read without
// reading: rectangles in a box kPictogramWidthPt × kPictogramHeightPt.
constexpr int kPictogramFigure = 0;
constexpr double kPictogramWidthPt = 240, kPictogramHeightPt = 150;
const std::vector<RectPt>& Pictogram() {
  static const std::vector<RectPt> rects = {
      {.x = 0, .y = 20, .width = 14, .height = 110},   // the bracket on the wall
      {.x = 14, .y = 68, .width = 50, .height = 14},   // its arm
      {.x = 64, .y = 40, .width = 136, .height = 70},  // the camera's body
      {.x = 200, .y = 50, .width = 40, .height = 50},  // the lens hood
      {.x = 90, .y = 110, .width = 20, .height = 14},  // the mount under the body
      {.x = 64, .y = 30, .width = 136, .height = 6},   // the sun shield
  };
  return rects;
}

Status FieldMissing(const char* field) {
  return Status::Malformed("surveillance_sign_field_missing",
                           std::string("the surveillance sign's ") + field + " is empty");
}

}  // namespace

Status RenderSurveillanceSignPdf(const std::string& center_name_kk,
                                 const std::string& center_name_ru, std::string* pdf) {
  if (Status s = CheckFieldLengths({&center_name_kk, &center_name_ru},
                                   kMaxSurveillanceSignCenterBytes, "surveillance sign");
      !s.ok()) {
    return s;
  }
  if (center_name_kk.empty()) return FieldMissing("center name in Kazakh");
  if (center_name_ru.empty()) return FieldMissing("center name in Russian");

  const FormGeometry& g = kA4Form;
  std::unique_ptr<PdfWriter> writer;
  if (Status s =
          PdfWriter::Open(g.page_width_pt, kA4HeightPt,
                          std::string(kWarningKk) + " / " + kWarningRu, kCreationDate, &writer);
      !s.ok()) {
    return s;
  }

  // Kazakh above Russian.
  FormBuilder b(writer.get(), g);
  std::vector<Status> results;
  results.push_back(b.Figure(kPictogramFigure, kPictogramWidthPt, kPictogramHeightPt, 0));
  results.push_back(b.Paragraph(kWarningKk, kWarningStyle, 40));
  results.push_back(b.Paragraph(kWarningRu, kWarningStyle, 24));
  results.push_back(b.Paragraph(center_name_kk, kCenterStyle, 48));
  results.push_back(b.Paragraph(center_name_ru, kCenterStyle, 6));
  if (Status s = FirstFailure(results); !s.ok()) return s;

  writer->DrawBox(g.margin_x_pt / 2, g.margin_top_pt / 2, g.page_width_pt - g.margin_x_pt,
                  kA4HeightPt - (g.margin_top_pt + g.margin_bottom_pt) / 2, kBorderPt);
  Frame frame;
  frame.left_pt = g.margin_x_pt;
  frame.top_pt = g.margin_top_pt;
  frame.bottom_pt = kA4HeightPt - g.margin_bottom_pt;
  frame.too_long =
      Status::TooLarge("surveillance_sign_too_long", "the surveillance sign exceeds its sheet");
  Status drawn = DrawSheet(writer.get(), g, b.items(), frame, [&](const FigureOp& f) {
    std::vector<RectPt> rects = Pictogram();
    for (RectPt& r : rects) {
      r.x += f.x;
      r.y += f.y;
    }
    writer->FillRects(rects, 0);
  });
  if (!drawn.ok()) return drawn;
  return writer->Finish(pdf);
}

}  // namespace tereze::docs
