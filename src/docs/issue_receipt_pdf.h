// The receipt of issue, in Kazakh or in Russian only (R19): handed when the
// result of a service, or the provider's reasoned refusal, is issued to the
// applicant or to a representative acting on a power of attorney (R18.8,
// R24). It names the application (its barcode, as Code 128 and in digits),
// the service, the applicant and the recipient with the identity document
// presented, what was issued, when and by whom, and has lines for the
// employee and the recipient to sign. On an 80 mm roll or on A4, like the
// receipt of intake (receipt_pdf.h).
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"
#include "docs/paper.h"  // PaperLayout

namespace tereze::docs {

inline constexpr size_t kMaxIssueReceiptFieldBytes = 1024;  // any one text
inline constexpr int kMaxIssueReceiptA4Pages = 4;

struct IssueReceiptData {
  std::string lang;     // kk | ru
  std::string barcode;  // the application's 13 digits (domain/barcode.h), printed as Code 128
  std::string center_name, service_code, service_name;
  std::string applicant_full_name;
  std::string recipient_full_name;  // the applicant, or a representative
  std::string recipient_document;   // "№ 012345678, до 01.01.2030"
  // Empty when the applicant came in person; required when the recipient is
  // not the applicant (R24).
  std::string power_of_attorney;
  std::string outcome;    // "result" | "refusal" (the provider's reasoned refusal)
  std::string issued_at;  // "dd.mm.yyyy hh:mm"
  std::string employee_full_name;
  std::string shelf;  // where the result was kept; may be empty
};

// Renders the receipt of issue as PDF bytes. Errors, each with its code:
//  Malformed: "unsupported_language", "barcode_invalid" (not 13 digits of
//    domain/barcode.h), "barcode_wrong_kind" (not an application's),
//    "issue_receipt_field_missing" (a text the form prints is empty, save
//    power_of_attorney and shelf), "invalid_date" (issued_at not
//    "dd.mm.yyyy hh:mm"), "unknown_outcome",
//    "power_of_attorney_without_representative" (the applicant in person),
//    "invalid_utf8";
//  Refused: "barcode_misread" (a wrong check digit),
//    "power_of_attorney_missing" (R24: a representative without one);
//  TooLarge: "field_too_long", "issue_receipt_too_long".
Status RenderIssueReceiptPdf(const IssueReceiptData& data, PaperLayout layout, std::string* pdf);

}  // namespace tereze::docs
