// Tests for the state-systems connector (R10, R27) against the real tereze-gbd program with
// the demo data (data/gbd/people.json): each test starts it on a free port (it prints the
// port), so the connector, the stand-in and the data file are checked together. The path of
// the program comes from TEREZE_GBD_BIN (set by ctest); without it the tests skip.
#include "gbd/state_systems.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "net/http_client.h"

#ifndef TEREZE_SOURCE_DIR
#define TEREZE_SOURCE_DIR "."
#endif

namespace tereze::gbd {
namespace {

constexpr char kTolegen[] = "850314301120";  // Жүсіпбеков Төлеген Шаһмарұлы
constexpr char kSerik[] = "560922305188";  // Оңғарбаев Серік Мұхтарұлы, deceased
constexpr char kViktoria[] = "011212606342";  // Ли Виктория, no patronymic
constexpr char kAruzhan[] = "120509603015";   // a child with a birth certificate
constexpr char kUnknown[] = "850314301130";   // a valid check digit, nobody in the data

const FetchContext kWithConsent{"CONSENT-2026-000123", "E-0042", "Мемлекеттік қызмет 00312"};
const FetchContext kNoConsent{"", "E-0042", "Мемлекеттік қызмет 00312"};

class StateSystemsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bin = std::getenv("TEREZE_GBD_BIN");
    if (bin == nullptr || *bin == '\0') {
      GTEST_SKIP() << "TEREZE_GBD_BIN is not set (ctest sets it to the built tereze-gbd)";
    }
    Start(bin);
  }

  void TearDown() override { Stop(); }

  void Start(const std::string& bin) {
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    const std::string data = std::string(TEREZE_SOURCE_DIR) + "/data/gbd/people.json";
    pid_ = fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      execl(bin.c_str(), bin.c_str(), "--listen", "127.0.0.1:0", "--data", data.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    // The first line is "tereze-gbd listening on 127.0.0.1:PORT".
    std::string line;
    pollfd p{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && poll(&p, 1, 10000) == 1) {
      char buf[256];
      const ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    close(out[0]);
    const size_t colon = line.rfind(':');
    ASSERT_NE(colon, std::string::npos) << "tereze-gbd did not start: " << line;
    port_ = std::stoi(line.substr(colon + 1));
    base_url_ = "http://127.0.0.1:" + std::to_string(port_);
  }

  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }

  HttpStateSystems Systems() const { return HttpStateSystems(base_url_, 3000); }

  pid_t pid_ = -1;
  int port_ = 0;
  std::string base_url_;
};

TEST_F(StateSystemsTest, PersonFound) {
  HttpStateSystems systems = Systems();
  Person person;
  ASSERT_TRUE(systems.PersonByIin(kTolegen, kNoConsent, &person).ok());
  EXPECT_EQ(person.iin, kTolegen);
  EXPECT_EQ(person.surname, "Жүсіпбеков");
  EXPECT_EQ(person.name, "Төлеген");
  EXPECT_EQ(person.patronymic, "Шаһмарұлы");
  EXPECT_EQ(person.birth_date.ToString(), "1985-03-14");
  ASSERT_EQ(person.documents.size(), 2u);
  EXPECT_EQ(person.documents[0].kind, "id_card");
  EXPECT_EQ(person.documents[0].number, "045123456");
  EXPECT_EQ(person.documents[0].issued_by, "ҚР ІІМ");
  EXPECT_EQ(person.documents[0].issue_date.ToString(), "2019-04-02");
  ASSERT_TRUE(person.documents[0].expiry_date.has_value());
  EXPECT_EQ(person.documents[0].expiry_date->ToString(), "2029-04-01");
  EXPECT_EQ(person.documents[1].kind, "passport");
}

TEST_F(StateSystemsTest, NoPatronymicAndNoExpiry) {
  HttpStateSystems systems = Systems();
  Person viktoria;
  ASSERT_TRUE(systems.PersonByIin(kViktoria, kNoConsent, &viktoria).ok());
  EXPECT_EQ(viktoria.surname, "Ли");
  EXPECT_EQ(viktoria.patronymic, "");
  Person aruzhan;
  ASSERT_TRUE(systems.PersonByIin(kAruzhan, kNoConsent, &aruzhan).ok());
  ASSERT_EQ(aruzhan.documents.size(), 1u);
  EXPECT_EQ(aruzhan.documents[0].kind, "birth_certificate");
  EXPECT_FALSE(aruzhan.documents[0].expiry_date.has_value());
}

TEST_F(StateSystemsTest, UnknownIinIsNotFound) {
  HttpStateSystems systems = Systems();
  Person person;
  person.name = "unchanged";
  const Status s = systems.PersonByIin(kUnknown, kNoConsent, &person);
  EXPECT_EQ(s.kind(), Status::Kind::kNotFound) << s.ToString();
  EXPECT_EQ(s.code(), "person_not_found");
  EXPECT_EQ(person.name, "unchanged");
  std::vector<CivilRecord> records;
  EXPECT_EQ(systems.CivilRecords(kUnknown, kWithConsent, &records).code(), "person_not_found");
}

TEST_F(StateSystemsTest, WrongCheckDigitNeverLeaves) {
  HttpStateSystems systems = Systems();
  Person person;
  EXPECT_EQ(systems.PersonByIin("850314301121", kNoConsent, &person).code(), "invalid_iin");
  EXPECT_EQ(systems.PersonByIin("85031430112", kNoConsent, &person).code(), "invalid_iin");
  EXPECT_EQ(systems.PersonByIin("../healthz", kNoConsent, &person).code(), "invalid_iin");
}

TEST_F(StateSystemsTest, CivilRecords) {
  HttpStateSystems systems = Systems();
  std::vector<CivilRecord> records;
  ASSERT_TRUE(systems.CivilRecords(kSerik, kWithConsent, &records).ok());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].kind, CivilRecord::Kind::kBirth);
  EXPECT_EQ(records[1].kind, CivilRecord::Kind::kMarriage);
  EXPECT_EQ(records[2].kind, CivilRecord::Kind::kDeath);
  EXPECT_EQ(CivilRecordKindName(records[2].kind), std::string("death"));
  EXPECT_EQ(records[2].number, "2024-0061");
  EXPECT_EQ(records[2].date.ToString(), "2024-01-15");
  EXPECT_EQ(records[2].registry_office, "Шымкент қаласының АХАЖ бөлімі");
}

