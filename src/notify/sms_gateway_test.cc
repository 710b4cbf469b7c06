// Tests for the Kannel SMS gateway. The first group needs nothing running: validation, the
// sendsms URL, and an unreachable gateway. The KannelGatewayTest group talks to a real
// Kannel with the fake SMSC of kannel-extras, started by scripts/with-kannel.sh (ctest
// unit_kannel), and skips when TEREZE_KANNEL_SENDSMS_URL is not set. It checks what arrives
// at the operator's side, read from TEREZE_FAKESMSC_LOG ("PHONE<TAB>TEXT" per message).
#include "notify/sms_gateway.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace tereze::notify {
namespace {

const std::string kKazakh = "Өтінішіңіз қабылданды: ә ғ қ ң ө ұ ү һ і";
const std::string kRussian = "Ваша заявка принята. Номер: 2611240001234";

// A loopback port nothing listens on: bound, then released.
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

TEST(SmsGatewayTest, PhoneNumbers) {
  EXPECT_TRUE(ValidKzPhone("+77011234567"));
  EXPECT_FALSE(ValidKzPhone("87011234567"));
  EXPECT_FALSE(ValidKzPhone("+7701123456"));
  EXPECT_FALSE(ValidKzPhone("+770112345678"));
  EXPECT_FALSE(ValidKzPhone("+37011234567"));
  EXPECT_FALSE(ValidKzPhone("+7701123456x"));
  EXPECT_FALSE(ValidKzPhone(""));
}

TEST(SmsGatewayTest, Utf16Units) {
  EXPECT_EQ(Utf16Units(""), 0);
  EXPECT_EQ(Utf16Units("abc"), 3);
  EXPECT_EQ(Utf16Units(kKazakh), 40);
  EXPECT_EQ(Utf16Units("\xF0\x9F\x98\x80"), 2);  // U+1F600: a surrogate pair
  EXPECT_EQ(Utf16Units("\xC0\xAF"), -1);         // overlong "/"
  EXPECT_EQ(Utf16Units("\xED\xA0\x80"), -1);     // a lone surrogate
  EXPECT_EQ(Utf16Units("\xD3"), -1);             // cut short
  EXPECT_EQ(Utf16Units("\xFF"), -1);
}

TEST(SmsGatewayTest, SendSmsUrlAsksForUcs2AndReports) {
  KannelOptions options;
  options.sendsms_url = "http://127.0.0.1:13013/cgi-bin/sendsms";
  options.username = "tereze";
  options.password = "p&ss word";
  options.from = "Tereze";
  KannelGateway plain(options);
  const std::string url = plain.SendSmsUrl({"+77011234567", "ә b", ""});
  EXPECT_EQ(url,
            "http://127.0.0.1:13013/cgi-bin/sendsms?username=tereze&password=p%26ss%20word"
            "&from=Tereze&to=%2B77011234567&text=%D3%99%20b&charset=UTF-8&coding=2");

  options.dlr_url = "http://127.0.0.1:8080/api/v1/sms/dlr?type=%d";
  KannelGateway reports(options);
  EXPECT_NE(reports.SendSmsUrl({"+77011234567", "x", "m-42"})
                .find("&dlr-mask=27&dlr-url=http%3A%2F%2F127.0.0.1%3A8080%2Fapi%2Fv1%2Fsms%2Fdlr%3F"
                      "type%3D%25d%26token%3Dm-42"),
            std::string::npos);
  EXPECT_NE(reports.SendSmsUrl({"+77011234567", "x", ""}).find("&dlr-mask=27&dlr-url="),
            std::string::npos);
}

TEST(SmsGatewayTest, RefusesBadMessagesBeforeSending) {
  // Nothing listens here: a refusal proves no request was tried.
  KannelGateway gateway({"http://127.0.0.1:" + std::to_string(ClosedPort()) + "/cgi-bin/sendsms",
                         "u", "p", "Tereze", "", 1000});
  EXPECT_EQ(gateway.Send({"87011234567", "text", ""}).code(), "invalid_phone");
  EXPECT_EQ(gateway.Send({"+77011234567", "", ""}).code(), "invalid_sms_text");
  EXPECT_EQ(gateway.Send({"+77011234567", "\xD3", ""}).code(), "invalid_sms_text");
  EXPECT_EQ(gateway.Send({"+77011234567", std::string("a\0b", 3), ""}).code(), "invalid_sms_text");
  std::string long_text;
  for (size_t i = 0; i <= kMaxSmsTextUnits; ++i) long_text += "ә";
  EXPECT_EQ(gateway.Send({"+77011234567", long_text, ""}).code(), "sms_too_long");
  EXPECT_EQ(gateway.Send({"+77011234567", "x", "50%d"}).code(), "invalid_dlr_token");
  EXPECT_EQ(gateway.Send({"+77011234567", "x", std::string(65, 'a')}).code(), "invalid_dlr_token");
}

TEST(SmsGatewayTest, UnreachableGatewayIsUnavailable) {
  KannelGateway gateway({"http://127.0.0.1:" + std::to_string(ClosedPort()) + "/cgi-bin/sendsms",
                         "u", "p", "Tereze", "", 1000});
  const Status s = gateway.Send({"+77011234567", kKazakh, ""});
  EXPECT_EQ(s.kind(), Status::Kind::kUnavailable) << s.ToString();
  EXPECT_EQ(s.code(), "sms_gateway_unavailable");
  // Personal data stays out of messages that end up in logs.
  EXPECT_EQ(s.message().find("77011234567"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("password"), std::string::npos) << s.message();
}

TEST(SmsGatewayTest, BadUrlIsABugNotAnOutage) {
  KannelGateway gateway({"https://127.0.0.1/cgi-bin/sendsms", "u", "p", "Tereze", "", 1000});
  EXPECT_EQ(gateway.Send({"+77011234567", "x", ""}).kind(), Status::Kind::kInternal);
}

// --- Against a real Kannel -----------------------------------------------------------------

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

class KannelGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Env("TEREZE_KANNEL_SENDSMS_URL").empty()) {
      GTEST_SKIP() << "TEREZE_KANNEL_SENDSMS_URL is not set; run under scripts/with-kannel.sh "
                      "(ctest -R unit_kannel)";
    }
    options_.sendsms_url = Env("TEREZE_KANNEL_SENDSMS_URL");
    options_.username = Env("TEREZE_KANNEL_USER");
    options_.password = Env("TEREZE_KANNEL_PASSWORD");
    options_.from = "Tereze";
    options_.timeout_ms = 5000;
  }

  // How many times the fake SMSC received exactly `text` for `phone`.
  static int Received(const std::string& phone, const std::string& text) {
    std::ifstream in(Env("TEREZE_FAKESMSC_LOG"));
    const std::string want = phone + "\t" + text;
    int count = 0;
    for (std::string line; std::getline(in, line);) count += line == want ? 1 : 0;
    return count;
  }

  // Waits for the message to arrive (Kannel delivers after it answers), then a little longer
  // to see that it does not arrive twice.
  static int AwaitReceived(const std::string& phone, const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (Received(phone, text) == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return Received(phone, text);
  }

  static void Control(const std::string& command) {
    const std::string ctl = Env("TEREZE_KANNEL_CTL");
    ASSERT_FALSE(ctl.empty()) << "TEREZE_KANNEL_CTL is not set";
    ASSERT_EQ(std::system(("'" + ctl + "' " + command + " >&2").c_str()), 0) << command;
  }

  KannelOptions options_;
};

