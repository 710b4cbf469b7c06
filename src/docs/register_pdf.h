// The register of document packages handed between a center and a provider,
// in Kazakh or in Russian only (R19):
//  - "outgoing": the packages a center sends to a provider (R33);
//  - "results": the results a provider delivers to the center (R34, R36);
//  - "unclaimed_return": the results not collected in time, returned to the
//    provider (R25).
// A4, printed in two copies in one PDF (R33, R34): the first stays with the
// party that receives the packages, the second goes back to the sender with
// the receiver's mark of receipt (R35). Each copy starts on a new page and
// has the header (title, number, the register's Code 128, center, provider,
// direction, dates, method, courier), the numbered packages, each with its
// own Code 128, the total, and the blocks to sign: handed over and received.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"

namespace tereze::docs {

// Limits; beyond them the input is a bug, refused before any layout work.
inline constexpr size_t kMaxRegisterLines = 500;
inline constexpr size_t kMaxRegisterFieldBytes = 1024;  // any one text
inline constexpr size_t kMaxRegisterNumberBytes = 64;   // printed in every page's header
inline constexpr int kMaxRegisterPagesPerCopy = 100;

struct RegisterLine {
  std::string barcode;  // the application's 13 digits; printed as Code 128 per line
  std::string service_code, service_name;
  std::string applicant_full_name;  // may be empty
  std::string accepted_on;          // dd.mm.yyyy
  std::string deadline;             // dd.mm.yyyy (provider deadline); may be empty
  std::string note;                 // e.g. "result (paper)", "refusal: reason"; may be empty
};

struct RegisterData {
  std::string lang;     // kk | ru
  std::string kind;     // "outgoing" | "results" | "unclaimed_return" (title differs)
  std::string number;   // "AST-01/2026/000012"
  std::string barcode;  // the register's own 13 digits (Code 128, big, in the header)
  std::string center_name, center_address;  // the address may be empty
  std::string provider_name;                // the provider (territorial unit) name
  std::string direction_name;               // may be empty
  std::string formed_at;                    // "dd.mm.yyyy hh:mm"
  std::string dispatched_at;                // "dd.mm.yyyy hh:mm"; may be empty
  std::string method;                       // "" | "courier" | "post" | "system"
  std::string courier_full_name;            // may be empty; only with method "courier"
  std::string employee_full_name;           // who formed it (required)
  std::vector<RegisterLine> lines;          // 1..kMaxRegisterLines
};

// Renders both copies of the register as one PDF. Errors, each with its code:
//  Malformed: "unsupported_language" (not kk/ru), "unknown_register_kind",
//    "barcode_invalid" (the register's or a line's barcode is not 13 digits
//    of domain/barcode.h), "barcode_wrong_kind" (the register's barcode is
//    not a register's, or a line's not an application's),
//    "register_field_missing" (number, center, provider, employee, formed_at;
//    a line's service code or name, or its acceptance date),
//    "invalid_date" (not "dd.mm.yyyy", or "dd.mm.yyyy hh:mm" for formed_at and
//    dispatched_at), "unknown_dispatch_method",
//    "courier_without_courier_method" (a courier named on a register sent by
//    post or system), "invalid_utf8";
//  Refused: "barcode_misread" (a wrong check digit), "register_empty" (no
//    lines), "duplicate_package" (a barcode listed twice);
//  TooLarge: "too_many_lines" (beyond kMaxRegisterLines), "field_too_long",
//    "register_too_long" (a copy beyond kMaxRegisterPagesPerCopy pages).
Status RenderRegisterPdf(const RegisterData& data, std::string* pdf);

}  // namespace tereze::docs
