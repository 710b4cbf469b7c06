#include "docs/flow.h"

#include <algorithm>

namespace tereze::docs {
namespace {

constexpr double kContinuedGapPt = 4;  // under a repeated "(continued)" heading

// A row is one line of one piece, or a whole figure: the unit of page breaks.
struct Row {
  int piece, line;
  double gap, height;
};

std::vector<Row> RowsOf(const Item& item) {
  std::vector<Row> rows;
  for (int p = 0; p < static_cast<int>(item.stack.size()); ++p) {
    const Piece& piece = item.stack[p];
    const double gap = p > 0 ? piece.gap_before : 0;
    if (piece.figure >= 0) {
      rows.push_back({p, 0, gap, piece.figure_height_pt});
      continue;
    }
    const TextBlock& b = *piece.block;
    for (int l = 0; l < b.line_count(); ++l) {
      rows.push_back({p, l, l == 0 ? gap : 0, b.line_height(l)});
    }
  }
  return rows;
}

double SidesHeight(const Item& item) {
  double h = 0;
  for (const Side& s : item.sides) h = std::max(h, s.dy + s.block->height());
  return h;
}

double ItemHeight(const Item& item) {
  double h = 0;
  for (const Row& r : RowsOf(item)) h += r.gap + r.height;
  return std::max(h, SidesHeight(item));
}

}  // namespace

Status Paginate(const std::vector<Item>& items, const Frame& frame, std::vector<Page>* pages) {
  const double top = frame.top_pt, bottom = frame.bottom_pt;
  pages->emplace_back();
  double y = top;
  auto new_page = [&](const Item& item) -> Status {
    if (static_cast<int>(pages->size()) >= frame.max_pages) return frame.too_long;
    pages->back().end_y = y;
    pages->emplace_back();
    y = top;
    if (item.continues != nullptr) {
      const TextBlock& c = *item.continues;
      pages->back().text.push_back({&c, 0, c.line_count(), frame.left_pt, y});
      y += c.height() + kContinuedGapPt;
    }
    return Status::Ok();
  };
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    const double h = ItemHeight(item);
    double need = (y > top ? item.space_before : 0) + h;
    if (item.keep_with_next && i + 1 < items.size()) {
      const Item& next = items[i + 1];
      std::vector<Row> next_rows = RowsOf(next);
      need += next.space_before + (next_rows.empty() ? 0 : next_rows[0].height);
    }
    if (y > top && y + need > bottom && h <= bottom - top) {
      if (Status s = new_page(item); !s.ok()) return s;
    }
    if (y > top) y += item.space_before;

    std::vector<Row> rows = RowsOf(item);
    double item_top = y;
    size_t item_page = pages->size();
    for (size_t r = 0; r < rows.size(); ++r) {
      const Row& row = rows[r];
      double gap = row.gap;
      if (y + gap + row.height > bottom && (y > top || frame.max_pages == 1)) {
        // A row taller than the whole body still goes onto a fresh page (and
        // runs past its bottom) rather than loop; with one page allowed there
        // is no fresh page, and the body is simply too long.
        if (Status s = new_page(item); !s.ok()) return s;
        gap = 0;
      }
      y += gap;
      Page& page = pages->back();
      const Piece& piece = item.stack[row.piece];
      if (piece.figure >= 0) {
        page.figures.push_back({piece.figure, piece.x, y});
      } else {
        page.text.push_back({piece.block.get(), row.line, row.line + 1, piece.x, y});
      }
      if (r == 0) {
        item_top = y;
        item_page = pages->size();
        for (const Side& side : item.sides) {
          page.text.push_back({side.block.get(), 0, side.block->line_count(), side.x, y + side.dy});
        }
        if (item.checkbox) {
          page.boxes.emplace_back(frame.left_pt, y + (row.height - frame.checkbox_pt) / 2);
        }
        if (item.rule_above) page.rules.push_back(y - 2);
      }
      y += row.height;
    }
    // A side taller than its stack (a label that wrapped) decides the item's
    // height, if the item stayed on one page (sides are drawn with its first line).
    if (pages->size() == item_page) y = std::max(y, item_top + SidesHeight(item));
  }
  pages->back().end_y = y;
  if (y > bottom && frame.max_pages == 1) return frame.too_long;
  return Status::Ok();
}

Status FlowBuilder::Section(Item heading, std::string_view continued,
                            const TextStyle& continued_style, double width_pt) {
  items_.push_back(std::move(heading));
  std::unique_ptr<TextBlock> block;
  if (Status s = writer_->Layout(continued, continued_style, width_pt, &block); !s.ok()) return s;
  continued_ = block.get();
  owned_.push_back(std::move(block));
  return Status::Ok();
}

Status FlowBuilder::AddPiece(Item* item, std::string_view text, const TextStyle& style, double x,
                             double width, double gap_before) {
  std::unique_ptr<TextBlock> block;
  if (Status s = writer_->Layout(text, style, width, &block); !s.ok()) return s;
  item->stack.push_back({std::move(block), left_pt_ + x, gap_before});
  return Status::Ok();
}

Status FlowBuilder::AddSide(Item* item, std::string_view text, const TextStyle& style, double x,
                            double width, double dy) {
  std::unique_ptr<TextBlock> block;
  if (Status s = writer_->Layout(text, style, width, &block); !s.ok()) return s;
  item->sides.push_back({std::move(block), left_pt_ + x, dy});
  return Status::Ok();
}

void FlowBuilder::AddFigure(Item* item, int figure, double x, double height_pt, double gap_before) {
  Piece piece;
  piece.x = left_pt_ + x;
  piece.gap_before = gap_before;
  piece.figure = figure;
  piece.figure_height_pt = height_pt;
  item->stack.push_back(std::move(piece));
}

}  // namespace tereze::docs
