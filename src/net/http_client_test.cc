// Tests for the HTTP client: URL parsing and encoding, and real requests against a one-shot
// server written here with plain sockets (so that the bytes on the wire are the test's own,
// not another Beast's): what is sent, what is read back, and each way a call fails.
#include "net/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace tereze::net {
namespace {

TEST(ParseUrlTest, HostPortTarget) {
  Url url;
  ASSERT_TRUE(ParseUrl("http://127.0.0.1:13013/cgi-bin/sendsms?user=a&x=%20", &url).ok());
  EXPECT_EQ(url.host, "127.0.0.1");
  EXPECT_EQ(url.port, 13013);
  EXPECT_EQ(url.target, "/cgi-bin/sendsms?user=a&x=%20");

  ASSERT_TRUE(ParseUrl("HTTP://gbd.example.kz", &url).ok());
  EXPECT_EQ(url.host, "gbd.example.kz");
  EXPECT_EQ(url.port, 80);
  EXPECT_EQ(url.target, "/");

  ASSERT_TRUE(ParseUrl("http://localhost:8080?q=1#frag", &url).ok());
  EXPECT_EQ(url.target, "/?q=1");

  ASSERT_TRUE(ParseUrl("http://[::1]:9000/a#b", &url).ok());
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, 9000);
  EXPECT_EQ(url.target, "/a");
}

TEST(ParseUrlTest, Refusals) {
  Url url;
  url.host = "unchanged";
  for (const char* bad :
       {"https://127.0.0.1/", "ftp://x/", "127.0.0.1:80/", "http://", "http://:80/",
        "http://host:/", "http://host:0/", "http://host:65536/", "http://host:12a/",
        "http://user:pw@host/", "http://ho st/", "http://host/a b", "http://host/\r\nX: y",
        "http://[::1/", "http://host_name/", "http://хост/"}) {
    const Status s = ParseUrl(bad, &url);
    EXPECT_EQ(s.code(), "bad_url") << bad;
    EXPECT_EQ(s.kind(), Status::Kind::kMalformed) << bad;
  }
  EXPECT_EQ(url.host, "unchanged");
}

TEST(UrlEncodeTest, KeepsUnreservedEncodesTheRest) {
  EXPECT_EQ(UrlEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(UrlEncode("a b&c=d+e/f?%"), "a%20b%26c%3Dd%2Be%2Ff%3F%25");
  EXPECT_EQ(UrlEncode("Ө ә"), "%D3%A8%20%D3%99");
  EXPECT_EQ(UrlEncode(std::string("\0\n", 2)), "%00%0A");
  EXPECT_EQ(UrlEncode(""), "");
}

// Listens on a free loopback port; Serve() answers one connection with canned bytes after
// reading the request head (and as much body as Content-Length says).
class OneShotServer {
 public:
  OneShotServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(fd_, 4);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~OneShotServer() {
    if (thread_.joinable()) thread_.join();
    close(fd_);
  }

  int port() const { return port_; }
  std::string url(const std::string& target) const {
    return "http://127.0.0.1:" + std::to_string(port_) + target;
  }
  // What the client sent (valid once the call returned).
  const std::string& request() const { return request_; }

  void Serve(std::string response) {
    thread_ = std::thread([this, response = std::move(response)] {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 5000) != 1) return;
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      char buf[4096];
      size_t need = std::string::npos;
      while (true) {
        const size_t head = request_.find("\r\n\r\n");
        if (head != std::string::npos && need == std::string::npos) {
          need = head + 4;
          const size_t cl = request_.find("Content-Length: ");
          if (cl != std::string::npos && cl < head) need += std::stoul(request_.substr(cl + 16));
        }
        if (need != std::string::npos && request_.size() >= need) break;
        ssize_t n = read(c, buf, sizeof buf);
        if (n <= 0) break;
        request_.append(buf, static_cast<size_t>(n));
      }
      size_t sent = 0;
      while (sent < response.size()) {
        ssize_t n = write(c, response.data() + sent, response.size() - sent);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
      }
      close(c);
    });
  }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::string request_;
};

