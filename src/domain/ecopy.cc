#include "domain/ecopy.h"

namespace tereze::domain {

std::optional<std::string> SniffScanType(std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
  return std::nullopt;
}

}  // namespace tereze::domain
