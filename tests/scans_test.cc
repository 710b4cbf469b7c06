// Barcode scans at the hand-overs (R18.10, R22): each moves the package one
// stage; a wrong one is refused with its code and changes nothing.
#include <gtest/gtest.h>

#include "domain/barcode.h"
#include "store/connection.h"
#include "support/fixture.h"
#include "support/intake.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class ScansTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ImportShippedCatalog();
  }
  HttpResult Accept(bool complete) {
    Client c(port_);
    return c.Post("/api/v1/applications", SampleApplication(complete).dump(), Token("operator"));
  }
  HttpResult Scan(const std::string& barcode, const std::string& action,
                  const std::string& login = "collection") {
    Client c(port_);
    return c.Post("/api/v1/scans", Json{{"barcode", barcode}, {"action", action}}.dump(),
                  Token(login));
  }
  int64_t Events() {
    int64_t n = 0;
    Status s = service_->app().db().Read([&](store::Connection& db) {
      std::vector<store::Row> rows;
      Status st = db.Execute("SELECT count(*) FROM application_events", {}, &rows);
      if (st.ok()) n = rows[0].integer(0);
      return st;
    });
    EXPECT_TRUE(s.ok());
    return n;
  }
};

TEST_F(ScansTest, CollectMovesThePackageAndGroupsItByDirectionR22) {
  // A direction of the branch serving the provider's unit in the branch's region.
  Client c(port_);
  auto unit = c.Post("/api/v1/provider-units",
                     Json{{"provider_code", "MP"},
                          {"region", "Astana"},
                          {"name_kk", "Астана қ. бөлімі"},
                          {"name_ru", "Отдел г. Астаны"},
                          {"address_ru", "Астана"}}
                         .dump(),
                     Token("admin"));
  ASSERT_EQ(unit.status, 201) << unit.body;
  auto dir =
      c.Post("/api/v1/branches/" + std::to_string(branch_id_) + "/directions",
             Json{{"name", "Маршрут 1"}, {"unit_ids", {unit.json()["id"]}}}.dump(), Token("admin"));
  ASSERT_EQ(dir.status, 201) << dir.body;

  auto r = Accept(true);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string barcode = r.json()["barcode"];
  auto scan = Scan(barcode, "collect");
  ASSERT_EQ(scan.status, 201) << scan.body;
  EXPECT_EQ(scan.json()["stage"], "collected");
  EXPECT_EQ(scan.json()["repeated"], false);
  EXPECT_EQ(scan.json()["direction"]["name"], "Маршрут 1");
  // The same beep twice: harmless, and it says so.
  int64_t events = Events();
  auto again = Scan(barcode, "collect");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["repeated"], true);
  EXPECT_EQ(Events(), events);
  // The timeline has who scanned (the collection employee) and where.
  auto timeline =
      c.Get("/api/v1/applications/" + std::to_string(r.json()["id"].get<int64_t>()) + "/timeline",
            Token("manager"));
  Json list = timeline.json()["events"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["kind"], "collect");
  EXPECT_EQ(list[1]["stage"], "collected");
  EXPECT_NE(list[1]["employee_id"], list[0]["employee_id"]);
}

TEST_F(ScansTest, WrongMovesAreRefusedAndChangeNothing) {
  auto r = Accept(true);
  ASSERT_EQ(r.status, 201);
  std::string barcode = r.json()["barcode"];
  Token("collection");
  Token("issuance");
  Token("operator");
  int64_t events = Events();
  auto wrong = Scan(barcode, "dispatch");
  EXPECT_EQ(wrong.status, 409);
  EXPECT_EQ(wrong.error_code(), "wrong_stage");
  EXPECT_NE(wrong.json()["error"]["message"].get<std::string>().find("accepted"),
            std::string::npos);
  std::string misread = barcode;
  misread[5] = misread[5] == '0' ? '1' : '0';
  EXPECT_EQ(Scan(misread, "collect").error_code(), "barcode_misread");
  EXPECT_EQ(Scan("123", "collect").error_code(), "barcode_invalid");
  EXPECT_EQ(Scan(domain::MakeBarcode(domain::BarcodeKind::kApplication, 999999), "collect").status,
            404);
  EXPECT_EQ(Scan(barcode, "teleport").error_code(), "invalid_field");
  EXPECT_EQ(Scan(barcode, "collect", "issuance").status, 403);  // another sector's scan
  EXPECT_EQ(Scan(barcode, "issue", "issuance").error_code(), "issue_at_window");
  Client c(port_);
  EXPECT_EQ(c.Post("/api/v1/scans", R"({"barcode": "1"})", Token("collection")).error_code(),
            "missing_field");
  EXPECT_EQ(c.Post("/api/v1/scans", Json{{"barcode", barcode}, {"action", "collect"}}.dump(),
                   Token("operator"))
                .status,
            403);
  // A package refused at intake takes no scan.
  auto refused = Accept(false);
  ASSERT_EQ(refused.status, 422);
  events = Events();
  auto scan = Scan(refused.json()["error"]["details"]["refusal_barcode"], "collect");
  EXPECT_EQ(scan.error_code(), "wrong_stage") << scan.body;
  EXPECT_EQ(Events(), events);
  // The application's stage is still "accepted".
  EXPECT_EQ(c.Get("/api/v1/track/" + barcode).json()["stage"], "accepted");
}

}  // namespace
}  // namespace tereze::testing

namespace tereze::testing {
namespace {

// R22: what was accepted but not collected by the end of the day is flagged.
TEST_F(ScansTest, UncollectedAtTheEndOfTheDayAreFlagged) {
  auto collected = Accept(true);
  auto left = Accept(true);
  ASSERT_EQ(collected.status, 201);
  ASSERT_EQ(left.status, 201);
  ASSERT_EQ(Scan(collected.json()["barcode"], "collect").status, 201);
  Client c(port_);
  std::string url = "/api/v1/branches/" + std::to_string(branch_id_) + "/uncollected";
  // 10:00: the day is not over; nothing is late yet.
  auto morning = c.Get(url, Token("manager"));
  ASSERT_EQ(morning.status, 200) << morning.body;
  EXPECT_EQ(morning.json()["items"].size(), 0u);
  // 20:30, after closing: the package left at the desk is flagged, the collected one is not.
  ASSERT_EQ(c.Post("/api/v1/test/clock", R"({"advance_seconds": 37800})").status, 200);
  tokens_.clear();
  auto evening = c.Get(url, Token("manager"));
  ASSERT_EQ(evening.status, 200) << evening.body;
  Json items = evening.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["barcode"], left.json()["barcode"]);
  EXPECT_EQ(c.Get(url, Token("operator")).status, 403);
}

}  // namespace
}  // namespace tereze::testing
