// Reading catalog files: every error with its line, types checked, and the
// shipped catalog reads clean.
#include "codec/catalog_json.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace tereze::codec {
namespace {

std::string Shipped() {
  // The test binary runs from the build tree; the source tree is found from this file.
  std::string here = __FILE__;
  std::string root = here.substr(0, here.rfind("/src/codec/"));
  std::ifstream in(root + "/data/catalog/services.json");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(CatalogJsonTest, TheShippedCatalogReadsCleanAndHasAtLeastFifteenServices) {
  domain::Catalog catalog;
  std::vector<domain::CatalogError> errors;
  DecodeCatalog(Shipped(), &catalog, &errors);
  for (const auto& e : errors) ADD_FAILURE() << e.where << ": " << e.message;
  EXPECT_GE(catalog.services.size(), 15u);
  // R2: all three kinds of service are there, and a paid one (R29).
  std::set<domain::ServiceKind> kinds;
  std::set<domain::StorageClass> storage;
  bool state_held = false;
  for (const auto& s : catalog.services) {
    kinds.insert(s.kind);
    storage.insert(s.storage_class);
    for (const auto& d : s.documents) state_held |= d.held_by_state_systems;
  }
  EXPECT_EQ(kinds.size(), 4u);
  EXPECT_TRUE(storage.count(domain::StorageClass::kSocialPayment));
  EXPECT_TRUE(storage.count(domain::StorageClass::kIdentityDocument));
  EXPECT_TRUE(state_held);  // R27
  EXPECT_TRUE(std::is_sorted(catalog.services.begin(), catalog.services.end(),
                             [](const auto& a, const auto& b) { return a.code < b.code; }));
}

TEST(CatalogJsonTest, ErrorsNameTheLineWhereTheirServiceStarts) {
  const std::string text = R"({
  "mrp_tiyn": {"2026": 432500},
  "providers": [{"code": "MVD", "name": {"kk": "ІІМ", "ru": "МВД"}}],
  "services": [
    {
      "code": "00102001", "name": {"kk": "а", "ru": "б", "en": "c"}, "provider": "MVD",
      "documents": [{"code": "application", "name": {"kk": "Өтініш", "ru": "Заявление"}}],
      "term": {"value": 15, "unit": "working_days"}, "result": {"kk": "а", "ru": "б"}
    },
    {
      "code": "12", "name": {"kk": "а", "ru": "б", "en": "c"}, "provider": "MVD",
      "documents": [{"code": "application", "name": {"kk": "Өтініш", "ru": "Заявление"}}],
      "term": {"value": "15", "unit": "fortnights"}, "result": {"kk": "а", "ru": "б"},
      "prefilled_form": "yes"
    }
  ]
})";
  domain::Catalog catalog;
  std::vector<domain::CatalogError> errors;
  DecodeCatalog(text, &catalog, &errors);
  std::set<std::string> where;
  for (const auto& e : errors) where.insert(e.where);
  EXPECT_TRUE(where.count("line 10: services[1].code")) << ::testing::PrintToString(where);
  EXPECT_TRUE(where.count("line 10: services[1].term.value"));
  EXPECT_TRUE(where.count("line 10: services[1].term.unit"));
  EXPECT_TRUE(where.count("line 10: services[1].prefilled_form"));
  for (const auto& w : where) EXPECT_EQ(w.find("services[0]"), std::string::npos) << w;
}

TEST(CatalogJsonTest, TextThatIsNotJsonIsOneErrorWithItsLine) {
  domain::Catalog catalog;
  std::vector<domain::CatalogError> errors;
  DecodeCatalog("{\n  \"services\": [\n    {,\n  ]\n}", &catalog, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, "line 3");
  errors.clear();
  DecodeCatalog("[]", &catalog, &errors);
  ASSERT_EQ(errors.size(), 1u);
}

TEST(CatalogJsonTest, EncodeThenDecodeGivesTheSameCatalog) {
  domain::Catalog catalog;
  std::vector<domain::CatalogError> errors;
  DecodeCatalog(Shipped(), &catalog, &errors);
  ASSERT_TRUE(errors.empty());
  std::string once = EncodeCatalog(catalog);
  domain::Catalog again;
  DecodeCatalog(once, &again, &errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(EncodeCatalog(again), once);  // canonical: stable digest for the same content
}

TEST(CatalogJsonTest, ServiceJsonResolvesMrpForTheYear) {
  domain::Catalog catalog;
  std::vector<domain::CatalogError> errors;
  DecodeCatalog(Shipped(), &catalog, &errors);
  ASSERT_TRUE(errors.empty());
  for (const auto& s : catalog.services) {
    for (const auto& p : s.payments) {
      if (p.amount_mrp_milli == 0) continue;
      auto j = nlohmann::json::parse(EncodeService(s, catalog, 2026));
      for (const auto& pj : j["payments"]) {
        if (pj["code"] != p.code) continue;
        EXPECT_EQ(pj["amount_tiyn"].get<int64_t>(),
                  (p.amount_mrp_milli * catalog.mrp_tiyn.at(2026) + 500) / 1000);
      }
      return;
    }
  }
  FAIL() << "the shipped catalog has no fee in МРП";
}

}  // namespace
}  // namespace tereze::codec
