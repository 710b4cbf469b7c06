// Electronic copies of originals (R21): what a scan may be.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tereze::domain {

// A scan of a few pages at 300 dpi fits; a larger one is a mistake or an attack.
inline constexpr size_t kMaxECopyBytes = 10u << 20;

// The media type of a scan judged by its first bytes, never by its name:
// "application/pdf", "image/jpeg" or "image/png"; nullopt for anything else.
std::optional<std::string> SniffScanType(std::string_view bytes);

}  // namespace tereze::domain
