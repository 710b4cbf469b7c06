#include "domain/masking.h"

#include <gtest/gtest.h>

namespace tereze::domain {
namespace {

TEST(Masking, HidesAllButWhatIdentifiesARecordAtAGlanceR28) {
  EXPECT_EQ(MaskIin("870412300125"), "********0125");
  EXPECT_EQ(MaskPhone("+77011234567"), "+7******4567");
  EXPECT_EQ(MaskPhone(""), "");
  EXPECT_EQ(MaskName("Әбілқасымов"), "Ә***");
  EXPECT_EQ(MaskName("Ivanov"), "I***");
  EXPECT_EQ(MaskName(""), "");
  EXPECT_EQ(MaskIin("123"), "***");
}

}  // namespace
}  // namespace tereze::domain
