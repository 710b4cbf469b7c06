// Logging in and out, and recognising a bearer token or session cookie.
// Tokens are 256-bit random values; only their SHA-256 is stored.
#pragma once

#include "app/app.h"

namespace tereze::app {

inline constexpr int64_t kSessionLifetimeMs = 12LL * 3600 * 1000;  // one long working day
inline constexpr size_t kMaxLoginLength = 64;

struct LoginResult {
  std::string token;       // bearer token, also the session cookie
  std::string csrf_token;  // echoed in X-CSRF-Token by the web front end
  int64_t expires_at_ms = 0;
  domain::Employee employee;
};

// Verifies the password (slow by design: run it off the I/O threads), then
// stores the session through the writer; `done` runs after the commit.
// Errors: invalid_credentials (401), too_many_attempts (429, message holds
// the seconds to wait), account_disabled (403).
void Login(App& app, const std::string& login, const std::string& password,
           const std::string& client_ip, const Done<LoginResult>& done);

struct Authenticated {
  Principal principal;    // role is left for the router to choose
  std::string csrf_hash;  // for cookie-authenticated writes
};

// Unauthorized for a missing, unknown, expired or revoked token, or an
// inactive employee.
Status Authenticate(App& app, const std::string& token, Authenticated* out);

// Revokes the session of `who`.
void Logout(App& app, const Principal& who, const Done<bool>& done);

}  // namespace tereze::app
