// The public reference endpoints: catalog search (R6, R7), one service, and
// the IIN/BIN validator.
#include <gtest/gtest.h>

#include "core/iin.h"
#include "core/local_date.h"
#include "support/fixture.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class Reference : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ImportShippedCatalog();
  }

  std::vector<std::string> Codes(const std::string& target) {
    Client c(port_);
    auto r = c.Get(target);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    Json j = r.json();
    for (auto& item : j["items"]) out.push_back(item["code"]);
    return out;
  }
};

TEST_F(Reference, ListsTheWholeCatalogInCodeOrder) {
  auto codes = Codes("/api/v1/services?limit=500");
  EXPECT_GE(codes.size(), 15u);
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  // Pages of five walk the same list.
  std::vector<std::string> paged;
  std::string cursor;
  Client c(port_);
  for (int i = 0; i < 20; ++i) {
    auto r = c.Get("/api/v1/services?limit=5" + (cursor.empty() ? "" : "&cursor=" + cursor));
    Json j = r.json();
    for (auto& item : j["items"]) paged.push_back(item["code"]);
    if (j["next_cursor"].is_null()) break;
    cursor = j["next_cursor"];
  }
  EXPECT_EQ(paged, codes);
}

TEST_F(Reference, SearchIsCaseInsensitiveInEveryLanguageIncludingKazakhLetters) {
  Client c(port_);
  // Take a real Kazakh name from the catalog, upper-case its Kazakh letters, and find it.
  Json one = c.Get("/api/v1/services/00402014").json();
  std::string kk = one["name"]["kk"];
  std::string upper = kk;
  // Ә ә: D3 98 / D3 99; Қ қ: D2 9A / D2 9B; Ұ ұ: D2 B0 / D2 B1; І і: D0 86 / D1 96.
  auto replace_all = [](std::string& s, const std::string& from, const std::string& to) {
    for (size_t pos; (pos = s.find(from)) != std::string::npos;) s.replace(pos, from.size(), to);
  };
  replace_all(upper, "\xD3\x99", "\xD3\x98");
  replace_all(upper, "\xD2\x9B", "\xD2\x9A");
  replace_all(upper, "\xD2\xB1", "\xD2\xB0");
  replace_all(upper, "\xD1\x96", "\xD0\x86");
  ASSERT_NE(upper, kk) << "the name should hold a Kazakh letter: " << kk;
  std::string encoded;
  for (unsigned char ch : upper) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%%%02X", ch);
    encoded += buf;
  }
  auto found = Codes("/api/v1/services?lang=kk&q=" + encoded);
  EXPECT_NE(std::find(found.begin(), found.end(), "00402014"), found.end()) << upper;
  // Russian, any case.
  auto ru = Codes("/api/v1/services?q=%D0%9F%D0%90%D0%A1%D0%9F%D0%9E%D0%A0%D0%A2");  // ПАСПОРТ
  EXPECT_FALSE(ru.empty());
  // English, and a word from another language is not found under lang=en.
  EXPECT_FALSE(Codes("/api/v1/services?lang=en&q=PASSPORT").empty());
  EXPECT_TRUE(
      Codes("/api/v1/services?lang=en&q=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82").empty());
  EXPECT_TRUE(Codes("/api/v1/services?q=no-such-service-anywhere").empty());
  EXPECT_EQ(c.Get("/api/v1/services?lang=de").error_code(), "invalid_lang");
}

TEST_F(Reference, OneServiceCarriesItsStandard) {
  Client c(port_);
  auto r = c.Get("/api/v1/services/00402014");
  ASSERT_EQ(r.status, 200) << r.body;
  Json s = r.json();
  EXPECT_EQ(s["code"], "00402014");
  EXPECT_EQ(s["storage_class"], "social_payment");  // R25: never returned
  EXPECT_GE(s["catalog_version"].get<int64_t>(), 1);
  EXPECT_FALSE(s["documents"].empty());
  EXPECT_TRUE(s["provider_name"]["ru"].is_string());
  // Fees in МРП come resolved to tiyn for the year of the server's clock (2026: 4,325 ₸).
  Json any_mrp;
  Json all = c.Get("/api/v1/services?limit=500").json();
  for (auto& svc : all["items"]) {
    Json full = c.Get("/api/v1/services/" + svc["code"].get<std::string>()).json();
    for (auto& p : full["payments"]) {
      if (p.contains("amount_mrp_milli")) any_mrp = p;
    }
  }
  ASSERT_FALSE(any_mrp.is_null());
  int64_t milli = any_mrp["amount_mrp_milli"];
  EXPECT_EQ(any_mrp["amount_tiyn"].get<int64_t>(), (milli * 432500 + 500) / 1000);
  EXPECT_EQ(c.Get("/api/v1/services/99999999").status, 404);
  EXPECT_EQ(c.Get("/api/v1/services/123").error_code(), "invalid_service_code");
}

