#include "docs/form.h"

#include <algorithm>
#include <utility>

#include "docs/checklist_pdf.h"

namespace tereze::docs {
namespace {

int Number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

constexpr double kHeaderNumberWidthPt = 150;  // A4: "№ 123…" at the right of the header
constexpr double kRuleOffsetPt = 4;           // between a header/footer text and its rule
constexpr double kHeaderGapPt = 14;           // between the header's rule and the body
constexpr double kPageNumberWidthPt = 80;

}  // namespace

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsDotDate(std::string_view s) {
  if (s.size() != 10 || s[2] != '.' || s[5] != '.') return false;
  std::string_view d = s.substr(0, 2), m = s.substr(3, 2), y = s.substr(6, 4);
  if (!AllDigits(d) || !AllDigits(m) || !AllDigits(y)) return false;
  return Number(d) >= 1 && Number(d) <= 31 && Number(m) >= 1 && Number(m) <= 12;
}

bool IsDotDateTime(std::string_view s) {
  if (s.size() != 16 || s[10] != ' ' || s[13] != ':' || !IsDotDate(s.substr(0, 10))) return false;
  std::string_view h = s.substr(11, 2), m = s.substr(14, 2);
  return AllDigits(h) && AllDigits(m) && Number(h) <= 23 && Number(m) <= 59;
}

std::string IsoDateOf(std::string_view dotted) {
  return std::string(dotted.substr(6, 4)) + "-" + std::string(dotted.substr(3, 2)) + "-" +
         std::string(dotted.substr(0, 2));
}

Status CheckBarcode(std::string_view text, domain::BarcodeKind kind, std::string_view what) {
  domain::ParsedBarcode parsed;
  if (Status s = domain::ParseBarcode(text, &parsed); !s.ok()) {
    const std::string message = std::string(what) + ": " + s.message();
    return s.kind() == Status::Kind::kRefused ? Status::Refused(s.code(), message)
                                              : Status::Malformed(s.code(), message);
  }
  if (parsed.kind != kind) {
    return Status::Malformed("barcode_wrong_kind",
                             std::string(what) + " is another kind of record's barcode");
  }
  return Status::Ok();
}

Status ParseLang(std::string_view lang, std::string_view form, Lang* out) {
  if (lang == "kk") {
    *out = Lang::kKk;
  } else if (lang == "ru") {
    *out = Lang::kRu;
  } else {
    return Status::Malformed("unsupported_language",
                             "a " + std::string(form) + " is printed in kk or ru (R19)");
  }
  return Status::Ok();
}

Status CheckFieldLengths(const std::vector<const std::string*>& texts, size_t max_bytes,
                         std::string_view form) {
  for (const std::string* t : texts) {
    if (t->size() > max_bytes) {
      return Status::TooLarge("field_too_long", "a text on a " + std::string(form) + " exceeds " +
                                                    std::to_string(max_bytes) + " bytes");
    }
  }
  return Status::Ok();
}

double FitModulePt(const BarcodeSymbol& symbol, double width_pt, double dot_pt, int max_dots,
                   int min_dots) {
  for (int dots = max_dots; dots >= min_dots; --dots) {
    if (BarcodeWidthPt(symbol, dots * dot_pt) <= width_pt) return dots * dot_pt;
  }
  return 0;
}

// ---- FormBuilder ----

Status FormBuilder::Paragraph(std::string_view text, const TextStyle& style, double space_before) {
  Item item;
  item.space_before = space_before;
  if (Status s = flow_.AddPiece(&item, text, style, 0, g_.width_pt); !s.ok()) return s;
  flow_.Push(std::move(item));
  return Status::Ok();
}

Status FormBuilder::Section(std::string_view heading, std::string_view continued_word) {
  Item item;
  item.space_before = g_.section_space_pt;
  item.keep_with_next = true;
  if (Status s = flow_.AddPiece(&item, heading, g_.section, 0, g_.width_pt); !s.ok()) return s;
  std::string continued = std::string(heading) + " (" + std::string(continued_word) + ")";
  return flow_.Section(std::move(item), continued, g_.continued, g_.width_pt);
}

Status FormBuilder::Fact(std::string_view label, std::string_view value, bool strong,
                         double extra_space) {
  Item item;
  item.space_before = (g_.label_width_pt > 0 ? 3 : 4) + extra_space;
  const TextStyle& value_style = strong ? g_.value_strong : g_.value;
  if (g_.label_width_pt > 0) {
    std::string label_text = std::string(label) + ":";
    if (Status s = flow_.AddSide(&item, label_text, g_.label, 0, g_.label_width_pt - 8); !s.ok()) {
      return s;
    }
    if (Status s = flow_.AddPiece(&item, value, value_style, g_.label_width_pt,
                                  g_.width_pt - g_.label_width_pt);
        !s.ok()) {
      return s;
    }
  } else {
    if (Status s = flow_.AddPiece(&item, label, g_.label, 0, g_.width_pt); !s.ok()) return s;
    if (Status s = flow_.AddPiece(&item, value, value_style, 0, g_.width_pt, 0.5); !s.ok()) {
      return s;
    }
  }
  flow_.Push(std::move(item));
  return Status::Ok();
}

Status FormBuilder::Numbered(int number, std::string_view text, std::string_view note) {
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

Status FormBuilder::Money(std::string_view name, std::string_view note, int64_t tiyn, bool total) {
  Item item;
  item.space_before = total ? 6 : 3;
  item.rule_above = total;
  const double name_width = g_.width_pt - g_.amount_width_pt - g_.item_x_pt - 6;
  if (Status s = flow_.AddSide(&item, FormatTenge(tiyn), total ? g_.total_amount : g_.amount,
                               g_.width_pt - g_.amount_width_pt, g_.amount_width_pt);
      !s.ok()) {
    return s;
  }
  if (Status s = flow_.AddPiece(&item, name, total ? g_.total : g_.item, g_.item_x_pt, name_width);
      !s.ok()) {
    return s;
  }
  if (!note.empty()) {
    if (Status s = flow_.AddPiece(&item, note, g_.note, g_.item_x_pt, name_width, 1); !s.ok()) {
      return s;
    }
  }
  flow_.Push(std::move(item));
  return Status::Ok();
}

Status FormBuilder::Barcode(int figure, double width_pt, std::string_view text,
                            double space_before) {
  Item item;
  item.space_before = space_before;
  flow_.AddFigure(&item, figure, (g_.width_pt - width_pt) / 2, g_.bar_height_pt);
  if (Status s = flow_.AddPiece(&item, text, g_.digits, 0, g_.width_pt, 2); !s.ok()) return s;
  flow_.Push(std::move(item));
  return Status::Ok();
}

Status FormBuilder::Tracking(int figure, double side_pt, double quiet_pt, std::string_view caption,
                             std::string_view url) {
  Item item;
  item.space_before = g_.section_space_pt;
  if (g_.label_width_pt > 0) {
    flow_.AddFigure(&item, figure, 0, side_pt);
    const double x = side_pt + 6;
    std::string text = std::string(caption) + "\n" + std::string(url);
    // The caption starts level with the code's first row of modules, not its quiet zone.
    if (Status s = flow_.AddSide(&item, text, g_.small, x, g_.width_pt - x, quiet_pt); !s.ok()) {
      return s;
    }
  } else {
    if (Status s = flow_.AddPiece(&item, caption, g_.small, 0, g_.width_pt); !s.ok()) return s;
    flow_.AddFigure(&item, figure, (g_.width_pt - side_pt) / 2, side_pt, 2);
    if (Status s = flow_.AddPiece(&item, url, g_.small, 0, g_.width_pt); !s.ok()) return s;
  }
  flow_.Push(std::move(item));
  return Status::Ok();
}

Status FormBuilder::BarcodeRow(int number, int figure, double width_pt, double bar_height_pt,
                               std::string_view digits, std::string_view text,
                               std::string_view note) {
  Item item;
  item.space_before = 6;
  item.rule_above = number > 1;
  // A register numbers up to hundreds of packages: "500." needs a wider
  // column than a receipt's list.
  const double number_width = 2 * g_.number_width_pt;
  const double figure_x = number_width + 4;
  std::string n = std::to_string(number) + ".";
  if (Status s = flow_.AddSide(&item, n, g_.number, 0, number_width); !s.ok()) return s;
  // The digits centred under the bars; the text starts after the quiet zone.
  flow_.AddFigure(&item, figure, figure_x, bar_height_pt);
  if (Status s = flow_.AddPiece(&item, digits, g_.digits, figure_x, width_pt, 1); !s.ok()) {
    return s;
  }
  const double x = figure_x + width_pt + 6;
  if (Status s = flow_.AddSide(&item, text, g_.item, x, g_.width_pt - x); !s.ok()) return s;
  if (!note.empty()) {
    const double dy = item.sides.back().block->height() + 1;
    if (Status s = flow_.AddSide(&item, note, g_.note, x, g_.width_pt - x, dy); !s.ok()) return s;
  }
  flow_.Push(std::move(item));
  return Status::Ok();
}

Status FormBuilder::Figure(int figure, double width_pt, double height_pt, double space_before) {
  Item item;
  item.space_before = space_before;
  flow_.AddFigure(&item, figure, (g_.width_pt - width_pt) / 2, height_pt);
  flow_.Push(std::move(item));
  return Status::Ok();
}

Status FormBuilder::Signatures(std::string_view left, std::string_view right, double space_before) {
  Item item;
  item.space_before = space_before;
  const double half = (g_.width_pt - 12) / 2;
  if (Status s = flow_.AddPiece(&item, left, g_.value, 0, right.empty() ? g_.width_pt : half);
      !s.ok()) {
    return s;
  }
  if (!right.empty()) {
    if (Status s = flow_.AddSide(&item, right, g_.value, half + 12, half); !s.ok()) return s;
  }
  flow_.Push(std::move(item));
  return Status::Ok();
}

Status FirstFailure(const std::vector<Status>& results) {
  for (const Status& s : results) {
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

// ---- A4Chrome ----

Status A4Chrome::Layout(PdfWriter* writer, const FormGeometry& g, std::string_view left,
                        std::string_view right, std::string_view footer) {
  g_ = &g;
  if (Status s = writer->Layout(left, g.center, g.width_pt - kHeaderNumberWidthPt - 10, &left_);
      !s.ok()) {
    return s;
  }
  if (Status s = writer->Layout(right, g.header, kHeaderNumberWidthPt, &right_); !s.ok()) return s;
  if (Status s = writer->Layout(footer.empty() ? " " : footer, g.address,
                                g.width_pt - kPageNumberWidthPt - 10, &footer_);
      !s.ok()) {
    return s;
  }
  header_rule_y_ = g.margin_top_pt + std::max(left_->height(), right_->height()) + kRuleOffsetPt;
  footer_top_ = kA4HeightPt - g.margin_bottom_pt - footer_->height();
  footer_rule_y_ = footer_top_ - kRuleOffsetPt;
  body_top_ = header_rule_y_ + kHeaderGapPt;
  body_bottom_ = footer_rule_y_ - kHeaderGapPt;
  return Status::Ok();
}

Status A4Chrome::Draw(PdfWriter* writer, int page, int page_count) const {
  const FormGeometry& g = *g_;
  const double right = g.margin_x_pt + g.width_pt;
  writer->DrawLines(*left_, 0, left_->line_count(), g.margin_x_pt, g.margin_top_pt);
  writer->DrawLines(*right_, 0, right_->line_count(), right - kHeaderNumberWidthPt,
                    g.margin_top_pt);
  writer->DrawRule(g.margin_x_pt, header_rule_y_, right, header_rule_y_, 0.8, 0);
  writer->DrawRule(g.margin_x_pt, footer_rule_y_, right, footer_rule_y_, 0.5, 0.35);
  writer->DrawLines(*footer_, 0, footer_->line_count(), g.margin_x_pt, footer_top_);
  std::unique_ptr<TextBlock> number;
  std::string page_number = std::to_string(page + 1) + " / " + std::to_string(page_count);
  if (Status s = writer->Layout(page_number, g.footer, kPageNumberWidthPt, &number); !s.ok()) {
    return s;
  }
  writer->DrawLines(*number, 0, number->line_count(), right - kPageNumberWidthPt, footer_top_);
  return Status::Ok();
}

Status DrawPages(PdfWriter* writer, const FormGeometry& g, const std::vector<Item>& items,
                 const Frame& frame, const A4Chrome* chrome,
                 const std::function<void(const FigureOp&)>& draw_figure) {
  std::vector<Page> pages;
  if (Status s = Paginate(items, frame, &pages); !s.ok()) return s;
  if (!chrome) {
    // The roll is cut where the text ends.
    if (Status s = writer->SetPageSize(g.page_width_pt, pages[0].end_y + g.margin_bottom_pt);
        !s.ok()) {
      return s;
    }
  }
  const int page_count = static_cast<int>(pages.size());
  for (int i = 0; i < page_count; ++i) {
    if (chrome) {
      if (Status s = chrome->Draw(writer, i, page_count); !s.ok()) return s;
    }
    DrawBody(writer, g, pages[i], draw_figure);
    writer->EndPage();
  }
  return Status::Ok();
}

Status DrawSheet(PdfWriter* writer, const FormGeometry& g, const std::vector<Item>& items,
                 const Frame& frame, const std::function<void(const FigureOp&)>& draw_figure) {
  Frame one = frame;
  one.max_pages = 1;
  std::vector<Page> pages;
  if (Status s = Paginate(items, one, &pages); !s.ok()) return s;
  // Laid out again lower by half the room left: the same lines, centred.
  const double shift = (one.bottom_pt - pages[0].end_y) / 2;
  one.top_pt += shift;
  one.bottom_pt += shift;
  pages.clear();
  if (Status s = Paginate(items, one, &pages); !s.ok()) return s;
  DrawBody(writer, g, pages[0], draw_figure);
  writer->EndPage();
  return Status::Ok();
}

}  // namespace tereze::docs
