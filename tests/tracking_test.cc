// Public tracking by barcode (R32): stage and dates, no personal data,
// rate-limited per client.
#include <gtest/gtest.h>

#include "store/connection.h"
#include "support/fixture.h"
#include "support/intake.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class TrackingTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ImportShippedCatalog();
  }
  HttpResult Accept(bool complete) {
    Client c(port_);
    return c.Post("/api/v1/applications", SampleApplication(complete).dump(), Token("operator"));
  }
};

TEST_F(TrackingTest, ShowsStageAndDatesAndNothingPersonalR32) {
  auto r = Accept(true);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string barcode = r.json()["barcode"];
  Client c(port_);
  auto t = c.Get("/api/v1/track/" + barcode);  // no login
  ASSERT_EQ(t.status, 200) << t.body;
  Json j = t.json();
  EXPECT_EQ(j["stage"], "accepted");
  EXPECT_EQ(j["issue_date"], "2026-12-15");
  EXPECT_EQ(j["service_code"], "00803008");
  EXPECT_EQ(j["events"].size(), 1u);
  // Nothing about the person or the employee.
  for (const char* personal : {"870412", "Әбілқасымов", "Ғалым", "7011234567", "045123456"}) {
    EXPECT_EQ(t.body.find(personal), std::string::npos) << personal;
  }
  EXPECT_FALSE(j["events"][0].contains("employee_id"));
}

TEST_F(TrackingTest, MisreadUnknownAndWrongKindBarcodes) {
  auto r = Accept(true);
  ASSERT_EQ(r.status, 201);
  std::string barcode = r.json()["barcode"];
  Client c(port_);
  std::string misread = barcode;
  misread.back() = misread.back() == '0' ? '1' : '0';
  EXPECT_EQ(c.Get("/api/v1/track/" + misread).error_code(), "barcode_misread");
  EXPECT_EQ(c.Get("/api/v1/track/12345").error_code(), "barcode_invalid");
  // The refusal's barcode finds the refusal.
  auto refused = Accept(false);
  ASSERT_EQ(refused.status, 422);
  std::string refusal = refused.json()["error"]["details"]["refusal_barcode"];
  auto t = c.Get("/api/v1/track/" + refusal);
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(t.json()["status"], "refused");
  EXPECT_TRUE(t.json()["issue_date"].is_null());
}

TEST_F(TrackingTest, RateLimitedPerClient) {
  auto r = Accept(true);
  ASSERT_EQ(r.status, 201);
  Client c(port_);
  std::string url = "/api/v1/track/" + r.json()["barcode"].get<std::string>();
  int ok = 0;
  HttpResult last;
  for (int i = 0; i < 61; ++i) {
    last = c.Get(url);
    ok += last.status == 200;
  }
  EXPECT_EQ(ok, 60);
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(last.error_code(), "too_many_requests");
  EXPECT_FALSE(last.headers["retry-after"].empty());
}

TEST_F(TrackingTest, ApplicantRatesOnceWithServiceBranchAndEmployeeR23) {
  auto r = Accept(true);
  ASSERT_EQ(r.status, 201);
  std::string url = "/api/v1/track/" + r.json()["barcode"].get<std::string>();
  Client c(port_);
  EXPECT_EQ(c.Post(url + "/rating", R"({"score": 6})").error_code(), "invalid_field");
  EXPECT_EQ(c.Post(url + "/rating", R"({"score": "5"})").error_code(), "invalid_type");
  EXPECT_EQ(c.Post(url + "/rating", R"({})").error_code(), "missing_field");
  EXPECT_EQ(c.Get(url).json()["rated"], false);
  auto rated = c.Post(url + "/rating", R"({"score": 5, "comment": "Рақмет, тез әрі сыпайы"})");
  ASSERT_EQ(rated.status, 201) << rated.body;
  EXPECT_EQ(c.Get(url).json()["rated"], true);
  auto again = c.Post(url + "/rating", R"({"score": 1})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "already_rated");
  // Stored with the service, the branch and the employee who served.
  int64_t id = r.json()["id"];
  Status s = service_->app().db().Read([&](store::Connection& db) {
    std::vector<store::Row> rows;
    Status st = db.Execute(
        "SELECT score, service_code, branch_id, employee_id, channel FROM ratings "
        "WHERE application_id = $1",
        {id}, &rows);
    if (!st.ok()) return st;
    EXPECT_EQ(rows.size(), 1u);
    if (rows.empty()) return st;
    EXPECT_EQ(rows[0].integer(0), 5);
    EXPECT_EQ(rows[0].text(1), "00803008");
    EXPECT_EQ(rows[0].integer(2), branch_id_);
    EXPECT_EQ(rows[0].integer(3), 1);
    EXPECT_EQ(rows[0].text(4), "receipt");
    return st;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
}

}  // namespace
}  // namespace tereze::testing
