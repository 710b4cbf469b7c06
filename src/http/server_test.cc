// HTTP mechanics against a real server in-process: error shapes, limits,
// keep-alive, request ids, static files, metrics, overload.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>

#include "support/fixture.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

void ExpectErrorShape(const HttpResult& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  Json j = r.json();
  ASSERT_TRUE(j.is_object()) << r.body;
  ASSERT_TRUE(j.contains("error")) << r.body;
  EXPECT_EQ(j["error"]["code"], code) << r.body;
  EXPECT_TRUE(j["error"]["message"].is_string());
  EXPECT_TRUE(j["error"].contains("details"));
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
}

class Http : public ServerTest {};

TEST_F(Http, HealthAndReadiness) {
  Client c(port_);
  auto h = c.Get("/healthz");
  EXPECT_EQ(h.status, 200);
  // The server reads time from its one clock: here the test clock.
  EXPECT_EQ(h.json()["now"].get<std::string>().substr(0, 16), "2026-11-24T05:00");
  auto r = c.Get("/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["status"], "ready");
}

TEST_F(Http, UnknownRouteIs404AndWrongMethodIs405) {
  Client c(port_);
  ExpectErrorShape(c.Get("/api/v1/no-such-thing"), 404, "not_found");
  ExpectErrorShape(c.Request("DELETE", "/api/v1/auth/login"), 405, "method_not_allowed");
  ExpectErrorShape(c.Request("PUT", "/healthz"), 405, "method_not_allowed");
}

TEST_F(Http, MalformedJsonIs400AndChangesNothing) {
  Client c(port_);
  std::string admin = Token("admin");
  auto before = c.Get("/api/v1/audit?limit=500", Token("auditor")).json()["items"].size();
  ExpectErrorShape(c.Post("/api/v1/employees", "{\"login\": ", admin), 400, "invalid_json");
  ExpectErrorShape(c.Post("/api/v1/employees", "[1,2]", admin), 400, "invalid_body");
  ExpectErrorShape(
      c.Post("/api/v1/employees",
             R"({"login":"x-1","surname":5,"name":"N","position":"P","roles":["operator"]})",
             admin),
      400, "invalid_type");
  ExpectErrorShape(
      c.Post("/api/v1/employees",
             R"({"login":"x-1","surnam":"S","name":"N","position":"P","roles":["operator"]})",
             admin),
      400, "unknown_field");
  auto after = c.Get("/api/v1/audit?limit=500", Token("auditor")).json()["items"].size();
  EXPECT_EQ(before, after);
  EXPECT_EQ(c.Get("/api/v1/employees?limit=500", admin).json()["items"].size(), 10u);
}

TEST_F(Http, BodyOverOneMebibyteIs413) {
  Client c(port_);
  std::string big(1024 * 1024 + 1, 'x');
  auto r = c.Post("/api/v1/employees", big, Token("admin"));
  ExpectErrorShape(r, 413, "body_too_large");
  // A body just under the limit is read (and refused as JSON, not as size).
  Client c2(port_);
  std::string fits = "\"" + std::string(1024 * 1024 - 10, 'y') + "\"";
  ExpectErrorShape(c2.Post("/api/v1/employees", fits, Token("admin")), 400, "invalid_body");
}

TEST_F(Http, KeepAliveServesManyRequestsOnOneConnection) {
  Client c(port_);
  for (int i = 0; i < 20; ++i) ASSERT_EQ(c.Get("/healthz").status, 200);
  EXPECT_EQ(c.connections_opened(), 1);
}

TEST_F(Http, EveryResponseHasARequestIdAndAnIncomingOneIsKept) {
  Client c(port_);
  auto a = c.Get("/healthz");
  auto b = c.Get("/api/v1/nope");
  ASSERT_TRUE(a.headers.count("x-request-id"));
  ASSERT_TRUE(b.headers.count("x-request-id"));
  EXPECT_NE(a.headers["x-request-id"], b.headers["x-request-id"]);
  auto d = c.Request("GET", "/healthz", "", {{"X-Request-Id", "desk-7-abc"}});
  EXPECT_EQ(d.headers["x-request-id"], "desk-7-abc");
  // A request id that could forge log lines is replaced.
  auto e = c.Request("GET", "/healthz", "", {{"X-Request-Id", "a\"b"}});
  EXPECT_NE(e.headers["x-request-id"], "a\"b");
}

TEST_F(Http, AccessLogIsOneJsonObjectPerRequest) {
  Client c(port_);
  c.Request("GET", "/healthz", "", {{"X-Request-Id", "log-check-1"}});
  c.Get("/api/v1/nope");
  std::ifstream in(dir_ + "/access.log");
  std::string line;
  bool found = false;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    Json j = Json::parse(line, nullptr, false);
    ASSERT_TRUE(j.is_object()) << line;
    if (j["request_id"] == "log-check-1") {
      found = true;
      EXPECT_EQ(j["status"], 200);
      EXPECT_EQ(j["path"], "/healthz");
      EXPECT_TRUE(j["duration_ms"].is_number());
    }
  }
  EXPECT_TRUE(found);
  EXPECT_GE(lines, 2);
}

