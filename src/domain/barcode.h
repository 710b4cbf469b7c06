// Barcodes that Tereze prints on receipts, refusal receipts and registers
// (R18.5, R18.10). Thirteen digits: one digit of kind, eleven of body, one
// check digit (ISO 7064 MOD 11,10), so that a misread scan is a clear error
// and never another package: the check catches every single wrong digit and
// every swap of two neighbours.
//
// The body is the record's id scrambled by a fixed bijection of [0, 10^11):
// unique by construction (no collisions to retry, which random bodies would
// give thousands of a year at national volume) yet not a counter that a
// stranger could step through on the public tracking page.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tereze::domain {

enum class BarcodeKind : int {
  kApplication = 1,
  kRefusal = 2,
  kRegister = 3,
};

inline constexpr size_t kBarcodeDigits = 13;
inline constexpr int64_t kMaxBarcodeId = 99'999'999'999;  // 10^11 - 1

// ISO 7064 MOD 11,10 check digit of a string of digits.
int Mod1110CheckDigit(std::string_view digits);

// The barcode of record `id` (1..kMaxBarcodeId) of `kind`.
std::string MakeBarcode(BarcodeKind kind, int64_t id);

struct ParsedBarcode {
  BarcodeKind kind = BarcodeKind::kApplication;
  int64_t id = 0;
};

// Malformed "barcode_invalid" for text that is not 13 digits of a known kind;
// Refused "barcode_misread" when the check digit fails.
Status ParseBarcode(std::string_view text, ParsedBarcode* out);

}  // namespace tereze::domain