TEST(HttpRequestTest, SendsTheCallAndReadsTheReply) {
  OneShotServer server;
  server.Serve(
      "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Thing: a\r\n"
      "Content-Length: 11\r\n\r\n{\"ok\":true}");
  HttpCall call;
  call.method = "POST";
  call.url = server.url("/persons/850314301120?x=1");
  call.headers = {{"X-Employee-Id", "E-17"}, {"Content-Type", "application/json"}};
  call.body = "{\"a\":1}";
  HttpReply reply;
  ASSERT_TRUE(HttpRequest(call, &reply).ok());
  EXPECT_EQ(reply.status, 201);
  EXPECT_EQ(reply.body, "{\"ok\":true}");
  EXPECT_EQ(reply.Header("x-thing"), "a");
  EXPECT_EQ(reply.Header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(reply.Header("absent"), "");

  const std::string& sent = server.request();
  EXPECT_EQ(sent.rfind("POST /persons/850314301120?x=1 HTTP/1.1\r\n", 0), 0u) << sent;
  EXPECT_NE(sent.find("Host: 127.0.0.1:" + std::to_string(server.port()) + "\r\n"),
            std::string::npos);
  EXPECT_NE(sent.find("X-Employee-Id: E-17\r\n"), std::string::npos);
  EXPECT_NE(sent.find("Connection: close\r\n"), std::string::npos);
  EXPECT_NE(sent.find("Content-Length: 7\r\n"), std::string::npos);
  EXPECT_EQ(sent.substr(sent.size() - 7), "{\"a\":1}");
}

TEST(HttpRequestTest, ErrorStatusesAreReplies) {
  OneShotServer server;
  server.Serve("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy");
  HttpCall call;
  call.url = server.url("/");
  HttpReply reply;
  ASSERT_TRUE(HttpRequest(call, &reply).ok());
  EXPECT_EQ(reply.status, 503);
  EXPECT_EQ(reply.body, "busy");
}

TEST(HttpRequestTest, ReadsUntilCloseWithoutContentLength) {
  OneShotServer server;
  server.Serve("HTTP/1.0 200 OK\r\n\r\n0: Accepted for delivery");
  HttpCall call;
  call.url = server.url("/");
  HttpReply reply;
  ASSERT_TRUE(HttpRequest(call, &reply).ok());
  EXPECT_EQ(reply.body, "0: Accepted for delivery");
}

TEST(HttpRequestTest, ConnectionRefusedIsUnavailable) {
  int port = 0;
  { port = OneShotServer().port(); }  // closed again: nothing listens there now
  HttpCall call;
  call.url = "http://127.0.0.1:" + std::to_string(port) + "/secret?password=p";
  HttpReply reply;
  reply.status = 42;
  const Status s = HttpRequest(call, &reply);
  EXPECT_EQ(s.kind(), Status::Kind::kUnavailable);
  EXPECT_EQ(s.code(), "upstream_unavailable");
  EXPECT_EQ(s.message().find("password"), std::string::npos) << s.message();
  EXPECT_EQ(reply.status, 42);
}

TEST(HttpRequestTest, SilentServerTimesOut) {
  // The kernel completes the handshake for a listening socket nobody accepts on.
  OneShotServer server;
  HttpCall call;
  call.url = server.url("/");
  call.timeout_ms = 300;
  HttpReply reply;
  const auto start = std::chrono::steady_clock::now();
  const Status s = HttpRequest(call, &reply);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(s.code(), "upstream_timeout") << s.ToString();
  EXPECT_EQ(s.kind(), Status::Kind::kUnavailable);
  EXPECT_GE(elapsed, std::chrono::milliseconds(250));
  EXPECT_LT(elapsed, std::chrono::milliseconds(3000));
}

TEST(HttpRequestTest, BodyOverTheLimitIsABadResponse) {
  OneShotServer server;
  server.Serve("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n" + std::string(2000, 'x'));
  HttpCall call;
  call.url = server.url("/");
  call.max_response_body_bytes = 1000;
  HttpReply reply;
  const Status s = HttpRequest(call, &reply);
  EXPECT_EQ(s.code(), "upstream_bad_response") << s.ToString();
}

TEST(HttpRequestTest, ChunkedOrUnframedBodyOverTheLimitIsABadResponse) {
  const std::string chunk = "258\r\n" + std::string(600, 'x') + "\r\n";
  for (const std::string& response :
       {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n",
        "HTTP/1.0 200 OK\r\n\r\n" + std::string(2000, 'x')}) {
    OneShotServer server;
    server.Serve(response);
    HttpCall call;
    call.url = server.url("/");
    call.max_response_body_bytes = 1000;
    HttpReply reply;
    const Status s = HttpRequest(call, &reply);
    EXPECT_EQ(s.code(), "upstream_bad_response")
        << s.ToString() << " for " << response.substr(0, 40);
  }
}

TEST(HttpRequestTest, GarbageIsABadResponse) {
  OneShotServer server;
  server.Serve("SSH-2.0-OpenSSH_9.2\r\n\r\n");
  HttpCall call;
  call.url = server.url("/");
  HttpReply reply;
  const Status s = HttpRequest(call, &reply);
  EXPECT_EQ(s.code(), "upstream_bad_response") << s.ToString();
}

TEST(HttpRequestTest, ClosedWithoutAnswerIsUnavailable) {
  OneShotServer server;
  server.Serve("");
  HttpCall call;
  call.url = server.url("/");
  HttpReply reply;
  const Status s = HttpRequest(call, &reply);
  EXPECT_EQ(s.code(), "upstream_unavailable") << s.ToString();
}

TEST(HttpRequestTest, RefusesHeaderInjectionBeforeConnecting) {
  HttpCall call;
  call.url = "http://127.0.0.1:9/";
  call.headers = {{"X-Purpose", "a\r\nX-Consent-Reference: forged"}};
  HttpReply reply;
  EXPECT_EQ(HttpRequest(call, &reply).code(), "bad_request");
  call.headers = {{"Bad Name", "v"}};
  EXPECT_EQ(HttpRequest(call, &reply).code(), "bad_request");
  call.headers.clear();
  call.method = "get";
  EXPECT_EQ(HttpRequest(call, &reply).code(), "bad_request");
  call.method = "GET";
  call.timeout_ms = 0;
  EXPECT_EQ(HttpRequest(call, &reply).code(), "bad_request");
  call.url = "https://127.0.0.1/";
  EXPECT_EQ(HttpRequest(call, &reply).code(), "bad_url");
}

}  // namespace
}  // namespace tereze::net
