// The flow of a printed form's body (checklists R20, receipts R18.5/R18.6):
// items laid out first, then placed on pages between a header and a footer.
// An item that fits on a page is never split; a longer one breaks between
// lines; a section's heading is repeated, "(continued)", where a page break
// falls among its items. Shared by every form of docs/ so that pagination is
// written, and tested, once.
#pragma once

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "docs/pdf_writer.h"

namespace tereze::docs {

// A paragraph of an item, or a figure (a barcode) that the caller draws
// itself: `figure` >= 0 names it, and it is one unbreakable row.
struct Piece {
  std::unique_ptr<TextBlock> block;  // null for a figure
  double x = 0;                      // absolute
  double gap_before = 0;             // from the piece above, within the item
  int figure = -1;
  double figure_height_pt = 0;
};

// Text beside an item's first row (a number, a label, an amount).
struct Side {
  std::unique_ptr<TextBlock> block;
  double x = 0;   // absolute
  double dy = 0;  // below the first row's top: a caption level with a figure's content
};

// One thing in the flow of the body: a stack of pieces (the part that may
// break across pages, line by line) and sides beside its first row, with
// decorations (a checkbox, a rule above).
struct Item {
  double space_before = 0;  // dropped at the top of a page
  std::vector<Piece> stack;
  std::vector<Side> sides;
  bool checkbox = false;
  bool rule_above = false;
  bool keep_with_next = false;  // headings: never the last thing on a page
  // The heading repeated, "(continued)", when the item starts a new page.
  const TextBlock* continues = nullptr;
};

struct TextOp {
  const TextBlock* block;
  int first, last;
  double x, y;
};
struct FigureOp {
  int figure;
  double x, y;  // the figure's top-left corner
};
struct Page {
  std::vector<TextOp> text;
  std::vector<FigureOp> figures;
  std::vector<std::pair<double, double>> boxes;  // checkbox top-left corners
  std::vector<double> rules;                     // y of rules above items
  double end_y = 0;                              // where the page's last item ends
};

struct Frame {
  double left_pt = 0;                // checkboxes and repeated headings start here
  double top_pt = 0, bottom_pt = 0;  // the body's extent on every page
  double checkbox_pt = 8;            // the side of a checkbox
  int max_pages = 1;
  Status too_long;  // returned when the items need more than max_pages
};

// Places `items` on pages within `frame`; `pages` gets at least one page.
// With max_pages 1 (a roll) an item that does not fit is frame.too_long, not
// a second page.
Status Paginate(const std::vector<Item>& items, const Frame& frame, std::vector<Page>* pages);

// Builds the items of a body: paragraphs laid out by `writer`, kept alive for
// the pages that draw them. Every method fails only on text PdfWriter::Layout
// refuses (not UTF-8, too long).
class FlowBuilder {
 public:
  // `left_pt` is the body's left edge; the x of every piece and side is relative to it.
  FlowBuilder(PdfWriter* writer, double left_pt) : writer_(writer), left_pt_(left_pt) {}

  // Appends an item to the current section.
  void Push(Item item) {
    item.continues = continued_;
    items_.push_back(std::move(item));
  }
  // Appends a heading: the items after it belong to its section until the
  // next one, and a page break among them draws `continued` instead.
  Status Section(Item heading, std::string_view continued, const TextStyle& continued_style,
                 double width_pt);

  Status AddPiece(Item* item, std::string_view text, const TextStyle& style, double x, double width,
                  double gap_before = 0);
  Status AddSide(Item* item, std::string_view text, const TextStyle& style, double x, double width,
                 double dy = 0);
  void AddFigure(Item* item, int figure, double x, double height_pt, double gap_before = 0);

  std::vector<Item>& items() { return items_; }

 private:
  PdfWriter* writer_;
  double left_pt_;
  std::vector<Item> items_;
  const TextBlock* continued_ = nullptr;  // of the current section
  std::vector<std::unique_ptr<TextBlock>> owned_;
};

}  // namespace tereze::docs