std::string WithCheckDigit(const std::string& first11) {
  auto d = IinCheckDigit(first11);
  return d ? first11 + std::to_string(*d) : "";
}

TEST_F(Reference, IdentityNumbersAreCheckedByTheOneValidator) {
  Client c(port_);
  std::string iin = WithCheckDigit("85010130060");  // born 1985-01-01, male (3)
  ASSERT_EQ(iin.size(), 12u);
  auto r = c.Get("/api/v1/identity/" + iin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["valid"], true);
  EXPECT_EQ(r.json()["kind"], "iin");
  EXPECT_EQ(r.json()["birth_date"], "1985-01-01");
  EXPECT_EQ(r.json()["sex"], "M");

  std::string wrong = iin;
  wrong[11] = wrong[11] == '9' ? '0' : static_cast<char>(wrong[11] + 1);
  auto bad = c.Get("/api/v1/identity/" + wrong);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.error_code(), "invalid_iin");
  EXPECT_EQ(c.Get("/api/v1/identity/12345").error_code(), "invalid_iin");

  std::string bin = WithCheckDigit("05014000123");  // registered 2005-01, resident, head office
  ASSERT_EQ(bin.size(), 12u);
  auto b = c.Get("/api/v1/identity/" + bin);
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(b.json()["kind"], "bin");
  EXPECT_EQ(b.json()["entity_type"], "resident_legal_entity");
  EXPECT_EQ(b.json()["registration_year"], 2005);
  std::string bad_bin = bin;
  bad_bin[11] = bad_bin[11] == '9' ? '0' : static_cast<char>(bad_bin[11] + 1);
  EXPECT_EQ(c.Get("/api/v1/identity/" + bad_bin).error_code(), "invalid_bin");
}

}  // namespace
}  // namespace tereze::testing

namespace tereze::testing {
namespace {

class Calendar : public ServerTest {};

TEST_F(Calendar, DueDatesFollowTheRealCalendar) {
  Client c(port_);
  // R30: accepted Friday 2026-03-20, 3 working days: Nauryz and its moved days
  // (21-25 March) do not count -> 26, 27, 30 March; the provider's deadline is
  // the working day before (R34).
  auto r = c.Get("/api/v1/calendar/due-date?accepted=2026-03-20&term=3&unit=working_days");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["issue_date"], "2026-03-30");
  EXPECT_EQ(r.json()["provider_deadline"], "2026-03-27");
  // Across the year boundary: accepted Monday 2025-12-29, 5 working days are
  // 30 and 31 December, 5, 6 and 8 January (1-2 and 7 January are holidays).
  auto y = c.Get("/api/v1/calendar/due-date?accepted=2025-12-29&term=5&unit=working_days");
  ASSERT_EQ(y.status, 200) << y.body;
  EXPECT_EQ(y.json()["issue_date"], "2026-01-08");
  EXPECT_EQ(y.json()["provider_deadline"], "2026-01-06");
  // Calendar days count every day; the term may end on a Saturday, when centers are open.
  auto d = c.Get("/api/v1/calendar/due-date?accepted=2026-06-10&term=3&unit=calendar_days");
  EXPECT_EQ(d.json()["issue_date"], "2026-06-13");
}

TEST_F(Calendar, BadQueriesAre400AndUnknownYears422) {
  Client c(port_);
  EXPECT_EQ(
      c.Get("/api/v1/calendar/due-date?accepted=2026-02-30&term=3&unit=working_days").error_code(),
      "invalid_date");
  EXPECT_EQ(
      c.Get("/api/v1/calendar/due-date?accepted=2026-02-03&term=x&unit=working_days").error_code(),
      "invalid_term");
  EXPECT_EQ(
      c.Get("/api/v1/calendar/due-date?accepted=2026-02-03&term=0&unit=working_days").error_code(),
      "invalid_term");
  auto unit = c.Get("/api/v1/calendar/due-date?accepted=2026-02-03&term=3&unit=weeks");
  EXPECT_EQ(unit.status, 400);
  EXPECT_EQ(unit.error_code(), "invalid_unit");
  auto far = c.Get("/api/v1/calendar/due-date?accepted=2031-02-03&term=3&unit=working_days");
  EXPECT_EQ(far.status, 422);
  EXPECT_EQ(far.error_code(), "calendar_unknown_year");
  EXPECT_EQ(c.Get("/api/v1/calendar/20x6").error_code(), "invalid_year");
  EXPECT_EQ(c.Get("/api/v1/calendar/2031").status, 404);
}

TEST_F(Calendar, AYearListsEveryNonWorkingDayWithItsReason) {
  Client c(port_);
  auto r = c.Get("/api/v1/calendar/2026");
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<std::string, std::string> kind_of;
  Json year = r.json();
  for (auto& d : year["non_working_days"]) kind_of[d["date"]] = d["kind"];
  EXPECT_EQ(kind_of["2026-03-09"], "moved");    // 8 March was a Sunday
  EXPECT_EQ(kind_of["2026-03-23"], "holiday");  // Nauryz
  EXPECT_EQ(kind_of["2026-05-11"], "moved");    // 9 May was a Saturday
  EXPECT_EQ(kind_of["2026-11-28"], "weekend");
  EXPECT_EQ(kind_of.count("2026-11-24"), 0u);  // an ordinary Tuesday
  // Every Saturday and Sunday of 2026 is there (as a weekend, or as the holiday on it),
  // and no working weekday is: a Monday of a plain week.
  int rest_days = 0;
  for (auto d = *LocalDate::Parse("2026-01-01"); d.year() == 2026; d = d.AddDays(1)) {
    if (d.Weekday() < 6) continue;
    ++rest_days;
    EXPECT_EQ(kind_of.count(d.ToString()), 1u) << d.ToString();
  }
  EXPECT_EQ(rest_days, 104);
  EXPECT_EQ(kind_of.count("2026-11-23"), 0u);
}

}  // namespace
}  // namespace tereze::testing

