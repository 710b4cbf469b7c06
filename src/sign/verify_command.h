// `tereze verify-signature`: checks, offline, a detached CMS signature that an employee made
// over a request (R12) or a certified copy (R21), against the certificate authority's PEM.
// Meant for a reviewer or an auditor years later, hence a plain text verdict and exit codes
// a script can test.
#pragma once

#include <ostream>
#include <string>

namespace tereze::sign {

inline constexpr int kVerifyExitValid = 0;
// A file cannot be read or is over its limit (data), or the CA file holds no certificate:
// nothing was said about the signature.
inline constexpr int kVerifyExitUsage = 1;
// The signature is not valid, for any reason: garbage or oversized signature file, data
// changed, another CA, certificate not valid at the signing time.
inline constexpr int kVerifyExitInvalid = 2;

// Reads the data, the signature (DER, or PEM "-----BEGIN CMS-----" / "-----BEGIN PKCS7-----")
// and the trusted CA (PEM, one or more certificates), verifies with VerifyDetached and writes
// the verdict to `out`: on success the signer, the serial number (IIN), the signing time in
// UTC ISO 8601 and the SHA-256 of the certificate and of the data.
int RunVerifySignature(const std::string& data_path, const std::string& signature_path,
                       const std::string& ca_path, std::ostream& out);

}  // namespace tereze::sign
