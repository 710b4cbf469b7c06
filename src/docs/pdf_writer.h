// PdfWriter: a small wrapper over cairo's PDF surface and pango, enough for
// the printed forms of docs/ (R19, R20): paragraphs laid out first, so that a
// caller can paginate by lines before it draws anything, then drawn line by
// line onto pages. The PDF is built in memory, never in a file.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tereze::docs {

// ISO 216 A4 in PostScript points (1/72 in), rounded as every PDF producer does.
inline constexpr double kA4WidthPt = 595;
inline constexpr double kA4HeightPt = 842;

inline constexpr double kPtPerMm = 72 / 25.4;

// The longest side of a page PDF readers accept (Acrobat's limit, 200 in); a
// receipt on a roll is one page as long as its text, and stops here.
inline constexpr double kMaxPageSidePt = 14400;

// The one family every form uses: it covers Kazakh Cyrillic (Ә Ғ Қ Ң Ө Ұ Ү Һ І)
// and the tenge sign, and Debian ships it as fonts-dejavu-core.
inline constexpr char kFontFamily[] = "DejaVu Sans";

// A finished PDF larger than this is a bug (a form is a few pages of text);
// stop writing rather than grow without bound.
inline constexpr size_t kMaxPdfBytes = 16u << 20;

// One paragraph longer than this (some five pages of text) is refused before
// pango spends time on it.
inline constexpr size_t kMaxParagraphBytes = 64u << 10;

enum class Align { kLeft, kCenter, kRight };

struct RectPt {
  double x = 0, y = 0, width = 0, height = 0;
};

struct TextStyle {
  double size_pt = 10;
  bool bold = false;
  bool italic = false;
  double gray = 0;  // 0 is black; grey text for secondary notes
  Align align = Align::kLeft;
};

// A paragraph laid out for a width: its lines and their heights are known,
// nothing is drawn yet. Made by PdfWriter::Layout, drawn by PdfWriter::DrawLines.
class TextBlock {
 public:
  TextBlock(const TextBlock&) = delete;
  TextBlock& operator=(const TextBlock&) = delete;
  ~TextBlock();

  int line_count() const { return static_cast<int>(lines_.size()); }
  double line_height(int i) const { return lines_[i].height; }
  // Height of lines [first, last) stacked; height() is all of them.
  double Height(int first, int last) const;
  double height() const { return Height(0, line_count()); }

 private:
  friend class PdfWriter;
  struct Line {
    double top = 0;       // from the top of the block
    double height = 0;    // logical height, leading included
    double baseline = 0;  // from the top of the block
    double x = 0;         // left edge within the block (alignment included)
  };
  struct Native;  // the pango layout; pango's types stay out of this header
  TextBlock(std::unique_ptr<Native> native, TextStyle style);

  std::unique_ptr<Native> native_;
  TextStyle style_;
  std::vector<Line> lines_;
};

class PdfWriter {
 public:
  // A document whose pages are `width_pt` × `height_pt`; `title` and
  // `creation_date` ("YYYY-MM-DD", so that the same input gives the same
  // bytes) go into the PDF's metadata. Malformed("invalid_page_size") for a
  // side that is not positive or exceeds kMaxPageSidePt.
  static Status Open(double width_pt, double height_pt, std::string_view title,
                     std::string_view creation_date, std::unique_ptr<PdfWriter>* out);
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;
  ~PdfWriter();

  // Lays `utf8` out as one paragraph wrapped to `width_pt` ("\n" breaks lines).
  // Malformed("invalid_utf8") for text that is not UTF-8 (pango would mangle
  // it), TooLarge("text_too_long") beyond kMaxParagraphBytes.
  Status Layout(std::string_view utf8, const TextStyle& style, double width_pt,
                std::unique_ptr<TextBlock>* out);
  // Draws lines [first, last) of `block` with the top of line `first` at (x, y).
  void DrawLines(const TextBlock& block, int first, int last, double x_pt, double y_pt);
  void DrawRule(double x1, double y1, double x2, double y2, double line_width_pt, double gray);
  void DrawBox(double x, double y, double w, double h, double line_width_pt);
  // Fills `rects` as one path, so that rectangles which touch (a barcode's
  // modules) leave no hairline seam where a renderer anti-aliases their edges.
  void FillRects(const std::vector<RectPt>& rects, double gray);
  // Resizes the current page, and those after it; only before anything is
  // drawn on it. A roll's receipt is laid out first, then sized to its text.
  // Malformed("invalid_page_size") as for Open.
  Status SetPageSize(double width_pt, double height_pt);
  // Ends the current page; the next drawing starts a new one.
  void EndPage();
  // Ends the document and hands over its bytes; the writer is spent afterwards.
  Status Finish(std::string* pdf_bytes);

 private:
  struct Native;  // the cairo surface and context, the pango context, the bytes
  PdfWriter();

  std::unique_ptr<Native> native_;
  bool finished_ = false;
};

}  // namespace tereze::docs
