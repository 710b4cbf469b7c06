// Administration end to end: branches (R5, R13), windows (R8), a branch's own
// days, trainings (R16); and the printed checklist (R20) checked from outside.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "support/fixture.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class Admin : public ServerTest {
 protected:
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& login) {
    Client c(port_);
    return c.Request(method, target, body, {{"Authorization", "Bearer " + Token(login)}});
  }
};

const char kNewBranch[] = R"({"code":"ALA-07","name_kk":"Алматы қаласы №7 ХҚКО",
  "name_ru":"ЦОН №7 города Алматы","name_en":"PSC No. 7, Almaty","region":"Almaty",
  "address_kk":"Алматы қ., Әл-Фараби даңғылы, 1","address_ru":"г. Алматы, пр. аль-Фараби, 1",
  "time_zone":"Asia/Almaty","opens_at":"09:00","closes_at":"20:00","open_weekdays":"1111110",
  "video_surveillance":true})";

TEST_F(Admin, AnAdminOpensAndRetiresABranch) {
  auto r = Send("POST", "/api/v1/branches", kNewBranch, "admin");
  ASSERT_EQ(r.status, 201) << r.body;
  int64_t id = r.json()["id"];
  EXPECT_EQ(r.json()["video_surveillance"], true);
  EXPECT_EQ(Send("POST", "/api/v1/branches", kNewBranch, "admin").error_code(), "branch_exists");
  EXPECT_EQ(Send("POST", "/api/v1/branches", kNewBranch, "manager").status, 403);
  auto retired =
      Send("PATCH", "/api/v1/branches/" + std::to_string(id), R"({"retired":true})", "admin");
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(retired.json()["retired"], true);
  EXPECT_EQ(Send("PATCH", "/api/v1/branches/" + std::to_string(id), R"({"code":"X-1"})", "admin")
                .error_code(),
            "invalid_field");
}

TEST_F(Admin, BadBranchesAreRefusedAndChangeNothing) {
  Json base = Json::parse(kNewBranch);
  auto with = [&](const char* field, Json value) {
    Json b = base;
    b[field] = value;
    return Send("POST", "/api/v1/branches", b.dump(), "admin");
  };
  EXPECT_EQ(with("time_zone", "Europe/Moscow").error_code(), "invalid_field");
  EXPECT_EQ(with("time_zone", "UTC+5").error_code(), "invalid_field");  // never an offset
  EXPECT_EQ(with("opens_at", "21:00").error_code(), "invalid_field");
  EXPECT_EQ(with("open_weekdays", "11111").error_code(), "invalid_field");
  EXPECT_EQ(with("code", "ala 7").error_code(), "invalid_field");
  EXPECT_EQ(with("name_kk", "").error_code(), "invalid_field");
  EXPECT_EQ(with("video_surveillance", "yes").error_code(), "invalid_type");
  Client c(port_);
  EXPECT_EQ(c.Get("/api/v1/branches").json()["items"].size(), 1u);
}

TEST_F(Admin, AManagerRunsTheWindowsOfTheirBranchOnly) {
  auto w = Send("POST", "/api/v1/branches/1/windows", R"({"number":11,"kind":"self_service"})",
                "manager");
  ASSERT_EQ(w.status, 201) << w.body;
  int64_t id = w.json()["id"];
  EXPECT_EQ(Send("POST", "/api/v1/branches/1/windows", R"({"number":11})", "manager").error_code(),
            "window_exists");
  EXPECT_EQ(Send("POST", "/api/v1/branches/1/windows", R"({"number":12,"kind":"bar"})", "manager")
                .error_code(),
            "invalid_field");
  // Seat the consultant (id 2, same branch); the admin (id 9, central) cannot be seated.
  auto seat =
      Send("PATCH", "/api/v1/windows/" + std::to_string(id), R"({"employee_id":2})", "manager");
  ASSERT_EQ(seat.status, 200) << seat.body;
  EXPECT_EQ(seat.json()["employee_id"], 2);
  EXPECT_EQ(
      Send("PATCH", "/api/v1/windows/" + std::to_string(id), R"({"employee_id":9})", "manager")
          .error_code(),
      "employee_not_in_branch");
  auto unseat =
      Send("PATCH", "/api/v1/windows/" + std::to_string(id), R"({"employee_id":null})", "manager");
  EXPECT_TRUE(unseat.json()["employee_id"].is_null()) << unseat.body;
  Send("PATCH", "/api/v1/windows/" + std::to_string(id), R"({"employee_id":2})", "manager");
  auto retire =
      Send("PATCH", "/api/v1/windows/" + std::to_string(id), R"({"retired":true})", "manager");
  EXPECT_EQ(retire.json()["retired"], true);
  EXPECT_TRUE(retire.json()["employee_id"].is_null());  // nobody sits at a retired window
  // Another branch's windows are not the manager's.
  auto other = Send("POST", "/api/v1/branches", kNewBranch, "admin");
  int64_t other_id = other.json()["id"];
  EXPECT_EQ(Send("POST", "/api/v1/branches/" + std::to_string(other_id) + "/windows",
                 R"({"number":1})", "manager")
                .status,
            403);
}

