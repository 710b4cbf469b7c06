#include "domain/barcode.h"

#include <cassert>

namespace tereze::domain {

namespace {

// 10^11 squared needs more than 64 bits.
__extension__ typedef __int128 Wide;

constexpr int64_t kBodyModulus = 100'000'000'000;  // 10^11
// Odd and not a multiple of 5, so coprime with 10^11: multiplying by it is a
// bijection. kInverse * kMultiplier == 1 (mod 10^11).
constexpr int64_t kMultiplier = 62'830'518'457;
constexpr int64_t kOffset = 31'415'926'535;

int64_t MulMod(int64_t a, int64_t b) {
  return static_cast<int64_t>((static_cast<Wide>(a) * b) % kBodyModulus);
}

// The inverse of kMultiplier modulo 10^11, by the extended Euclidean algorithm.
int64_t Inverse() {
  Wide t = 0, new_t = 1, r = kBodyModulus, new_r = kMultiplier;
  while (new_r != 0) {
    Wide q = r / new_r;
    Wide tmp = t - q * new_t;
    t = new_t;
    new_t = tmp;
    tmp = r - q * new_r;
    r = new_r;
    new_r = tmp;
  }
  assert(r == 1);
  if (t < 0) t += kBodyModulus;
  return static_cast<int64_t>(t);
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

}  // namespace

int Mod1110CheckDigit(std::string_view digits) {
  int p = 10;
  for (char c : digits) {
    int s = (p + (c - '0')) % 10;
    if (s == 0) s = 10;
    p = (2 * s) % 11;
  }
  return (11 - p) % 10;
}

std::string MakeBarcode(BarcodeKind kind, int64_t id) {
  assert(id >= 1 && id <= kMaxBarcodeId);
  int64_t body = (MulMod(id, kMultiplier) + kOffset) % kBodyModulus;
  std::string digits = std::to_string(static_cast<int>(kind));
  std::string body_text = std::to_string(body);
  digits += std::string(11 - body_text.size(), '0') + body_text;
  digits += static_cast<char>('0' + Mod1110CheckDigit(digits));
  return digits;
}

Status ParseBarcode(std::string_view text, ParsedBarcode* out) {
  if (text.size() != kBarcodeDigits || !AllDigits(text)) {
    return Status::Malformed("barcode_invalid", "a barcode is 13 digits");
  }
  if (Mod1110CheckDigit(text.substr(0, kBarcodeDigits - 1)) != text.back() - '0') {
    return Status::Refused("barcode_misread", "the check digit does not match: scan it again");
  }
  int kind = text[0] - '0';
  if (kind < 1 || kind > 3) return Status::Malformed("barcode_invalid", "unknown barcode kind");
  int64_t body = std::stoll(std::string(text.substr(1, 11)));
  static const int64_t inverse = Inverse();
  int64_t id = MulMod((body - kOffset + kBodyModulus) % kBodyModulus, inverse);
  if (id < 1) return Status::Malformed("barcode_invalid", "no record has this barcode");
  out->kind = static_cast<BarcodeKind>(kind);
  out->id = id;
  return Status::Ok();
}

}  // namespace tereze::domain
