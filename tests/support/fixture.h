// A real server in the test process: a fresh SQLite database with the demo
// loaded, a test clock, any free port. Each test gets its own.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "app/catalog.h"
#include "app/demo.h"
#include "http/service.h"
#include "store/connection.h"
#include "support/client.h"

namespace tereze::testing {

inline std::string FreshDir() {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() /
             ("tereze-http-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

class ServerTest : public ::testing::Test {
 protected:
  // Tests may adjust before SetUp runs the server.
  virtual void Configure(http::ServiceOptions&) {}

  void SetUp() override {
    dir_ = FreshDir();
    http::ServiceOptions options;
    options.db_url = "sqlite:" + dir_ + "/t.db";
    // TEREZE_TEST_PG: the same tests against a real PostgreSQL, emptied first.
    if (const char* pg = std::getenv("TEREZE_TEST_PG"); pg != nullptr && *pg != '\0') {
      options.db_url = pg;
      std::unique_ptr<store::Connection> conn;
      ASSERT_TRUE(store::Open(pg, &conn).ok());
      ASSERT_TRUE(conn->ExecuteScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;").ok());
    }
    options.test_clock = "2026-11-24T10:00:00+05:00";  // a Tuesday, the center is open
    options.server.port = 0;
    options.server.access_log = dir_ + "/access.log";
    Configure(options);
    Status s = http::Service::Start(options, &service_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    app::DemoSummary demo;
    s = app::LoadDemo(service_->app(), &demo);
    ASSERT_TRUE(s.ok()) << s.ToString();
    branch_id_ = demo.branch_id;
    service_->RunInBackground();
    port_ = service_->port();
  }

  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Imports data/catalog/services.json, as `tereze demo` does.
  void ImportShippedCatalog() {
    std::ifstream in(std::string(TEREZE_SOURCE_DIR) + "/data/catalog/services.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    app::ImportResult result;
    Status s = app::ImportCatalog(service_->app(), nullptr, text, "services.json", &result);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::string Token(const std::string& login) {
    auto it = tokens_.find(login);
    if (it != tokens_.end()) return it->second;
    std::string t = LoginToken(port_, login);
    EXPECT_FALSE(t.empty()) << "login failed for " << login;
    tokens_[login] = t;
    return t;
  }

  std::string dir_;
  std::unique_ptr<http::Service> service_;
  uint16_t port_ = 0;
  int64_t branch_id_ = 0;
  std::map<std::string, std::string> tokens_;
};

}  // namespace tereze::testing
