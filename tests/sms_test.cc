// SMS through a real Kannel with its fake SMSC (R10, R12, R24): the consent
// code reaches the phone and confirms the consent; acceptance is announced
// in the applicant's language. Runs under scripts/with-kannel.sh.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "app/demo.h"
#include "store/connection.h"
#include "support/fixture.h"
#include "support/intake.h"
#include "support/movement.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

class SmsTest : public ServerTest {
 protected:
  void Configure(http::ServiceOptions& options) override {
    if (!Env("TEREZE_KANNEL_SENDSMS_URL")) return;
    options.sms.sendsms_url = Env("TEREZE_KANNEL_SENDSMS_URL");
    options.sms.username = Env("TEREZE_KANNEL_USER");
    options.sms.password = Env("TEREZE_KANNEL_PASSWORD");
    options.sms.from = "1414";
    options.outbox.poll_ms = 100;
    options.outbox.first_backoff_ms = 200;
  }
  void SetUp() override {
    if (!Env("TEREZE_KANNEL_SENDSMS_URL")) GTEST_SKIP() << "run under scripts/with-kannel.sh";
    ServerTest::SetUp();
    ImportShippedCatalog();
  }

  // Waits for a message to `phone_digits` (the last ten) whose text matches
  // `pattern`, as the fake SMSC received it; returns the text.
  std::string AwaitSms(const std::string& phone_digits, const std::string& pattern) {
    std::regex re(pattern);
    for (int i = 0; i < 200; ++i) {
      std::ifstream log(Env("TEREZE_FAKESMSC_LOG"));
      std::string line;
      while (std::getline(log, line)) {
        size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        std::string to = line.substr(0, tab), text = line.substr(tab + 1);
        if (to.size() >= 10 && to.substr(to.size() - 10) == phone_digits &&
            std::regex_search(text, re) && !seen_.count(line)) {
          seen_.insert(line);
          return text;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "no SMS to " << phone_digits << " matching " << pattern;
    return "";
  }
  std::set<std::string> seen_;
};

TEST_F(SmsTest, ConsentCodeArrivesByRealSmsAndConfirmsTheConsentR10) {
  std::string iin = ValidIin();
  // A phone of this test run only, so that earlier runs' messages do not match.
  std::string digits = "70" + std::to_string(10000000 + getpid() % 89999999);
  Client c(port_);
  Json send = {{"iin", iin}, {"phone", "+7" + digits}, {"lang", "kk"}, {"scope", "00803008"}};
  auto sent = c.Post("/api/v1/consents/sms", send.dump(), Token("operator"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::string text = AwaitSms(digits, "коды: [0-9]{6}");
  ASSERT_FALSE(text.empty());
  EXPECT_NE(text.find("Дербес деректерді"), std::string::npos) << text;  // in Kazakh (R19)
  std::smatch m;
  ASSERT_TRUE(std::regex_search(text, m, std::regex("([0-9]{6})")));
  std::string code = m[1];
  auto verified = c.Post("/api/v1/consents/sms/" +
                             std::to_string(sent.json()["challenge_id"].get<int64_t>()) + "/verify",
                         Json{{"code", code}}.dump(), Token("operator"));
  ASSERT_EQ(verified.status, 201) << verified.body;
  std::string reference = verified.json()["reference"];
  EXPECT_EQ(verified.json()["kind"], "sms");

  // The consent by phone opens intake; the applicant is told by SMS, in Kazakh.
  Json body = {
      {"service_code", "00803008"},
      {"lang", "kk"},
      {"applicant",
       {{"iin", iin},
        {"surname", "Сәрсенов"},
        {"name", "Ұлан"},
        {"phone", "+7" + digits},
        {"id_document", {{"type", "id_card"}, {"number", "1"}, {"valid_until", "2030-01-01"}}}}},
      {"documents", {{{"code", "application"}, {"kind", "original"}}}},
      {"consents", {{{"kind", "sms"}, {"reference", reference}}}}};
  auto r = c.Post("/api/v1/applications", body.dump(), Token("operator"));
  ASSERT_EQ(r.status, 201) << r.body;
  std::string accepted = AwaitSms(digits, "қабылданды");
  EXPECT_NE(accepted.find(r.json()["barcode"].get<std::string>()), std::string::npos) << accepted;
  EXPECT_NE(accepted.find("15.12.2026"), std::string::npos) << accepted;
  // The same code confirms nothing twice.
  auto again = c.Post("/api/v1/consents/sms/" +
                          std::to_string(sent.json()["challenge_id"].get<int64_t>()) + "/verify",
                      Json{{"code", code}}.dump(), Token("operator"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "consent_code_used");
}

// Kannel's delivery reports mark a sent message delivered; a forged token changes nothing.
TEST_F(SmsTest, DeliveryReportsNeedTheSignedTokenR24) {
  std::string digits = "70" + std::to_string(30000000 + getpid() % 69999999);
  Client c(port_);
  Json send = {{"iin", ValidIin()}, {"phone", "+7" + digits}, {"lang", "ru"}, {"scope", "x"}};
  ASSERT_EQ(c.Post("/api/v1/consents/sms", send.dump(), Token("operator")).status, 201);
  ASSERT_FALSE(AwaitSms(digits, "Код согласия").empty());
  int64_t id = 0;
  auto status_of = [&] {
    std::string status;
    Status s = service_->app().db().Read([&](store::Connection& db) {
      std::vector<store::Row> rows;
      Status st = db.Execute("SELECT id, status FROM outbox WHERE recipient = $1",
                             {std::string("+7" + digits)}, &rows);
      if (st.ok() && rows.size() == 1) {
        id = rows[0].integer(0);
        status = rows[0].text(1);
      }
      return st;
    });
    EXPECT_TRUE(s.ok());
    return status;
  };
  for (int i = 0; i < 100 && status_of() != "sent"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(status_of(), "sent");
  std::string token = service_->outbox()->DlrToken(id);
  auto forged = c.Get("/api/v1/sms/dlr?type=1&token=" + std::to_string(id) + "-0000");
  EXPECT_EQ(forged.status, 404);
  EXPECT_EQ(forged.error_code(), "dlr_unknown");
  EXPECT_EQ(c.Get("/api/v1/sms/dlr?type=1").error_code(), "dlr_unknown");
  auto queued = c.Get("/api/v1/sms/dlr?type=8&token=" + token);  // accepted by the operator
  EXPECT_EQ(queued.json()["recorded"], false);
  EXPECT_EQ(status_of(), "sent");
  auto delivered = c.Get("/api/v1/sms/dlr?type=1&token=" + token);
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  EXPECT_EQ(delivered.json()["recorded"], true);
  EXPECT_EQ(status_of(), "delivered");
}

// The outbox retries while the gateway is down and delivers each message
// exactly once when it is back (R24).
TEST_F(SmsTest, OutboxRetriesWhileKannelIsDownAndDeliversEachMessageOnce) {
  const char* ctl = Env("TEREZE_KANNEL_CTL");
  ASSERT_NE(ctl, nullptr);
  ASSERT_EQ(std::system((std::string(ctl) + " stop").c_str()), 0);
  std::string iin = ValidIin();
  Client c(port_);
  std::vector<std::string> phones;
  for (int i = 0; i < 3; ++i) {
    std::string digits = "70" + std::to_string(20000000 + (getpid() * 3 + i) % 79999999);
    phones.push_back(digits);
    Json send = {{"iin", iin}, {"phone", "+7" + digits}, {"lang", "ru"}, {"scope", "x"}};
    ASSERT_EQ(c.Post("/api/v1/consents/sms", send.dump(), Token("operator")).status, 201);
  }
  // While Kannel is down the messages wait, counting attempts.
  int64_t pending = 0, attempts = 0;
  for (int i = 0; i < 100 && attempts < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    Status s = service_->app().db().Read([&](store::Connection& db) {
      std::vector<store::Row> rows;
      Status st = db.Execute(
          "SELECT count(*), coalesce(sum(attempts), 0) FROM outbox WHERE status = 'pending'", {},
          &rows);
      if (st.ok()) {
        pending = rows[0].integer(0);
        attempts = rows[0].integer(1);
      }
      return st;
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  EXPECT_EQ(pending, 3);
  EXPECT_GE(attempts, 3) << "the sender did not try while the gateway was down";
  ASSERT_EQ(std::system((std::string(ctl) + " start").c_str()), 0);
  for (const auto& digits : phones) {
    EXPECT_FALSE(AwaitSms(digits, "Код согласия").empty());
  }
  // Exactly once: no second copy arrives to any of the phones.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  std::ifstream log(Env("TEREZE_FAKESMSC_LOG"));
  std::string line;
  std::map<std::string, int> received;
  while (std::getline(log, line)) {
    for (const auto& digits : phones) {
      if (line.find(digits) != std::string::npos) ++received[digits];
    }
  }
  for (const auto& digits : phones) EXPECT_EQ(received[digits], 1) << digits;
}

// R24: the provider's decisions reach the applicant in their language, and
// messages produced while Kannel is down arrive once it is back, each once.
TEST_F(SmsTest, DecisionsAreAnnouncedInTheApplicantsLanguageExactlyOnceR24) {
  ASSERT_TRUE(app::LoadDemoRoute(service_->app(), branch_id_).ok());
  const char* ctl = Env("TEREZE_KANNEL_CTL");
  ASSERT_NE(ctl, nullptr);
  ASSERT_EQ(std::system((std::string(ctl) + " stop").c_str()), 0);
  MovementFlow flow(port_, branch_id_, [this](const std::string& l) { return Token(l); });
  // Two applicants of this run: one in Kazakh gets a result, one in Russian a refusal.
  std::vector<std::string> phones, barcodes;
  for (int i = 0; i < 2; ++i) {
    std::string digits = "70" + std::to_string(30000000 + (getpid() * 7 + i) % 69999999);
    Json body = SampleApplication(true);
    body["lang"] = i == 0 ? "kk" : "ru";
    body["applicant"]["phone"] = "+7" + digits;
    auto r = flow.Post("/api/v1/applications", body, "operator");
    ASSERT_EQ(r.status, 201) << r.body;
    phones.push_back(digits);
    barcodes.push_back(r.json()["barcode"]);
  }
  flow.ToCenter(barcodes[0], "result");
  flow.ToCenter(barcodes[1], "refusal");
  ASSERT_EQ(std::system((std::string(ctl) + " start").c_str()), 0);
  std::string ready = AwaitSms(phones[0], "нәтижесі дайын");
  EXPECT_NE(ready.find(barcodes[0]), std::string::npos) << ready;
  std::string refused = AwaitSms(phones[1], "услугодатель отказал");
  EXPECT_NE(refused.find(barcodes[1]), std::string::npos) << refused;
  // Each phone gets exactly two messages: accepted, then the decision.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  std::ifstream log(Env("TEREZE_FAKESMSC_LOG"));
  std::map<std::string, int> received;
  for (std::string line; std::getline(log, line);) {
    for (const auto& digits : phones) {
      if (line.find(digits) != std::string::npos) ++received[digits];
    }
  }
  for (const auto& digits : phones) EXPECT_EQ(received[digits], 2) << digits;
}

// Issue 6: a holder who left a phone at the kiosk is told once when at most
// three are ahead, and again when called — in the ticket's language.
TEST_F(SmsTest, AQueueTicketWithAPhoneIsToldWhenItsTurnIsNearAndWhenCalledR8) {
  Client c(port_);
  const std::string branch = "/api/v1/branches/" + std::to_string(branch_id_);
  const std::string digits = "70" + std::to_string(40000000 + (getpid() * 11) % 59999999);
  std::vector<int64_t> ids;
  // Five ahead of the phone holder, then the holder (in Russian).
  for (int i = 0; i < 6; ++i) {
    Json body = {{"queue", "A"}, {"lang", i == 5 ? "ru" : "kk"}};
    if (i == 5) body["phone"] = "+7" + digits;
    auto r = c.Post(branch + "/tickets", body.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    ids.push_back(r.json()["id"]);
  }
  auto call = [&]() {
    auto r = c.Post("/api/v1/windows/1/call-next", "{}", Token("operator"));
    EXPECT_EQ(r.status, 200) << r.body;
    const int64_t id = r.json()["id"];
    EXPECT_EQ(
        c.Post("/api/v1/tickets/" + std::to_string(id) + "/start", "{}", Token("operator")).status,
        200);
    EXPECT_EQ(c.Post("/api/v1/tickets/" + std::to_string(id) + "/finish",
                     Json{{"outcome", "served"}}.dump(), Token("operator"))
                  .status,
              200);
    return id;
  };
  call();  // four ahead now: not yet
  call();  // three ahead: "your turn is near"
  std::string soon = AwaitSms(digits, "очередь близко");
  EXPECT_NE(soon.find("Талон А006"), std::string::npos) << soon;
  EXPECT_NE(soon.find("перед вами 3"), std::string::npos) << soon;
  call();
  call();
  call();
  EXPECT_EQ(call(), ids[5]);
  std::string called = AwaitSms(digits, "подойдите к окну 1");
  EXPECT_NE(called.find("А006"), std::string::npos) << called;
  // Exactly two: the near-turn message is never repeated.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  std::ifstream log(Env("TEREZE_FAKESMSC_LOG"));
  int received = 0;
  for (std::string line; std::getline(log, line);) {
    if (line.find(digits) != std::string::npos) ++received;
  }
  EXPECT_EQ(received, 2);
}

}  // namespace
}  // namespace tereze::testing
