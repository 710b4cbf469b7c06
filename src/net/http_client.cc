#include "net/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>

namespace tereze::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr size_t kMaxUrlBytes = 8192;
constexpr size_t kMaxMethodBytes = 16;

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

Status BadUrl(const std::string& why) { return Status::Malformed("bad_url", why); }

// Refuses what would let a value change the request's framing.
bool SafeHeaderText(std::string_view s) {
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool ValidHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!IsAlnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

bool ValidMethod(std::string_view method) {
  if (method.empty() || method.size() > kMaxMethodBytes) return false;
  for (char c : method) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

Status Unavailable(const std::string& where, const beast::error_code& ec) {
  if (ec == beast::error::timeout) {
    return Status::Unavailable("upstream_timeout", where + ": timed out");
  }
  if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit ||
      ec == bhttp::error::buffer_overflow) {
    return Status::Unavailable("upstream_bad_response", where + ": response too large");
  }
  // end_of_stream and partial_message: the peer closed early, as a restarting server does.
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_version).category() &&
      ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
    return Status::Unavailable("upstream_bad_response", where + ": " + ec.message());
  }
  return Status::Unavailable("upstream_unavailable", where + ": " + ec.message());
}

// Runs the io_context until its queued operation completes. Every operation carries the
// call's deadline (the stream's timer or run_until), so this cannot wait forever.
void RunOnce(asio::io_context& ioc) {
  ioc.run();
  ioc.restart();
}

}  // namespace

Status ParseUrl(std::string_view text, Url* out) {
  if (text.size() > kMaxUrlBytes) return BadUrl("the URL is longer than 8192 bytes");
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return BadUrl("a space, control or non-ASCII byte in the URL");
  }
  constexpr std::string_view kScheme = "http://";
  if (text.size() < kScheme.size() || !EqualsIgnoreCase(text.substr(0, kScheme.size()), kScheme)) {
    return BadUrl("only http:// URLs are supported");
  }
  std::string_view rest = text.substr(kScheme.size());
  const size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return BadUrl("user info in a URL is not supported");
  }

  Url url;
  std::string_view port;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return BadUrl("unterminated IPv6 address");
    url.host = std::string(authority.substr(1, close - 1));
    for (char c : url.host) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') {
        return BadUrl("bad IPv6 address");
      }
    }
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return BadUrl("junk after the IPv6 address");
      port = after.substr(1);
      has_port = true;
    }
  } else {
    const size_t colon = authority.find(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      has_port = true;
    }
    for (char c : url.host) {
      if (!IsAlnum(c) && c != '-' && c != '.') return BadUrl("bad character in the host name");
    }
  }
  if (url.host.empty()) return BadUrl("the URL has no host");
  if (has_port) {
    if (port.empty() || port.size() > 5) return BadUrl("bad port");
    int value = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return BadUrl("bad port");
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) return BadUrl("port outside 1..65535");
    url.port = static_cast<uint16_t>(value);
  }

  tail = tail.substr(0, tail.find('#'));
  if (tail.empty() || tail.front() == '?') {
    url.target = "/" + std::string(tail);
  } else {
    url.target = std::string(tail);
  }
  *out = std::move(url);
  return Status::Ok();
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    if (IsAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      const auto u = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0f]);
    }
  }
  return out;
}

std::string HttpReply::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

Status HttpRequest(const HttpCall& call, HttpReply* reply) {
  Url url;
  Status s = ParseUrl(call.url, &url);
  if (!s.ok()) return s;
  if (!ValidMethod(call.method)) {
    return Status::Malformed("bad_request", "the method must be 1-16 capital letters");
  }
  for (const auto& [name, value] : call.headers) {
    if (!ValidHeaderName(name) || !SafeHeaderText(value)) {
      return Status::Malformed("bad_request", "bad header name or value: " + name);
    }
  }
  if (call.timeout_ms <= 0) return Status::Malformed("bad_request", "timeout_ms must be positive");

  const bool ipv6 = url.host.find(':') != std::string::npos;
  const std::string host_port =
      (ipv6 ? "[" + url.host + "]" : url.host) + ":" + std::to_string(url.port);
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(call.timeout_ms);

  asio::io_context ioc;
  beast::error_code ec;
  std::vector<tcp::endpoint> endpoints;
  boost::system::error_code address_ec;
  const asio::ip::address address = asio::ip::make_address(url.host, address_ec);
  if (!address_ec) {
    endpoints.emplace_back(address, url.port);
  } else {
    tcp::resolver resolver(ioc);
    bool resolved = false;
    resolver.async_resolve(url.host, std::to_string(url.port),
                           [&](const beast::error_code& e, const tcp::resolver::results_type& r) {
                             ec = e;
                             for (const auto& entry : r) endpoints.push_back(entry.endpoint());
                             resolved = true;
                           });
    ioc.run_until(deadline);
    if (!resolved) {
      resolver.cancel();
      ioc.restart();
      ioc.run();
      return Status::Unavailable("upstream_timeout", host_port + ": name resolution timed out");
    }
    ioc.restart();
    if (ec) return Unavailable(host_port, ec);
    if (endpoints.empty()) {
      return Status::Unavailable("upstream_unavailable", host_port + ": no address");
    }
  }

  beast::tcp_stream stream(ioc);
  stream.expires_at(deadline);
  stream.async_connect(endpoints,
                       [&](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
  RunOnce(ioc);
  if (ec) return Unavailable(host_port, ec);

  bhttp::request<bhttp::string_body> request;
  request.method_string(call.method);
  request.target(url.target);
  request.version(11);
  request.set(bhttp::field::host, url.port == 80 && !ipv6 ? url.host : host_port);
  request.set(bhttp::field::user_agent, "tereze");
  request.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : call.headers) request.insert(name, value);
  request.body() = call.body;
  if (!call.body.empty() || call.method == "POST" || call.method == "PUT" ||
      call.method == "PATCH") {
    request.prepare_payload();
  }

  stream.expires_at(deadline);
  bhttp::async_write(stream, request, [&](const beast::error_code& e, size_t) { ec = e; });
  RunOnce(ioc);
  if (ec) return Unavailable(host_port, ec);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(call.max_response_body_bytes);
  parser.header_limit(static_cast<uint32_t>(call.max_response_header_bytes));
  if (call.method == "HEAD") parser.skip(true);
  // The header first: Beast 1.74's eager parse loses the body_limit error of a Content-Length
  // over the limit, so that one is checked here (chunked and read-to-close bodies are not
  // affected).
  stream.expires_at(deadline);
  bhttp::async_read_header(stream, buffer, parser,
                           [&](const beast::error_code& e, size_t) { ec = e; });
  RunOnce(ioc);
  if (!ec && parser.content_length().value_or(0) > call.max_response_body_bytes) {
    ec = bhttp::error::body_limit;
  }
  if (ec) return Unavailable(host_port, ec);
  if (!parser.is_done()) {
    stream.expires_at(deadline);
    bhttp::async_read(stream, buffer, parser, [&](const beast::error_code& e, size_t) { ec = e; });
    RunOnce(ioc);
    if (ec) return Unavailable(host_port, ec);
  }

  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);

  bhttp::response<bhttp::string_body> response = parser.release();
  HttpReply out;
  out.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(response.body());
  *reply = std::move(out);
  return Status::Ok();
}

}  // namespace tereze::net
