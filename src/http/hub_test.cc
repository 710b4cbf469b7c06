// Live events over WebSocket: a subscriber of its branch hears changes made
// there, and may not listen to another branch.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "support/fixture.h"

namespace tereze::testing {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using Json = nlohmann::json;

class Hub : public ServerTest {
 protected:
  // Opens a WebSocket with the token; returns the handshake's HTTP status.
  int Connect(websocket::stream<beast::tcp_stream>& ws, const std::string& token,
              const std::string& target) {
    beast::get_lowest_layer(ws).connect(
        net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
    websocket::response_type res;
    beast::error_code ec;
    ws.set_option(websocket::stream_base::decorator([token](websocket::request_type& req) {
      req.set(beast::http::field::authorization, "Bearer " + token);
    }));
    ws.handshake(res, "127.0.0.1", target, ec);
    return static_cast<int>(res.result_int());
  }

  Json Next(websocket::stream<beast::tcp_stream>& ws) {
    beast::flat_buffer buffer;
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(5));
    ws.read(buffer);
    return Json::parse(beast::buffers_to_string(buffer.data()));
  }
};

TEST_F(Hub, BranchSubscriberHearsChangesInTheBranch) {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws(ioc);
  ASSERT_EQ(Connect(ws, Token("manager"), "/api/v1/ws"), 101);
  Json hello = Next(ws);
  EXPECT_EQ(hello["type"], "hello");
  EXPECT_EQ(hello["topics"], Json::array({"branch:1"}));

  Client c(port_);
  auto r = c.Post(
      "/api/v1/employees",
      R"({"login":"ws-new","surname":"S","name":"N","position":"P","branch_id":1,"roles":["consultant"]})",
      Token("admin"));
  ASSERT_EQ(r.status, 201) << r.body;
  Json event = Next(ws);
  EXPECT_EQ(event["topic"], "branch:1");
  EXPECT_EQ(event["event"]["type"], "employee.created");
  EXPECT_EQ(event["event"]["employee_id"], r.json()["id"]);
}

TEST_F(Hub, AnotherBranchsTopicIsForbiddenAndNoSessionIs401) {
  auto upgrade = [&](const std::string& token, const std::string& target) {
    Client c(port_);
    return c.Request("GET", target, "",
                     {{"Authorization", "Bearer " + token},
                      {"Connection", "Upgrade"},
                      {"Upgrade", "websocket"},
                      {"Sec-WebSocket-Version", "13"},
                      {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
  };
  auto other = upgrade(Token("operator"), "/api/v1/ws?topics=branch:2");
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.error_code(), "forbidden");
  EXPECT_EQ(upgrade(std::string(64, 'f'), "/api/v1/ws").status, 401);
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws3(ioc);
  EXPECT_EQ(Connect(ws3, Token("central"), "/api/v1/ws?topics=branch:1,branch:2"), 101);
}

// The dashboard feed asks which dashboard topics are followed, and whether
// someone new came (so that a newcomer gets the numbers at once).
TEST(HubTopics, FollowedTopicsWithTheirSubscriptionsSoFar) {
  struct Sink : http::Subscriber {
    void Send(std::shared_ptr<const std::string>) override {}
  };
  http::Hub hub;
  auto a = std::make_shared<Sink>();
  auto b = std::make_shared<Sink>();
  ASSERT_TRUE(hub.Subscribe(a, {"dashboard:1", "branch:1"}));
  ASSERT_TRUE(hub.Subscribe(b, {"dashboard:1", "dashboard:all"}));
  auto topics = hub.TopicsWithPrefix("dashboard:");
  EXPECT_EQ(topics, (std::map<std::string, uint64_t>{{"dashboard:1", 2}, {"dashboard:all", 1}}));
  hub.Unsubscribe(b.get());
  // Still two subscriptions made to dashboard:1; dashboard:all has nobody and is gone.
  EXPECT_EQ(hub.TopicsWithPrefix("dashboard:"),
            (std::map<std::string, uint64_t>{{"dashboard:1", 2}}));
  hub.Unsubscribe(a.get());
  EXPECT_TRUE(hub.TopicsWithPrefix("dashboard:").empty());
}

}  // namespace
}  // namespace tereze::testing
