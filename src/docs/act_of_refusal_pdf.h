// The act of refusal (R35), in Kazakh or in Russian only (R19): drawn up at
// reception when the packages delivered do not match the provider's
// register. The delivery is not accepted and goes back to the provider; the
// act names the register (its number and Code 128), the packages listed but
// not delivered and those delivered but not listed (each with its barcode,
// in digits and as Code 128), and has lines for the center's employee and
// the courier or the provider's representative to sign. One A4 form, as many
// pages as the lists need.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"

namespace tereze::docs {

// Limits; beyond them the input is a bug, refused before any layout work.
inline constexpr size_t kMaxActLines = 500;  // each list: missing, extra
inline constexpr size_t kMaxActFieldBytes = 1024;
inline constexpr size_t kMaxActNumberBytes = 64;  // printed in every page's header
inline constexpr int kMaxActPages = 100;

struct ActLine {
  std::string barcode;       // 13 digits, the package's barcode
  std::string service_name;  // may be empty
};

struct ActOfRefusalData {
  std::string lang;                               // kk | ru
  std::string number;                             // the act's number, e.g. "AST-01/АКТ/000003"
  std::string register_number, register_barcode;  // the register refused; barcode 13 digits
  std::string center_name, provider_name;
  std::string drawn_at;  // "dd.mm.yyyy hh:mm"
  std::string employee_full_name;
  std::vector<ActLine> missing;  // listed in the register, not delivered
  std::vector<ActLine> extra;    // delivered, not in the register
};

// Renders the act as PDF bytes. Errors, each with its code:
//  Malformed: "unsupported_language", "barcode_invalid" (the register's or a
//    package's barcode is not 13 digits), "act_field_missing" (number,
//    register number, center, provider, employee, drawn_at), "invalid_date"
//    (drawn_at not "dd.mm.yyyy hh:mm"), "invalid_utf8";
//  Refused: "act_without_mismatch" (both lists empty: nothing to refuse),
//    "duplicate_package" (a barcode twice in the lists, or both missing and extra);
//  TooLarge: "too_many_lines" (beyond kMaxActLines in a list), "field_too_long",
//    "act_too_long" (beyond kMaxActPages pages).
Status RenderActOfRefusalPdf(const ActOfRefusalData& data, std::string* pdf);

}  // namespace tereze::docs
