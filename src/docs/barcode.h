// Barcodes on printed forms: Code 128 for the numbers that scanners at every
// desk read (the receipt's barcode, R18.5, scanned at each hand-over, R18.10,
// R22), QR for the public tracking link that phones read. zint encodes them;
// they are drawn through PdfWriter as filled vector rectangles, so they stay
// sharp at any printer's resolution.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "docs/pdf_writer.h"

namespace tereze::docs {

// Longer Code 128 is unreadable on a 72 mm roll (digits pack two to a symbol
// character, so 48 digits are some 300 modules); the forms print far less.
inline constexpr size_t kMaxCode128Chars = 48;
// A tracking link longer than this makes a QR code too dense for a phone at
// the module sizes receipts use.
inline constexpr size_t kMaxQrBytes = 512;

// The quiet zones the standards require, in modules: ISO/IEC 15417 for
// Code 128 (left and right), ISO/IEC 18004 for QR (every side).
inline constexpr int kCode128QuietModules = 10;
inline constexpr int kQrQuietModules = 4;

// A symbol reduced to what a page needs. A module is the narrowest bar of a
// Code 128 symbol or one square of a QR code; sizes are in modules and include
// the quiet zones, so a symbol placed anywhere on white paper scans.
struct BarcodeSymbol {
  // Linear (Code 128): each bar runs the height the caller draws it, and
  // height_modules is 0. Matrix (QR): square, height_modules == width_modules.
  bool linear = false;
  double width_modules = 0;
  double height_modules = 0;
  std::vector<RectPt> dark;  // in modules from the top-left corner of the quiet zone
};

// Encodes `text`, printable ASCII, as Code 128 (zint picks the code sets:
// digits go two to a character). Malformed("barcode_invalid") for an empty
// text or any other character, TooLarge("barcode_too_long") beyond
// kMaxCode128Chars.
Status EncodeCode128(std::string_view text, BarcodeSymbol* out);

// Encodes `text`, printable ASCII (a URL; anything else is percent-encoded
// first), as a QR code with error correction level M (15% of the symbol may
// be smudged). Malformed("qr_invalid") or TooLarge("qr_too_long") beyond
// kMaxQrBytes.
Status EncodeQrCode(std::string_view text, BarcodeSymbol* out);

// The symbol's size on the page, quiet zones included, with modules
// `module_pt` wide; `bar_height_pt` is the height of a linear symbol's bars.
double BarcodeWidthPt(const BarcodeSymbol& symbol, double module_pt);
double BarcodeHeightPt(const BarcodeSymbol& symbol, double module_pt, double bar_height_pt);

// Draws `symbol` in black with the top-left corner of its quiet zone at
// (x_pt, y_pt). The quiet zone itself is left unpainted: it must fall on
// white paper, which is the caller's layout's job.
void DrawBarcode(PdfWriter* writer, const BarcodeSymbol& symbol, double x_pt, double y_pt,
                 double module_pt, double bar_height_pt);

}  // namespace tereze::docs
