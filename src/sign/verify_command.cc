#include "sign/verify_command.h"

#include <filesystem>
#include <fstream>

#include "core/crypto.h"
#include "core/instant.h"
#include "core/status.h"
#include "sign/signature.h"

namespace tereze::sign {

namespace {

// Reads the whole file, or refuses when it is longer than max_bytes: a verdict over part of
// a document would be a wrong verdict.
Status ReadFileLimited(const std::string& path, size_t max_bytes, std::string* out) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::Malformed("not_a_file", path + ": is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("file_not_found", path + ": cannot open");
  std::string bytes;
  char chunk[64 << 10];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    const auto n = static_cast<size_t>(in.gcount());
    if (bytes.size() + n > max_bytes) {
      return Status::TooLarge("file_too_large",
                              path + ": over the limit of " + std::to_string(max_bytes) + " bytes");
    }
    bytes.append(chunk, n);
  }
  if (in.bad()) return Status::Internal(path + ": read error");
  *out = std::move(bytes);
  return Status::Ok();
}

int Usage(std::ostream& out, const Status& s) {
  out << "error: " << s.message() << "\n";
  return kVerifyExitUsage;
}

int Invalid(std::ostream& out, const Status& s) {
  out << "signature: INVALID (" << s.code() << ")\n"
      << "reason: " << s.message() << "\n";
  return kVerifyExitInvalid;
}

}  // namespace

int RunVerifySignature(const std::string& data_path, const std::string& signature_path,
                       const std::string& ca_path, std::ostream& out) {
  if (data_path.empty() || signature_path.empty() || ca_path.empty()) {
    out << "usage: verify-signature DATA SIGNATURE CA_PEM\n";
    return kVerifyExitUsage;
  }
  std::string data;
  Status s = ReadFileLimited(data_path, kMaxDataBytes, &data);
  if (!s.ok()) return Usage(out, s);
  std::string ca_pem;
  s = ReadFileLimited(ca_path, kMaxPemBytes, &ca_pem);
  if (!s.ok()) return Usage(out, s);
  std::string signature_file;
  s = ReadFileLimited(signature_path, 2 * kMaxSignatureBytes, &signature_file);
  if (s.kind() == Status::Kind::kTooLarge) return Invalid(out, s);
  if (!s.ok()) return Usage(out, s);

  std::string cms_der;
  s = SignatureToDer(signature_file, &cms_der);
  if (!s.ok()) return Invalid(out, s);
  Verified v;
  s = VerifyDetached(data, cms_der, ca_pem, &v);
  if (s.code() == "trusted_ca_malformed" || s.code() == "pem_too_large" ||
      s.kind() == Status::Kind::kInternal) {
    return Usage(out, s);
  }
  if (!s.ok()) return Invalid(out, s);

  out << "signature: valid\n"
      << "signer: " << v.signer_common_name << "\n"
      << "serial number: " << v.signer_serial_number << "\n"
      << "signed at: " << FormatInstantUtc(v.signed_at_ms) << "\n"
      << "certificate sha256: " << v.certificate_sha256 << "\n"
      << "data sha256: " << Sha256Hex(data) << " (" << data.size() << " bytes)\n";
  return kVerifyExitValid;
}

}  // namespace tereze::sign
