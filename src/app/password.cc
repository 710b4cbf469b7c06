#include "app/password.h"

#include <argon2.h>

#include <mutex>
#include <vector>

#include "core/crypto.h"

namespace tereze::app {

namespace {
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKib = 19456;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

std::string FromHex(const std::string& hex) {
  std::string out(hex.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return out;
}
}  // namespace

Status CheckPasswordPolicy(const std::string& password) {
  if (password.size() < kMinPasswordLength || password.size() > kMaxPasswordLength) {
    return Status::Refused("weak_password", "a password has 10 to 256 characters");
  }
  return Status::Ok();
}

Status HashPassword(const std::string& password, std::string* encoded) {
  std::string salt = FromHex(RandomHex(kSaltBytes));
  size_t len = argon2_encodedlen(kTimeCost, kMemoryKib, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::vector<char> buf(len);
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKib, kLanes, password.data(), password.size(),
                                 salt.data(), salt.size(), kHashBytes, buf.data(), buf.size());
  if (rc != ARGON2_OK) return Status::Internal(argon2_error_message(rc));
  *encoded = buf.data();
  return Status::Ok();
}

bool VerifyPassword(const std::string& password, const std::string& encoded) {
  if (encoded.empty()) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void BurnPasswordVerification(const std::string& password) {
  static std::once_flag once;
  static std::string dummy;
  std::call_once(once, [] { (void)HashPassword("tereze-no-such-login", &dummy); });
  (void)VerifyPassword(password, dummy);
}

}  // namespace tereze::app