TEST_F(Http, MalformedHttpIs400) {
  Client c(port_);
  std::string out = c.Raw("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n");
  EXPECT_NE(out.find("400"), std::string::npos) << out;
}

TEST_F(Http, MetricsArePrometheusText) {
  Client c(port_);
  c.Get("/healthz");
  c.Post("/api/v1/employees",
         R"({"login":"m-1","surname":"S","name":"N","position":"P","roles":["operator"]})",
         Token("admin"));
  auto m = c.Get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.headers["content-type"].find("text/plain"), std::string::npos);
  EXPECT_NE(
      m.body.find(
          "tereze_http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",le="),
      std::string::npos);
  EXPECT_NE(
      m.body.find("tereze_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}"),
      std::string::npos);
  EXPECT_NE(m.body.find("tereze_writer_batch_size_count"), std::string::npos);
  EXPECT_NE(m.body.find("tereze_writer_queue_depth"), std::string::npos);
}

TEST_F(Http, PaginationWithLimitAndOpaqueCursor) {
  Client c(port_);
  std::string admin = Token("admin");
  std::vector<int64_t> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    std::string target = "/api/v1/employees?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor);
    auto r = c.Get(target, admin);
    ASSERT_EQ(r.status, 200) << r.body;
    Json page_json = r.json();
    for (auto& e : page_json["items"]) seen.push_back(e["id"].get<int64_t>());
    if (r.json()["next_cursor"].is_null()) break;
    cursor = r.json()["next_cursor"].get<std::string>();
  }
  ASSERT_EQ(seen.size(), 10u);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_LT(seen[i - 1], seen[i]);
  ExpectErrorShape(c.Get("/api/v1/employees?limit=501", admin), 400, "invalid_limit");
  ExpectErrorShape(c.Get("/api/v1/employees?limit=0", admin), 400, "invalid_limit");
  ExpectErrorShape(c.Get("/api/v1/employees?cursor=12", admin), 400, "invalid_cursor");
}

