// Small wrappers over OpenSSL: hashes and secure random bytes.
#pragma once

#include <string>
#include <string_view>

namespace tereze {

// Lower-case hex SHA-256 of the bytes.
std::string Sha256Hex(std::string_view bytes);

// `n_bytes` bytes from the operating system's CSPRNG, hex-encoded
// (2 * n_bytes characters). Aborts if the CSPRNG fails: continuing with a
// weak token would be worse than stopping.
std::string RandomHex(size_t n_bytes);

// Compares in time that does not depend on where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace tereze
