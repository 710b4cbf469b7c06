// The electronic queue through the API (R8, R16): tickets from the kiosk,
// the counter's actions, boards, and what must hold under concurrency and
// across a restart.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "support/fixture.h"
#include "support/pdf_readback.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class QueueTest : public ServerTest {
 protected:
  HttpResult Take(const std::string& queue = "A", const std::string& lang = "kk",
                  const std::string& priority = "none") {
    Client c(port_);
    return c.Post("/api/v1/branches/" + std::to_string(branch_id_) + "/tickets",
                  Json{{"queue", queue}, {"lang", lang}, {"priority", priority}}.dump());
  }
  HttpResult Post(const std::string& target, const Json& body, const std::string& login) {
    Client c(port_);
    return c.Post(target, body.dump(), Token(login));
  }
  HttpResult CallNext(int window, const std::string& login = "operator") {
    return Post("/api/v1/windows/" + std::to_string(window) + "/call-next", Json::object(), login);
  }
  HttpResult Act(int64_t ticket, const std::string& action, const Json& body = Json::object(),
                 const std::string& login = "operator") {
    return Post("/api/v1/tickets/" + std::to_string(ticket) + "/" + action, body, login);
  }
  // A new operator seated at window `window` of the demo branch; returns the login.
  std::string SeatOperator(int window) {
    const std::string login = "op" + std::to_string(window);
    auto e = Post("/api/v1/employees",
                  {{"login", login},
                   {"password", "Operator-pass-" + std::to_string(window)},
                   {"surname", "Оператор"},
                   {"name", std::to_string(window)},
                   {"position", "Оператор"},
                   {"branch_id", branch_id_},
                   {"roles", {"operator"}}},
                  "admin");
    EXPECT_EQ(e.status, 201) << e.body;
    Client c(port_);
    auto seat = c.Request(
        "PATCH", "/api/v1/windows/" + std::to_string(window),
        Json{{"employee_id", e.json()["id"]}}.dump(),
        {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}});
    EXPECT_EQ(seat.status, 200) << seat.body;
    tokens_[login] = LoginToken(port_, login, "Operator-pass-" + std::to_string(window));
    return login;
  }
};

