// Data from the state information systems (R10, R27) through the API, with
// the real tereze-gbd standing in for them: only with a recorded consent,
// and every fetch logged with who and why.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "support/fixture.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

// tereze-gbd on a free port, stopped with the test.
class GbdProcess {
 public:
  bool Start() {
    const char* bin = std::getenv("TEREZE_GBD_BIN");
    if (!bin) return false;
    int fds[2];
    if (pipe(fds) != 0) return false;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      std::string data = std::string(TEREZE_SOURCE_DIR) + "/data/gbd/people.json";
      execl(bin, bin, "--listen", "127.0.0.1:0", "--data", data.c_str(), nullptr);
      _exit(127);
    }
    close(fds[1]);
    FILE* out = fdopen(fds[0], "r");
    char line[256] = {0};
    bool ok = fgets(line, sizeof line, out) != nullptr;
    fclose(out);
    std::string text = line;
    size_t colon = text.rfind(':');
    if (!ok || colon == std::string::npos) return false;
    url_ = "http://127.0.0.1:" + text.substr(colon + 1, text.find_last_not_of("\r\n") - colon);
    return true;
  }
  ~GbdProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  const std::string& url() const { return url_; }

 private:
  pid_t pid_ = -1;
  std::string url_;
};

class StateDataTest : public ServerTest {
 protected:
  void Configure(http::ServiceOptions& options) override {
    started_ = gbd_.Start();
    options.gbd_url = gbd_.url();
  }
  void SetUp() override {
    if (!std::getenv("TEREZE_GBD_BIN")) GTEST_SKIP() << "TEREZE_GBD_BIN is not set";
    ServerTest::SetUp();
    ASSERT_TRUE(started_) << "tereze-gbd did not start";
  }
  GbdProcess gbd_;
  bool started_ = false;
};

constexpr char kIin[] = "850314301120";  // Жүсіпбеков Төлеген Шаһмарұлы in data/gbd/people.json

TEST_F(StateDataTest, OnlyWithARecordedConsentAndEveryFetchLoggedR10) {
  Client c(port_);
  std::string base = std::string("/api/v1/persons/") + kIin;
  auto refused = c.Get(base + "?consent=WC-9&purpose=00803008", Token("operator"));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.error_code(), "consent_required");
  // Refused before asking: nothing was fetched, so nothing is logged as fetched.
  EXPECT_EQ(c.Get("/api/v1/state-fetches", Token("auditor")).json()["items"].size(), 0u);

  Json consent = {{"kind", "written"}, {"iin", kIin}, {"reference", "WC-9"}, {"scope", "00803008"}};
  ASSERT_EQ(c.Post("/api/v1/consents", consent.dump(), Token("operator")).status, 201);
  auto person = c.Get(base + "?consent=WC-9&purpose=00803008", Token("operator"));
  ASSERT_EQ(person.status, 200) << person.body;
  EXPECT_EQ(person.json()["surname"], "Жүсіпбеков");
  EXPECT_EQ(person.json()["patronymic"], "Шаһмарұлы");
  auto civil = c.Get(base + "/civil-records?consent=WC-9&purpose=00803008", Token("operator"));
  ASSERT_EQ(civil.status, 200) << civil.body;
  EXPECT_GE(civil.json()["items"].size(), 1u);
  EXPECT_EQ(civil.json()["items"][0]["kind"], "birth");
  EXPECT_EQ(c.Get(base + "/real-estate?consent=WC-9", Token("operator")).error_code(),
            "invalid_field");  // no purpose: no fetch
  EXPECT_EQ(
      c.Get("/api/v1/persons/850314301121?consent=WC-9&purpose=x", Token("operator")).error_code(),
      "invalid_iin");
  EXPECT_EQ(c.Get(base + "?consent=WC-9&purpose=x", Token("issuance")).status, 403);

  auto log = c.Get(std::string("/api/v1/state-fetches?iin=") + kIin, Token("auditor"));
  ASSERT_EQ(log.status, 200);
  Json items = log.json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["source"], "person");
  EXPECT_EQ(items[0]["employee_id"], 1);
  EXPECT_EQ(items[0]["purpose"], "00803008");
  EXPECT_EQ(items[0]["consent_reference"], "WC-9");
  EXPECT_EQ(items[1]["source"], "civil_records");
  EXPECT_EQ(items[1]["outcome"], "ok");
}

TEST_F(StateDataTest, UnknownPersonIsNotFoundAndLogged) {
  Client c(port_);
  const std::string unknown = "850314301130";
  Json consent = {{"kind", "written"}, {"iin", unknown}, {"reference", "WC-10"}, {"scope", "x"}};
  ASSERT_EQ(c.Post("/api/v1/consents", consent.dump(), Token("operator")).status, 201);
  auto r = c.Get("/api/v1/persons/" + unknown + "?consent=WC-10&purpose=x", Token("operator"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_code(), "person_not_found");
  auto log = c.Get("/api/v1/state-fetches?iin=" + unknown, Token("auditor"));
  ASSERT_EQ(log.json()["items"].size(), 1u);
  EXPECT_EQ(log.json()["items"][0]["outcome"], "person_not_found");
}

}  // namespace
}  // namespace tereze::testing
