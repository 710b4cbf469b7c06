#include "domain/ecopy.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

TEST(ECopy, TypeComesFromTheContentR21) {
  EXPECT_EQ(SniffScanType("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(SniffScanType(std::string("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
  EXPECT_EQ(SniffScanType(std::string("\x89PNG\r\n\x1A\n\0\0", 10)), "image/png");
  EXPECT_EQ(SniffScanType("MZ\x90\x00 an executable named scan.pdf"), std::nullopt);
  EXPECT_EQ(SniffScanType("<html>"), std::nullopt);
  EXPECT_EQ(SniffScanType(""), std::nullopt);
  EXPECT_EQ(SniffScanType("%PD"), std::nullopt);
}

}  // namespace
}  // namespace tereze::domain