namespace tereze::testing {
namespace {

class CatalogImport : public ServerTest {};

std::string ShippedCatalog() {
  std::ifstream in(std::string(TEREZE_SOURCE_DIR) + "/data/catalog/services.json");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST_F(CatalogImport, AFileWithOneBadRowChangesNothing) {
  Client c(port_);
  std::string admin = Token("admin");
  auto first = c.Post("/api/v1/catalog/import", ShippedCatalog(), admin);
  ASSERT_EQ(first.status, 201) << first.body;
  int64_t version = first.json()["version_id"];
  size_t services = first.json()["services"];
  EXPECT_GE(services, 15u);

  // One service with a bad code, far down the file: refused whole, by line.
  Json bad = Json::parse(ShippedCatalog());
  bad["services"][3]["code"] = "1234";
  bad["services"][0]["name"]["ru"] = "Переименованная услуга";  // a good change in the same file
  auto refused = c.Post("/api/v1/catalog/import", bad.dump(2), admin);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.error_code(), "catalog_invalid");
  Json errors = refused.json()["error"]["details"]["errors"];
  ASSERT_EQ(errors.size(), 1u) << refused.body;
  EXPECT_NE(errors[0]["where"].get<std::string>().find("line "), std::string::npos);
  EXPECT_NE(errors[0]["where"].get<std::string>().find("services[3].code"), std::string::npos);
  // Nothing changed: same version, the good change is not in force either.
  Json list = c.Get("/api/v1/services?limit=500").json();
  EXPECT_EQ(list["catalog_version"], version);
  EXPECT_EQ(list["items"].size(), services);
  for (auto& item : list["items"]) EXPECT_NE(item["name"]["ru"], "Переименованная услуга");

  // The same file again is no new version; a real change is.
  auto same = c.Post("/api/v1/catalog/import", ShippedCatalog(), admin);
  EXPECT_EQ(same.status, 200);
  EXPECT_EQ(same.json()["unchanged"], true);
  bad["services"][3]["code"] = Json::parse(ShippedCatalog())["services"][3]["code"];
  auto changed = c.Post("/api/v1/catalog/import", bad.dump(2), admin);
  ASSERT_EQ(changed.status, 201) << changed.body;
  EXPECT_EQ(changed.json()["version_id"], version + 1);
  // Audited (R26), and only an admin may import.
  EXPECT_EQ(c.Post("/api/v1/catalog/import", ShippedCatalog(), Token("manager")).status, 403);
  Json audit = c.Get("/api/v1/audit?limit=500", Token("auditor")).json();
  int imports = 0;
  for (auto& rec : audit["items"]) imports += rec["action"] == "catalog.import";
  EXPECT_EQ(imports, 2);
}

TEST_F(CatalogImport, ACatalogLargerThanTheDefaultBodyLimitIsAccepted) {
  Client c(port_);
  // Two MiB of services: over the 1 MiB default, within the import's own limit.
  Json big = Json::parse(ShippedCatalog());
  Json one = big["services"][0];
  big["services"] = Json::array();
  for (int i = 0; big.dump().size() < (2u << 20); ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "%08d", 50000000 + i);
    one["code"] = code;
    big["services"].push_back(one);
  }
  auto r = c.Post("/api/v1/catalog/import", big.dump(), Token("admin"));
  EXPECT_EQ(r.status, 201) << r.body.substr(0, 300);
  // Other routes keep the default.
  Client c2(port_);
  EXPECT_EQ(c2.Post("/api/v1/employees", big.dump(), Token("admin")).status, 413);
}

}  // namespace
}  // namespace tereze::testing
