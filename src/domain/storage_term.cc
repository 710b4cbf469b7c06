#include "domain/storage_term.h"

#include <algorithm>

namespace tereze::domain {

LocalDate AddMonths(LocalDate date, int months) {
  int total = date.year() * 12 + (date.month() - 1) + months;
  int year = total / 12;
  int month = total % 12 + 1;
  int day = std::min(date.day(), DaysInMonth(year, month));
  return *LocalDate::FromYmd(year, month, day);
}

Status ComputeStorageTerm(StorageClass storage_class, LocalDate due_from,
                          std::optional<LocalDate> certificate_expires, StorageTerm* out) {
  switch (storage_class) {
    case StorageClass::kStandard:
      *out = {AddMonths(due_from, 1), true};
      return Status::Ok();
    case StorageClass::kSocialPayment:
      *out = {std::nullopt, false};
      return Status::Ok();
    case StorageClass::kIdentityDocument:
      *out = {AddMonths(due_from, 12), true};
      return Status::Ok();
    case StorageClass::kTemporaryCertificate:
      if (!certificate_expires) {
        return Status::Malformed("certificate_expiry_missing",
                                 "a temporary certificate is kept until it expires: its expiry "
                                 "date is needed");
      }
      *out = {*certificate_expires, true};
      return Status::Ok();
  }
  return Status::Internal("unknown storage class");
}

}  // namespace tereze::domain
