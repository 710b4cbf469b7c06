// Intake at the front desk (R9, R10, R17, R18.1-R18.7, R21, R27, R29): the
// checks an application passes before the package is accepted or refused.
// Pure: the caller supplies the service, the МРП table and the local date.
//
// The order of the checks is the order at the desk: who is applying (R9,
// R17), on what authority, with what consent (R10, R18.7), whether the form
// is complete (R18.1) and paid for (R18.3, R29), and only then the package
// (R18, R27). Each failure before the package is an error that records
// nothing; a package with documents missing is a refusal (R18.6), recorded
// with its receipt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/local_date.h"
#include "core/status.h"
#include "domain/catalog.h"

namespace tereze::domain {

// Limits on what one application may carry.
inline constexpr size_t kMaxNameBytes = 100;
inline constexpr size_t kMaxReferenceBytes = 100;
inline constexpr size_t kMaxDocumentsPerApplication = 50;
inline constexpr size_t kMaxPaymentsPerApplication = 20;
inline constexpr size_t kMaxConsentsPerApplication = 10;
inline constexpr int kMaxPagesPerDocument = 1000;

struct IdDocument {
  std::string type;  // "id_card", "passport", "residence_permit", ...
  std::string number;
  LocalDate valid_until;
};

struct Person {
  std::string iin;
  std::string surname, name, patronymic;  // patronymic may be empty
  std::string phone;                      // "+7XXXXXXXXXX" or empty
  std::optional<IdDocument> id_document;
  std::string FullName() const;
};

struct PowerOfAttorney {
  std::string number;
  LocalDate issued_on;
  LocalDate valid_until;
  std::string issuer;
};

struct Representative {
  Person person;
  std::optional<PowerOfAttorney> power_of_attorney;
};

enum class DocumentKind { kOriginal, kCopy, kElectronic, kStateSystem };
const char* ToString(DocumentKind kind);
std::optional<DocumentKind> ParseDocumentKind(std::string_view text);  // not kStateSystem

struct PresentedDocument {
  std::string code;
  DocumentKind kind = DocumentKind::kOriginal;
  int pages = 1;
};

struct PresentedPayment {
  std::string code;
  std::string reference;
  int64_t amount_tiyn = 0;
};

// R10: written on paper, confirmed by digital signature, or by a code sent to the phone.
enum class ConsentKind { kWritten, kEds, kSms };
const char* ToString(ConsentKind kind);
std::optional<ConsentKind> ParseConsentKind(std::string_view text);

struct ConsentRef {
  ConsentKind kind = ConsentKind::kWritten;
  std::string reference;
};

// The code of the R29 price among an application's payments.
inline constexpr char kServicePriceCode[] = "service_price";

struct ApplicationRequest {
  std::string service_code;
  std::string lang;  // "kk" or "ru" (R19)
  int64_t ticket_id = 0;
  Person applicant;
  std::optional<Representative> representative;
  std::vector<PresentedDocument> documents;
  std::vector<PresentedPayment> payments;
  std::vector<ConsentRef> consents;
  bool form_complete = false;
  bool first_time = false;  // documents required only the first time apply
  bool electronic = false;  // R12: submitted as a signed electronic request
};

// What the package check decided when the application itself is sound.
struct PackageVerdict {
  // The documents the application is accepted with: those presented, and
  // those state systems hold (R27), as kStateSystem.
  std::vector<PresentedDocument> accepted;
  // Required documents not presented (R18.6). Empty: accept.
  std::vector<const RequiredDocument*> missing;
  int64_t fee_tiyn = 0;    // mandatory payments due (R18.3)
  int64_t price_tiyn = 0;  // R29
};

// "+7XXXXXXXXXX" from "+7 701 123 45 67", "87011234567", "7011234567";
// false for anything else.
bool NormalizePhone(const std::string& text, std::string* out);

// R9, R17: who the person is (IIN, names, phone). `presenter`: they stand at
// the desk, and their identity document must be valid `today`. Errors:
// invalid_iin, invalid_field, id_document_missing, id_document_expired.
Status CheckPerson(const std::string& field, const Person& p, bool presenter, LocalDate today);
// R17: a representative presents a power of attorney in force `today`.
// Errors: power_of_attorney_missing, power_of_attorney_expired, invalid_field.
Status CheckPowerOfAttorney(const Representative& r, LocalDate today);
Status CheckPowerOfAttorneyInForce(const PowerOfAttorney& poa, LocalDate today);

// Checks `request` for `service` on `today` (the branch's local date).
// Errors (Refused unless noted): invalid_iin, invalid_field (Malformed
// shapes: names, lang, sizes), id_document_missing, id_document_expired,
// power_of_attorney_missing, power_of_attorney_expired, consent_required,
// form_incomplete, payment_missing, payment_amount_mismatch,
// document_unknown, electronic_copy_not_accepted, mrp_unknown_year.
// Ok with `out->missing` non-empty: the package is incomplete.
Status CheckApplication(const Service& service, const MrpTable& mrp_tiyn, LocalDate today,
                        const ApplicationRequest& request, PackageVerdict* out);

}  // namespace tereze::domain
