#include "domain/catalog.h"

#include <set>

namespace tereze::domain {

namespace {

constexpr int kMaxTermDays = 366;
constexpr int kMaxTermHours = 24 * 31;

template <typename E, size_t N>
std::optional<E> ParseEnum(std::string_view text, const std::pair<E, const char*> (&table)[N]) {
  for (const auto& [value, name] : table) {
    if (text == name) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
const char* NameOf(E value, const std::pair<E, const char*> (&table)[N]) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "";
}

const std::pair<ServiceKind, const char*> kKinds[] = {
    {ServiceKind::kPublicService, "public_service"},
    {ServiceKind::kTechnicalConditions, "technical_conditions"},
    {ServiceKind::kQuasiPublic, "quasi_public"},
    {ServiceKind::kPaid, "paid"}};
const std::pair<TermUnit, const char*> kUnits[] = {{TermUnit::kWorkingDays, "working_days"},
                                                   {TermUnit::kCalendarDays, "calendar_days"},
                                                   {TermUnit::kHours, "hours"}};
const std::pair<StorageClass, const char*> kStorage[] = {
    {StorageClass::kStandard, "standard"},
    {StorageClass::kSocialPayment, "social_payment"},
    {StorageClass::kIdentityDocument, "identity_document"},
    {StorageClass::kTemporaryCertificate, "temporary_certificate"}};
const std::pair<DocumentCondition, const char*> kConditions[] = {
    {DocumentCondition::kAlways, "always"},
    {DocumentCondition::kRepresentativeOnly, "representative_only"},
    {DocumentCondition::kFirstTimeOnly, "first_time_only"}};

// Decodes one UTF-8 code point at `i`; invalid bytes come back as themselves.
char32_t Decode(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int extra = c < 0x80             ? 0
              : (c & 0xE0) == 0xC0 ? 1
              : (c & 0xF0) == 0xE0 ? 2
              : (c & 0xF8) == 0xF0 ? 3
                                   : -1;
  if (extra <= 0 || *i + extra >= s.size()) {
    ++*i;
    return c;
  }
  char32_t cp = extra == 1 ? c & 0x1F : extra == 2 ? c & 0x0F : c & 0x07;
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += extra + 1;
  return cp;
}

void Encode(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t Lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;  // Latin-1
  if (cp >= 0x100 && cp <= 0x17F) {  // Latin Extended-A (Kazakh Latin: Ä Ğ Ñ Ö Ş Ū Ü İ)
    bool pair_even = (cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
    bool pair_odd = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if ((pair_even && cp % 2 == 0) || (pair_odd && cp % 2 == 1)) return cp + 1;
    return cp;
  }
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;  // А..Я
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;  // Ё, І (Kazakh), ...
  // Cyrillic extensions, where Kazakh's Ә Ғ Қ Ң Ө Ұ Ү Һ live: upper and lower
  // alternate, upper first, except the block U+04C1..U+04CE (lower first).
  if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
      (cp >= 0x4D0 && cp <= 0x4FF)) {
    return cp % 2 == 0 ? cp + 1 : cp;
  }
  if (cp >= 0x4C1 && cp <= 0x4CE) return cp % 2 == 1 ? cp + 1 : cp;
  if (cp == 0x4C0) return 0x4CF;
  return cp;
}

void Check(std::vector<CatalogError>* errors, bool ok, const std::string& where,
           const std::string& message) {
  if (!ok) errors->push_back(CatalogError{where, message});
}

void CheckText(std::vector<CatalogError>* errors, const Text& t, const std::string& where,
               bool english_required) {
  Check(errors, !t.kk.empty(), where + ".kk", "the Kazakh text is required");
  Check(errors, !t.ru.empty(), where + ".ru", "the Russian text is required");
  if (english_required) Check(errors, !t.en.empty(), where + ".en", "the English text is required");
}

bool EightDigits(const std::string& code) {
  if (code.size() != 8) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void CheckPayments(std::vector<CatalogError>* errors, const std::vector<Payment>& payments,
                   const std::string& where, bool have_mrp) {
  std::set<std::string> codes;
  for (size_t i = 0; i < payments.size(); ++i) {
    const Payment& p = payments[i];
    std::string at = where + "[" + std::to_string(i) + "]";
    Check(errors, !p.code.empty(), at + ".code", "a payment needs a code");
    Check(errors, codes.insert(p.code).second, at + ".code", "payment code repeated: " + p.code);
    CheckText(errors, p.name, at + ".name", false);
    bool by_mrp = p.amount_mrp_milli > 0;
    bool fixed = p.amount_tiyn > 0;
    Check(errors, by_mrp != fixed, at,
          "a payment is either amount_mrp_milli or amount_tiyn, and positive");
    Check(errors, p.amount_mrp_milli >= 0 && p.amount_tiyn >= 0, at, "amounts are not negative");
    if (by_mrp) Check(errors, have_mrp, at, "an amount in МРП needs the mrp_tiyn table");
  }
}

void CheckTerm(std::vector<CatalogError>* errors, const Term& t, const std::string& where) {
  int max = t.unit == TermUnit::kHours ? kMaxTermHours : kMaxTermDays;
  Check(errors, t.value >= 1 && t.value <= max, where + ".value",
        "a term is 1 to " + std::to_string(max) + " " + ToString(t.unit));
}

}  // namespace

const char* ToString(ServiceKind v) { return NameOf(v, kKinds); }
const char* ToString(TermUnit v) { return NameOf(v, kUnits); }
const char* ToString(StorageClass v) { return NameOf(v, kStorage); }
const char* ToString(DocumentCondition v) { return NameOf(v, kConditions); }
std::optional<ServiceKind> ParseServiceKind(std::string_view t) { return ParseEnum(t, kKinds); }
std::optional<TermUnit> ParseTermUnit(std::string_view t) { return ParseEnum(t, kUnits); }
std::optional<StorageClass> ParseStorageClass(std::string_view t) { return ParseEnum(t, kStorage); }
std::optional<DocumentCondition> ParseDocumentCondition(std::string_view t) {
  return ParseEnum(t, kConditions);
}

std::string FoldCase(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const size_t start = i;
    char32_t cp = Decode(utf8, &i);
    if (i == start + 1 && static_cast<unsigned char>(utf8[start]) >= 0x80) {
      out.push_back(utf8[start]);  // not UTF-8: the byte passes through unchanged
    } else {
      Encode(Lower(cp), &out);
    }
  }
  return out;
}

std::vector<CatalogError> ValidateCatalog(const Catalog& catalog) {
  std::vector<CatalogError> errors;
  for (const auto& [year, tiyn] : catalog.mrp_tiyn) {
    Check(&errors, year >= 2000 && year <= 2100 && tiyn > 0, "mrp_tiyn." + std::to_string(year),
          "МРП is a positive amount for a year 2000-2100");
  }
  std::set<std::string> providers;
  for (size_t i = 0; i < catalog.providers.size(); ++i) {
    const Provider& p = catalog.providers[i];
    std::string at = "providers[" + std::to_string(i) + "]";
    Check(&errors, !p.code.empty(), at + ".code", "a provider needs a code");
    Check(&errors, providers.insert(p.code).second, at + ".code", "provider repeated: " + p.code);
    CheckText(&errors, p.name, at + ".name", false);
  }
  const bool have_mrp = !catalog.mrp_tiyn.empty();
  std::set<std::string> codes;
  for (size_t i = 0; i < catalog.services.size(); ++i) {
    const Service& s = catalog.services[i];
    std::string at = "services[" + std::to_string(i) + "]";
    Check(&errors, EightDigits(s.code), at + ".code", "a service code is 8 digits: " + s.code);
    Check(&errors, codes.insert(s.code).second, at + ".code", "service repeated: " + s.code);
    CheckText(&errors, s.name, at + ".name", true);
    Check(&errors, providers.count(s.provider_code) == 1, at + ".provider",
          "unknown provider: " + s.provider_code);
    Check(&errors, !s.documents.empty(), at + ".documents", "a service needs its documents");
    std::set<std::string> doc_codes;
    for (size_t d = 0; d < s.documents.size(); ++d) {
      const RequiredDocument& doc = s.documents[d];
      std::string dat = at + ".documents[" + std::to_string(d) + "]";
      Check(&errors, !doc.code.empty(), dat + ".code", "a document needs a code");
      Check(&errors, doc_codes.insert(doc.code).second, dat + ".code",
            "document repeated: " + doc.code);
      CheckText(&errors, doc.name, dat + ".name", false);
    }
    CheckPayments(&errors, s.payments, at + ".payments", have_mrp);
    CheckTerm(&errors, s.term, at + ".term");
    for (size_t u = 0; u < s.urgent_terms.size(); ++u) {
      const UrgentTerm& urgent = s.urgent_terms[u];
      std::string uat = at + ".urgent_terms[" + std::to_string(u) + "]";
      CheckText(&errors, urgent.name, uat + ".name", false);
      CheckTerm(&errors, urgent.term, uat + ".term");
      CheckPayments(&errors, urgent.payments, uat + ".payments", have_mrp);
    }
    CheckText(&errors, s.result, at + ".result", false);
    if (s.kind == ServiceKind::kPaid) {
      Check(&errors, s.price_tiyn > 0, at + ".price_tiyn", "a paid service has a price (R29)");
    } else {
      Check(&errors, s.price_tiyn == 0, at + ".price_tiyn", "only a paid service has a price");
    }
  }
  return errors;
}

Status PaymentTiyn(const Payment& payment, const MrpTable& mrp_tiyn, int year, int64_t* out) {
  if (payment.amount_mrp_milli == 0) {
    *out = payment.amount_tiyn;
    return Status::Ok();
  }
  auto it = mrp_tiyn.find(year);
  if (it == mrp_tiyn.end()) {
    return Status::Refused("mrp_unknown_year", "no МРП for " + std::to_string(year));
  }
  *out = (payment.amount_mrp_milli * it->second + 500) / 1000;
  return Status::Ok();
}

std::vector<const Service*> SearchServices(const Catalog& catalog, std::string_view query,
                                           std::string_view lang) {
  const std::string q = FoldCase(query);
  auto matches = [&q](const std::string& name) {
    return FoldCase(name).find(q) != std::string::npos;
  };
  std::vector<const Service*> out;
  for (const Service& s : catalog.services) {
    bool found = q.empty() || s.code.find(q) != std::string::npos ||
                 ((lang.empty() || lang == "kk") && matches(s.name.kk)) ||
                 ((lang.empty() || lang == "ru") && matches(s.name.ru)) ||
                 ((lang.empty() || lang == "en") && matches(s.name.en));
    if (found) out.push_back(&s);
  }
  return out;
}

}  // namespace tereze::domain
