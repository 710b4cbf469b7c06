// Instants are stored as UTC milliseconds and written as ISO 8601 with "Z".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tereze {

// 2026-11-24T05:30:00.000Z
std::string FormatInstantUtc(int64_t unix_ms);

// Parses ISO 8601 date-time with an offset: "2026-11-24T10:30:00+05:00",
// "2026-11-24T05:30:00Z", optional fraction of a second. A value without an
// offset is refused: an instant must say which zone it was written in.
std::optional<int64_t> ParseInstant(std::string_view text);

}  // namespace tereze
