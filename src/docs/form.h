// What the printed forms of the desk and the back office share (receipts
// R18.5/R18.6, the receipt of issue R18.8/R24, registers R33/R34, the act of
// refusal R35): the checks of their input, the two papers' geometry, the
// builder of a body (facts, numbered entries, barcodes) and the A4 page's
// header and footer. Written once here, so that every form checks a date,
// fits a barcode and numbers its pages the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "docs/barcode.h"
#include "docs/flow.h"
#include "docs/labels.h"
#include "docs/paper.h"
#include "docs/pdf_writer.h"
#include "domain/barcode.h"

namespace tereze::docs {

// ---- Checking the input. ----

// Only '0'..'9' (true for the empty string: check emptiness apart).
bool AllDigits(std::string_view s);
// "dd.mm.yyyy", a day and month in range (the calendar itself is the caller's).
bool IsDotDate(std::string_view s);
// "dd.mm.yyyy hh:mm".
bool IsDotDateTime(std::string_view s);
// "24.11.2026" or "24.11.2026 10:00" -> "2026-11-24", a PDF's creation date:
// the same form printed twice is the same bytes. Only for a checked date.
std::string IsoDateOf(std::string_view dotted);

// A barcode Tereze printed (domain/barcode.h), of `kind`: `what` names it in
// the message. Malformed("barcode_invalid") for anything but 13 digits of a
// known kind, Refused("barcode_misread") for a wrong check digit (a typo),
// Malformed("barcode_wrong_kind") for another kind's barcode.
Status CheckBarcode(std::string_view text, domain::BarcodeKind kind, std::string_view what);

// `lang` "kk" or "ru" (R19), else Malformed("unsupported_language").
Status ParseLang(std::string_view lang, std::string_view form, Lang* out);

// TooLarge("field_too_long") for the first of `texts` longer than `max_bytes`.
Status CheckFieldLengths(const std::vector<const std::string*>& texts, size_t max_bytes,
                         std::string_view form);

// ---- The two papers. ----

// Everything that differs between the roll and the sheet.
struct FormGeometry {
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
inline constexpr double kThermalDotPt = kPtPerMm / 8;
inline constexpr double kThermalMarginPt =
    (kThermalPaperWidthMm - kThermalPrintableWidthMm) / 2 * kPtPerMm;

inline constexpr FormGeometry kThermalForm{
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
inline constexpr double kA4MarginPt = 50;
inline constexpr FormGeometry kA4Form{
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

// The sheet turned landscape, for a plate on a workplace (R8): the same
// margins and type, the width and height swapped.
inline constexpr FormGeometry kA4LandscapeForm = [] {
  FormGeometry g = kA4Form;
  g.page_width_pt = kA4HeightPt;
  g.width_pt = kA4HeightPt - 2 * kA4MarginPt;
  return g;
}();

inline const FormGeometry& FormGeometryOf(PaperLayout layout) {
  return layout == PaperLayout::kThermal80mm ? kThermalForm : kA4Form;
}

// The widest module, in whole dots from `max_dots` down to `min_dots`, with
// which `symbol` fits `width_pt`; 0 when none does.
double FitModulePt(const BarcodeSymbol& symbol, double width_pt, double dot_pt, int max_dots,
                   int min_dots);

// ---- Building the body. ----

// The usual items of a form's body, on top of FlowBuilder. Every method fails
// only on text PdfWriter::Layout refuses (not UTF-8, too long).
class FormBuilder {
 public:
  FormBuilder(PdfWriter* writer, const FormGeometry& g) : flow_(writer, g.margin_x_pt), g_(g) {}

  Status Paragraph(std::string_view text, const TextStyle& style, double space_before);

  // A heading; a page break among its items repeats it as
  // "heading (continued_word)".
  Status Section(std::string_view heading, std::string_view continued_word);

  // On A4 the label in a column at the left; on a roll, too narrow for two
  // columns, the label in small grey type above its value.
  Status Fact(std::string_view label, std::string_view value, bool strong = false,
              double extra_space = 0);

  // "3." and the text, with a grey note under it when there is one.
  Status Numbered(int number, std::string_view text, std::string_view note);

  // An amount right, its name (and a grey note) left; a total in bold under a rule.
  Status Money(std::string_view name, std::string_view note, int64_t tiyn, bool total);

  // The Code 128 `figure`, `width_pt` wide and bar_height_pt tall, centred,
  // its text under it.
  Status Barcode(int figure, double width_pt, std::string_view text, double space_before);

  // A QR `figure` of side `side_pt` with its caption and the link in letters:
  // on A4 the caption beside the code, on a roll centred above it.
  Status Tracking(int figure, double side_pt, double quiet_pt, std::string_view caption,
                  std::string_view url);

  // A numbered entry of a table of packages (registers R33, acts R35): "3.",
  // the package's Code 128 `figure` (`width_pt` × `bar_height_pt`) with its
  // digits under it, and beside it `text` with a grey `note` under it.
  Status BarcodeRow(int number, int figure, double width_pt, double bar_height_pt,
                    std::string_view digits, std::string_view text, std::string_view note);

  // A figure the caller draws (a pictogram), `width_pt` × `height_pt`, centred.
  Status Figure(int figure, double width_pt, double height_pt, double space_before);

  // Blocks to sign: `left` in the body's left half, `right` (may be empty)
  // in its right half, never split across pages.
  Status Signatures(std::string_view left, std::string_view right, double space_before);

  std::vector<Item>& items() { return flow_.items(); }

 private:
  FlowBuilder flow_;
  const FormGeometry& g_;
};

// Runs the steps of a builder that were gathered in `results`; the first failure.
Status FirstFailure(const std::vector<Status>& results);

// ---- Drawing the pages. ----

// The A4 page's frame: `left` (the center) and `right` ("№ …") above a rule
// at the top of every page, `footer` (an address, a copy's name) under a rule
// at the bottom with the page number "i / n".
class A4Chrome {
 public:
  Status Layout(PdfWriter* writer, const FormGeometry& g, std::string_view left,
                std::string_view right, std::string_view footer);
  double body_top() const { return body_top_; }
  double body_bottom() const { return body_bottom_; }
  Status Draw(PdfWriter* writer, int page, int page_count) const;

 private:
  const FormGeometry* g_ = nullptr;
  std::unique_ptr<TextBlock> left_, right_, footer_;
  double header_rule_y_ = 0, footer_rule_y_ = 0, footer_top_ = 0;
  double body_top_ = 0, body_bottom_ = 0;
};

// Draws the body of `page`: its text, its rules (above totals) and, through
// `draw_figure`, its figures.
template <typename DrawFigure>
void DrawBody(PdfWriter* writer, const FormGeometry& g, const Page& page,
              DrawFigure&& draw_figure) {
  for (const TextOp& op : page.text) writer->DrawLines(*op.block, op.first, op.last, op.x, op.y);
  for (const FigureOp& f : page.figures) draw_figure(f);
  const double right = g.margin_x_pt + g.width_pt;
  for (double y : page.rules) writer->DrawRule(g.margin_x_pt + g.item_x_pt, y, right, y, 0.5, 0.3);
}

// Lays `items` out in `frame` and draws every page: with `chrome`, the A4
// header and footer on each; without (a roll), the one page is cut where the
// text ends. Figures are drawn through `draw_figure`. The writer is not
// finished: a register prints its second copy after the first.
Status DrawPages(PdfWriter* writer, const FormGeometry& g, const std::vector<Item>& items,
                 const Frame& frame, const A4Chrome* chrome,
                 const std::function<void(const FigureOp&)>& draw_figure);

// A sheet that is one page and never more (a plate, a sign, R8, R13): lays
// `items` out within `frame` (frame.too_long when they overflow its one page),
// centres them vertically in it and draws them, figures through
// `draw_figure`. The page keeps the size the writer was opened with; the
// writer is not finished.
Status DrawSheet(PdfWriter* writer, const FormGeometry& g, const std::vector<Item>& items,
                 const Frame& frame, const std::function<void(const FigureOp&)>& draw_figure);

}  // namespace tereze::docs
