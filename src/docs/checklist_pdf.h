// The printed checklist of a service (R20): what the applicant brings, what the
// center fetches itself from state systems (R27), whether an electronic copy
// will do (R21), what must be paid and how long it takes, in Kazakh or in
// Russian only (R19). An A4 PDF, built in memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_date.h"
#include "core/status.h"
#include "domain/catalog.h"
#include "domain/term.h"

namespace tereze::docs {

// A checklist longer than this is a catalog error, not something to print.
inline constexpr int kMaxChecklistPages = 20;
// More documents and payments than this cannot fit on kMaxChecklistPages pages
// (each takes at least a 12 pt line of the ~700 pt body), so they are refused
// before any layout work.
inline constexpr size_t kMaxChecklistEntries = 1200;

struct ChecklistPayment {
  std::string name;  // in the checklist's language
  int64_t amount_tiyn = 0;
};

struct ChecklistContext {
  std::string lang;         // "kk" or "ru"
  std::string center_name;  // the branch, in `lang`
  LocalDate printed_on;
  // The service's mandatory payments, already resolved to tiyn by the caller
  // (domain::PaymentTiyn for the year of `printed_on`).
  std::vector<ChecklistPayment> payments;
  std::string catalog_version;
};

// Renders the checklist of `service` as PDF bytes. `provider` may be null (the
// line is then left out). Malformed("unsupported_language") for a `lang` other
// than kk/ru, Malformed("catalog_text_missing") when a text the page needs is
// empty in that language, Malformed("negative_amount"), Malformed("invalid_utf8"),
// and TooLarge("checklist_too_long") beyond kMaxChecklistPages pages or
// kMaxChecklistEntries entries.
Status RenderChecklistPdf(const domain::Service& service, const domain::Provider* provider,
                          const ChecklistContext& ctx, std::string* pdf_bytes);

// "1 730,00 ₸": groups of three digits and the tenge sign set off by U+00A0
// NO-BREAK SPACE (CLDR's group separator for kk and ru; unbreakable, so an
// amount never wraps), a decimal comma, two tiyn digits. Integer arithmetic
// only; negative amounts get a leading "-".
std::string FormatTenge(int64_t tiyn);

// "dd.mm.yyyy", as dates are written on Kazakhstan's forms in both languages.
std::string FormatDateDots(LocalDate date);

// "15 жұмыс күні" / "15 рабочих дней", "1 рабочий день", "3 часа".
std::string FormatTerm(const domain::Term& term, std::string_view lang);

// Which of Russian's three forms follows the number n: 1 for "one" (1, 21,
// 101), 2 for "few" (2-4, 22-24), 5 for "many" (0, 5-20, 11-14, 25...).
int RussianPluralForm(int64_t n);

}  // namespace tereze::docs
