// A small blocking HTTP/1.1 client for talking to the systems around Tereze: the Kannel SMS
// gateway (notify/) and the state information systems (gbd/). One call is one connection
// ("Connection: close"): these calls are few, and a fresh connection cannot be one the other
// side has half-closed. Plain http:// only; both peers sit on a trusted network or loopback.
//
// Beast lives in http_client.cc alone; this header is cheap to include.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace tereze::net {

struct Url {
  std::string host;    // a name, an IPv4 address, or an IPv6 address without brackets
  uint16_t port = 80;  // 1..65535
  std::string target;  // the path and query, as given: "/cgi-bin/sendsms?user=x"; at least "/"
};

// Parses "http://HOST[:PORT][/PATH][?QUERY][#FRAGMENT]"; the scheme is case-insensitive, the
// fragment is dropped (it is never sent). Refused: other schemes, user info ("user@host"),
// spaces and control characters anywhere, an empty host, a port outside 1..65535. Returns
// Malformed("bad_url", why); on failure *out is unchanged.
Status ParseUrl(std::string_view text, Url* out);

// Percent-encodes everything but the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~),
// byte by byte, so UTF-8 text becomes %D3%A8... and a space becomes %20. Safe for a query
// value and for a path segment.
std::string UrlEncode(std::string_view text);

struct HttpCall {
  std::string method = "GET";
  std::string url;
  // Sent as given, after Host, User-Agent and Connection; names and values must not hold CR,
  // LF or NUL (a value from outside cannot smuggle in a header or a second request).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent with Content-Length when not empty (or when the method is POST/PUT)
  // The whole call: name resolution, connect, send, and the last byte of the response. A
  // numeric host needs no resolver; a name is resolved by the system, whose own timeouts
  // (resolv.conf) apply on top when the resolver hangs.
  int64_t timeout_ms = 5000;
  size_t max_response_body_bytes = size_t{1} << 20;
  size_t max_response_header_bytes = size_t{16} << 10;
};

struct HttpReply {
  int status = 0;  // 100..599
  // In the order received; names as the server spelled them.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first value of a header, the name compared case-insensitively; "" when absent.
  std::string Header(std::string_view name) const;
};

// Sends one request and reads the whole response. Any HTTP status is Ok here: deciding what a
// 404 or a 503 means is the caller's business. Failures:
//   Malformed("bad_url" | "bad_request", ...)       the call itself is wrong; no I/O was done
//   Unavailable("upstream_unavailable", ...)        resolve/connect/send/receive failed, or the
//                                                   peer closed before a whole response
//   Unavailable("upstream_timeout", ...)            timeout_ms passed
//   Unavailable("upstream_bad_response", ...)       not HTTP, or headers/body over the limits
// Messages name the host and port, never the target: a query may hold a password or a phone.
// On failure *reply is unchanged.
Status HttpRequest(const HttpCall& call, HttpReply* reply);

}  // namespace tereze::net
