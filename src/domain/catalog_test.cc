// The catalog's rules (R2, R6, R7, R25, R27, R29) and its search.
#include "domain/catalog.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

Service GoodService(const std::string& code) {
  Service s;
  s.code = code;
  s.name = {"Жеке куәлік беру", "Выдача удостоверения личности", "Identity card"};
  s.provider_code = "MVD";
  s.documents.push_back(RequiredDocument{"application", {"Өтініш", "Заявление", ""}});
  s.term = {15, TermUnit::kWorkingDays};
  s.result = {"Жеке куәлік", "Удостоверение личности", ""};
  s.storage_class = StorageClass::kIdentityDocument;
  return s;
}

Catalog GoodCatalog() {
  Catalog c;
  c.mrp_tiyn = {{2026, 432500}};
  c.providers.push_back(Provider{"MVD", {"ІІМ", "МВД", "Ministry of Internal Affairs"}});
  c.services.push_back(GoodService("00102001"));
  return c;
}

bool HasError(const std::vector<CatalogError>& errors, const std::string& where) {
  for (const auto& e : errors) {
    if (e.where == where) return true;
  }
  return false;
}

TEST(CatalogTest, AGoodCatalogHasNoErrors) { EXPECT_TRUE(ValidateCatalog(GoodCatalog()).empty()); }

TEST(CatalogTest, R6CodesAreEightDigitsAndUnique) {
  Catalog c = GoodCatalog();
  c.services.push_back(GoodService("00102001"));
  c.services.push_back(GoodService("0010200"));
  c.services.push_back(GoodService("0010200x"));
  auto errors = ValidateCatalog(c);
  EXPECT_TRUE(HasError(errors, "services[1].code"));  // repeated
  EXPECT_TRUE(HasError(errors, "services[2].code"));  // seven digits
  EXPECT_TRUE(HasError(errors, "services[3].code"));  // a letter
}

TEST(CatalogTest, R7EveryServiceCarriesItsStandard) {
  Catalog c = GoodCatalog();
  Service& s = c.services[0];
  s.name.kk.clear();
  s.provider_code = "NOPE";
  s.documents.clear();
  s.term.value = 0;
  s.result.ru.clear();
  auto errors = ValidateCatalog(c);
  EXPECT_TRUE(HasError(errors, "services[0].name.kk"));
  EXPECT_TRUE(HasError(errors, "services[0].provider"));
  EXPECT_TRUE(HasError(errors, "services[0].documents"));
  EXPECT_TRUE(HasError(errors, "services[0].term.value"));
  EXPECT_TRUE(HasError(errors, "services[0].result.ru"));
  EXPECT_EQ(errors.size(), 5u);
}

TEST(CatalogTest, TermsAreBoundedByTheirUnit) {
  Catalog c = GoodCatalog();
  c.services[0].term = {367, TermUnit::kWorkingDays};
  EXPECT_FALSE(ValidateCatalog(c).empty());
  c.services[0].term = {366, TermUnit::kCalendarDays};
  EXPECT_TRUE(ValidateCatalog(c).empty());
  c.services[0].term = {2, TermUnit::kHours};
  EXPECT_TRUE(ValidateCatalog(c).empty());
}

TEST(CatalogTest, APaymentIsInMrpOrInTiynNeverBoth) {
  Catalog c = GoodCatalog();
  c.services[0].payments.push_back(Payment{"duty", {"Баж", "Пошлина", ""}, 200, 0});
  EXPECT_TRUE(ValidateCatalog(c).empty());
  c.services[0].payments[0].amount_tiyn = 100;
  EXPECT_TRUE(HasError(ValidateCatalog(c), "services[0].payments[0]"));
  c.services[0].payments[0] = Payment{"duty", {"Баж", "Пошлина", ""}, 0, 0};
  EXPECT_TRUE(HasError(ValidateCatalog(c), "services[0].payments[0]"));
  // МРП needs the table.
  c.services[0].payments[0] = Payment{"duty", {"Баж", "Пошлина", ""}, 200, 0};
  c.mrp_tiyn.clear();
  EXPECT_TRUE(HasError(ValidateCatalog(c), "services[0].payments[0]"));
}

