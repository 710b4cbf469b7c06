#include "docs/pdf_writer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <utility>

namespace tereze::docs {

struct TextBlock::Native {
  explicit Native(PangoLayout* l) : layout(l) {}
  Native(const Native&) = delete;
  Native& operator=(const Native&) = delete;
  ~Native() { g_object_unref(layout); }
  PangoLayout* layout;
};

struct PdfWriter::Native {
  Native() = default;
  Native(const Native&) = delete;
  Native& operator=(const Native&) = delete;
  ~Native() {
    // The context before the surface; destroying an unfinished surface
    // finishes it, writing into `bytes`, which is still alive here.
    if (pango != nullptr) g_object_unref(pango);
    if (cr != nullptr) cairo_destroy(cr);
    if (surface != nullptr) cairo_surface_destroy(surface);
  }
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoContext* pango = nullptr;
  std::string bytes;  // where cairo's stream callback appends
  bool overflowed = false;
};

namespace {

double FromPango(int units) { return static_cast<double>(units) / PANGO_SCALE; }

Status CairoFailure(const char* what, cairo_status_t status) {
  return Status::Internal(std::string(what) + ": " + cairo_status_to_string(status));
}

Status CheckPageSize(double width_pt, double height_pt) {
  // Written so that NaN fails too.
  if (!(width_pt > 0 && width_pt <= kMaxPageSidePt && height_pt > 0 &&
        height_pt <= kMaxPageSidePt)) {
    return Status::Malformed("invalid_page_size",
                             "a page side must be within (0, " +
                                 std::to_string(static_cast<int>(kMaxPageSidePt)) + "] pt");
  }
  return Status::Ok();
}

}  // namespace

TextBlock::TextBlock(std::unique_ptr<Native> native, TextStyle style)
    : native_(std::move(native)), style_(style) {}

TextBlock::~TextBlock() = default;

double TextBlock::Height(int first, int last) const {
  if (first >= last) return 0;
  return lines_[last - 1].top + lines_[last - 1].height - lines_[first].top;
}

PdfWriter::PdfWriter() : native_(std::make_unique<Native>()) {}

PdfWriter::~PdfWriter() = default;

Status PdfWriter::Open(double width_pt, double height_pt, std::string_view title,
                       std::string_view creation_date, std::unique_ptr<PdfWriter>* out) {
  // Appends to the writer's bytes, up to kMaxPdfBytes.
  cairo_write_func_t write_chunk = [](void* closure, const unsigned char* data,
                                      unsigned int length) -> cairo_status_t {
    auto* n = static_cast<Native*>(closure);
    if (n->bytes.size() + length > kMaxPdfBytes) {
      n->overflowed = true;
      return CAIRO_STATUS_WRITE_ERROR;
    }
    n->bytes.append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  };
  if (Status s = CheckPageSize(width_pt, height_pt); !s.ok()) return s;
  std::unique_ptr<PdfWriter> w(new PdfWriter());
  Native& n = *w->native_;
  n.surface = cairo_pdf_surface_create_for_stream(write_chunk, &n, width_pt, height_pt);
  if (cairo_status_t s = cairo_surface_status(n.surface); s != CAIRO_STATUS_SUCCESS) {
    return CairoFailure("pdf surface", s);
  }
  std::string title_z(title);
  // cairo wants ISO 8601 with a time; without it cairo stamps the wall clock,
  // and the same checklist would differ byte for byte from one print to the next.
  std::string date_z = std::string(creation_date) + "T00:00:00";
  cairo_pdf_surface_set_metadata(n.surface, CAIRO_PDF_METADATA_TITLE, title_z.c_str());
  cairo_pdf_surface_set_metadata(n.surface, CAIRO_PDF_METADATA_CREATOR, "Tereze");
  cairo_pdf_surface_set_metadata(n.surface, CAIRO_PDF_METADATA_CREATE_DATE, date_z.c_str());
  n.cr = cairo_create(n.surface);
  if (cairo_status_t s = cairo_status(n.cr); s != CAIRO_STATUS_SUCCESS) {
    return CairoFailure("cairo context", s);
  }
  n.pango = pango_cairo_create_context(n.cr);
  // One user unit is one point: at 72 dpi a 10 pt font is 10 units high.
  pango_cairo_context_set_resolution(n.pango, 72);
  // Print has no pixel grid: unhinted metrics and fractional glyph positions
  // keep the letter spacing even.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(n.pango, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(n.pango, FALSE);
  *out = std::move(w);
  return Status::Ok();
}

Status PdfWriter::Layout(std::string_view utf8, const TextStyle& style, double width_pt,
                         std::unique_ptr<TextBlock>* out) {
  if (utf8.size() > kMaxParagraphBytes) {
    return Status::TooLarge("text_too_long",
                            "a paragraph exceeds " + std::to_string(kMaxParagraphBytes) + " bytes");
  }
  if (!g_utf8_validate(utf8.data(), static_cast<gssize>(utf8.size()), nullptr)) {
    return Status::Malformed("invalid_utf8", "text for the PDF is not UTF-8");
  }
  PangoLayout* layout = pango_layout_new(native_->pango);
  std::unique_ptr<TextBlock> block(
      new TextBlock(std::make_unique<TextBlock::Native>(layout), style));

  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kFontFamily);
  pango_font_description_set_size(font, static_cast<int>(style.size_pt * PANGO_SCALE));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_OBLIQUE : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);

  pango_layout_set_width(layout, static_cast<int>(width_pt * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);  // a word wider than the column still breaks
  switch (style.align) {
    case Align::kLeft:
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      break;
    case Align::kCenter:
      pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
      break;
    case Align::kRight:
      pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
      break;
  }
  pango_layout_set_text(layout, utf8.data(), static_cast<int>(utf8.size()));

  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    TextBlock::Line line;
    line.top = FromPango(logical.y);
    line.height = FromPango(logical.height);
    line.baseline = FromPango(pango_layout_iter_get_baseline(it));
    line.x = FromPango(logical.x);
    block->lines_.push_back(line);
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  *out = std::move(block);
  return Status::Ok();
}

