// Monthly reports, reconciliation acts, central acts (R37) and the quality
// export (R38) over HTTP, on a month written by the data generator
// (bench/report_data.h), whose own tallies the reports must match.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/demo.h"
#include "app/password.h"
#include "bench/report_data.h"
#include "store/accounts.h"
#include "support/fixture.h"
#include "support/intake.h"
#include "support/movement.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class Reports : public ServerTest {
 protected:
  bench::DataTallies Generate(domain::Month month, int branches, int per_branch, uint64_t seed) {
    bench::DataOptions o;
    o.month = month;
    o.branches = branches;
    o.applications_per_branch = per_branch;
    o.seed = seed;
    bench::DataTallies t;
    Status s = service_->app().db().writer().Run(
        [&](store::WriteTx& tx) { return bench::GenerateMonthData(tx.db(), o, &t); });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return t;
  }
  // A provider officer of `provider` with the demo password.
  void AddOfficer(const std::string& login, const std::string& provider) {
    std::string hash;
    ASSERT_TRUE(app::HashPassword("tereze-demo", &hash).ok());
    Status s = service_->app().db().writer().Run([&](store::WriteTx& tx) {
      domain::Employee e;
      e.login = login;
      e.surname = e.name = "Officer";
      e.position = "provider officer";
      e.provider_code = provider;
      e.roles = domain::Bit(domain::Role::kProviderOfficer);
      int64_t id = 0;
      return store::InsertEmployee(tx.db(), e, hash, tx.now_ms(), false, &id);
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  HttpResult Get(const std::string& target, const std::string& login) {
    Client c(port_);
    return c.Get(target, Token(login));
  }
  HttpResult Post(const std::string& target, const Json& body, const std::string& login) {
    Client c(port_);
    return c.Post(target, body.dump(), Token(login));
  }
  void Advance(int64_t seconds) {
    Client c(port_);
    auto r = c.Post("/api/v1/test/clock", Json{{"advance_seconds", seconds}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    tokens_.clear();  // sessions last 12 hours
  }
  // The month's reports (central office's view), waiting for the job up to 20 s.
  std::vector<Json> ReportsOf(const std::string& month, size_t at_least) {
    std::vector<Json> items;
    for (int i = 0; i < 200; ++i) {
      auto r = Get("/api/v1/reports?limit=500&month=" + month, "central");
      EXPECT_EQ(r.status, 200) << r.body;
      items.clear();
      const Json body = r.json();
      for (const auto& j : body["items"]) items.push_back(j);
      if (items.size() >= at_least) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return items;
  }
  Json Find(const std::vector<Json>& items, int64_t branch, const std::string& provider) {
    for (const auto& j : items) {
      if (j["branch_id"] == branch && j["provider_code"] == provider) return j;
    }
    return nullptr;
  }
  static size_t PairsOf(const bench::DataTallies& t) {
    std::set<std::pair<int64_t, std::string>> pairs;
    for (const auto& [key, f] : t.figures) pairs.insert({std::get<0>(key), std::get<1>(key)});
    return pairs.size();
  }
  std::string Run(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
  }
  std::string Save(const std::string& name, const std::string& bytes) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
};

// R37: every figure of every report equals the generator's own tally; R38: the export too.
TEST_F(Reports, MonthMatchesTheGeneratorsTalliesR37R38) {
  const domain::Month oct{2026, 10};
  bench::DataTallies t = Generate(oct, 2, 1500, 7);
  auto gen = Post("/api/v1/reports/generate", {{"month", "2026-10"}}, "central");
  ASSERT_EQ(gen.status, 200) << gen.body;
  auto items = ReportsOf("2026-10", PairsOf(t));
  ASSERT_EQ(items.size(), PairsOf(t)) << gen.body;
  int64_t lines_checked = 0;
  for (const auto& item : items) {
    auto r = Get("/api/v1/reports/" + std::to_string(item["id"].get<int64_t>()), "central");
    ASSERT_EQ(r.status, 200) << r.body;
    Json rep = r.json();
    const int64_t branch = rep["branch_id"];
    const std::string provider = rep["provider_code"];
    size_t expected_lines = 0;
    for (const auto& [key, f] : t.figures) {
      if (std::get<0>(key) == branch && std::get<1>(key) == provider) ++expected_lines;
    }
    ASSERT_EQ(rep["lines"].size(), expected_lines) << provider;
    for (const auto& line : rep["lines"]) {
      const auto& f = t.figures.at({branch, provider, line["service_code"].get<std::string>()});
      const Json& g = line["figures"];
      for (const char* name : domain::kFigureNames) {
        EXPECT_EQ(g[name].get<int64_t>(), *domain::FigureValue(f, name))
            << branch << " " << provider << " " << line["service_code"] << " " << name;
      }
      if (f.refused > 0) EXPECT_FALSE(line["top_missing_documents"].empty());
      ++lines_checked;
    }
    const auto& q = t.queue.at(branch);
    EXPECT_EQ(rep["queue"]["tickets"], q.tickets);
    EXPECT_EQ(rep["queue"]["wait_sum_ms"], q.wait_sum_ms);
    EXPECT_EQ(rep["queue"]["wait_max_ms"], q.wait_max_ms);
    EXPECT_EQ(rep["queue"]["waited_over_15_min"], q.waited_over_15_min);
    // GP5 has no unit in the region: nowhere to deliver.
    EXPECT_EQ(rep["delivered_at"].is_null(), provider == "GP5");
    // Generated on 24 November: past the 3rd and the 15th.
    EXPECT_EQ(rep["delivery_late"], true);
    EXPECT_EQ(rep["act_late"], true);
  }
  EXPECT_EQ(lines_checked, static_cast<int64_t>(t.figures.size()));

  // R38: the export, summed, is the generator's sum.
  auto q = Get("/api/v1/quality-export?month=2026-10&format=json", "central");
  ASSERT_EQ(q.status, 200) << q.body;
  int64_t exported = 0, expected = 0, rows = 0;
  const Json export_body = q.json();
  for (const auto& row : export_body["rows"]) {
    exported += row["accepted"].get<int64_t>() + row["issued"].get<int64_t>();
    ++rows;
  }
  for (const auto& [key, f] : t.figures) expected += f.accepted + f.issued;
  EXPECT_EQ(exported, expected);
  EXPECT_EQ(rows, static_cast<int64_t>(t.figures.size()));
  auto csv = Get("/api/v1/quality-export?month=2026-10&format=csv", "central");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), rows + 1);
  EXPECT_EQ(Get("/api/v1/quality-export?month=2026-10", "manager").status, 403);
  EXPECT_EQ(Get("/api/v1/quality-export?month=10-2026", "central").error_code(), "invalid_month");

  // Central act with the central body: the sum over both branches.
  auto ca =
      Post("/api/v1/central-acts", {{"provider_code", "GP1"}, {"month", "2026-10"}}, "central");
  ASSERT_EQ(ca.status, 201) << ca.body;
  EXPECT_EQ(ca.json()["branches"], 2);
  int64_t act_accepted = 0, gen_accepted = 0;
  const Json ca_body = ca.json();
  for (const auto& l : ca_body["lines"]) act_accepted += l["figures"]["accepted"].get<int64_t>();
  for (const auto& [key, f] : t.figures) {
    if (std::get<1>(key) == "GP1") gen_accepted += f.accepted;
  }
  EXPECT_EQ(act_accepted, gen_accepted);
  EXPECT_EQ(
      Post("/api/v1/central-acts", {{"provider_code", "GP1"}, {"month", "2026-10"}}, "central")
          .error_code(),
      "central_act_exists");
  EXPECT_EQ(Post("/api/v1/central-acts", {{"provider_code", "ZZ"}, {"month", "2026-10"}}, "central")
                .error_code(),
            "no_reports");
  EXPECT_EQ(Post("/api/v1/reports/generate", {{"month", "2026-11"}}, "central").error_code(),
            "month_not_over");
}

// R37: the job on the 1st by the server's clock, delivery by the 3rd, the act by the 15th.
TEST_F(Reports, DeadlinesOfTheThirdAndFifteenthByTheTestClockR37) {
  const domain::Month nov{2026, 11};
  bench::DataTallies t = Generate(nov, 1, 800, 11);
  AddOfficer("gp1", "GP1");
  AddOfficer("gp2", "GP2");
  const int64_t branch = t.branch_ids.at(0);
  EXPECT_TRUE(ReportsOf("2026-11", 0).empty());
  Advance(7 * 86400);  // 1 December 10:00: the job makes November's reports
  auto items = ReportsOf("2026-11", PairsOf(t));
  ASSERT_EQ(items.size(), PairsOf(t));
  Json gp1 = Find(items, branch, "GP1"), gp2 = Find(items, branch, "GP2"),
       gp5 = Find(items, branch, "GP5");
  ASSERT_FALSE(gp1.is_null());
  ASSERT_FALSE(gp5.is_null());
  EXPECT_FALSE(gp1["delivered_at"].is_null());
  EXPECT_TRUE(gp5["delivered_at"].is_null());
  EXPECT_EQ(gp1["delivery_late"], false);
  EXPECT_EQ(gp5["delivery_late"], false);  // not yet the 4th
  const std::string r1 = "/api/v1/reports/" + std::to_string(gp1["id"].get<int64_t>());

  // The provider's portal: its own reports only, acknowledged once.
  auto mine = Get("/api/v1/reports?month=2026-11", "gp1");
  ASSERT_EQ(mine.status, 200);
  const Json mine_body = mine.json();
  EXPECT_FALSE(mine_body["items"].empty());
  for (const auto& j : mine_body["items"]) EXPECT_EQ(j["provider_code"], "GP1");
  EXPECT_EQ(Get("/api/v1/reports/" + std::to_string(gp2["id"].get<int64_t>()), "gp1").status, 404);
  EXPECT_EQ(Post(r1 + "/acknowledge", Json::object(), "central").status, 403);
  auto ack = Post(r1 + "/acknowledge", Json::object(), "gp1");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_FALSE(ack.json()["acknowledged_at"].is_null());
  EXPECT_EQ(Post(r1 + "/acknowledge", Json::object(), "gp1").error_code(), "already_acknowledged");
  EXPECT_EQ(Get("/api/v1/reports/" + std::to_string(gp1["id"].get<int64_t>()), "manager").status,
            404);  // another branch's

  // Documents: PDF (pdftotext), XLSX (xlsx2csv), CSV, with the report's numbers.
  auto full = Get(r1, "gp1").json();
  const std::string accepted =
      std::to_string(full["lines"][0]["figures"]["accepted"].get<int64_t>());
  auto pdf = Get(r1 + "/document?format=pdf&lang=ru", "gp1");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  std::string text = Run("pdftotext -layout " + Save("r.pdf", pdf.body) + " -");
  EXPECT_NE(text.find("Ежемесячный отчёт"), std::string::npos) << text;
  EXPECT_NE(text.find("Принято"), std::string::npos);
  EXPECT_NE(text.find(accepted), std::string::npos);
  auto pdf_kk = Get(r1 + "/document?format=pdf&lang=kk", "gp1");
  ASSERT_EQ(pdf_kk.status, 200);
  EXPECT_NE(Run("pdftotext " + Save("k.pdf", pdf_kk.body) + " -").find("Ай сайынғы есеп"),
            std::string::npos);
  auto xlsx = Get(r1 + "/document?format=xlsx&lang=ru", "gp1");
  ASSERT_EQ(xlsx.status, 200);
  std::string sheet = Run("xlsx2csv " + Save("r.xlsx", xlsx.body));
  std::istringstream rows(sheet);
  std::string header, first_row;
  std::getline(rows, header);
  std::getline(rows, first_row);
  EXPECT_NE(header.find("Принято"), std::string::npos) << sheet;
  EXPECT_NE(first_row.find("," + full["lines"][0]["service_code"].get<std::string>() + ","),
            std::string::npos)
      << first_row;
  EXPECT_NE(first_row.find("," + accepted + ","), std::string::npos) << first_row;
  auto csv = Get(r1 + "/document?format=csv", "gp1");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'),
            static_cast<long>(full["lines"].size()) + 1);
  EXPECT_EQ(Get(r1 + "/document?format=doc", "gp1").error_code(), "invalid_format");
  EXPECT_EQ(Get(r1 + "/document?format=pdf&lang=en", "gp1").error_code(), "invalid_lang");

  // No act on a report the provider has not received; nothing is written.
  const std::string r5 = "/api/v1/reports/" + std::to_string(gp5["id"].get<int64_t>());
  EXPECT_EQ(Post(r5 + "/act", Json::object(), "central").error_code(), "report_not_delivered");
  EXPECT_TRUE(Get(r5, "central").json()["act"].is_null());

  // The act: drawn by the center, a discrepancy from the provider, signed by both.
  EXPECT_EQ(Post(r1 + "/act", Json::object(), "gp1").status, 403);
  auto act = Post(r1 + "/act", Json::object(), "central");
  ASSERT_EQ(act.status, 201) << act.body;
  const std::string a1 =
      "/api/v1/reconciliation-acts/" + std::to_string(act.json()["id"].get<int64_t>());
  EXPECT_EQ(Post(r1 + "/act", Json::object(), "central").error_code(), "act_exists");
  const std::string svc = full["lines"][0]["service_code"];
  auto d = Post(a1 + "/discrepancies",
                {{"service_code", svc},
                 {"figure", "issued"},
                 {"provider_value", 3},
                 {"comment", "по нашим данным"}},
                "gp1");
  ASSERT_EQ(d.status, 201) << d.body;
  EXPECT_EQ(d.json()["discrepancies"][0]["center_value"], full["lines"][0]["figures"]["issued"]);
  EXPECT_EQ(d.json()["discrepancies"][0]["side"], "provider");
  EXPECT_EQ(Post(a1 + "/discrepancies",
                 {{"service_code", svc}, {"figure", "nope"}, {"provider_value", 1}}, "gp1")
                .error_code(),
            "invalid_figure");
  EXPECT_EQ(Post(a1 + "/discrepancies",
                 {{"service_code", svc}, {"figure", "issued"}, {"provider_value", -1}}, "gp1")
                .error_code(),
            "invalid_field");
  EXPECT_EQ(Post(a1 + "/discrepancies", {{"service_code", svc}, {"figure", "issued"}}, "gp1")
                .error_code(),
            "missing_field");
  EXPECT_EQ(Get(a1, "gp1").json()["discrepancies"].size(), 1u);  // the refused ones wrote nothing
  auto s1 = Post(a1 + "/sign", Json::object(), "central");
  ASSERT_EQ(s1.status, 200) << s1.body;
  EXPECT_EQ(s1.json()["status"], "signed_by_center");
  EXPECT_EQ(Post(a1 + "/sign", Json::object(), "central").error_code(), "already_signed");
  EXPECT_EQ(Post(a1 + "/discrepancies",
                 {{"service_code", svc}, {"figure", "issued"}, {"provider_value", 1}}, "gp1")
                .error_code(),
            "act_signing_started");
  auto s2 = Post(a1 + "/sign", Json::object(), "gp1");
  ASSERT_EQ(s2.status, 200) << s2.body;
  EXPECT_EQ(s2.json()["status"], "signed");
  auto act_pdf = Get(a1 + "/document?format=pdf&lang=ru", "gp1");
  ASSERT_EQ(act_pdf.status, 200);
  std::string act_text = Run("pdftotext " + Save("a.pdf", act_pdf.body) + " -");
  EXPECT_NE(act_text.find("Акт сверки"), std::string::npos);
  EXPECT_NE(act_text.find("по нашим данным"), std::string::npos);

  // 4 December: the undelivered report is late, the delivered one is not.
  Advance(3 * 86400);
  for (int i = 0; i < 100; ++i) {
    if (Find(ReportsOf("2026-11", 0), branch, "GP5")["delivery_late"] == true) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  items = ReportsOf("2026-11", 0);
  EXPECT_EQ(Find(items, branch, "GP5")["delivery_late"], true);
  EXPECT_EQ(Find(items, branch, "GP1")["delivery_late"], false);
  EXPECT_EQ(Find(items, branch, "GP1")["act_late"], false);

  // 16 December: GP1's act is signed, GP2's was never drawn.
  Advance(12 * 86400);
  for (int i = 0; i < 100; ++i) {
    if (Find(ReportsOf("2026-11", 0), branch, "GP2")["act_late"] == true) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  items = ReportsOf("2026-11", 0);
  EXPECT_EQ(Find(items, branch, "GP2")["act_late"], true);
  EXPECT_EQ(Find(items, branch, "GP1")["act_late"], false);
  EXPECT_EQ(Find(items, branch, "GP2")["delivery_late"], false);

  // Each missed deadline is a breach of the Rules (R37), recorded once, on its deadline.
  auto late = [&](const std::string& kind) {
    auto r =
        Get("/api/v1/breaches?kind=" + kind + "&branch_id=" + std::to_string(branch), "central");
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, std::string> out;  // object -> day
    const Json body = r.json();
    for (const auto& b : body["items"]) out[b["object"]] = b["day"];
    return out;
  };
  const std::string key = std::to_string(branch) + "/2026-11/";
  std::map<std::string, std::string> reports = late("report_late"), acts = late("act_late");
  EXPECT_EQ(reports.count("report/" + key + "GP5"), 1u);
  EXPECT_EQ(reports["report/" + key + "GP5"], "2026-12-03");
  EXPECT_EQ(reports.count("report/" + key + "GP1"), 0u);
  EXPECT_EQ(acts.count("act/" + key + "GP2"), 1u);
  EXPECT_EQ(acts["act/" + key + "GP2"], "2026-12-15");
  EXPECT_EQ(acts.count("act/" + key + "GP1"), 0u);
}

// R37: what the desk, the registers and a single scan recorded is what the branch's report says.
TEST_F(Reports, TheDeskRegistersAndScansCountInTheBranchsReportR37) {
  ImportShippedCatalog();
  ASSERT_TRUE(app::LoadDemoRoute(service_->app(), branch_id_).ok());
  MovementFlow flow(port_, branch_id_, [this](const std::string& l) { return Token(l); });
  auto a = Post("/api/v1/applications", SampleApplication(true), "operator");
  ASSERT_EQ(a.status, 201) << a.body;
  auto refused = Post("/api/v1/applications", SampleApplication(false), "operator");
  ASSERT_EQ(refused.error_code(), "package_incomplete") << refused.body;
  flow.ToCenter(a.json()["barcode"]);  // on the provider's register, received at the center
  auto b = Post("/api/v1/applications", SampleApplication(true), "operator");
  ASSERT_EQ(b.status, 201) << b.body;
  flow.ToProvider(b.json()["barcode"]);
  // A result scanned in by itself, without the provider's register.
  ASSERT_EQ(flow.Scan(b.json()["barcode"], "result_received", "issuance").status, 201);

  Advance(7 * 86400);  // 1 December: November's report
  auto items = ReportsOf("2026-11", 1);
  Json mp = Find(items, branch_id_, "MP");
  ASSERT_FALSE(mp.is_null());
  auto r = Get("/api/v1/reports/" + std::to_string(mp["id"].get<int64_t>()), "manager");
  ASSERT_EQ(r.status, 200) << r.body;
  Json rep = r.json();
  EXPECT_FALSE(rep["delivered_at"].is_null());  // the demo's unit of MP in Astana
  ASSERT_EQ(rep["lines"].size(), 1u);
  const Json& line = rep["lines"][0];
  EXPECT_EQ(line["service_code"], "00803008");
  EXPECT_EQ(line["figures"]["accepted"], 2);
  EXPECT_EQ(line["figures"]["refused"], 1);
  EXPECT_EQ(line["figures"]["sent"], 2);
  EXPECT_EQ(line["figures"]["results_on_time"], 2);
  EXPECT_EQ(line["figures"]["results_late"], 0);
  EXPECT_EQ(line["figures"]["issued"], 0);
  ASSERT_EQ(line["top_missing_documents"].size(), 1u);
  EXPECT_EQ(line["top_missing_documents"][0]["code"], "application");
  EXPECT_EQ(line["top_missing_documents"][0]["count"], 1);
  EXPECT_EQ(rep["provider_unit_name"].is_null(), false);
  // The provider's officer of MP sees it; the auditor reads; the operator may not.
  EXPECT_EQ(Get("/api/v1/reports/" + std::to_string(mp["id"].get<int64_t>()), "provider").status,
            200);
  EXPECT_EQ(Get("/api/v1/reports?month=2026-11", "auditor").status, 200);
  EXPECT_EQ(Get("/api/v1/reports?month=2026-11", "operator").status, 403);
  EXPECT_EQ(Get("/api/v1/reports?month=2026-11&branch_id=999", "manager").status, 403);
  EXPECT_EQ(Get("/api/v1/reports/999999", "central").error_code(), "report_not_found");
}

}  // namespace
}  // namespace tereze::testing