TEST_F(Admin, ABranchsOwnClosedDayMovesItsIssueDates) {
  Client c(port_);
  // Accepted Monday 2026-06-08, 3 working days: Thursday 2026-06-11.
  auto before = c.Get(
      "/api/v1/calendar/due-date?accepted=2026-06-08&term=3&unit=working_days"
      "&branch_id=1");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json()["issue_date"], "2026-06-11");
  auto put = Send("PUT", "/api/v1/branches/1/days/2026-06-11",
                  R"({"open":false,"reason":"Жөндеу / ремонт"})", "manager");
  ASSERT_EQ(put.status, 200) << put.body;
  auto after = c.Get(
      "/api/v1/calendar/due-date?accepted=2026-06-08&term=3&unit=working_days"
      "&branch_id=1");
  EXPECT_EQ(after.json()["issue_date"], "2026-06-12");
  auto days = Send("GET", "/api/v1/branches/1/days", "", "operator");
  ASSERT_EQ(days.json()["items"].size(), 1u);
  EXPECT_EQ(days.json()["items"][0]["open"], false);
  EXPECT_EQ(
      Send("PUT", "/api/v1/branches/1/days/2026-02-30", R"({"open":true,"reason":"x"})", "manager")
          .error_code(),
      "invalid_date");
  EXPECT_EQ(Send("DELETE", "/api/v1/branches/1/days/2026-06-11", "", "manager").status, 204);
  EXPECT_EQ(Send("DELETE", "/api/v1/branches/1/days/2026-06-11", "", "manager").status, 404);
  auto restored = c.Get(
      "/api/v1/calendar/due-date?accepted=2026-06-08&term=3&unit=working_days"
      "&branch_id=1");
  EXPECT_EQ(restored.json()["issue_date"], "2026-06-11");
}

TEST_F(Admin, TrainingsAreRecordedByTheManagerAndSeenByThem) {
  auto t = Send("POST", "/api/v1/employees/1/trainings",
                R"({"topic":"disability_communication","completed_on":"2026-10-01",
                    "valid_until":"2027-10-01"})",
                "manager");
  ASSERT_EQ(t.status, 201) << t.body;
  auto list = Send("GET", "/api/v1/employees/1/trainings", "", "manager");
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["topic"], "disability_communication");
  EXPECT_EQ(Send("GET", "/api/v1/employees/1/trainings", "", "auditor").status, 200);
  EXPECT_EQ(
      Send("POST", "/api/v1/employees/1/trainings",
           R"({"topic":"x","completed_on":"2026-10-01","valid_until":"2025-01-01"})", "manager")
          .error_code(),
      "invalid_date");
  // The manager of a branch cannot record one for a central employee.
  EXPECT_EQ(Send("POST", "/api/v1/employees/9/trainings",
                 R"({"topic":"x","completed_on":"2026-10-01"})", "manager")
                .status,
            404);
  // Each change is in the audit log.
  Json audit = Send("GET", "/api/v1/audit?limit=500", "", "auditor").json();
  bool found = false;
  for (auto& rec : audit["items"]) found |= rec["action"] == "employee.training";
  EXPECT_TRUE(found);
}

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

class Checklist : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ImportShippedCatalog();
  }
};

