// IIN and BIN: the 12-digit numbers of Kazakhstan that name a person (IIN, ЖСН / ИИН) and a
// legal entity or a joint business (BIN). Everything that takes one parses it here, so the
// check-digit rule (Government decree No. 565 of 11 June 2003) and the refusal codes
// "invalid_iin" / "invalid_bin" (422) are the same everywhere.
//
// Validity is the checksum alone. The birth date, sex and registration month are read from
// the digits only when those digits are consistent: IINs with odd leading digits (older
// numbers, foreigners) exist and carry a correct check digit, so a center must still accept
// them; it just cannot learn the birth date from the number.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tereze {

struct IdentityNumber {
  // Digit 5 decides: 0-3 (the tens of the birth day) is an IIN, 4-6 is a BIN.
  enum class Kind { kIin, kBin };
  // BIN digit 5.
  enum class EntityType {
    kResidentLegalEntity,     // 4
    kNonResidentLegalEntity,  // 5
    // 6: an individual entrepreneur in joint entrepreneurship (ИП(С)); a sole entrepreneur
    // trades under his own IIN.
    kIndividualEntrepreneur,
  };
  // BIN digit 6.
  enum class Unit { kHeadOffice, kBranch, kRepresentativeOffice, kFarm };  // 0, 1, 2, 3

  struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
    bool operator==(const Date&) const = default;
    std::string ToIso() const;  // "1985-01-01"
  };

  Kind kind = Kind::kIin;
  std::string digits;  // The 12 ASCII digits, as given.

  // IIN only; both present or both absent. Absent when digit 7 is not 1-6 or digits 1-6 are
  // not a calendar date in the century digit 7 names. A date in the future is not checked
  // here (no clock): a caller that cares compares it with today.
  std::optional<Date> birth_date;
  std::optional<char> sex;  // 'M' (digit 7 odd) or 'F' (even)

  // BIN only. The year and month of registration, both present or both absent (absent when
  // digits 3-4 are not 01-12). Two digits do not name a century: 90-99 are read as the
  // 1990s (legal entities of Kazakhstan are registered from independence on), 00-89 as
  // 2000-2089.
  std::optional<int> registration_year;
  std::optional<int> registration_month;
  std::optional<EntityType> entity_type;  // Always present for a BIN.
  std::optional<Unit> unit;               // Absent when digit 6 is 4-9 (not in the decree).
};

// Parses exactly 12 ASCII digits: no spaces, signs or non-ASCII digits (fullwidth,
// Arabic-Indic, ...), which a form could otherwise smuggle past a visual check. Refuses
// with Status::Refused("invalid_iin" | "invalid_bin", reason): "invalid_bin" when digit 5
// says BIN and the check digit is wrong, "invalid_iin" for everything else (a caller that
// does not know the kind is usually asking for a person). On refusal *out is unchanged.
Status ParseIdentityNumber(std::string_view text, IdentityNumber* out);

// As ParseIdentityNumber, but only an IIN is accepted; every refusal is "invalid_iin",
// including a valid BIN. Code that needs a person calls this.
Status ParseIin(std::string_view text, IdentityNumber* out);

// As ParseIdentityNumber, but only a BIN is accepted; every refusal is "invalid_bin".
Status ParseBin(std::string_view text, IdentityNumber* out);

// The check digit (digit 12) for the first 11 digits, for IIN and BIN alike. nullopt when
// first11 is not 11 ASCII digits, or when both weight passes give 10: no number with those
// 11 digits is ever issued.
std::optional<int> IinCheckDigit(std::string_view first11);

}  // namespace tereze
