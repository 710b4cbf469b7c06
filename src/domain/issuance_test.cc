// R18.8, R24: who may take a result.
#include "domain/issuance.h"

#include <gtest/gtest.h>

#include "core/iin.h"

namespace tereze::domain {
namespace {

std::string Iin(const std::string& first11) {
  return first11 + std::to_string(*IinCheckDigit(first11));
}

const LocalDate kToday = *LocalDate::Parse("2026-11-24");

Person Someone(const std::string& iin) {
  Person p;
  p.iin = iin;
  p.surname = "Сәрсенов";
  p.name = "Нұрлан";
  p.id_document = IdDocument{"id_card", "045123456", *LocalDate::Parse("2030-01-01")};
  return p;
}

IssuePowerOfAttorney Poa(const std::string& principal) {
  IssuePowerOfAttorney p;
  p.document = {"Д-77", *LocalDate::Parse("2026-01-10"), *LocalDate::Parse("2027-01-10"),
                "Нотариус Сейітова"};
  p.principal_iin = principal;
  return p;
}

const std::string kApplicant = Iin("87041230012");
const std::string kOther = Iin("90010130012");

TEST(CheckIssue, TheApplicantInPersonWithAValidDocument) {
  IssueRequest r{Someone(kApplicant), std::nullopt};
  EXPECT_TRUE(CheckIssue(kApplicant, "00803008", r, kToday).ok());
  EXPECT_TRUE(IssuedInPerson(kApplicant, r));
}

TEST(CheckIssue, NeverToSomebodyElse) {
  IssueRequest r{Someone(kOther), std::nullopt};
  EXPECT_EQ(CheckIssue(kApplicant, "00803008", r, kToday).code(), "recipient_not_entitled");
}

TEST(CheckIssue, ARepresentativeWithTheApplicantsPowerOfAttorney) {
  IssueRequest r{Someone(kOther), Poa(kApplicant)};
  EXPECT_TRUE(CheckIssue(kApplicant, "00803008", r, kToday).ok());
  EXPECT_FALSE(IssuedInPerson(kApplicant, r));
  // Limited to named services: this one must be among them.
  r.power_of_attorney->services = {"00803008"};
  EXPECT_TRUE(CheckIssue(kApplicant, "00803008", r, kToday).ok());
  r.power_of_attorney->services = {"00101001"};
  EXPECT_EQ(CheckIssue(kApplicant, "00803008", r, kToday).code(), "power_of_attorney_not_covering");
}

TEST(CheckIssue, APowerOfAttorneyOfAnotherPersonDoesNotCover) {
  IssueRequest r{Someone(kOther), Poa(Iin("91020230012"))};
  EXPECT_EQ(CheckIssue(kApplicant, "00803008", r, kToday).code(), "power_of_attorney_not_covering");
}

TEST(CheckIssue, ExpiredOrFuturePowersOfAttorneyAndDocumentsAreRefused) {
  IssueRequest r{Someone(kOther), Poa(kApplicant)};
  r.power_of_attorney->document.valid_until = *LocalDate::Parse("2026-11-23");
  EXPECT_EQ(CheckIssue(kApplicant, "x", r, kToday).code(), "power_of_attorney_expired");
  r.power_of_attorney = Poa(kApplicant);
  r.power_of_attorney->document.issued_on = *LocalDate::Parse("2026-11-25");
  EXPECT_EQ(CheckIssue(kApplicant, "x", r, kToday).code(), "power_of_attorney_expired");
  IssueRequest own{Someone(kApplicant), std::nullopt};
  own.recipient.id_document->valid_until = *LocalDate::Parse("2026-11-23");
  EXPECT_EQ(CheckIssue(kApplicant, "x", own, kToday).code(), "id_document_expired");
  own.recipient.id_document.reset();
  EXPECT_EQ(CheckIssue(kApplicant, "x", own, kToday).code(), "id_document_missing");
  own.recipient.iin = "123";
  EXPECT_EQ(CheckIssue(kApplicant, "x", own, kToday).code(), "invalid_iin");
}

}  // namespace
}  // namespace tereze::domain
