// Breaches of the Rules found by Tereze itself, through the API with the test
// clock (R8, R18.8, R22, R25, R33, R34): each happens, is found once and is
// counted; and the dashboards (issue 7) count what was done.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <set>
#include <thread>

#include "app/demo.h"
#include "support/fixture.h"
#include "support/intake.h"
#include "support/movement.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

// A WebSocket client just good enough for the test: the upgrade request,
// then the raw bytes the server sends (text frames from the server are not
// masked, so their JSON is there as it is).
class RawWebSocket {
 public:
  RawWebSocket(uint16_t port, const std::string& target, const std::string& token) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    timeval tv{0, 200 * 1000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    const std::string req = "GET " + target +
                            " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " +
                            token + "\r\n\r\n";
    (void)!write(fd_, req.data(), req.size());
  }
  ~RawWebSocket() {
    if (fd_ >= 0) close(fd_);
  }
  // Reads until `done(all received so far)` or `timeout_ms`; returns everything received.
  const std::string& ReadUntil(const std::function<bool(const std::string&)>& done,
                               int timeout_ms = 8000) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[4096];
    while (!done(received_) && std::chrono::steady_clock::now() < end) {
      ssize_t n = read(fd_, buf, sizeof buf);
      if (n == 0) break;
      if (n > 0) received_.append(buf, static_cast<size_t>(n));
    }
    return received_;
  }

 private:
  int fd_ = -1;
  std::string received_;
};

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class BreachesTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ImportShippedCatalog();
    ASSERT_TRUE(app::LoadDemoRoute(service_->app(), branch_id_).ok());
  }

  MovementFlow& Flow() {
    if (!flow_) {
      flow_ = std::make_unique<MovementFlow>(port_, branch_id_,
                                             [this](const std::string& l) { return Token(l); });
    }
    return *flow_;
  }
  HttpResult Get(const std::string& target, const std::string& login) {
    Client c(port_);
    return c.Get(target, Token(login));
  }
  HttpResult Post(const std::string& target, const Json& body, const std::string& login) {
    Client c(port_);
    return c.Post(target, body.dump(), Token(login));
  }
  struct Accepted {
    int64_t id = 0;
    std::string barcode;
  };
  Accepted Accept() {
    auto r = Post("/api/v1/applications", SampleApplication(true), "operator");
    EXPECT_EQ(r.status, 201) << r.body;
    return {r.json()["id"].get<int64_t>(), r.json()["barcode"].get<std::string>()};
  }
  Json Application(int64_t id) {
    return Get("/api/v1/applications/" + std::to_string(id), "manager").json();
  }
  HttpResult TakeTicket(const std::string& queue = "A") {
    Client c(port_);
    return c.Post("/api/v1/branches/" + std::to_string(branch_id_) + "/tickets",
                  Json{{"queue", queue}, {"lang", "kk"}, {"priority", "none"}}.dump());
  }
  void Advance(int64_t seconds) {
    Client c(port_);
    auto r = c.Post("/api/v1/test/clock", Json{{"advance_seconds", seconds}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    tokens_.clear();  // sessions end after 15 idle minutes of the test clock
  }
  // Runs the detection now (the server's job runs it too, every hour and when
  // the clock moves: whichever comes first records, the other finds it done).
  void Detect() {
    auto r = Post("/api/v1/breaches/detect", Json::object(), "admin");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  Json Breaches(const std::string& query, const std::string& login = "manager") {
    auto r = Get("/api/v1/breaches" + query, login);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }
  int64_t CountRows(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(service_->app()
                    .db()
                    .Read([&](store::Connection& db) {
                      std::vector<store::Row> rows;
                      Status st = db.Execute(sql, {}, &rows);
                      if (st.ok()) n = rows[0].integer(0);
                      return st;
                    })
                    .ok());
    return n;
  }
  std::string B() { return std::to_string(branch_id_); }

  std::unique_ptr<MovementFlow> flow_;
};

// The scheduled jobs off: breaches are found only when the test asks, so a
// ticket called after 16 minutes is not found "still waiting" first.
class BreachesByHandTest : public BreachesTest {
 protected:
  void Configure(http::ServiceOptions& options) override { options.daily_jobs = false; }
};

TEST_F(BreachesByHandTest, TicketsWaitingOverFifteenMinutesAreFoundOnceR8) {
  auto a = TakeTicket();
  auto b = TakeTicket();
  ASSERT_EQ(b.status, 201) << b.body;
  // Taken at 10:00; 14 minutes later nobody has waited too long.
  Advance(14 * 60);
  Detect();
  EXPECT_EQ(Breaches("?kind=long_wait").size(), 0u);
  // At 10:16 the first is called (waited 16 minutes) and the second still waits.
  Advance(2 * 60);
  auto call = Post("/api/v1/windows/1/call-next", Json::object(), "operator");
  ASSERT_EQ(call.status, 200) << call.body;
  EXPECT_EQ(call.json()["id"], a.json()["id"]);
  // A ticket taken now and called within the limit is no breach.
  auto c = TakeTicket("B");
  ASSERT_EQ(c.status, 201);
  Advance(5 * 60);
  ASSERT_EQ(Post("/api/v1/windows/9/call-next", Json::object(), "issuance").status, 200);
  Detect();
  Detect();
  Json items = Breaches("?kind=long_wait");
  ASSERT_EQ(items.size(), 2u) << items.dump();
  // Newest first: both found in one run, the second ticket's breach has the larger id.
  std::set<int64_t> tickets = {items[0]["ticket_id"].get<int64_t>(),
                               items[1]["ticket_id"].get<int64_t>()};
  EXPECT_EQ(tickets,
            (std::set<int64_t>{a.json()["id"].get<int64_t>(), b.json()["id"].get<int64_t>()}));
  for (const auto& item : items) {
    EXPECT_EQ(item["rule"], "R8");
    EXPECT_EQ(item["day"], "2026-11-24");
    EXPECT_EQ(item["branch_id"], branch_id_);
    EXPECT_EQ(item["object"], "ticket/" + std::to_string(item["ticket_id"].get<int64_t>()));
    if (item["ticket_id"] == a.json()["id"]) {
      // Called at 10:16 (the test clock runs on in real time too: a few ms more).
      EXPECT_NEAR(item["details"]["waited_ms"].get<double>(), 16 * 60 * 1000, 5000);
      EXPECT_EQ(item["details"]["called"], "yes");
    } else {
      // Still waiting when found at 10:21.
      EXPECT_EQ(item["details"]["called"], "no");
      EXPECT_NEAR(item["details"]["waited_ms"].get<double>(), 21 * 60 * 1000, 5000);
    }
  }
  EXPECT_EQ(CountRows("SELECT count(*) FROM breaches"), 2);
  auto counts = Get("/api/v1/breaches/counts?from=2026-11-24&to=2026-11-24", "manager");
  ASSERT_EQ(counts.status, 200) << counts.body;
  EXPECT_EQ(counts.json()["total"], 2);
  EXPECT_EQ(counts.json()["totals"]["long_wait"], 2);
  EXPECT_EQ(counts.json()["totals"]["uncollected"], 0);
  ASSERT_EQ(counts.json()["periods"].size(), 1u);
  EXPECT_EQ(counts.json()["periods"][0]["period"], "2026-11-24");
  // Recorded by the system in the audit log (R26).
  EXPECT_GE(CountRows("SELECT count(*) FROM audit_log WHERE action = 'breach.detect'"), 1);
}

TEST_F(BreachesTest, AnApplicationLeftInTheHallBreaksEachRuleOnceR22R33R34R18_8) {
  Accepted a = Accept();  // Tuesday 10:00, before the 11:00 and 16:00 rounds
  Json app = Application(a.id);
  const std::string issue_date = app["issue_date"];
  const std::string provider_deadline = app["provider_deadline"];
  Detect();
  EXPECT_EQ(Breaches("").size(), 0u) << "nothing is late on the day itself";

  // The next day: not collected (R22), and nothing left in two rounds (R33).
  Advance(24 * 3600);
  Detect();
  Json items = Breaches("");
  ASSERT_EQ(items.size(), 2u) << items.dump();
  Json uncollected = Breaches("?kind=uncollected");
  ASSERT_EQ(uncollected.size(), 1u);
  EXPECT_EQ(uncollected[0]["application_id"], a.id);
  EXPECT_EQ(uncollected[0]["barcode"], a.barcode);
  EXPECT_EQ(uncollected[0]["day"], "2026-11-24");
  EXPECT_EQ(uncollected[0]["service_code"], "00803008");
  EXPECT_EQ(uncollected[0]["rule"], "R22");
  Json few = Breaches("?kind=few_dispatches");
  ASSERT_EQ(few.size(), 1u);
  EXPECT_EQ(few[0]["object"], "branch/" + B() + "/2026-11-24");
  EXPECT_EQ(few[0]["details"]["rounds"], 0);
  EXPECT_EQ(few[0]["details"]["accepted_before_last_round"], 1);
  EXPECT_EQ(few[0]["application_id"], nullptr);

  // Past the issue date, still in the hall: the provider deadline (R34) and
  // the issue date (R18.8) were both missed; found once each, however often
  // the job runs.
  auto issue = LocalDate::Parse(issue_date);
  auto today = LocalDate::Parse("2026-11-25");
  ASSERT_TRUE(issue && today);
  Advance((issue->DaysSinceEpoch() - today->DaysSinceEpoch() + 1) * 24 * 3600);
  Detect();
  Detect();
  Json late = Breaches("?kind=provider_late");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0]["day"], provider_deadline);
  EXPECT_EQ(late[0]["details"]["provider_deadline"], provider_deadline);
  EXPECT_EQ(late[0]["provider_code"], "MP");
  Json issue_late = Breaches("?kind=issue_late");
  ASSERT_EQ(issue_late.size(), 1u);
  EXPECT_EQ(issue_late[0]["day"], issue_date);
  EXPECT_EQ(issue_late[0]["rule"], "R18.8");
  EXPECT_EQ(Breaches("?kind=uncollected").size(), 1u);
  EXPECT_EQ(Breaches("?kind=few_dispatches").size(), 1u);
  // The clock jumped past the 3rd and the 15th of December: November's report
  // went out late (generated only now) and its act was never signed (R37).
  Json report_late = Breaches("?kind=report_late");
  ASSERT_EQ(report_late.size(), 1u);
  EXPECT_EQ(report_late[0]["object"], "report/" + B() + "/2026-11/MP");
  EXPECT_EQ(report_late[0]["day"], "2026-12-03");
  EXPECT_EQ(Breaches("?kind=act_late").size(), 1u);
  EXPECT_EQ(CountRows("SELECT count(*) FROM breaches"), 6);

  // Counted by the day each belongs to, and by month.
  auto by_day = Get("/api/v1/breaches/counts?from=2026-11-01&to=2027-01-31&by=day", "manager");
  ASSERT_EQ(by_day.status, 200) << by_day.body;
  EXPECT_EQ(by_day.json()["total"], 6);
  Json first = by_day.json()["periods"][0];
  EXPECT_EQ(first["period"], "2026-11-24");
  EXPECT_EQ(first["by_kind"]["uncollected"], 1);
  EXPECT_EQ(first["by_kind"]["few_dispatches"], 1);
  EXPECT_EQ(first["total"], 2);
  auto by_month = Get("/api/v1/breaches/counts?from=2026-11-01&to=2027-01-31&by=month", "central");
  ASSERT_EQ(by_month.status, 200) << by_month.body;
  EXPECT_EQ(by_month.json()["branch_id"], nullptr);  // the network
  int64_t total = 0;
  const Json months = by_month.json();
  ASSERT_EQ(months["periods"].size(), 2u);
  EXPECT_EQ(months["periods"][0]["period"], "2026-11");
  for (const auto& p : months["periods"]) {
    EXPECT_EQ(p["period"].get<std::string>().size(), 7u);
    total += p["total"].get<int64_t>();
  }
  EXPECT_EQ(total, 6) << by_month.body;
  // The list's filters: by day and kind, a page at a time.
  EXPECT_EQ(Breaches("?from=2026-11-24&to=2026-11-24").size(), 2u);
  auto page = Get("/api/v1/breaches?limit=3", "manager").json();
  ASSERT_EQ(page["items"].size(), 3u);
  auto rest =
      Breaches("?limit=3&before_id=" + std::to_string(page["next_before_id"].get<int64_t>()));
  EXPECT_EQ(rest.size(), 3u);
}