TEST_F(QueueTest, TicketsAreNumberedPerSeriesNeverTwiceUnderConcurrentLoadR8) {
  constexpr int kThreads = 8, kEach = 12;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<std::string> numbers;
  std::atomic<int> failures{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < kEach; ++k) {
        auto r = Take("A");
        if (r.status != 201) {
          ++failures;
          continue;
        }
        std::lock_guard g(mu);
        numbers.push_back(r.json()["number"]);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<std::string> unique(numbers.begin(), numbers.end());
  EXPECT_EQ(unique.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_TRUE(unique.count("A001"));
  EXPECT_TRUE(unique.count("A096"));
  // Another series counts on its own.
  auto b = Take("B", "ru");
  ASSERT_EQ(b.status, 201) << b.body;
  EXPECT_EQ(b.json()["number"], "B001");
  EXPECT_EQ(b.json()["position"], 0);
  EXPECT_FALSE(b.json()["token"].get<std::string>().empty());
  // Wrong input changes nothing.
  EXPECT_EQ(Take("Z").error_code(), "queue_unknown");
  EXPECT_EQ(Take("A", "en").error_code(), "invalid_field");
  EXPECT_EQ(Take("A", "kk", "vip").error_code(), "invalid_field");
  EXPECT_EQ(Take("B").json()["number"], "B002");
}

TEST_F(QueueTest, AKioskTakingTooManyTicketsIsSlowedDownAndNothingIsTaken) {
  // 120 a minute per client (a kiosk is one client).
  int taken = 0;
  HttpResult last;
  for (int i = 0; i < 125 && (last = Take("A")).status == 201; ++i) ++taken;
  EXPECT_EQ(taken, 120);
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(last.error_code(), "rate_limited");
  Client c(port_);
  auto live = c.Get("/api/v1/branches/" + std::to_string(branch_id_) + "/queue", Token("manager"));
  EXPECT_EQ(live.json()["waiting"].size(), 120u);
}

TEST_F(QueueTest, ManyOperatorsCallAtOnceNoTicketServedTwiceNoneLostR8) {
  std::vector<std::string> logins = {"operator"};
  for (int w = 2; w <= 6; ++w) logins.push_back(SeatOperator(w));
  constexpr int kTickets = 60;
  std::set<int64_t> taken;
  for (int i = 0; i < kTickets; ++i) {
    auto r = Take("A");
    ASSERT_EQ(r.status, 201) << r.body;
    taken.insert(r.json()["id"].get<int64_t>());
  }
  std::mutex mu;
  std::vector<int64_t> served;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < logins.size(); ++i) {
    threads.emplace_back([&, i] {
      const int window = i == 0 ? 1 : static_cast<int>(i) + 1;
      for (;;) {
        auto call = CallNext(window, logins[i]);
        if (call.error_code() == "queue_empty") return;
        if (call.status != 200) {
          ++errors;
          return;
        }
        int64_t id = call.json()["id"];
        if (Act(id, "start", Json::object(), logins[i]).status != 200 ||
            Act(id, "finish", {{"outcome", "served"}}, logins[i]).status != 200) {
          ++errors;
          return;
        }
        std::lock_guard g(mu);
        served.push_back(id);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  std::set<int64_t> unique(served.begin(), served.end());
  EXPECT_EQ(served.size(), unique.size()) << "a ticket was served twice";
  EXPECT_EQ(unique, taken) << "a ticket was lost";
}

TEST_F(QueueTest, CounterActionsRecallRedirectParkR8R16) {
  auto first = Take("A");
  auto disabled = Take("A", "ru", "disability");
  ASSERT_EQ(disabled.status, 201);
  // People with disabilities first (R16).
  auto call = CallNext(1);
  ASSERT_EQ(call.status, 200) << call.body;
  EXPECT_EQ(call.json()["id"], disabled.json()["id"]);
  EXPECT_EQ(call.json()["window"]["number"], 1);
  EXPECT_EQ(CallNext(1).error_code(), "window_busy");
  int64_t d = call.json()["id"];
  // Recalled three times, the fourth makes a no-show.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Act(d, "recall").json()["state"], "called");
  EXPECT_EQ(Act(d, "recall").json()["state"], "no_show");
  auto late = Act(d, "start");
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.error_code(), "wrong_state");
  // Redirected to issuance: it keeps its arrival and is called there first.
  auto b = Take("B");
  int64_t f = CallNext(1).json()["id"];
  EXPECT_EQ(f, first.json()["id"]);
  ASSERT_EQ(Act(f, "start").status, 200);
  EXPECT_EQ(Act(f, "finish", {{"outcome", "done"}}).error_code(), "invalid_field");
  EXPECT_EQ(Act(f, "redirect", {{"queue", "Z"}}).error_code(), "queue_unknown");
  auto redirected = Act(f, "redirect", {{"queue", "B"}});
  ASSERT_EQ(redirected.status, 200) << redirected.body;
  EXPECT_EQ(redirected.json()["state"], "waiting");
  EXPECT_EQ(redirected.json()["redirected"], true);
  auto at_issuance = CallNext(9, "issuance");
  ASSERT_EQ(at_issuance.status, 200) << at_issuance.body;
  EXPECT_EQ(at_issuance.json()["id"], f);
  // Park while a paper is fetched, serve the next, resume.
  int64_t bid = b.json()["id"];
  ASSERT_EQ(Act(f, "start", Json::object(), "issuance").status, 200);
  ASSERT_EQ(Act(f, "park", Json::object(), "issuance").status, 200);
  Client c(port_);
  auto live = c.Get("/api/v1/branches/" + std::to_string(branch_id_) + "/queue", Token("manager"));
  ASSERT_EQ(live.json()["parked"].size(), 1u) << live.body;
  EXPECT_EQ(live.json()["parked"][0]["id"], f);
  EXPECT_EQ(CallNext(9, "issuance").json()["id"], bid);
  EXPECT_EQ(Act(f, "resume", {{"window_id", 9}}, "issuance").error_code(), "window_busy");
  ASSERT_EQ(Act(bid, "no-show", Json::object(), "issuance").status, 200);
  auto resumed = Act(f, "resume", {{"window_id", 9}}, "issuance");
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(resumed.json()["state"], "serving");
  // Only the employee seated at a window calls from it (R8).
  EXPECT_EQ(CallNext(2).error_code(), "not_at_window");
  EXPECT_EQ(CallNext(1).error_code(), "queue_empty");
}

TEST_F(QueueTest, BoardTicketPageAndPrintoutsR8R16) {
  auto t = Take("A", "kk");
  ASSERT_EQ(t.status, 201);
  int64_t id = t.json()["id"];
  ASSERT_TRUE(t.json()["token"].is_string()) << t.body;
  std::string token = t.json()["token"];
  Client c(port_);
  auto view = c.Get("/api/v1/tickets/" + std::to_string(id) + "?token=" + token);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.json()["position"], 0);
  EXPECT_EQ(c.Get("/api/v1/tickets/" + std::to_string(id) + "?token=wrong").status, 404);
  ASSERT_EQ(CallNext(1).status, 200);
  view = c.Get("/api/v1/tickets/" + std::to_string(id) + "?token=" + token);
  EXPECT_EQ(view.json()["state"], "called");
  EXPECT_EQ(view.json()["window"]["number"], 1);
  // The public board: the call in both languages, with its sound.
  auto board = c.Get("/api/v1/branches/" + std::to_string(branch_id_) + "/board");
  ASSERT_EQ(board.status, 200) << board.body;
  ASSERT_EQ(board.json()["calls"].size(), 1u) << board.body;
  Json call = board.json()["calls"][0];
  EXPECT_EQ(call["number"], "A001");
  EXPECT_EQ(call["window"], 1);
  EXPECT_NE(call["text"]["kk"].get<std::string>().find("1-терезе"), std::string::npos);
  EXPECT_NE(call["text"]["ru"].get<std::string>().find("окно 1"), std::string::npos);
  auto wav = c.Get(call["audio"]["kk"].get<std::string>());
  ASSERT_EQ(wav.status, 200) << wav.body.substr(0, 200);
  EXPECT_EQ(wav.body.substr(0, 4), "RIFF");
  EXPECT_EQ(wav.body.substr(8, 4), "WAVE");
  EXPECT_EQ(c.Get("/api/v1/audio/calls/A001-1-en.wav").status, 404);
  EXPECT_EQ(c.Get("/api/v1/audio/calls/..%2Fx-1-kk.wav").status, 404);
  // The printed ticket and the window's name plate, read from outside.
  auto pdf = c.Get("/api/v1/tickets/" + std::to_string(id) + "/ticket.pdf?token=" + token);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  Readback rb = ReadBack(pdf.body);
  EXPECT_TRUE(Has(rb.text, "A001")) << rb.text;
  EXPECT_TRUE(Has(rb.text, "Құжаттарды қабылдау")) << rb.text;
  auto plate = c.Get("/api/v1/windows/1/nameplate.pdf", Token("manager"));
  ASSERT_EQ(plate.status, 200) << plate.body;
  Readback pb = ReadBack(plate.body, false);
  EXPECT_TRUE(Has(pb.text, "Сәрсенбаева")) << pb.text;
  EXPECT_TRUE(Has(pb.text, "Қайратқызы")) << pb.text;
  EXPECT_EQ(c.Get("/api/v1/windows/2/nameplate.pdf", Token("manager")).error_code(),
            "window_unstaffed");
  EXPECT_EQ(c.Get("/api/v1/branches/" + std::to_string(branch_id_) + "/surveillance-sign.pdf",
                  Token("manager"))
                .error_code(),
            "no_surveillance");
}

TEST_F(QueueTest, RulesAndSkillsDecideWhoIsCalledR8) {
  Client c(port_);
  auto put = [&](const std::string& target, const Json& body) {
    return c.Request(
        "PUT", target, body.dump(),
        {{"Authorization", "Bearer " + Token("manager")}, {"Content-Type", "application/json"}});
  };
  const std::string rules = "/api/v1/branches/" + std::to_string(branch_id_) + "/queue-rules";
  EXPECT_EQ(put(rules, {{"ratio", {{{"queue", "Z"}, {"count", 1}}}}}).error_code(),
            "queue_unknown");
  EXPECT_EQ(put(rules, {{"thresholds", {{{"queue", "A"}, {"minutes", 0}}}}}).error_code(),
            "invalid_field");
  // Window 1 serves consultations too, and prefers them.
  EXPECT_EQ(put("/api/v1/windows/1/skills",
                {{"skills", {{{"queue", "A"}, {"weight", 1}}, {{"queue", "C"}, {"weight", 5}}}}})
                .status,
            200);
  auto a = Take("A");
  auto cons = Take("C");
  auto first = CallNext(1);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["id"], cons.json()["id"]);
  ASSERT_EQ(Act(first.json()["id"], "no-show").status, 200);
  // A threshold of 1 minute on A: once A's head has waited that long, A first.
  auto cons2 = Take("C");
  ASSERT_EQ(put(rules, {{"thresholds", {{{"queue", "A"}, {"minutes", 1}}}}}).status, 200);
  EXPECT_EQ(c.Get(rules, Token("manager")).json()["thresholds"][0]["minutes"], 1);
  ASSERT_EQ(c.Post("/api/v1/test/clock", Json{{"advance_seconds", 120}}.dump()).status, 200);
  tokens_.clear();
  auto second = CallNext(1);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.json()["id"], a.json()["id"]);
  (void)cons2;
}

TEST_F(QueueTest, AnEmployeeSeatedWhileTheQueueRunsCallsAtOnceR8) {
  auto t = Take("A");  // the branch's queue is live from here
  ASSERT_EQ(t.status, 201);
  EXPECT_EQ(CallNext(2).error_code(), "not_at_window");
  const std::string op = SeatOperator(2);
  auto call = CallNext(2, op);
  ASSERT_EQ(call.status, 200) << call.body;
  EXPECT_EQ(call.json()["id"], t.json()["id"]);
  EXPECT_EQ(call.json()["window"]["number"], 2);
}

TEST_F(QueueTest, AWalkInIsServedAtOnceAndCountedR8) {
  auto waiting = Take("A");
  auto walk = Post("/api/v1/windows/1/walk-in", {{"queue", "A"}, {"lang", "ru"}}, "operator");
  ASSERT_EQ(walk.status, 200) << walk.body;
  EXPECT_EQ(walk.json()["state"], "called");
  EXPECT_EQ(walk.json()["window"]["number"], 1);
  EXPECT_EQ(walk.json()["number"], "A002");
  // The window is busy with the walk-in; the waiting ticket still waits, first in line.
  EXPECT_EQ(
      Post("/api/v1/windows/1/walk-in", {{"queue", "A"}, {"lang", "ru"}}, "operator").error_code(),
      "window_busy");
  EXPECT_EQ(
      Post("/api/v1/windows/2/walk-in", {{"queue", "A"}, {"lang", "ru"}}, "operator").error_code(),
      "not_at_window");
  EXPECT_EQ(
      Post("/api/v1/windows/1/walk-in", {{"queue", "A"}, {"lang", "de"}}, "operator").error_code(),
      "invalid_field");
  int64_t w = walk.json()["id"];
  ASSERT_EQ(Act(w, "start").status, 200);
  ASSERT_EQ(Act(w, "finish", {{"outcome", "served"}}).status, 200);
  EXPECT_EQ(CallNext(1).json()["id"], waiting.json()["id"]);
}

TEST_F(QueueTest, StatisticsAndTheFifteenMinuteAlert) {
  auto a = Take("A");
  auto b = Take("A");
  ASSERT_EQ(b.status, 201);
  // Sixteen minutes later the second one is still waiting: the manager is alerted.
  Client c(port_);
  ASSERT_EQ(c.Post("/api/v1/test/clock", Json{{"advance_seconds", 16 * 60}}.dump()).status, 200);
  tokens_.clear();
  auto call = CallNext(1);
  ASSERT_EQ(call.status, 200) << call.body;
  const int64_t id = call.json()["id"];
  EXPECT_EQ(id, a.json()["id"]);
  auto live = c.Get("/api/v1/branches/" + std::to_string(branch_id_) + "/queue", Token("manager"));
  ASSERT_EQ(live.json()["alerts"].size(), 1u) << live.body;
  EXPECT_EQ(live.json()["alerts"][0]["id"], b.json()["id"]);
  ASSERT_EQ(c.Post("/api/v1/test/clock", Json{{"advance_seconds", 60}}.dump()).status, 200);
  ASSERT_EQ(Act(id, "start").status, 200);
  ASSERT_EQ(c.Post("/api/v1/test/clock", Json{{"advance_seconds", 6 * 60}}.dump()).status, 200);
  ASSERT_EQ(Act(id, "finish", {{"outcome", "served"}}).status, 200);
  auto stats =
      c.Get("/api/v1/branches/" + std::to_string(branch_id_) + "/queue-stats?date=2026-11-24",
            Token("manager"));
  ASSERT_EQ(stats.status, 200) << stats.body;
  Json s = stats.json();
  EXPECT_EQ(s["taken"], 2);
  ASSERT_EQ(s["by_queue"].size(), 1u);
  EXPECT_EQ(s["by_queue"][0]["called"], 1);
  EXPECT_NEAR(s["by_queue"][0]["mean_wait_min"].get<double>(), 16.0, 0.1);
  EXPECT_NEAR(s["by_queue"][0]["mean_walkup_min"].get<double>(), 1.0, 0.1);
  EXPECT_NEAR(s["by_queue"][0]["mean_service_min"].get<double>(), 6.0, 0.1);
  ASSERT_EQ(s["by_employee"].size(), 1u);
  EXPECT_EQ(s["by_hour"][0]["hour"], 10);
  EXPECT_EQ(c.Get("/api/v1/branches/" + std::to_string(branch_id_) + "/queue-stats?date=24.11",
                  Token("manager"))
                .error_code(),
            "invalid_field");
}

// R14, R15, R20: the consultant records each service explained against the
// ticket at their window; bad input and the wrong window change nothing.
TEST_F(QueueTest, ConsultationsAreRecordedAgainstTheTicketAndCountedR14R20) {
  ImportShippedCatalog();
  auto t = Take("C");
  ASSERT_EQ(t.status, 201) << t.body;
  const int64_t id = t.json()["id"];
  auto call = CallNext(10, "consultant");
  ASSERT_EQ(call.status, 200) << call.body;
  ASSERT_EQ(call.json()["id"], id);
  const std::string target = "/api/v1/tickets/" + std::to_string(id) + "/consultations";
  auto listed = [&]() {
    Client c(port_);
    auto r = c.Get(target, Token("manager"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  };
  auto first = Post(target, {{"service_code", "00803008"}, {"outcome", "explained"}}, "consultant");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json()["outcome"], "explained");
  auto second = Post(target,
                     {{"service_code", "00102001"},
                      {"outcome", "checklist_printed"},
                      {"note", "тізім басып берілді"}},
                     "consultant");
  ASSERT_EQ(second.status, 201) << second.body;
  // Refused, and nothing recorded: an unknown outcome, an unknown service, a
  // missing field, an employee not at the ticket's window.
  EXPECT_EQ(Post(target, {{"service_code", "00803008"}, {"outcome", "chatted"}}, "consultant")
                .error_code(),
            "invalid_field");
  EXPECT_EQ(Post(target, {{"service_code", "99999999"}, {"outcome", "explained"}}, "consultant")
                .error_code(),
            "service_unknown");
  EXPECT_EQ(Post(target, {{"outcome", "explained"}}, "consultant").error_code(), "missing_field");
  EXPECT_EQ(Post(target, {{"service_code", "00803008"}, {"outcome", "explained"}}, "operator")
                .error_code(),
            "not_at_window");
  Json items = listed();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["service_code"], "00803008");
  EXPECT_EQ(items[1]["note"], "тізім басып берілді");
  // Finished: no more consultations on it.
  ASSERT_EQ(Act(id, "start", Json::object(), "consultant").status, 200);
  ASSERT_EQ(Act(id, "finish", {{"outcome", "served"}}, "consultant").status, 200);
  EXPECT_EQ(Post(target, {{"service_code", "00803008"}, {"outcome", "explained"}}, "consultant")
                .error_code(),
            "wrong_state");
  EXPECT_EQ(listed().size(), 2u);
  // The day's statistics count them per service and outcome.
  Client c(port_);
  auto stats =
      c.Get("/api/v1/branches/" + std::to_string(branch_id_) + "/queue-stats?date=2026-11-24",
            Token("manager"));
  ASSERT_EQ(stats.status, 200) << stats.body;
  std::map<std::string, int64_t> counted;
  const Json body = stats.json();
  for (const auto& k : body["consultations"]) {
    counted[k["service_code"].get<std::string>() + "/" + k["outcome"].get<std::string>()] =
        k["count"];
  }
  EXPECT_EQ(counted, (std::map<std::string, int64_t>{{"00102001/checklist_printed", 1},
                                                     {"00803008/explained", 1}}));
}

// The name plate shows the position in both languages when both are on record (R8).
TEST_F(QueueTest, TheNamePlateShowsThePositionInKazakhAndRussianR8) {
  Client c(port_);
  auto patch = c.Request(
      "PATCH", "/api/v1/employees/1",
      Json{{"position_kk", "Бас оператор"}, {"position", "Старший оператор"}}.dump(),
      {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}});
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(patch.json()["position_kk"], "Бас оператор");
  auto pdf = c.Get("/api/v1/windows/1/nameplate.pdf", Token("manager"));
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  Readback rb = ReadBack(pdf.body, false);
  EXPECT_TRUE(Has(rb.text, "Бас оператор")) << rb.text;
  EXPECT_TRUE(Has(rb.text, "Старший оператор")) << rb.text;
}

