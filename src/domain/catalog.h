// The service catalog (R2, R6, R7, R27, R29): each service of the Register
// with its standard's data. Pure: values and the rules that check them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/term.h"

namespace tereze::domain {

// Every applicant-facing text exists in Kazakh and Russian (R19); English is
// for the catalog's readers abroad and may be empty.
struct Text {
  std::string kk, ru, en;
};

enum class ServiceKind { kPublicService, kTechnicalConditions, kQuasiPublic, kPaid };
// R25: how long an unclaimed result is kept and whether it goes back.
enum class StorageClass {
  kStandard,              // one month, then returned to the provider
  kSocialPayment,         // pensions, benefits, social assistance: never returned
  kIdentityDocument,      // passports and identity cards: one year
  kTemporaryCertificate,  // until the certificate itself expires
};
enum class DocumentCondition {
  kAlways,
  kRepresentativeOnly,  // only when a representative applies
  kFirstTimeOnly,       // only the first time the service is received
};

struct RequiredDocument {
  std::string code;
  Text name;
  DocumentCondition condition = DocumentCondition::kAlways;
  bool held_by_state_systems = false;     // R27: fetched, never asked for
  bool electronic_copy_accepted = false;  // R21
};

// A mandatory payment: in МРП (thousandths, 0.2 МРП = 200) or a fixed sum in tiyn.
struct Payment {
  std::string code;
  Text name;
  int64_t amount_mrp_milli = 0;
  int64_t amount_tiyn = 0;
};

struct UrgentTerm {
  Text name;
  Term term;
  std::vector<Payment> payments;  // paid instead of the ordinary ones
};

struct Provider {
  std::string code;
  Text name;
};

struct Service {
  std::string code;  // 8 digits, the Register's code
  Text name;
  ServiceKind kind = ServiceKind::kPublicService;
  std::string provider_code;
  std::vector<RequiredDocument> documents;
  bool prefilled_form = false;  // R18.1: the form is filled by the system
  std::vector<Payment> payments;
  Term term;
  std::vector<UrgentTerm> urgent_terms;
  Text result;
  StorageClass storage_class = StorageClass::kStandard;
  bool consent_required = false;  // R10: protected data is read only with consent
  int64_t price_tiyn = 0;         // R29: paid services only
};

// МРП in tiyn per year (data, not code).
using MrpTable = std::map<int, int64_t>;

struct Catalog {
  MrpTable mrp_tiyn;
  std::vector<Provider> providers;
  std::vector<Service> services;
};

// One problem with an imported catalog, located as precisely as the source allows.
struct CatalogError {
  std::string where;  // e.g. "services[3].documents[1].code" or "line 7"
  std::string message;
};

// Checks every rule a catalog must keep; reports every problem, not the first.
std::vector<CatalogError> ValidateCatalog(const Catalog& catalog);

// The amount of a payment in tiyn for a year; Refused("mrp_unknown_year")
// when the table lacks the year. МРП fractions round half up to the tiyn.
Status PaymentTiyn(const Payment& payment, const MrpTable& mrp_tiyn, int year, int64_t* out);

const char* ToString(ServiceKind kind);
const char* ToString(TermUnit unit);
const char* ToString(StorageClass storage_class);
const char* ToString(DocumentCondition condition);
std::optional<ServiceKind> ParseServiceKind(std::string_view text);
std::optional<TermUnit> ParseTermUnit(std::string_view text);
std::optional<StorageClass> ParseStorageClass(std::string_view text);
std::optional<DocumentCondition> ParseDocumentCondition(std::string_view text);

// Lower-cases Cyrillic (Russian and Kazakh: Ә Ғ Қ Ң Ө Ұ Ү Һ І), Latin and
// ASCII letters in UTF-8, for case-insensitive search.
std::string FoldCase(std::string_view utf8);

// Services whose code or name contains `query` (case-insensitive); `lang`
// ("kk", "ru" or "en") looks only at that language's names, "" at all three.
std::vector<const Service*> SearchServices(const Catalog& catalog, std::string_view query,
                                           std::string_view lang = "");

}  // namespace tereze::domain
