#include "support/client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace tereze::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

nlohmann::json HttpResult::json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

std::string HttpResult::error_code() const {
  auto j = json();
  if (j.is_object() && j.contains("error") && j["error"].contains("code")) {
    return j["error"]["code"].get<std::string>();
  }
  return "";
}

struct Client::Impl {
  net::io_context ioc;
  std::unique_ptr<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  uint16_t port;
};

Client::Client(uint16_t port) : impl_(std::make_unique<Impl>()) { impl_->port = port; }
Client::~Client() = default;

HttpResult Client::Request(const std::string& method, const std::string& target,
                           const std::string& body,
                           const std::map<std::string, std::string>& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!impl_->stream) {
      impl_->stream = std::make_unique<beast::tcp_stream>(impl_->ioc);
      impl_->stream->connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), impl_->port));
      impl_->buffer.clear();
      ++connections_;
    }
    bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
    req.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    impl_->stream->expires_after(std::chrono::seconds(30));
    bhttp::write(*impl_->stream, req, ec);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    if (method == "HEAD") parser.skip(true);
    if (!ec) bhttp::read(*impl_->stream, impl_->buffer, parser, ec);
    if (ec) {
      // The server closed an idle keep-alive connection: reconnect once.
      impl_->stream.reset();
      if (attempt == 0) continue;
      return HttpResult{0, {}, "transport error: " + ec.message()};
    }
    auto res = parser.release();
    HttpResult out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value(field.value());
      auto& slot = out.headers[name];
      slot = slot.empty() ? value : slot + "\n" + value;
    }
    out.body = std::move(res.body());
    if (!res.keep_alive()) impl_->stream.reset();
    return out;
  }
  return {};
}

HttpResult Client::Get(const std::string& target, const std::string& token) {
  std::map<std::string, std::string> h;
  if (!token.empty()) h["Authorization"] = "Bearer " + token;
  return Request("GET", target, "", h);
}

HttpResult Client::Post(const std::string& target, const std::string& body,
                        const std::string& token) {
  std::map<std::string, std::string> h;
  if (!token.empty()) h["Authorization"] = "Bearer " + token;
  return Request("POST", target, body, h);
}

std::string Client::Raw(const std::string& bytes, size_t max_bytes) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), impl_->port));
  ++connections_;
  beast::error_code ec;
  net::write(socket, net::buffer(bytes), ec);
  std::string out;
  char buf[4096];
  while (out.size() < max_bytes) {
    size_t n = socket.read_some(net::buffer(buf), ec);
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

std::string LoginToken(uint16_t port, const std::string& login, const std::string& password) {
  Client c(port);
  auto r =
      c.Post("/api/v1/auth/login", nlohmann::json{{"login", login}, {"password", password}}.dump());
  if (r.status != 200) return "";
  return r.json()["token"].get<std::string>();
}

}  // namespace tereze::testing
