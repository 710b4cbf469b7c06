// Employees' digital signatures (R12: an electronic request certified with the employee's own
// key; R21: a certified electronic copy of a document). X.509 certificates issued by a
// certificate authority of the State Corporation, and CMS (RFC 5652) detached SignedData that
// any standard tool can check later: `openssl cms -verify -binary -inform DER -content data
// -CAfile ca.pem -in signature.der` accepts what SignDetached makes.
//
// Everything is OpenSSL 3 behind this interface; callers see strings (PEM, DER) and Status.
//
// Error codes (Status::code()):
//   Malformed  "invalid_identity"        a certificate or key PEM does not parse, or the key
//                                         does not belong to the certificate
//   Malformed  "invalid_name"            a common name empty, over 64 characters, not UTF-8,
//                                         or holding a control character
//   Malformed  "invalid_validity"        a time (validity or signing) outside [1970, 9999], or
//                                         not_before >= not_after
//   Malformed  "invalid_serial"          a certificate serial number <= 0
//   Refused    "invalid_iin"             the IIN fails its check digit (core/iin.h)
//   TooLarge   "data_too_large"          data over kMaxDataBytes
//   TooLarge   "signature_too_large"     a signature over kMaxSignatureBytes
//   TooLarge   "pem_too_large"           a PEM input over kMaxPemBytes
//   Malformed  "trusted_ca_malformed"    the trusted CA PEM holds no certificate (or too many)
//   Malformed  "signature_malformed"     the signature is not DER/PEM CMS SignedData, is not
//                                         detached, has not exactly one signer, lacks the
//                                         signer's certificate, or has a damaged or repeated
//                                         signingTime. Malformed (400), not Refused:
//                                         nothing was checked because nothing could be read.
//   Refused    "signing_time_missing"    no signingTime attribute to check the validity at
//   Refused    "signature_algorithm_unsupported"  digest other than SHA-256/384/512
//   Refused    "signature_invalid"       the signature does not match the data (data changed,
//                                         signature altered, or made with another key)
//   Refused    "certificate_untrusted"   the signer's certificate does not chain to the trusted
//                                         CA, or is not a signing certificate
//   Refused    "certificate_expired_at_signing"  the signer's certificate (or its CA) was not
//                                         valid at the signing time: expired or not yet valid
//   Internal   "internal"                OpenSSL failed where it should not (out of memory)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tereze::sign {

// Limits on what the functions below accept. Scans of documents (R21) are the largest input.
inline constexpr size_t kMaxDataBytes = size_t{64} << 20;
// A CMS with one signer and a short chain is a few KiB; 1 MiB leaves room for long chains.
inline constexpr size_t kMaxSignatureBytes = size_t{1} << 20;
// One PEM certificate, key or CA bundle.
inline constexpr size_t kMaxPemBytes = size_t{64} << 10;
// X.520 upper bound for a common name, in characters (UTF-8 code points).
inline constexpr size_t kMaxCommonNameChars = 64;

// A certificate and its private key, both PEM. The key is unencrypted PKCS#8: protecting it at
// rest (or keeping it in a token) is the caller's job.
struct Identity {
  std::string certificate_pem;
  std::string private_key_pem;
};

// A self-signed certificate authority with an EC P-256 key, valid [not_before_ms,
// not_after_ms] (whole seconds: X.509 has no milliseconds). Subject CN = common_name,
// basicConstraints CA:TRUE pathlen:0, keyUsage keyCertSign+cRLSign, a random 127-bit serial.
Status CreateCertificateAuthority(const std::string& common_name, int64_t not_before_ms,
                                  int64_t not_after_ms, Identity* out);

// An employee's signing certificate issued by `ca`, with a new EC P-256 key. Subject: CN =
// full_name, serialNumber = "IIN" + iin (the form Kazakhstan's NCA uses), O = the CA's
// organization (its O, or its CN when it has none): the employee signs on behalf of the
// organization that runs the CA, and the CA can vouch for no other. keyUsage (critical)
// digitalSignature+nonRepudiation, basicConstraints CA:FALSE. The validity is not clipped to
// the CA's: VerifyDetached checks the whole chain at the signing time.
Status IssueEmployeeCertificate(const Identity& ca, const std::string& full_name,
                                const std::string& iin, int64_t serial, int64_t not_before_ms,
                                int64_t not_after_ms, Identity* out);

// CMS detached SignedData over `data`, SHA-256, with the signed attributes contentType,
// messageDigest and signingTime = signed_at_ms (whole seconds), the signer's certificate
// included; DER into *cms_der. Refuses with "certificate_expired_at_signing" when signed_at_ms
// is outside the signer's certificate validity: such a signature would never verify. The
// caller passes its clock's now: signingTime is the signer's claim, not a trusted timestamp.
Status SignDetached(const Identity& signer, std::string_view data, int64_t signed_at_ms,
                    std::string* cms_der);

struct Verified {
  std::string signer_common_name;    // The employee's full name.
  std::string signer_serial_number;  // "IIN" + 12 digits.
  int64_t signed_at_ms = 0;          // The signingTime attribute (whole seconds).
  std::string certificate_sha256;    // Lower-case hex over the signer certificate's DER.
};

// Checks, in this order: the CMS parses and has one signer with a certificate; the signature
// over the signed attributes and the data's digest (so that signingTime is authentic before it
// is used); the chain from the signer to a certificate of trusted_ca_pem (one or more PEM
// certificates), for S/MIME signing, with every certificate valid AT the signing time
// (X509_V_FLAG_USE_CHECK_TIME), not now: a signature made in 2026 stays valid after the
// employee's certificate expires in 2027. Revocation is not checked (no CRL is published yet).
// *out is set only on success.
Status VerifyDetached(std::string_view data, std::string_view cms_der,
                      const std::string& trusted_ca_pem, Verified* out);

// A signature file as received: DER, or PEM with "-----BEGIN CMS-----" or
// "-----BEGIN PKCS7-----" (what `openssl cms -outform PEM` writes). Sets *cms_der to the DER
// bytes as they were signed, without re-encoding. Errors: "signature_too_large",
// "signature_malformed".
Status SignatureToDer(std::string_view der_or_pem, std::string* cms_der);

}  // namespace tereze::sign
