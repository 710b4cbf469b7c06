// Public tracking by barcode (R32): stage and dates, no personal data,
// rate-limited per client.
#include <gtest/gtest.h>

#include "core/iin.h"
#include "support/fixture.h"

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
    std::string first11 = "87041230012";
    Json body = {
        {"service_code", "00803008"},
        {"lang", "kk"},
        {"applicant",
         {{"iin", first11 + std::to_string(*IinCheckDigit(first11))},
          {"surname", "Әбілқасымов"},
          {"name", "Ғалым"},
          {"phone", "+77011234567"},
          {"id_document",
           {{"type", "id_card"}, {"number", "045123456"}, {"valid_until", "2030-01-01"}}}}},
        {"documents",
         complete ? Json{{{"code", "application"}, {"kind", "original"}}} : Json::array()},
        {"consents", {{{"kind", "written"}, {"reference", "WC-1"}}}}};
    Client c(port_);
    return c.Post("/api/v1/applications", body.dump(), Token("operator"));
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

}  // namespace
}  // namespace tereze::testing
