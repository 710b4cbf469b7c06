// How long an unclaimed result is kept at the center, and what happens then
// (R25). Pure: the daily job and the manager's lists ask it.
//
// - standard results: kept one month after they were due (the later of the
//   issue date and the day they reached issuance), then returned to the
//   provider as unclaimed;
// - pensions, benefits, one-off and other social payments, child benefits,
//   targeted social assistance: kept, never returned;
// - passports and identity cards: kept one year, then returned;
// - temporary certificates: kept until they expire, then returned.
#pragma once

#include <optional>

#include "core/local_date.h"
#include "core/status.h"
#include "domain/catalog.h"

namespace tereze::domain {

struct StorageTerm {
  // The last day the result is kept; none for social payments.
  std::optional<LocalDate> keep_until;
  bool returned_after = false;  // goes back to the provider after keep_until
};

// `due_from`: the later of the issue date and the day the result reached
// issuance. `certificate_expires`: required for temporary certificates
// (Malformed "certificate_expiry_missing" otherwise).
Status ComputeStorageTerm(StorageClass storage_class, LocalDate due_from,
                          std::optional<LocalDate> certificate_expires, StorageTerm* out);

// The same day `months` calendar months later; the 31st of a shorter month
// becomes its last day (31 January + 1 month = 28 or 29 February).
LocalDate AddMonths(LocalDate date, int months);

}  // namespace tereze::domain
