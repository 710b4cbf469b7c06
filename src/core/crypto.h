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

// Standard base64 (RFC 4648, with padding), for binary data stored as text.
std::string Base64Encode(std::string_view bytes);
// False for text that is not valid padded base64.
bool Base64Decode(std::string_view text, std::string* out);

// Compares in time that does not depend on where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace tereze
