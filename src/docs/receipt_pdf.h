// The receipts handed to the applicant at the front desk, in Kazakh or in
// Russian only (R19):
//  - the receipt of intake (R18.5): the barcode МАЖ assigned, the accepted
//    documents, the accepting employee, the date and time of submission, the
//    date the result will be issued, and a QR code of the public tracking link;
//  - the refusal receipt (R18.6): the package was incomplete, and these are
//    the documents missing from it.
// Printed on an 80 mm thermal roll (one page as long as the text) or on A4.
// Both barcodes are vector drawings, read back by any scanner or phone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "docs/paper.h"  // PaperLayout

namespace tereze::docs {

// Limits, all far above a real package (a service asks for a dozen documents
// at most); beyond them the input is a bug, refused before any layout work.
inline constexpr size_t kMaxReceiptBarcodeDigits = 32;  // Code 128 still fits 72 mm
inline constexpr size_t kMaxReceiptDocuments = 100;     // each list: accepted, missing
inline constexpr size_t kMaxReceiptPayments = 20;
inline constexpr size_t kMaxReceiptFieldBytes = 1024;   // any one text
inline constexpr int kMaxReceiptDocumentPages = 10000;  // sheets of one document
inline constexpr int kMaxReceiptA4Pages = 10;

struct ReceiptDocument {
  std::string name;
  // "original" | "copy" | "electronic" | "state_system" (R27: fetched by the center)
  std::string kind;
  int pages = 0;  // sheets; 0 when not counted (an electronic copy)
};

struct ReceiptPayment {
  std::string name;  // "Мемлекеттік баж" / "Государственная пошлина"
  std::string reference;  // the payment document's number and date; may be empty
  int64_t amount_tiyn = 0;
};

struct ReceiptData {
  std::string lang;      // "kk" or "ru" (R19): every label in that language only
  bool refusal = false;  // R18.6 refusal receipt instead of the R18.5 receipt
  // The application's barcode (digits), or the refusal's number; printed as
  // Code 128 and as text.
  std::string barcode;
  std::string center_name, center_address;  // the address may be empty
  std::string service_code, service_name;
  std::string applicant_full_name;
  std::string representative_full_name;  // empty when the applicant came in person
  // "№ 123 от 01.11.2026, нотариус Иванова, до 01.11.2027"; required with a
  // representative on a receipt (R17), empty without one.
  std::string power_of_attorney;
  std::string employee_full_name;              // the accepting (or refusing) employee (R18.5)
  std::string submitted_at;                    // local date and time, "24.11.2026 10:00"
  std::string issue_date;                      // "09.12.2026"; empty on a refusal
  std::vector<ReceiptDocument> documents;      // accepted (receipt) or presented (refusal)
  std::vector<std::string> missing_documents;  // refusal only: each missing one (R18.6)
  std::vector<ReceiptPayment> payments;        // mandatory payments recorded (R18.3)
  int64_t price_tiyn = 0;                      // R29 paid service: the price charged; 0 none
  // The public tracking link, drawn as a QR code: required on a receipt,
  // optional on a refusal. Printable ASCII (percent-encode anything else).
  std::string tracking_url;
};

// Renders the receipt as PDF bytes. Errors, each with its code:
//  Malformed: "unsupported_language" (not kk/ru), "barcode_invalid" (empty or
//    not digits), "receipt_field_missing" (a text the form prints is empty:
//    on a receipt the employee, issue date and tracking link too),
//    "invalid_date" (not "dd.mm.yyyy", or "dd.mm.yyyy hh:mm" for submitted_at),
//    "unknown_document_kind", "invalid_page_count", "negative_amount",
//    "amount_overflow", "power_of_attorney_without_representative",
//    "qr_invalid" (a tracking link that is not printable ASCII), "invalid_utf8";
//  Refused: "missing_documents_required" (R18.6: a refusal names what is
//    missing), "refusal_with_issue_date" (nothing was accepted to issue),
//    "power_of_attorney_missing" (R17: a representative without one, on a receipt);
//  TooLarge: "barcode_too_long", "field_too_long", "too_many_documents",
//    "too_many_payments", "qr_too_long", "receipt_too_long" (beyond
//    kMaxReceiptA4Pages pages, or a roll longer than a PDF page can be).
Status RenderReceiptPdf(const ReceiptData& data, PaperLayout layout, std::string* pdf);

}  // namespace tereze::docs
