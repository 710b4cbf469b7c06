// Tests for password hashing (argon2id) and the password policy.
#include "app/password.h"

#include <gtest/gtest.h>

#include <string>

namespace tereze::app {
namespace {

TEST(PasswordTest, HashAndVerifyRoundTrip) {
  std::string encoded;
  Status s = HashPassword("correct horse battery", &encoded);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(encoded.rfind("$argon2id$", 0), 0u) << encoded;
  // The OWASP-minimum parameters of password.h travel in the encoding.
  EXPECT_NE(encoded.find("m=19456,t=2,p=1"), std::string::npos) << encoded;
  EXPECT_EQ(encoded.find("correct horse"), std::string::npos);  // never the password itself
  EXPECT_TRUE(VerifyPassword("correct horse battery", encoded));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", encoded));
  EXPECT_FALSE(VerifyPassword("correct horse battery ", encoded));
  EXPECT_FALSE(VerifyPassword("", encoded));
}

TEST(PasswordTest, SaltMakesEveryHashDifferent) {
  std::string a, b;
  ASSERT_TRUE(HashPassword("same password", &a).ok());
  ASSERT_TRUE(HashPassword("same password", &b).ok());
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword("same password", a));
  EXPECT_TRUE(VerifyPassword("same password", b));
}

TEST(PasswordTest, KazakhPassword) {
  std::string encoded;
  ASSERT_TRUE(HashPassword("Құпиясөз-әлем", &encoded).ok());
  EXPECT_TRUE(VerifyPassword("Құпиясөз-әлем", encoded));
  EXPECT_FALSE(VerifyPassword("Купиясоз-алем", encoded));
}

TEST(PasswordTest, UnparsableEncodingIsFalse) {
  EXPECT_FALSE(VerifyPassword("anything", ""));
  EXPECT_FALSE(VerifyPassword("anything", "garbage"));
  EXPECT_FALSE(VerifyPassword("anything", "$argon2id$v=19$m=19456,t=2,p=1$"));
  // An argon2i hash is not accepted where argon2id is expected.
  EXPECT_FALSE(VerifyPassword(
      "password",
      "$argon2i$v=19$m=16,t=2,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A"));
}

TEST(PasswordTest, PolicyRefusesShortAndLongPasswords) {
  for (const std::string& weak : {std::string(""), std::string("short"), std::string(9, 'x')}) {
    Status s = CheckPasswordPolicy(weak);
    EXPECT_EQ(s.kind(), Status::Kind::kRefused) << weak;
    EXPECT_EQ(s.code(), "weak_password");
  }
  EXPECT_TRUE(CheckPasswordPolicy(std::string(10, 'x')).ok());
  EXPECT_TRUE(CheckPasswordPolicy(std::string(256, 'x')).ok());
  EXPECT_EQ(CheckPasswordPolicy(std::string(257, 'x')).code(), "weak_password");
  EXPECT_EQ(kMinPasswordLength, 10u);
}

TEST(PasswordTest, BurnVerificationDoesNotThrow) {
  BurnPasswordVerification("whatever it is");
  BurnPasswordVerification("");
  SUCCEED();
}

}  // namespace
}  // namespace tereze::app