TEST_F(Checklist, APdfInKazakhReadsBackWithItsLetters) {
  Client c(port_);
  auto r = c.Get("/api/v1/services/00402014/checklist.pdf?lang=kk&branch_id=1");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  EXPECT_EQ(r.headers["content-type"], "application/pdf");
  ASSERT_EQ(r.body.rfind("%PDF-", 0), 0u);
  std::string path = dir_ + "/checklist.pdf";
  std::ofstream(path, std::ios::binary) << r.body;
  std::string text = RunCommand("pdftotext -layout '" + path + "' -");
  Json service = c.Get("/api/v1/services/00402014").json();
  // The service's Kazakh name and the center's name come back exactly.
  std::string name = service["name"]["kk"];
  std::string first_word = name.substr(0, name.find(' '));
  EXPECT_NE(text.find(first_word), std::string::npos) << text;
  EXPECT_NE(text.find("00402014"), std::string::npos);
  EXPECT_NE(text.find("ХҚКО"), std::string::npos);
  EXPECT_NE(text.find("24.11.2026"), std::string::npos);  // the test clock, in Asia/Almaty
  for (const char* letter : {"ә", "қ", "ң", "ұ", "ү", "і"}) {
    EXPECT_NE(text.find(letter), std::string::npos) << letter;
  }
  std::string info = RunCommand("pdfinfo '" + path + "'");
  EXPECT_NE(info.find("595 x 842"), std::string::npos) << info;  // A4

  auto ru = c.Get("/api/v1/services/00402014/checklist.pdf?lang=ru");
  EXPECT_EQ(ru.status, 200);
  EXPECT_EQ(c.Get("/api/v1/services/00402014/checklist.pdf?lang=en").error_code(), "invalid_lang");
  EXPECT_EQ(c.Get("/api/v1/services/99999999/checklist.pdf").status, 404);
}

}  // namespace
}  // namespace tereze::testing

namespace tereze::testing {
namespace {

class Directions : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ImportShippedCatalog();
  }
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& login) {
    Client c(port_);
    return c.Request(method, target, body, {{"Authorization", "Bearer " + Token(login)}});
  }
  int64_t Unit(const std::string& provider, const std::string& name) {
    Json body = {{"provider_code", provider},
                 {"region", "Astana"},
                 {"name_kk", name + " (kk)"},
                 {"name_ru", name},
                 {"address_ru", "г. Астана"}};
    auto r = Send("POST", "/api/v1/provider-units", body.dump(), "admin");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"];
  }
  std::string Provider(int i) {
    Client c(port_);
    Json one = c.Get("/api/v1/services?limit=500").json()["items"][i];
    return one["provider"];
  }
};

TEST_F(Directions, EachUnitHasOneWayOutOfTheBranch) {
  int64_t a = Unit(Provider(0), "Департамент А");
  int64_t b = Unit(Provider(0), "Департамент Б");
  EXPECT_EQ(
      Send(
          "POST", "/api/v1/provider-units",
          R"({"provider_code":"NO-SUCH","region":"Astana","name_kk":"x","name_ru":"x","address_ru":"x"})",
          "admin")
          .error_code(),
      "provider_not_found");
  auto north = Send("POST", "/api/v1/branches/1/directions",
                    Json{{"name", "Север"}, {"unit_ids", {a}}}.dump(), "manager");
  ASSERT_EQ(north.status, 201) << north.body;
  // The same unit in a second direction of the branch is refused.
  auto clash = Send("POST", "/api/v1/branches/1/directions",
                    Json{{"name", "Юг"}, {"unit_ids", {a, b}}}.dump(), "manager");
  EXPECT_EQ(clash.status, 409);
  EXPECT_EQ(clash.error_code(), "unit_in_other_direction");
  auto south = Send("POST", "/api/v1/branches/1/directions",
                    Json{{"name", "Юг"}, {"unit_ids", {b}}}.dump(), "manager");
  ASSERT_EQ(south.status, 201) << south.body;
  // Retiring the north direction frees its unit for the south.
  int64_t north_id = north.json()["id"], south_id = south.json()["id"];
  ASSERT_EQ(Send("PATCH", "/api/v1/directions/" + std::to_string(north_id), R"({"retired":true})",
                 "manager")
                .status,
            200);
  auto moved = Send("PATCH", "/api/v1/directions/" + std::to_string(south_id),
                    Json{{"unit_ids", {a, b}}}.dump(), "manager");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["unit_ids"], Json::array({a, b}));
  auto list = Send("GET", "/api/v1/branches/1/directions", "", "collection");
  EXPECT_EQ(list.json()["items"].size(), 2u);
  // A retired unit cannot be added; unknown units neither.
  Send("PATCH", "/api/v1/provider-units/" + std::to_string(b), R"({"retired":true})", "admin");
  EXPECT_EQ(Send("POST", "/api/v1/branches/1/directions",
                 Json{{"name", "Запад"}, {"unit_ids", {b}}}.dump(), "manager")
                .error_code(),
            "provider_unit_not_found");
  EXPECT_EQ(Send("POST", "/api/v1/branches/1/directions", R"({"name":"Восток","unit_ids":["x"]})",
                 "manager")
                .error_code(),
            "invalid_type");
  EXPECT_EQ(
      Send("GET", "/api/v1/provider-units?region=Astana", "", "provider").json()["items"].size(),
      2u);
}

}  // namespace
}  // namespace tereze::testing