// The live queue is the database's: a restart reads the day back intact.
class QueueRestartTest : public QueueTest {};

TEST_F(QueueRestartTest, TheLiveQueueSurvivesARestartR8) {
  auto a1 = Take("A");
  auto a2 = Take("A", "ru", "elderly");
  auto a3 = Take("A");
  ASSERT_EQ(a3.status, 201);
  auto called = CallNext(1);
  ASSERT_EQ(called.status, 200);
  EXPECT_EQ(called.json()["id"], a2.json()["id"]);
  // Restart the server on the same database (the fixture's service is replaced).
  http::ServiceOptions options;
  options.db_url = "sqlite:" + dir_ + "/t.db";
  if (const char* pg = std::getenv("TEREZE_TEST_PG"); pg != nullptr && *pg != '\0') {
    options.db_url = pg;
  }
  options.test_clock = "2026-11-24T10:05:00+05:00";
  options.server.port = 0;
  service_.reset();
  ASSERT_TRUE(http::Service::Start(options, &service_).ok());
  service_->RunInBackground();
  port_ = service_->port();
  tokens_.clear();
  // The called ticket is still at window 1; the others wait in their order.
  Client c(port_);
  auto current = c.Get("/api/v1/windows/1/current", Token("operator"));
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.json()["ticket"]["id"], a2.json()["id"]);
  auto live = c.Get("/api/v1/branches/" + std::to_string(branch_id_) + "/queue", Token("manager"));
  ASSERT_EQ(live.json()["waiting"].size(), 2u);
  EXPECT_EQ(live.json()["waiting"][0]["id"], a1.json()["id"]);
  // Numbering goes on after the last number of the day.
  EXPECT_EQ(Take("A").json()["number"], "A004");
  ASSERT_EQ(Act(a2.json()["id"], "start").status, 200);
}

}  // namespace
}  // namespace tereze::testing