void PdfWriter::DrawLines(const TextBlock& block, int first, int last, double x_pt, double y_pt) {
  cairo_t* cr = native_->cr;
  double g = block.style_.gray;
  cairo_set_source_rgb(cr, g, g, g);
  for (int i = first; i < last; ++i) {
    const TextBlock::Line& line = block.lines_[i];
    cairo_move_to(cr, x_pt + line.x, y_pt + line.baseline - block.lines_[first].top);
    pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(block.native_->layout, i));
  }
}

void PdfWriter::DrawRule(double x1, double y1, double x2, double y2, double line_width_pt,
                         double gray) {
  cairo_t* cr = native_->cr;
  cairo_set_source_rgb(cr, gray, gray, gray);
  cairo_set_line_width(cr, line_width_pt);
  cairo_move_to(cr, x1, y1);
  cairo_line_to(cr, x2, y2);
  cairo_stroke(cr);
}

void PdfWriter::DrawBox(double x, double y, double w, double h, double line_width_pt) {
  cairo_t* cr = native_->cr;
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, line_width_pt);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
}

void PdfWriter::FillRects(const std::vector<RectPt>& rects, double gray) {
  cairo_t* cr = native_->cr;
  cairo_set_source_rgb(cr, gray, gray, gray);
  cairo_new_path(cr);
  for (const RectPt& r : rects) cairo_rectangle(cr, r.x, r.y, r.width, r.height);
  cairo_fill(cr);
}

Status PdfWriter::SetPageSize(double width_pt, double height_pt) {
  if (Status s = CheckPageSize(width_pt, height_pt); !s.ok()) return s;
  cairo_pdf_surface_set_size(native_->surface, width_pt, height_pt);
  if (cairo_status_t s = cairo_surface_status(native_->surface); s != CAIRO_STATUS_SUCCESS) {
    return CairoFailure("page size", s);
  }
  return Status::Ok();
}

void PdfWriter::EndPage() { cairo_show_page(native_->cr); }

Status PdfWriter::Finish(std::string* pdf_bytes) {
  if (finished_) return Status::Internal("the PDF was already finished");
  finished_ = true;
  Native& n = *native_;
  cairo_status_t drawn = cairo_status(n.cr);
  cairo_surface_finish(n.surface);
  if (n.overflowed) {
    return Status::TooLarge("pdf_too_large",
                            "the PDF exceeds " + std::to_string(kMaxPdfBytes) + " bytes");
  }
  if (drawn != CAIRO_STATUS_SUCCESS) return CairoFailure("drawing", drawn);
  if (cairo_status_t s = cairo_surface_status(n.surface); s != CAIRO_STATUS_SUCCESS) {
    return CairoFailure("pdf surface", s);
  }
  *pdf_bytes = std::move(n.bytes);
  return Status::Ok();
}

}  // namespace tereze::docs
