// Password hashing with argon2id. Parameters follow the OWASP minimum
// (19 MiB, 2 passes, 1 lane): a login costs tens of milliseconds, which is
// nothing for a person and a great deal for someone guessing.
#pragma once

#include <string>

#include "core/status.h"

namespace tereze::app {

inline constexpr size_t kMinPasswordLength = 10;
inline constexpr size_t kMaxPasswordLength = 256;

// Refuses passwords that are too short or too long (weak_password).
Status CheckPasswordPolicy(const std::string& password);

// The encoded argon2id string ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
Status HashPassword(const std::string& password, std::string* encoded);

// False for a wrong password or an encoded string that does not parse.
bool VerifyPassword(const std::string& password, const std::string& encoded);

// Spends the time of one verification without a stored hash, so that an
// unknown login takes as long to refuse as a wrong password.
void BurnPasswordVerification(const std::string& password);

}  // namespace tereze::app