TEST_F(BreachesTest, OneDispatchRoundIsTooFewTwoAreEnoughR33) {
  // Monday-like day one (Tuesday 24th): one round only.
  Accepted a = Accept();
  Flow().ToProvider(a.barcode);
  // Wednesday 25th: two rounds, at 10:00 and at 12:00.
  Advance(24 * 3600);
  Accepted b = Accept();
  Flow().ToProvider(b.barcode);
  Advance(2 * 3600);
  Accepted c = Accept();
  Flow().ToProvider(c.barcode);
  Advance(24 * 3600);
  Detect();
  Json few = Breaches("?kind=few_dispatches");
  ASSERT_EQ(few.size(), 1u) << few.dump();
  EXPECT_EQ(few[0]["day"], "2026-11-24");
  EXPECT_EQ(few[0]["details"]["rounds"], 1);
  EXPECT_EQ(few[0]["rule"], "R33");
  EXPECT_EQ(Breaches("?kind=uncollected").size(), 0u);
}

TEST_F(BreachesByHandTest, AResultReceivedLateIsFoundAfterwardsR34R18_8) {
  Accepted a = Accept();
  Flow().ToProvider(a.barcode);
  Json app = Application(a.id);
  const std::string deadline = app["provider_deadline"];
  const std::string issue_date = app["issue_date"];
  // A month later the provider sends the result; it is received and shelved
  // the same day. Nobody looked while it was away: found now, from the days
  // it was received and made ready.
  Advance(30 * 24 * 3600);
  Flow().ToCenter(a.barcode, "result", /*to_provider=*/false);
  ASSERT_EQ(Flow().Scan(a.barcode, "to_issuance", "issuance", "A-02").status, 201);
  Detect();
  const std::string today = "2026-12-24";
  Json late = Breaches("?kind=provider_late");
  ASSERT_EQ(late.size(), 1u) << late.dump();
  EXPECT_EQ(late[0]["day"], deadline);
  EXPECT_EQ(late[0]["details"]["received_on"], today);
  Json not_ready = Breaches("?kind=issue_late");
  ASSERT_EQ(not_ready.size(), 1u) << not_ready.dump();
  EXPECT_EQ(not_ready[0]["day"], issue_date);
  EXPECT_EQ(not_ready[0]["details"]["ready_on"], today);
  Detect();
  EXPECT_EQ(
      CountRows("SELECT count(*) FROM breaches WHERE kind IN ('provider_late', 'issue_late')"), 2);
}