TEST_F(KannelGatewayTest, KazakhAndRussianArriveAsWritten) {
  KannelGateway gateway(options_);
  ASSERT_TRUE(gateway.Send({"+77010000101", kKazakh, ""}).ok());
  ASSERT_TRUE(gateway.Send({"+77010000102", kRussian, ""}).ok());
  EXPECT_EQ(AwaitReceived("+77010000101", kKazakh), 1);
  EXPECT_EQ(AwaitReceived("+77010000102", kRussian), 1);
}

TEST_F(KannelGatewayTest, LongTextArrivesWhole) {
  // Three UCS-2 parts, joined again by the fake SMSC's log.
  std::string text;
  for (int i = 0; i < 8; ++i) text += "Өтінішіңіз қабылданды. ";
  text += "Соңы.";
  KannelGateway gateway(options_);
  ASSERT_TRUE(gateway.Send({"+77010000103", text, "tok-1"}).ok());
  EXPECT_EQ(AwaitReceived("+77010000103", text), 1);
}

TEST_F(KannelGatewayTest, WithDeliveryReportsRequested) {
  options_.dlr_url = "http://127.0.0.1:9/dlr?type=%d";  // nobody listens; Kannel only logs
  KannelGateway gateway(options_);
  ASSERT_TRUE(gateway.Send({"+77010000104", kRussian, "m-104"}).ok());
  EXPECT_EQ(AwaitReceived("+77010000104", kRussian), 1);
}

TEST_F(KannelGatewayTest, WrongPasswordIsRejected) {
  options_.password += "x";
  KannelGateway gateway(options_);
  const Status s = gateway.Send({"+77010000105", kKazakh, ""});
  EXPECT_EQ(s.kind(), Status::Kind::kRefused) << s.ToString();
  EXPECT_EQ(s.code(), "sms_rejected");
}

TEST_F(KannelGatewayTest, StoppedGatewayIsUnavailableUntilStarted) {
  KannelGateway gateway(options_);
  Control("stop");
  const Status down = gateway.Send({"+77010000106", kKazakh, ""});
  Control("start");
  EXPECT_EQ(down.kind(), Status::Kind::kUnavailable) << down.ToString();
  EXPECT_EQ(down.code(), "sms_gateway_unavailable");

  ASSERT_TRUE(gateway.Send({"+77010000106", kKazakh, ""}).ok());
  EXPECT_EQ(AwaitReceived("+77010000106", kKazakh), 1);
}

TEST_F(KannelGatewayTest, OperatorDownMeansQueuedThenDeliveredOnce) {
  KannelGateway gateway(options_);
  Control("stop-smsc");
  const Status queued = gateway.Send({"+77010000107", kRussian, ""});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int early = Received("+77010000107", kRussian);
  Control("start-smsc");
  ASSERT_TRUE(queued.ok()) << queued.ToString();
  EXPECT_EQ(early, 0);
  EXPECT_EQ(AwaitReceived("+77010000107", kRussian), 1);
}

}  // namespace
}  // namespace tereze::notify
