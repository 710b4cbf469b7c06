// Registers of document packages handed between a center and a provider
// (R25, R33, R35). Pure: kinds, statuses, numbers and the reception check.
//
//   outgoing:          center -> provider   formed -> dispatched -> acknowledged
//   results:           provider -> center   dispatched -> received | rejected
//   unclaimed_return:  center -> provider   formed -> dispatched -> acknowledged
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tereze::domain {

// A register is printed and carried by hand: far fewer lines than this.
inline constexpr size_t kMaxRegisterLines = 500;

enum class RegisterKind { kOutgoing, kResults, kUnclaimedReturn };
enum class RegisterStatus { kFormed, kDispatched, kAcknowledged, kReceived, kRejected };
// How a register travels (R33).
enum class DispatchMethod { kCourier, kPost, kSystem };

const char* ToString(RegisterKind kind);
const char* ToString(RegisterStatus status);
const char* ToString(DispatchMethod method);
std::optional<RegisterKind> ParseRegisterKind(std::string_view text);
std::optional<RegisterStatus> ParseRegisterStatus(std::string_view text);
std::optional<DispatchMethod> ParseDispatchMethod(std::string_view text);

// "AST-01/2026/000012": the branch's code, the year and the register's
// number in that year. Acts of refusal: "AST-01/2026/А-000003".
std::string RegisterNumber(const std::string& branch_code, int64_t year, int64_t seq);
std::string ActNumber(const std::string& branch_code, int64_t year, int64_t seq);

// R35: what reception found when it scanned a provider's delivery against
// its register. Both empty: everything listed is present, nothing else.
struct DeliveryCheck {
  std::vector<int64_t> missing;    // listed application ids not scanned
  std::vector<std::string> extra;  // scanned barcodes not listed (as scanned)
  bool matches() const { return missing.empty() && extra.empty(); }
};

// `listed`: the register's application ids. `scanned`: the barcodes read,
// in order, repeats allowed (a second beep is not a second package).
DeliveryCheck CheckDelivery(const std::vector<int64_t>& listed,
                            const std::vector<std::string>& scanned);

}  // namespace tereze::domain
