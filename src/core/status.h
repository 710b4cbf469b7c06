// Status: the result of an operation that can fail, carried across layers
// instead of exceptions (LevelDB style). A failed Status carries the API
// error code of DESIGN.md ("invalid_iin", "wrong_stage", ...) so that the
// HTTP edge can answer without knowing where the failure came from.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace tereze {

class Status {
 public:
  // The kind decides the HTTP status at the edge; the code names the error.
  enum class Kind {
    kOk,
    kMalformed,     // 400: the request cannot be understood
    kUnauthorized,  // 401
    kForbidden,     // 403
    kNotFound,      // 404
    kConflict,      // 409: wrong state
    kTooLarge,      // 413
    kRefused,       // 422: a rule refused it
    kThrottled,     // 429
    kUnavailable,   // 503: overloaded or the database is down
    kInternal,      // 500: a bug or an I/O failure
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status Malformed(std::string code, std::string message) {
    return Status(Kind::kMalformed, std::move(code), std::move(message));
  }
  static Status Unauthorized(std::string message) {
    return Status(Kind::kUnauthorized, "unauthorized", std::move(message));
  }
  static Status Unauthorized(std::string code, std::string message) {
    return Status(Kind::kUnauthorized, std::move(code), std::move(message));
  }
  static Status Forbidden(std::string message) {
    return Status(Kind::kForbidden, "forbidden", std::move(message));
  }
  static Status Forbidden(std::string code, std::string message) {
    return Status(Kind::kForbidden, std::move(code), std::move(message));
  }
  static Status NotFound(std::string code, std::string message) {
    return Status(Kind::kNotFound, std::move(code), std::move(message));
  }
  static Status Conflict(std::string code, std::string message) {
    return Status(Kind::kConflict, std::move(code), std::move(message));
  }
  static Status TooLarge(std::string code, std::string message) {
    return Status(Kind::kTooLarge, std::move(code), std::move(message));
  }
  static Status Refused(std::string code, std::string message) {
    return Status(Kind::kRefused, std::move(code), std::move(message));
  }
  static Status Throttled(std::string code, std::string message, int64_t retry_after_s) {
    Status s(Kind::kThrottled, std::move(code), std::move(message));
    s.retry_after_s_ = retry_after_s;
    return s;
  }
  static Status Unavailable(std::string code, std::string message) {
    return Status(Kind::kUnavailable, std::move(code), std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(Kind::kInternal, "internal", std::move(message));
  }

  bool ok() const { return kind_ == Kind::kOk; }
  Kind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  // For 429 and 503: how long the client should wait (0: unknown).
  int64_t retry_after_s() const { return retry_after_s_; }
  Status WithRetryAfter(int64_t seconds) && {
    retry_after_s_ = seconds;
    return std::move(*this);
  }
  std::string ToString() const { return ok() ? "ok" : code_ + ": " + message_; }

 private:
  Status(Kind kind, std::string code, std::string message)
      : kind_(kind), code_(std::move(code)), message_(std::move(message)) {}

  Kind kind_ = Kind::kOk;
  std::string code_;
  std::string message_;
  int64_t retry_after_s_ = 0;
};

}  // namespace tereze