TEST_F(BreachesTest, ResultsKeptPastTheirTermAreFoundR25) {
  Accepted a = Accept();
  Flow().ToCenter(a.barcode);
  ASSERT_EQ(Flow().Scan(a.barcode, "to_issuance", "issuance", "A-01").status, 201);
  auto shelf = Get("/api/v1/branches/" + B() + "/shelf", "manager").json()["items"];
  ASSERT_EQ(shelf.size(), 1u);
  std::string keep_until = shelf[0]["keep_until"];
  auto keep = LocalDate::Parse(keep_until);
  auto today = LocalDate::Parse("2026-11-24");
  ASSERT_TRUE(keep && today);
  // The day after the term the job puts it on an unclaimed-return register;
  // nobody takes that register to the provider.
  Advance((keep->DaysSinceEpoch() - today->DaysSinceEpoch() + 1) * 24 * 3600);
  std::string stage;
  for (int i = 0; i < 100 && (stage = Application(a.id)["stage"]) != "returned_unclaimed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(stage, "returned_unclaimed");
  Detect();
  EXPECT_EQ(Breaches("?kind=storage_overdue").size(), 0u);
  Advance(24 * 3600);
  Detect();
  Json kept = Breaches("?kind=storage_overdue");
  ASSERT_EQ(kept.size(), 1u) << kept.dump();
  EXPECT_EQ(kept[0]["application_id"], a.id);
  EXPECT_EQ(kept[0]["day"], keep_until);
  EXPECT_EQ(kept[0]["details"]["stage"], "returned_unclaimed");
  EXPECT_EQ(kept[0]["rule"], "R25");
}

TEST_F(BreachesTest, WhoSeesWhichBreachesAndBadQueriesChangeNothing) {
  Accept();
  Advance(24 * 3600);
  Detect();
  ASSERT_EQ(Breaches("").size(), 2u);
  // The manager's own branch by default, or named; another branch is refused.
  EXPECT_EQ(Breaches("?branch_id=" + B()).size(), 2u);
  EXPECT_EQ(Get("/api/v1/breaches?branch_id=" + std::to_string(branch_id_ + 1), "manager").status,
            403);
  // The central office and the auditor see the network, or any branch.
  EXPECT_EQ(Breaches("", "central").size(), 2u);
  EXPECT_EQ(Breaches("?branch_id=" + B(), "auditor").size(), 2u);
  EXPECT_EQ(Get("/api/v1/breaches?branch_id=999", "central").error_code(), "branch_not_found");
  EXPECT_EQ(Get("/api/v1/breaches", "operator").status, 403);
  EXPECT_EQ(Post("/api/v1/breaches/detect", Json::object(), "manager").status, 403);
  EXPECT_EQ(Get("/api/v1/breaches?kind=violation", "manager").error_code(), "invalid_kind");
  EXPECT_EQ(Get("/api/v1/breaches?from=24.11.2026", "manager").error_code(), "invalid_date");
  EXPECT_EQ(Get("/api/v1/breaches?from=2026-11-25&to=2026-11-24", "manager").error_code(),
            "invalid_period");
  EXPECT_EQ(Get("/api/v1/breaches?limit=501", "manager").error_code(), "invalid_limit");
  EXPECT_EQ(Get("/api/v1/breaches?branch_id=x", "manager").error_code(), "invalid_query");
  EXPECT_EQ(
      Get("/api/v1/breaches/counts?from=2026-11-01&to=2026-11-30&by=week", "manager").error_code(),
      "invalid_query");
  EXPECT_EQ(Get("/api/v1/breaches/counts?from=2026-11-01", "manager").error_code(), "invalid_date");
  EXPECT_EQ(Get("/api/v1/breaches/counts?from=2024-01-01&to=2026-11-30", "manager").error_code(),
            "invalid_period");
  EXPECT_EQ(CountRows("SELECT count(*) FROM breaches"), 2);
}

TEST_F(BreachesTest, TheDashboardCountsThePeriodAndTodayLive) {
  // 10:00: a ticket, called 16 minutes later; two applications; one refused.
  ASSERT_EQ(TakeTicket().status, 201);
  Advance(16 * 60);
  ASSERT_EQ(Post("/api/v1/windows/1/call-next", Json::object(), "operator").status, 200);
  Accepted a = Accept();
  Accepted b = Accept();
  auto refused = Post("/api/v1/applications", SampleApplication(false), "operator");
  ASSERT_EQ(refused.status, 422) << refused.body;
  // The applicant of `a` rates the service 4.
  Client pub(port_);
  ASSERT_EQ(pub.Post("/api/v1/track/" + a.barcode + "/rating", R"({"score": 4})").status, 201);
  ASSERT_EQ(Flow().Scan(b.barcode, "collect", "collection").status, 201);

  auto live = Get("/api/v1/dashboard/live", "manager");
  ASSERT_EQ(live.status, 200) << live.body;
  EXPECT_EQ(live.json()["today"], "2026-11-24");
  EXPECT_EQ(live.json()["accepted"], 2);
  EXPECT_EQ(live.json()["refused"], 1);
  EXPECT_EQ(live.json()["tickets"], 1);
  EXPECT_EQ(live.json()["waiting"], 0);
  EXPECT_EQ(live.json()["branch_id"], branch_id_);

  auto d = Get("/api/v1/dashboard?from=2026-11-01&to=2026-11-30", "manager");
  ASSERT_EQ(d.status, 200) << d.body;
  Json j = d.json();
  EXPECT_EQ(j["volumes"]["accepted"], 2);
  EXPECT_EQ(j["volumes"]["refused"], 1);
  ASSERT_EQ(j["volumes"]["by_day"].size(), 1u);
  EXPECT_EQ(j["volumes"]["by_day"][0]["day"], "2026-11-24");
  ASSERT_EQ(j["volumes"]["by_service"].size(), 1u);
  EXPECT_EQ(j["volumes"]["by_service"][0]["service_code"], "00803008");
  EXPECT_EQ(j["stages"]["accepted"], 1);
  EXPECT_EQ(j["stages"]["collected"], 1);
  EXPECT_EQ(j["stages"]["refused"], 1);
  EXPECT_EQ(j["on_time"]["done"], 0);
  EXPECT_EQ(j["on_time"]["share"], nullptr);
  ASSERT_EQ(j["queue_waits_by_hour"].size(), 1u);
  EXPECT_EQ(j["queue_waits_by_hour"][0]["hour"], 10);  // local time, Asia/Almaty
  EXPECT_NEAR(j["queue_waits_by_hour"][0]["mean_wait_ms"].get<double>(), 16 * 60 * 1000, 5000);
  EXPECT_EQ(j["queue_waits_by_hour"][0]["over_15_min"], 1);
  EXPECT_EQ(j["ratings"]["count"], 1);
  EXPECT_EQ(j["ratings"]["average"], 4.0);
  EXPECT_EQ(j["ratings"]["by_score"][3]["count"], 1);
  // Filters: another provider or service has nothing.
  EXPECT_EQ(Get("/api/v1/dashboard?from=2026-11-01&to=2026-11-30&provider_code=XX", "manager")
                .json()["volumes"]["accepted"],
            0);
  EXPECT_EQ(Get("/api/v1/dashboard?from=2026-11-01&to=2026-11-30&service_code=00803008", "central")
                .json()["volumes"]["accepted"],
            2);
  // The network for the central office; not for a branch's manager.
  EXPECT_EQ(Get("/api/v1/dashboard?from=2026-11-24&to=2026-11-24", "central").json()["branch_id"],
            nullptr);
  EXPECT_EQ(Get("/api/v1/dashboard?from=2026-11-24&to=2026-11-24&branch_id=" +
                    std::to_string(branch_id_ + 1),
                "manager")
                .status,
            403);
  EXPECT_EQ(Get("/api/v1/dashboard?from=2026-01-01&to=2027-01-02", "manager").error_code(),
            "invalid_period");
  EXPECT_EQ(Get("/api/v1/dashboard?from=2026-11-01", "manager").error_code(), "invalid_date");
  EXPECT_EQ(Get("/api/v1/dashboard?from=2026-11-01&to=2026-11-30", "operator").status, 403);

  // The breach of the ticket is today's number too.
  Detect();
  EXPECT_EQ(Get("/api/v1/dashboard/live", "manager").json()["breaches_today"], 1);
  EXPECT_EQ(Get("/api/v1/dashboard?from=2026-11-24&to=2026-11-24", "manager")
                .json()["breaches"]["totals"]["long_wait"],
            1);
}

TEST_F(BreachesTest, TheLiveNumbersArePushedOverTheWebSocket) {
  const std::string ws = "/api/v1/dashboard/ws";
  // Refused before the upgrade: no session, a role without the dashboard, another branch, a
  // branch that does not exist.
  auto upgrade = [&](const std::string& target, const std::string& login) {
    Client c(port_);
    std::map<std::string, std::string> headers = {{"Upgrade", "websocket"},
                                                  {"Connection", "Upgrade"},
                                                  {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                                  {"Sec-WebSocket-Version", "13"}};
    if (!login.empty()) headers["Authorization"] = "Bearer " + Token(login);
    return c.Request("GET", target, "", headers);
  };
  EXPECT_EQ(upgrade(ws, "").status, 401);
  EXPECT_EQ(upgrade(ws, "operator").status, 403);
  EXPECT_EQ(upgrade(ws + "?branch_id=" + std::to_string(branch_id_ + 1), "manager").status, 403);
  EXPECT_EQ(upgrade(ws + "?branch_id=999", "central").error_code(), "branch_not_found");
  EXPECT_EQ(upgrade(ws + "?branch_id=x", "central").error_code(), "invalid_query");

  // The manager's branch: the hello, then today's numbers within seconds.
  RawWebSocket socket(port_, ws, Token("manager"));
  const std::string topic = "dashboard:" + B();
  std::string got = socket.ReadUntil([](const std::string& s) { return Has(s, "\"live\""); });
  ASSERT_TRUE(Has(got, "HTTP/1.1 101")) << got;
  EXPECT_TRUE(Has(got, "\"topics\":[\"" + topic + "\"]")) << got;
  EXPECT_TRUE(Has(got, "\"accepted\":0")) << got;
  // An application accepted: pushed, without asking.
  Accept();
  got = socket.ReadUntil([](const std::string& s) { return Has(s, "\"accepted\":1"); });
  EXPECT_TRUE(Has(got, "\"accepted\":1")) << got;
  EXPECT_TRUE(Has(got, "\"topic\":\"" + topic + "\"")) << got;

  // The central office follows the network.
  RawWebSocket network(port_, ws, Token("central"));
  got = network.ReadUntil([](const std::string& s) { return Has(s, "\"accepted\":1"); });
  EXPECT_TRUE(Has(got, "\"topics\":[\"dashboard:all\"]")) << got;
  EXPECT_TRUE(Has(got, "\"accepted\":1")) << got;
}

}  // namespace
}  // namespace tereze::testing
