#include "domain/intake.h"

#include <gtest/gtest.h>

#include "core/iin.h"

namespace tereze::domain {
namespace {

// A valid IIN for a person born on 12 April 1987 (male, 20th century).
std::string ValidIin(std::string first11 = "87041230012") {
  return first11 + std::to_string(*IinCheckDigit(first11));
}

LocalDate Day(const char* text) { return *LocalDate::Parse(text); }

Service TestService() {
  Service s;
  s.code = "00102001";
  s.name = {"Жеке куәлік беру", "Выдача удостоверения личности", ""};
  s.provider_code = "MVD";
  s.documents = {
      {"application", {"Өтініш", "Заявление", ""}, DocumentCondition::kAlways, false, true},
      {"birth_certificate",
       {"Туу туралы куәлік", "Свидетельство о рождении", ""},
       DocumentCondition::kAlways,
       true,
       false},
      {"photo", {"Фотосурет", "Фотография", ""}, DocumentCondition::kAlways, false, false},
      {"first_card", {"Алғашқы", "Первичный", ""}, DocumentCondition::kFirstTimeOnly, false, false},
      {"poa_copy",
       {"Сенімхат көшірмесі", "Копия доверенности", ""},
       DocumentCondition::kRepresentativeOnly,
       false,
       false},
  };
  s.payments = {{"state_duty", {"Баж", "Пошлина", ""}, 200, 0}};  // 0.2 МРП
  s.consent_required = true;
  return s;
}

const MrpTable kMrp = {{2026, 432500}};  // 4 325 ₸

ApplicationRequest Complete() {
  ApplicationRequest r;
  r.service_code = "00102001";
  r.lang = "kk";
  r.applicant = {ValidIin(), "Әбілқасымов",  "Ғалым",
                 "Өмірұлы",  "+77011234567", IdDocument{"id_card", "045123456", Day("2030-01-01")}};
  r.documents = {{"application", DocumentKind::kOriginal, 1},
                 {"photo", DocumentKind::kOriginal, 1}};
  r.payments = {{"state_duty", "KASPI-1", 86500}};
  r.consents = {{ConsentKind::kWritten, "C-1"}};
  r.form_complete = true;
  return r;
}

// The verdict points into the service: it must outlive the checks.
const Service& DefaultService() {
  static const Service service = TestService();
  return service;
}

Status Check(const ApplicationRequest& r, PackageVerdict* v, const Service& s = DefaultService()) {
  return CheckApplication(s, kMrp, Day("2026-11-24"), r, v);
}

TEST(Intake, CompletePackageIsAcceptedWithStateDocumentsFetched) {
  PackageVerdict v;
  ASSERT_TRUE(Check(Complete(), &v).ok());
  EXPECT_TRUE(v.missing.empty());
  EXPECT_EQ(v.fee_tiyn, 86500);
  // R27: the birth certificate is held by state systems: fetched, not asked for.
  ASSERT_EQ(v.accepted.size(), 3u);
  EXPECT_EQ(v.accepted[2].code, "birth_certificate");
  EXPECT_EQ(v.accepted[2].kind, DocumentKind::kStateSystem);
}

TEST(Intake, MissingDocumentsAreNamedR18_6) {
  ApplicationRequest r = Complete();
  r.documents.pop_back();  // no photo
  r.first_time = true;     // and the first-time document is due
  PackageVerdict v;
  ASSERT_TRUE(Check(r, &v).ok());
  ASSERT_EQ(v.missing.size(), 2u);
  EXPECT_EQ(v.missing[0]->code, "photo");
  EXPECT_EQ(v.missing[1]->code, "first_card");
}

TEST(Intake, StateHeldDocumentIsNeverMissingR27) {
  ApplicationRequest r = Complete();
  PackageVerdict v;
  ASSERT_TRUE(Check(r, &v).ok());
  for (const auto* m : v.missing) EXPECT_NE(m->code, "birth_certificate");
}

TEST(Intake, InvalidIin) {
  ApplicationRequest r = Complete();
  r.applicant.iin.back() = r.applicant.iin.back() == '0' ? '1' : '0';
  PackageVerdict v;
  EXPECT_EQ(Check(r, &v).code(), "invalid_iin");
}

TEST(Intake, IdentityDocumentMustBeValidOnTheDayR17) {
  ApplicationRequest r = Complete();
  r.applicant.id_document->valid_until = Day("2026-11-23");
  PackageVerdict v;
  EXPECT_EQ(Check(r, &v).code(), "id_document_expired");
  r.applicant.id_document->valid_until = Day("2026-11-24");  // valid through today
  EXPECT_TRUE(Check(r, &v).ok());
  r.applicant.id_document.reset();
  EXPECT_EQ(Check(r, &v).code(), "id_document_missing");
}

TEST(Intake, RepresentativeNeedsPowerOfAttorneyInForceR17) {
  ApplicationRequest r = Complete();
  r.applicant.id_document.reset();  // the applicant is not present
  r.representative = Representative{{ValidIin("90010250034"), "Сейітова", "Айгүл", "", "",
                                     IdDocument{"id_card", "0451", Day("2031-01-01")}},
                                    std::nullopt};
  r.documents.push_back({"poa_copy", DocumentKind::kCopy, 1});
  PackageVerdict v;
  EXPECT_EQ(Check(r, &v).code(), "power_of_attorney_missing");
  r.representative->power_of_attorney =
      PowerOfAttorney{"77", Day("2025-11-01"), Day("2026-11-01"), "Нотариус Ахметова"};
  EXPECT_EQ(Check(r, &v).code(), "power_of_attorney_expired");
  r.representative->power_of_attorney->valid_until = Day("2027-11-01");
  ASSERT_TRUE(Check(r, &v).ok());
  EXPECT_TRUE(v.missing.empty());
  // Issued in the future: not in force either.
  r.representative->power_of_attorney->issued_on = Day("2026-11-25");
  EXPECT_EQ(Check(r, &v).code(), "power_of_attorney_expired");
}

TEST(Intake, RepresentativeOnlyDocumentIsRequiredOfARepresentative) {
  ApplicationRequest r = Complete();
  r.representative =
      Representative{{ValidIin("90010250034"), "Сейітова", "Айгүл", "", "",
                      IdDocument{"id_card", "0451", Day("2031-01-01")}},
                     PowerOfAttorney{"77", Day("2026-01-01"), Day("2027-01-01"), "Нотариус"}};
  PackageVerdict v;
  ASSERT_TRUE(Check(r, &v).ok());
  ASSERT_EQ(v.missing.size(), 1u);
  EXPECT_EQ(v.missing[0]->code, "poa_copy");
}

TEST(Intake, ConsentRequiredR10) {
  ApplicationRequest r = Complete();
  r.consents.clear();
  PackageVerdict v;
  EXPECT_EQ(Check(r, &v).code(), "consent_required");
  Service s = TestService();
  s.consent_required = false;
  EXPECT_TRUE(Check(r, &v, s).ok());
  r.electronic = true;  // R12: an electronic request needs consent regardless
  EXPECT_EQ(Check(r, &v, s).code(), "consent_required");
}

TEST(Intake, FormCompleteUnlessPrefilledR18_1) {
  ApplicationRequest r = Complete();
  r.form_complete = false;
  PackageVerdict v;
  EXPECT_EQ(Check(r, &v).code(), "form_incomplete");
  Service s = TestService();
  s.prefilled_form = true;
  EXPECT_TRUE(Check(r, &v, s).ok());
}

TEST(Intake, PaymentsPresentAndExactR18_3) {
  ApplicationRequest r = Complete();
  PackageVerdict v;
  r.payments[0].amount_tiyn = 86499;
  EXPECT_EQ(Check(r, &v).code(), "payment_amount_mismatch");
  r.payments.clear();
  EXPECT_EQ(Check(r, &v).code(), "payment_missing");
  r.payments = {{"state_duty", "K", 86500}, {"bribe", "K2", 100}};
  EXPECT_EQ(Check(r, &v).code(), "payment_unknown");
}

TEST(Intake, PaidServiceChargesItsPriceR29) {
  Service s = TestService();
  s.price_tiyn = 150000;
  ApplicationRequest r = Complete();
  PackageVerdict v;
  EXPECT_EQ(Check(r, &v, s).code(), "payment_missing");
  r.payments.push_back({kServicePriceCode, "POS-9", 149999});
  EXPECT_EQ(Check(r, &v, s).code(), "payment_amount_mismatch");
  r.payments.back().amount_tiyn = 150000;
  ASSERT_TRUE(Check(r, &v, s).ok());
  EXPECT_EQ(v.price_tiyn, 150000);
}

TEST(Intake, ElectronicCopyOnlyWhereTheStandardAllowsR21) {
  ApplicationRequest r = Complete();
  r.documents[1].kind = DocumentKind::kElectronic;  // photo: paper only
  PackageVerdict v;
  EXPECT_EQ(Check(r, &v).code(), "electronic_copy_not_accepted");
  r.documents[1].kind = DocumentKind::kOriginal;
  r.documents[0].kind = DocumentKind::kElectronic;  // the application may be electronic
  EXPECT_TRUE(Check(r, &v).ok());
}

TEST(Intake, ShapeErrors) {
  PackageVerdict v;
  ApplicationRequest r = Complete();
  r.lang = "en";
  EXPECT_EQ(Check(r, &v).code(), "invalid_field");
  r = Complete();
  r.applicant.surname = "";
  EXPECT_EQ(Check(r, &v).code(), "invalid_field");
  r = Complete();
  r.applicant.phone = "12345";
  EXPECT_EQ(Check(r, &v).code(), "invalid_field");
  r = Complete();
  r.documents.push_back({"passport_of_mars", DocumentKind::kOriginal, 1});
  EXPECT_EQ(Check(r, &v).code(), "document_unknown");
  r = Complete();
  r.documents.push_back(r.documents[0]);
  EXPECT_EQ(Check(r, &v).code(), "invalid_field");
}

TEST(Intake, NormalizesPhones) {
  std::string out;
  EXPECT_TRUE(NormalizePhone("+7 (701) 123-45-67", &out));
  EXPECT_EQ(out, "+77011234567");
  EXPECT_TRUE(NormalizePhone("87011234567", &out));
  EXPECT_EQ(out, "+77011234567");
  EXPECT_FALSE(NormalizePhone("+7 727 123 45 6", &out));
  EXPECT_FALSE(NormalizePhone("+1 701 123 45 67", &out));
  EXPECT_FALSE(NormalizePhone("7011234567x", &out));
}

}  // namespace
}  // namespace tereze::domain