TEST_F(StateSystemsTest, RealEstate) {
  HttpStateSystems systems = Systems();
  std::vector<Property> properties;
  ASSERT_TRUE(systems.RealEstate(kSerik, kWithConsent, &properties).ok());
  ASSERT_EQ(properties.size(), 2u);
  EXPECT_EQ(properties[0].cadastral_number, "22:330:018:442");
  EXPECT_EQ(properties[0].kind, "house");
  EXPECT_EQ(properties[0].address, "Шымкент қ., Әл-Фараби ауданы, Төле би к-сі, 118");
  EXPECT_EQ(properties[0].share_numerator, 1);
  EXPECT_EQ(properties[0].share_denominator, 1);
  EXPECT_EQ(properties[1].kind, "land");
  EXPECT_EQ(properties[1].share_numerator, 1);
  EXPECT_EQ(properties[1].share_denominator, 2);

  properties.clear();
  ASSERT_TRUE(systems.RealEstate(kAruzhan, kWithConsent, &properties).ok());
  EXPECT_TRUE(properties.empty());
}

TEST_F(StateSystemsTest, ProtectedDataWithoutConsentIsRefused) {
  HttpStateSystems systems = Systems();
  std::vector<CivilRecord> records;
  Status s = systems.CivilRecords(kSerik, kNoConsent, &records);
  EXPECT_EQ(s.kind(), Status::Kind::kForbidden) << s.ToString();
  EXPECT_EQ(s.code(), "consent_required");
  EXPECT_TRUE(records.empty());
  std::vector<Property> properties;
  EXPECT_EQ(systems.RealEstate(kSerik, kNoConsent, &properties).code(), "consent_required");
  // The refusal does not tell whether the person exists.
  EXPECT_EQ(systems.RealEstate(kUnknown, kNoConsent, &properties).code(), "consent_required");
}

TEST_F(StateSystemsTest, EveryCallNamesWhoAndWhy) {
  HttpStateSystems systems = Systems();
  Person person;
  EXPECT_EQ(systems.PersonByIin(kTolegen, {"C-1", "", "purpose"}, &person).code(),
            "bad_fetch_context");
  EXPECT_EQ(systems.PersonByIin(kTolegen, {"C-1", "E-1", ""}, &person).code(), "bad_fetch_context");

  // The stand-in itself refuses such a request, and a malformed IIN.
  net::HttpCall call;
  call.url = base_url_ + "/persons/" + kTolegen;
  net::HttpReply reply;
  ASSERT_TRUE(net::HttpRequest(call, &reply).ok());
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("missing_context"), std::string::npos) << reply.body;
  call.url = base_url_ + "/persons/850314301121";
  call.headers = {{"X-Employee-Id", "E-1"}, {"X-Purpose", "test"}};
  ASSERT_TRUE(net::HttpRequest(call, &reply).ok());
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("invalid_iin"), std::string::npos) << reply.body;
  call.url = base_url_ + "/persons/" + kTolegen + "/bank-accounts";
  ASSERT_TRUE(net::HttpRequest(call, &reply).ok());
  EXPECT_EQ(reply.status, 404);
}

TEST_F(StateSystemsTest, ServerDownIsUnavailable) {
  HttpStateSystems systems = Systems();
  Person person;
  ASSERT_TRUE(systems.PersonByIin(kTolegen, kNoConsent, &person).ok());
  Stop();
  const Status s = systems.PersonByIin(kTolegen, kNoConsent, &person);
  EXPECT_EQ(s.kind(), Status::Kind::kUnavailable) << s.ToString();
  EXPECT_EQ(s.code(), "state_system_unavailable");
  std::vector<CivilRecord> records;
  EXPECT_EQ(systems.CivilRecords(kSerik, kWithConsent, &records).code(),
            "state_system_unavailable");
}

}  // namespace
}  // namespace tereze::gbd