TEST(CatalogTest, R29OnlyAPaidServiceHasAPrice) {
  Catalog c = GoodCatalog();
  c.services[0].price_tiyn = 200000;
  EXPECT_TRUE(HasError(ValidateCatalog(c), "services[0].price_tiyn"));
  c.services[0].kind = ServiceKind::kPaid;
  EXPECT_TRUE(ValidateCatalog(c).empty());
  c.services[0].price_tiyn = 0;
  EXPECT_TRUE(HasError(ValidateCatalog(c), "services[0].price_tiyn"));
}

TEST(CatalogTest, PaymentsInMrpResolveToTiynForTheYear) {
  MrpTable mrp = {{2025, 393200}, {2026, 432500}};
  int64_t tiyn = 0;
  // 0.2 МРП in 2026: 865.00 ₸.
  ASSERT_TRUE(PaymentTiyn(Payment{"d", {}, 200, 0}, mrp, 2026, &tiyn).ok());
  EXPECT_EQ(tiyn, 86500);
  // 1.25 МРП in 2025: 4,915.00 ₸.
  ASSERT_TRUE(PaymentTiyn(Payment{"d", {}, 1250, 0}, mrp, 2025, &tiyn).ok());
  EXPECT_EQ(tiyn, 491500);
  // Half a tiyn rounds up: 0.001 МРП of 432500 tiyn = 432.5 tiyn.
  ASSERT_TRUE(PaymentTiyn(Payment{"d", {}, 1, 0}, mrp, 2026, &tiyn).ok());
  EXPECT_EQ(tiyn, 433);
  // A fixed amount needs no year.
  ASSERT_TRUE(PaymentTiyn(Payment{"d", {}, 0, 345000}, {}, 1999, &tiyn).ok());
  EXPECT_EQ(tiyn, 345000);
  EXPECT_EQ(PaymentTiyn(Payment{"d", {}, 200, 0}, mrp, 2024, &tiyn).code(), "mrp_unknown_year");
}

TEST(CatalogTest, FoldCaseLowersKazakhRussianAndLatinLetters) {
  EXPECT_EQ(FoldCase("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
  EXPECT_EQ(FoldCase("ПАСПОРТ Ёлка"), "паспорт ёлка");
  EXPECT_EQ(FoldCase("Identity CARD"), "identity card");
  EXPECT_EQ(FoldCase("ÄĞÑÖŞŪÜ"), "äğñöşūü");  // Kazakh in Latin letters
  EXPECT_EQ(FoldCase("äğñöşūü"), "äğñöşūü");  // already lower: unchanged
  // Invalid UTF-8 passes through without harm.
  EXPECT_EQ(FoldCase(std::string("A\xFF"
                                 "B")),
            std::string("a\xFF"
                        "b"));
}

TEST(CatalogTest, SearchFindsANameInAnyLanguageIgnoringCase) {
  Catalog c = GoodCatalog();
  Service other = GoodService("00402014");
  other.name = {"Көпбалалы отбасыларға жәрдемақы", "Пособие многодетным семьям",
                "Allowance for large families"};
  c.services.push_back(other);
  auto codes = [&](std::string_view q) {
    std::vector<std::string> out;
    for (const Service* s : SearchServices(c, q)) out.push_back(s->code);
    return out;
  };
  EXPECT_EQ(codes("КӨПБАЛАЛЫ"), std::vector<std::string>{"00402014"});
  EXPECT_EQ(codes("многодетным"), std::vector<std::string>{"00402014"});
  EXPECT_EQ(codes("LARGE"), std::vector<std::string>{"00402014"});
  EXPECT_EQ(codes("куәлік"), std::vector<std::string>{"00102001"});
  EXPECT_EQ(codes("").size(), 2u);
  EXPECT_TRUE(codes("нет такой").empty());
  // One language only: the Russian word is not found among English names.
  auto in = [&](std::string_view q, std::string_view lang) {
    return SearchServices(c, q, lang).size();
  };
  EXPECT_EQ(in("многодетным", "ru"), 1u);
  EXPECT_EQ(in("многодетным", "en"), 0u);
  EXPECT_EQ(in("КӨПБАЛАЛЫ", "kk"), 1u);
  EXPECT_EQ(in("КӨПБАЛАЛЫ", "ru"), 0u);
  EXPECT_EQ(in("00402014", "en"), 1u);  // a code is found whatever the language
}

}  // namespace
}  // namespace tereze::domain
