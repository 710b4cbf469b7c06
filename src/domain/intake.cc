#include "domain/intake.h"

#include <set>

#include "core/iin.h"

namespace tereze::domain {

namespace {

Status Invalid(const std::string& field, const std::string& message) {
  return Status::Malformed("invalid_field", field + ": " + message);
}

Status CheckText(const std::string& field, const std::string& value, bool required,
                 size_t max_bytes) {
  if (required && value.empty()) return Invalid(field, "is required");
  if (value.size() > max_bytes) {
    return Invalid(field, "at most " + std::to_string(max_bytes) + " bytes");
  }
  return Status::Ok();
}

}  // namespace

// R9, R17: who the person is. `presenter`: they stand at the desk and show
// their identity document, which must be valid today.
Status CheckPerson(const std::string& field, const Person& p, bool presenter, LocalDate today) {
  IdentityNumber iin;
  if (Status s = ParseIin(p.iin, &iin); !s.ok()) {
    return Status::Refused(s.code(), field + ".iin: " + s.message());
  }
  for (auto [name, value, required] : {std::tuple{".surname", &p.surname, true},
                                       {".name", &p.name, true},
                                       {".patronymic", &p.patronymic, false}}) {
    if (Status s = CheckText(field + name, *value, required, kMaxNameBytes); !s.ok()) return s;
  }
  if (!p.phone.empty()) {
    std::string normalized;
    if (!NormalizePhone(p.phone, &normalized)) {
      return Invalid(field + ".phone", "a Kazakhstan mobile number, +7XXXXXXXXXX");
    }
  }
  if (!p.id_document) {
    if (presenter) {
      return Status::Refused("id_document_missing",
                             field + ": the identity document of the person present is required");
    }
    return Status::Ok();
  }
  const IdDocument& d = *p.id_document;
  if (Status s = CheckText(field + ".id_document.type", d.type, true, 40); !s.ok()) return s;
  if (Status s = CheckText(field + ".id_document.number", d.number, true, 40); !s.ok()) return s;
  if (d.valid_until < today) {
    return Status::Refused("id_document_expired", field + ": the identity document expired on " +
                                                      d.valid_until.ToString());
  }
  return Status::Ok();
}

// R17: a representative acts on a power of attorney valid today.
Status CheckPowerOfAttorney(const Representative& r, LocalDate today) {
  if (!r.power_of_attorney) {
    return Status::Refused("power_of_attorney_missing",
                           "a representative presents the power of attorney (R17)");
  }
  return CheckPowerOfAttorneyInForce(*r.power_of_attorney, today);
}

Status CheckPowerOfAttorneyInForce(const PowerOfAttorney& poa, LocalDate today) {
  if (Status s = CheckText("representative.power_of_attorney.number", poa.number, true,
                           kMaxReferenceBytes);
      !s.ok()) {
    return s;
  }
  if (Status s = CheckText("representative.power_of_attorney.issuer", poa.issuer, true, 200);
      !s.ok()) {
    return s;
  }
  if (poa.issued_on > today || poa.valid_until < poa.issued_on) {
    return Status::Refused("power_of_attorney_expired",
                           "the power of attorney is not in force: issued " +
                               poa.issued_on.ToString() + ", valid until " +
                               poa.valid_until.ToString());
  }
  if (poa.valid_until < today) {
    return Status::Refused("power_of_attorney_expired",
                           "the power of attorney expired on " + poa.valid_until.ToString());
  }
  return Status::Ok();
}

namespace {

bool Applies(const RequiredDocument& d, const ApplicationRequest& r) {
  switch (d.condition) {
    case DocumentCondition::kAlways:
      return true;
    case DocumentCondition::kRepresentativeOnly:
      return r.representative.has_value();
    case DocumentCondition::kFirstTimeOnly:
      return r.first_time;
  }
  return true;
}

const RequiredDocument* FindDocument(const Service& s, const std::string& code) {
  for (const auto& d : s.documents) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

Status CheckPayments(const Service& service, const MrpTable& mrp_tiyn, LocalDate today,
                     const ApplicationRequest& r, PackageVerdict* out) {
  if (r.payments.size() > kMaxPaymentsPerApplication) {
    return Invalid("payments", "too many payments");
  }
  std::set<std::string> seen;
  for (const auto& p : r.payments) {
    if (Status s = CheckText("payments.code", p.code, true, kMaxReferenceBytes); !s.ok()) return s;
    if (Status s = CheckText("payments.reference", p.reference, true, kMaxReferenceBytes);
        !s.ok()) {
      return s;
    }
    if (p.amount_tiyn < 0) return Invalid("payments.amount_tiyn", "not negative");
    if (!seen.insert(p.code).second) return Invalid("payments", "payment " + p.code + " twice");
  }
  auto presented = [&](const std::string& code) -> const PresentedPayment* {
    for (const auto& p : r.payments) {
      if (p.code == code) return &p;
    }
    return nullptr;
  };
  // R18.3: every mandatory payment, for exactly its amount in this year's МРП.
  for (const auto& due : service.payments) {
    int64_t amount = 0;
    if (Status s = PaymentTiyn(due, mrp_tiyn, today.year(), &amount); !s.ok()) return s;
    out->fee_tiyn += amount;
    const PresentedPayment* p = presented(due.code);
    if (!p) {
      return Status::Refused("payment_missing", "no document confirms the payment " + due.code +
                                                    " (" + due.name.ru + ")");
    }
    if (p->amount_tiyn != amount) {
      return Status::Refused("payment_amount_mismatch",
                             "payment " + due.code + " is " + std::to_string(p->amount_tiyn) +
                                 " tiyn; due " + std::to_string(amount) + " tiyn");
    }
  }
  // R29: a paid service is charged its price.
  if (service.price_tiyn > 0) {
    out->price_tiyn = service.price_tiyn;
    const PresentedPayment* p = presented(kServicePriceCode);
    if (!p) {
      return Status::Refused("payment_missing", "the price of the paid service is not paid");
    }
    if (p->amount_tiyn != service.price_tiyn) {
      return Status::Refused("payment_amount_mismatch",
                             "the price paid is " + std::to_string(p->amount_tiyn) +
                                 " tiyn; the price is " + std::to_string(service.price_tiyn) +
                                 " tiyn");
    }
  }
  for (const auto& p : r.payments) {
    bool known = p.code == kServicePriceCode && service.price_tiyn > 0;
    for (const auto& due : service.payments) known = known || due.code == p.code;
    if (!known) return Status::Refused("payment_unknown", "the service has no payment " + p.code);
  }
  return Status::Ok();
}

}  // namespace

std::string Person::FullName() const {
  std::string full = surname + " " + name;
  if (!patronymic.empty()) full += " " + patronymic;
  return full;
}

const char* ToString(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kOriginal:
      return "original";
    case DocumentKind::kCopy:
      return "copy";
    case DocumentKind::kElectronic:
      return "electronic";
    case DocumentKind::kStateSystem:
      return "state_system";
  }
  return "original";
}

std::optional<DocumentKind> ParseDocumentKind(std::string_view text) {
  if (text == "original") return DocumentKind::kOriginal;
  if (text == "copy") return DocumentKind::kCopy;
  if (text == "electronic") return DocumentKind::kElectronic;
  return std::nullopt;
}

const char* ToString(ConsentKind kind) {
  switch (kind) {
    case ConsentKind::kWritten:
      return "written";
    case ConsentKind::kEds:
      return "eds";
    case ConsentKind::kSms:
      return "sms";
  }
  return "written";
}

std::optional<ConsentKind> ParseConsentKind(std::string_view text) {
  if (text == "written") return ConsentKind::kWritten;
  if (text == "eds") return ConsentKind::kEds;
  if (text == "sms") return ConsentKind::kSms;
  return std::nullopt;
}

bool NormalizePhone(const std::string& text, std::string* out) {
  std::string digits;
  bool plus = false;
  for (char c : text) {
    if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  // "+7..." carries the country code; "8..." is the old trunk prefix.
  if (plus && (digits.size() != 11 || digits[0] != '7')) return false;
  if (digits.size() == 11 && (digits[0] == '7' || digits[0] == '8')) digits = digits.substr(1);
  // Kazakhstan's mobile numbers: +7 7XX XXX XX XX.
  if (digits.size() != 10 || digits[0] != '7') return false;
  *out = "+7" + digits;
  return true;
}

Status CheckApplication(const Service& service, const MrpTable& mrp_tiyn, LocalDate today,
                        const ApplicationRequest& r, PackageVerdict* out) {
  *out = PackageVerdict{};
  if (r.lang != "kk" && r.lang != "ru") return Invalid("lang", "kk or ru (R19)");
  // R9, R17: the applicant, and whoever stands at the desk, identified.
  if (Status s = CheckPerson("applicant", r.applicant, !r.representative, today); !s.ok()) {
    return s;
  }
  if (r.representative) {
    if (Status s = CheckPerson("representative", r.representative->person, true, today); !s.ok()) {
      return s;
    }
    if (Status s = CheckPowerOfAttorney(*r.representative, today); !s.ok()) return s;
  }
  // R10, R18.7 (and R12 for electronic requests): consent before protected data is read.
  if (r.consents.size() > kMaxConsentsPerApplication) return Invalid("consents", "too many");
  for (const auto& c : r.consents) {
    if (Status s = CheckText("consents.reference", c.reference, true, kMaxReferenceBytes);
        !s.ok()) {
      return s;
    }
  }
  if ((service.consent_required || r.electronic) && r.consents.empty()) {
    return Status::Refused("consent_required",
                           "the applicant's consent to use protected data is required (R10)");
  }
  // R18.1: the form is complete, unless the system fills it.
  if (!service.prefilled_form && !r.form_complete) {
    return Status::Refused("form_incomplete", "the application form is not completely filled in");
  }
  if (Status s = CheckPayments(service, mrp_tiyn, today, r, out); !s.ok()) return s;

  // The package (R18, R21, R27).
  if (r.documents.size() > kMaxDocumentsPerApplication) return Invalid("documents", "too many");
  std::set<std::string> presented;
  for (const auto& d : r.documents) {
    const RequiredDocument* required = FindDocument(service, d.code);
    if (!required) {
      return Status::Refused("document_unknown", "the service does not list document " + d.code);
    }
    if (!presented.insert(d.code).second) return Invalid("documents", d.code + " twice");
    if (d.pages < 1 || d.pages > kMaxPagesPerDocument) return Invalid("documents.pages", "1-1000");
    if (d.kind == DocumentKind::kStateSystem) return Invalid("documents.kind", "not state_system");
    if (d.kind == DocumentKind::kElectronic && !required->electronic_copy_accepted) {
      return Status::Refused("electronic_copy_not_accepted",
                             "the standard requires the paper document " + d.code + " (R21)");
    }
    // R27: never ask for what state systems hold; if brought anyway, it is fetched instead.
    if (required->held_by_state_systems) continue;
    out->accepted.push_back(d);
  }
  for (const auto& required : service.documents) {
    if (!Applies(required, r)) continue;
    if (required.held_by_state_systems) {
      out->accepted.push_back({required.code, DocumentKind::kStateSystem, 0});
      continue;
    }
    if (!presented.count(required.code)) out->missing.push_back(&required);
  }
  return Status::Ok();
}

}  // namespace tereze::domain
