#include "domain/register.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/barcode.h"

namespace tereze::domain {

namespace {

template <typename E, size_t N>
std::optional<E> ParseEnum(std::string_view text, const char* const (&names)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (text == names[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr const char* kKinds[] = {"outgoing", "results", "unclaimed_return"};
constexpr const char* kStatuses[] = {"formed", "dispatched", "acknowledged", "received",
                                     "rejected"};
constexpr const char* kMethods[] = {"courier", "post", "system"};

std::string Padded(int64_t seq) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%06lld", static_cast<long long>(seq));
  return buf;
}

}  // namespace

const char* ToString(RegisterKind kind) { return kKinds[static_cast<int>(kind)]; }
const char* ToString(RegisterStatus status) { return kStatuses[static_cast<int>(status)]; }
const char* ToString(DispatchMethod method) { return kMethods[static_cast<int>(method)]; }
std::optional<RegisterKind> ParseRegisterKind(std::string_view text) {
  return ParseEnum<RegisterKind>(text, kKinds);
}
std::optional<RegisterStatus> ParseRegisterStatus(std::string_view text) {
  return ParseEnum<RegisterStatus>(text, kStatuses);
}
std::optional<DispatchMethod> ParseDispatchMethod(std::string_view text) {
  return ParseEnum<DispatchMethod>(text, kMethods);
}

std::string RegisterNumber(const std::string& branch_code, int64_t year, int64_t seq) {
  return branch_code + "/" + std::to_string(year) + "/" + Padded(seq);
}

std::string ActNumber(const std::string& branch_code, int64_t year, int64_t seq) {
  return branch_code + "/" + std::to_string(year) + "/А-" + Padded(seq);
}

DeliveryCheck CheckDelivery(const std::vector<int64_t>& listed,
                            const std::vector<std::string>& scanned) {
  std::set<int64_t> expected(listed.begin(), listed.end());
  std::set<int64_t> seen;
  std::set<std::string> extra_seen;
  DeliveryCheck out;
  for (const auto& code : scanned) {
    ParsedBarcode parsed;
    bool ours = ParseBarcode(code, &parsed).ok() && parsed.kind == BarcodeKind::kApplication &&
                expected.count(parsed.id) > 0;
    if (ours) {
      seen.insert(parsed.id);
    } else if (extra_seen.insert(code).second) {
      out.extra.push_back(code);
    }
  }
  for (int64_t id : listed) {
    if (seen.count(id) == 0) out.missing.push_back(id);
  }
  return out;
}

}  // namespace tereze::domain
