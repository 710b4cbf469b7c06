#include "core/iin.h"

#include <cstdio>
#include <utility>

namespace tereze {

namespace {

constexpr size_t kLength = 12;

bool AllAsciiDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int Digit(std::string_view s, size_t pos) { return s[pos] - '0'; }

int TwoDigits(std::string_view s, size_t pos) { return Digit(s, pos) * 10 + Digit(s, pos + 1); }

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

int WeightedSum(std::string_view first11, const int (&weights)[11]) {
  int sum = 0;
  for (size_t i = 0; i < 11; ++i) sum += Digit(first11, i) * weights[i];
  return sum % 11;
}

// Digits 1-7 of an IIN: YYMMDD and the century-and-sex digit.
void ReadBirth(std::string_view d, IdentityNumber* n) {
  const int century_sex = Digit(d, 6);
  if (century_sex < 1 || century_sex > 6) return;
  // 1/2: 1800s, 3/4: 1900s, 5/6: 2000s.
  const int year = 1800 + 100 * ((century_sex - 1) / 2) + TwoDigits(d, 0);
  const int month = TwoDigits(d, 2);
  const int day = TwoDigits(d, 4);
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return;
  n->birth_date = IdentityNumber::Date{year, month, day};
  n->sex = century_sex % 2 == 1 ? 'M' : 'F';
}

void ReadRegistration(std::string_view d, IdentityNumber* n) {
  const int yy = TwoDigits(d, 0);
  const int month = TwoDigits(d, 2);
  if (month >= 1 && month <= 12) {
    n->registration_year = (yy >= 90 ? 1900 : 2000) + yy;
    n->registration_month = month;
  }
  static const IdentityNumber::EntityType kTypes[] = {
      IdentityNumber::EntityType::kResidentLegalEntity,
      IdentityNumber::EntityType::kNonResidentLegalEntity,
      IdentityNumber::EntityType::kIndividualEntrepreneur};
  n->entity_type = kTypes[Digit(d, 4) - 4];
  const int unit = Digit(d, 5);
  if (unit <= 3) n->unit = static_cast<IdentityNumber::Unit>(unit);
}

// Errors found before the kind is known are "invalid_iin" (see the header).
Status Parse(std::string_view text, IdentityNumber* out) {
  const char* code = "invalid_iin";
  if (text.size() != kLength) return Status::Refused(code, "must be exactly 12 digits");
  if (!AllAsciiDigits(text)) return Status::Refused(code, "must be exactly 12 digits 0-9");
  IdentityNumber n;
  const int kind_digit = Digit(text, 4);
  if (kind_digit <= 3) {
    n.kind = IdentityNumber::Kind::kIin;
  } else if (kind_digit <= 6) {
    n.kind = IdentityNumber::Kind::kBin;
  } else {
    return Status::Refused(code, "unknown kind: digit 5 is neither an IIN's nor a BIN's");
  }
  const char* kind_code = n.kind == IdentityNumber::Kind::kIin ? "invalid_iin" : "invalid_bin";
  const std::optional<int> check = IinCheckDigit(text.substr(0, 11));
  if (!check) return Status::Refused(kind_code, "no check digit exists: never issued");
  if (*check != Digit(text, 11)) return Status::Refused(kind_code, "wrong check digit");
  n.digits = std::string(text);
  if (n.kind == IdentityNumber::Kind::kIin) {
    ReadBirth(text, &n);
  } else {
    ReadRegistration(text, &n);
  }
  *out = std::move(n);
  return Status::Ok();
}

}  // namespace

std::string IdentityNumber::Date::ToIso() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::optional<int> IinCheckDigit(std::string_view first11) {
  if (first11.size() != 11 || !AllAsciiDigits(first11)) return std::nullopt;
  static const int kFirst[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  static const int kSecond[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
  // Decree No. 565: 10 is not a digit, so the second weights get one more chance; the issuing
  // system skips serials for which both passes give 10.
  int c = WeightedSum(first11, kFirst);
  if (c == 10) c = WeightedSum(first11, kSecond);
  if (c == 10) return std::nullopt;
  return c;
}

Status ParseIdentityNumber(std::string_view text, IdentityNumber* out) { return Parse(text, out); }

Status ParseIin(std::string_view text, IdentityNumber* out) {
  IdentityNumber n;
  Status s = Parse(text, &n);
  if (!s.ok()) return Status::Refused("invalid_iin", s.message());
  if (n.kind != IdentityNumber::Kind::kIin) {
    return Status::Refused("invalid_iin", "this is a BIN, not an IIN");
  }
  *out = std::move(n);
  return Status::Ok();
}

Status ParseBin(std::string_view text, IdentityNumber* out) {
  IdentityNumber n;
  Status s = Parse(text, &n);
  if (!s.ok()) return Status::Refused("invalid_bin", s.message());
  if (n.kind != IdentityNumber::Kind::kBin) {
    return Status::Refused("invalid_bin", "this is an IIN, not a BIN");
  }
  *out = std::move(n);
  return Status::Ok();
}

}  // namespace tereze
