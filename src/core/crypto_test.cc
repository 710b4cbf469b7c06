// Tests for the OpenSSL wrappers: SHA-256 (audit chain R26, session tokens),
// random tokens and constant-time comparison.
#include "core/crypto.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tereze {
namespace {

bool IsLowerHex(const std::string& s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

TEST(Sha256HexTest, KnownVectors) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256HexTest, HashesEveryByteIncludingNul) {
  std::string with_nul("a\0b", 3);
  EXPECT_NE(Sha256Hex(with_nul), Sha256Hex("a"));
  EXPECT_NE(Sha256Hex(with_nul), Sha256Hex("ab"));
  EXPECT_EQ(Sha256Hex(with_nul).size(), 64u);
  EXPECT_TRUE(IsLowerHex(Sha256Hex(with_nul)));
}

TEST(RandomHexTest, LengthIsTwiceTheBytes) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{16}, size_t{32}, size_t{100}}) {
    std::string s = RandomHex(n);
    EXPECT_EQ(s.size(), 2 * n);
    EXPECT_TRUE(IsLowerHex(s)) << s;
  }
}

TEST(RandomHexTest, ValuesAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(RandomHex(16));
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RandomHexTest, UsesEveryDigit) {
  // A broken encoder (e.g. only high nibbles) would miss digits.
  std::string s = RandomHex(512);
  std::set<char> digits(s.begin(), s.end());
  EXPECT_EQ(digits.size(), 16u);
}

TEST(ConstantTimeEqualsTest, Compares) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("token", "token"));
  EXPECT_FALSE(ConstantTimeEquals("token", "tokem"));
  EXPECT_FALSE(ConstantTimeEquals("token", "Token"));
  EXPECT_FALSE(ConstantTimeEquals("token", "token!"));
  EXPECT_FALSE(ConstantTimeEquals("token", "toke"));
  EXPECT_FALSE(ConstantTimeEquals("", "x"));
  EXPECT_TRUE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
  std::string h = Sha256Hex("x");
  EXPECT_TRUE(ConstantTimeEquals(h, Sha256Hex("x")));
  EXPECT_FALSE(ConstantTimeEquals(h, Sha256Hex("y")));
}

}  // namespace
}  // namespace tereze

namespace tereze {
namespace {
TEST(Base64, RoundTripsBinaryAndRefusesGarbage) {
  for (std::string bytes : {std::string(""), std::string("f"), std::string("fo"),
                            std::string("foo"), std::string("\0\xff\x10 ok", 6)}) {
    std::string decoded;
    ASSERT_TRUE(Base64Decode(Base64Encode(bytes), &decoded));
    EXPECT_EQ(decoded, bytes);
  }
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  std::string out;
  EXPECT_FALSE(Base64Decode("Zm9vYg=", &out));
  EXPECT_FALSE(Base64Decode("Zm9v!g==", &out));
}
}  // namespace
}  // namespace tereze
