#include "domain/masking.h"

namespace tereze::domain {

namespace {
std::string KeepLast(const std::string& text, size_t keep, size_t prefix) {
  if (text.size() <= keep + prefix) return std::string(text.size(), '*');
  return text.substr(0, prefix) + std::string(text.size() - keep - prefix, '*') +
         text.substr(text.size() - keep);
}
}  // namespace

std::string MaskIin(const std::string& iin) { return KeepLast(iin, 4, 0); }

std::string MaskPhone(const std::string& phone) {
  if (phone.empty()) return "";
  return KeepLast(phone, 4, 2);
}

std::string MaskName(const std::string& name) {
  if (name.empty()) return "";
  size_t first = 1;
  while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
  return name.substr(0, first) + "***";
}

}  // namespace tereze::domain
