// A small blocking HTTP/1.1 client for the integration tests, with
// keep-alive: one Client is one connection.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace tereze::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie joined by "\n"
  std::string body;
  nlohmann::json json() const;
  std::string error_code() const;  // error.code of an error body, "" otherwise
};

class Client {
 public:
  explicit Client(uint16_t port);
  ~Client();

  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult Get(const std::string& target, const std::string& token = "");
  HttpResult Post(const std::string& target, const std::string& body,
                  const std::string& token = "");
  // Sends raw bytes and returns what came back until the server closed or
  // `max_bytes` arrived.
  std::string Raw(const std::string& bytes, size_t max_bytes = 1 << 16);
  // How many TCP connections this client opened (keep-alive tests).
  int connections_opened() const { return connections_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int connections_ = 0;
};

// Logs in and returns the bearer token ("" on failure).
std::string LoginToken(uint16_t port, const std::string& login,
                       const std::string& password = "tereze-demo");

}  // namespace tereze::testing