TEST_F(Http, TestClockEndpointMovesTheServersClock) {
  Client c(port_);
  auto r = c.Post("/api/v1/test/clock", R"({"advance_seconds": 86400})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(c.Get("/healthz").json()["now"].get<std::string>().substr(0, 10), "2026-11-25");
  ExpectErrorShape(c.Post("/api/v1/test/clock", R"({"advance_seconds": -1})"), 422,
                   "invalid_advance");
  ExpectErrorShape(c.Post("/api/v1/test/clock", R"({"advance_seconds": "1"})"), 400,
                   "invalid_type");
}

class HttpWithoutTestClock : public ServerTest {
  void Configure(http::ServiceOptions& o) override { o.test_clock.clear(); }
};

TEST_F(HttpWithoutTestClock, TestClockEndpointDoesNotExist) {
  Client c(port_);
  ExpectErrorShape(c.Post("/api/v1/test/clock", R"({"advance_seconds": 1})"), 404, "not_found");
}

class HttpStatic : public ServerTest {
  void Configure(http::ServiceOptions& o) override {
    web_ = FreshDir();
    std::filesystem::create_directories(web_ + "/assets");
    std::ofstream(web_ + "/index.html") << "<!doctype html><title>Tereze</title>";
    std::ofstream(web_ + "/assets/app-1a2b.js") << "console.log('қ')";
    std::ofstream(web_ + "/assets/app-1a2b.css") << "body{}";
    o.server.web_dir = web_;
  }
  void TearDown() override {
    ServerTest::TearDown();
    std::filesystem::remove_all(web_);
  }

 protected:
  std::string web_;
};

TEST_F(HttpStatic, ServesFilesWithTheirContentTypes) {
  Client c(port_);
  auto index = c.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  auto js = c.Get("/assets/app-1a2b.js");
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body, "console.log('қ')");
  EXPECT_NE(js.headers["cache-control"].find("immutable"), std::string::npos);
  EXPECT_EQ(c.Get("/assets/app-1a2b.css").headers["content-type"], "text/css; charset=utf-8");
  // A page of the front end's own routing gets the application.
  auto page = c.Get("/queue/board");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Tereze"), std::string::npos);
  EXPECT_EQ(c.Get("/assets/missing.js").status, 404);
  EXPECT_EQ(c.Get("/../../etc/passwd").status, 404);
  EXPECT_EQ(c.Get("/%2e%2e/%2e%2e/etc/passwd").status, 404);
}

class HttpOverloaded : public ServerTest {
  void Configure(http::ServiceOptions& o) override { o.database.writer.max_queue = 1; }
};

TEST_F(HttpOverloaded, FullWriteQueueAnswers503WithRetryAfter) {
  std::string admin = Token("admin");
  // Hold the writer busy with one command, and fill the one queue slot.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  auto& writer = service_->db().writer();
  ASSERT_TRUE(writer
                  .Submit(
                      [&started, released](store::WriteTx&) {
                        started.set_value();
                        released.wait();
                        return Status::Ok();
                      },
                      nullptr)
                  .ok());
  started.get_future().wait();
  ASSERT_TRUE(writer.Submit([](store::WriteTx&) { return Status::Ok(); }, nullptr).ok());
  Client c(port_);
  auto r = c.Request("PATCH", "/api/v1/employees/1", R"({"position":"Аға оператор"})",
                     {{"Authorization", "Bearer " + admin}});
  ExpectErrorShape(r, 503, "overloaded");
  EXPECT_EQ(r.headers["retry-after"], "1");
  release.set_value();
  // Once the writer drains, the same write goes through.
  for (int i = 0; i < 100 && writer.queue_depth() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto ok = c.Request("PATCH", "/api/v1/employees/1", R"({"position":"Аға оператор"})",
                      {{"Authorization", "Bearer " + admin}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["position"], "Аға оператор");
}

}  // namespace
}  // namespace tereze::testing

namespace tereze::testing {
namespace {

class HttpTimeouts : public ServerTest {
  void Configure(http::ServiceOptions& o) override {
    o.server.header_timeout_ms = 300;
    o.server.body_timeout_ms = 300;
  }
};

TEST_F(HttpTimeouts, AnIdleConnectionIsClosed) {
  Client c(port_);
  // Nothing sent: the server closes the connection after the idle timeout.
  auto started = std::chrono::steady_clock::now();
  std::string out = c.Raw("");
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(out, "");
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::seconds(5));
}

TEST_F(HttpTimeouts, ABodyThatNeverArrivesIsCutOff) {
  Client c(port_);
  auto started = std::chrono::steady_clock::now();
  std::string out =
      c.Raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"lo");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(out.find("200 OK"), std::string::npos);
}

}  // namespace
}  // namespace tereze::testing
