#include "docs/barcode.h"

#include <zint.h>

#include <cmath>
#include <memory>
#include <string>

namespace tereze::docs {
namespace {

struct ZintDeleter {
  void operator()(zint_symbol* s) const { ZBarcode_Delete(s); }
};
using ZintSymbol = std::unique_ptr<zint_symbol, ZintDeleter>;

bool PrintableAscii(std::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Encodes with zint and collects the dark rectangles of its vector output,
// converted to modules. zint draws without quiet zones here (we add the
// standard's own) and at a scale of its choosing, so its coordinates are
// divided by its units per module rather than trusted to be 1 or 2.
Status Encode(int symbology, std::string_view text, int ecc_level, int quiet_modules,
              BarcodeSymbol* out) {
  ZintSymbol symbol(ZBarcode_Create());
  if (symbol == nullptr) return Status::Internal("zint: out of memory");
  symbol->symbology = symbology;
  symbol->input_mode = DATA_MODE;  // the bytes as given: printable ASCII, checked by the caller
  symbol->show_hrt = 0;            // the forms print the text themselves, in their own font
  symbol->output_options = BARCODE_NO_QUIET_ZONES;
  if (ecc_level > 0) symbol->option_1 = ecc_level;
  symbol->warn_level = WARN_FAIL_ALL;  // a symbol zint calls non-compliant is not printed
  int rc = ZBarcode_Encode_and_Buffer_Vector(symbol.get(),
                                             reinterpret_cast<const unsigned char*>(text.data()),
                                             static_cast<int>(text.size()), 0);
  if (rc >= ZINT_ERROR) {
    return Status::Internal(std::string("zint: ") + symbol->errtxt);
  }
  const zint_vector* v = symbol->vector;
  if (v == nullptr || symbol->width <= 0 || v->width <= 0) {
    return Status::Internal("zint: no vector output");
  }
  const double units_per_module = static_cast<double>(v->width) / symbol->width;
  BarcodeSymbol result;
  result.linear = symbology != BARCODE_QRCODE;
  result.width_modules = symbol->width + 2.0 * quiet_modules;
  if (!result.linear) {
    if (symbol->rows != symbol->width) return Status::Internal("zint: a QR code is not square");
    result.height_modules = symbol->rows + 2.0 * quiet_modules;
  }
  for (const zint_vector_rect* r = v->rectangles; r != nullptr; r = r->next) {
    RectPt m;
    // Module boundaries are whole numbers; rounding removes float noise.
    m.x = std::round(r->x / units_per_module) + quiet_modules;
    m.width = std::round(r->width / units_per_module);
    if (result.linear) {
      m.y = 0;
      m.height = 1;  // a fraction of the bar height: scaled by it when drawn
    } else {
      m.y = std::round(r->y / units_per_module) + quiet_modules;
      m.height = std::round(r->height / units_per_module);
    }
    if (m.width <= 0 || m.height <= 0) continue;
    result.dark.push_back(m);
  }
  if (result.dark.empty()) return Status::Internal("zint: an empty symbol");
  *out = std::move(result);
  return Status::Ok();
}

}  // namespace

Status EncodeCode128(std::string_view text, BarcodeSymbol* out) {
  if (text.empty() || !PrintableAscii(text)) {
    return Status::Malformed("barcode_invalid",
                             "a Code 128 barcode holds one or more printable ASCII characters");
  }
  if (text.size() > kMaxCode128Chars) {
    return Status::TooLarge(
        "barcode_too_long",
        "a Code 128 barcode holds at most " + std::to_string(kMaxCode128Chars) + " characters");
  }
  return Encode(BARCODE_CODE128, text, /*ecc_level=*/0, kCode128QuietModules, out);
}

Status EncodeQrCode(std::string_view text, BarcodeSymbol* out) {
  if (text.empty() || !PrintableAscii(text)) {
    return Status::Malformed("qr_invalid", "a QR code here holds printable ASCII (a URL)");
  }
  if (text.size() > kMaxQrBytes) {
    return Status::TooLarge(
        "qr_too_long", "a QR code here holds at most " + std::to_string(kMaxQrBytes) + " bytes");
  }
  constexpr int kEccLevelM = 2;  // zint's option_1: 1 L, 2 M, 3 Q, 4 H
  return Encode(BARCODE_QRCODE, text, kEccLevelM, kQrQuietModules, out);
}

double BarcodeWidthPt(const BarcodeSymbol& symbol, double module_pt) {
  return symbol.width_modules * module_pt;
}

double BarcodeHeightPt(const BarcodeSymbol& symbol, double module_pt, double bar_height_pt) {
  return symbol.linear ? bar_height_pt : symbol.height_modules * module_pt;
}

void DrawBarcode(PdfWriter* writer, const BarcodeSymbol& symbol, double x_pt, double y_pt,
                 double module_pt, double bar_height_pt) {
  const double y_scale = symbol.linear ? bar_height_pt : module_pt;
  std::vector<RectPt> rects;
  rects.reserve(symbol.dark.size());
  for (const RectPt& m : symbol.dark) {
    rects.push_back(
        {x_pt + m.x * module_pt, y_pt + m.y * y_scale, m.width * module_pt, m.height * y_scale});
  }
  writer->FillRects(rects, 0);
}

}  // namespace tereze::docs
