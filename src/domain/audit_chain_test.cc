// Tests for the audit log's hash chain (R26): every field is covered by the
// hash, fields cannot be shifted into one another, and each record is bound
// to the one before it.
#include "domain/audit_chain.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/crypto.h"

namespace tereze::domain {
namespace {

AuditRecord Sample() {
  AuditRecord r;
  r.id = 7;
  r.at_ms = 1795498200000;
  r.employee_id = 42;
  r.role = "operator";
  r.branch_id = 3;
  r.action = "employee.create";
  r.object = "employee/43";
  r.change_digest = Sha256Hex("login=x");
  r.prev_hash = Sha256Hex("previous");
  return r;
}

TEST(AuditChainTest, R26_HashIsDeterministicAndHex) {
  AuditRecord a = Sample();
  AuditRecord b = Sample();
  EXPECT_EQ(ComputeAuditHash(a), ComputeAuditHash(b));
  EXPECT_EQ(ComputeAuditHash(a).size(), 64u);
  // The stored hash itself is not an input.
  b.hash = "anything";
  EXPECT_EQ(ComputeAuditHash(a), ComputeAuditHash(b));
}

TEST(AuditChainTest, R26_HashChangesWhenAnyFieldChanges) {
  const std::string base = ComputeAuditHash(Sample());
  const std::vector<std::pair<const char*, std::function<void(AuditRecord&)>>> changes = {
      {"id", [](AuditRecord& r) { r.id = 8; }},
      {"at_ms", [](AuditRecord& r) { r.at_ms += 1; }},
      {"employee_id", [](AuditRecord& r) { r.employee_id = 0; }},
      {"role", [](AuditRecord& r) { r.role = "admin"; }},
      {"branch_id", [](AuditRecord& r) { r.branch_id = 4; }},
      {"action", [](AuditRecord& r) { r.action = "employee.update"; }},
      {"object", [](AuditRecord& r) { r.object = "employee/44"; }},
      {"change_digest", [](AuditRecord& r) { r.change_digest = Sha256Hex("login=y"); }},
      {"prev_hash", [](AuditRecord& r) { r.prev_hash = kAuditGenesisHash; }},
  };
  std::set<std::string> seen = {base};
  for (const auto& [field, change] : changes) {
    AuditRecord r = Sample();
    change(r);
    std::string h = ComputeAuditHash(r);
    EXPECT_NE(h, base) << field;
    EXPECT_TRUE(seen.insert(h).second) << field << " collides with another change";
  }
}

TEST(AuditChainTest, R26_LengthPrefixPreventsShifting) {
  // "ab" + "c" and "a" + "bc" concatenate to the same text; the hash must differ.
  AuditRecord a = Sample();
  a.action = "ab";
  a.object = "c";
  AuditRecord b = Sample();
  b.action = "a";
  b.object = "bc";
  EXPECT_NE(ComputeAuditHash(a), ComputeAuditHash(b));

  // A separator smuggled into a field cannot imitate a field boundary either.
  AuditRecord c = Sample();
  c.role = "x";
  c.action = "y";
  AuditRecord d = Sample();
  d.role = "x;1:y";
  d.action = "";
  EXPECT_NE(ComputeAuditHash(c), ComputeAuditHash(d));

  // Even when a field holds the separators themselves: without the length
  // prefix both of these would read ":a;:b;:c;".
  AuditRecord g = Sample();
  g.action = "a;:b";
  g.object = "c";
  AuditRecord h = Sample();
  h.action = "a";
  h.object = "b;:c";
  EXPECT_NE(ComputeAuditHash(g), ComputeAuditHash(h));

  // Numbers too: id 1, at 23 versus id 12, at 3.
  AuditRecord e = Sample();
  e.id = 1;
  e.at_ms = 23;
  AuditRecord f = Sample();
  f.id = 12;
  f.at_ms = 3;
  EXPECT_NE(ComputeAuditHash(e), ComputeAuditHash(f));
}

TEST(AuditChainTest, R26_SealLinksToThePrevious) {
  AuditRecord first = Sample();
  first.id = 1;
  SealAuditRecord(kAuditGenesisHash, &first);
  EXPECT_EQ(first.prev_hash, kAuditGenesisHash);
  EXPECT_EQ(first.hash, ComputeAuditHash(first));

  AuditRecord second = Sample();
  second.id = 2;
  SealAuditRecord(first.hash, &second);
  EXPECT_EQ(second.prev_hash, first.hash);
  EXPECT_EQ(second.hash, ComputeAuditHash(second));

  // The same content after a different predecessor seals differently.
  AuditRecord other = Sample();
  other.id = 2;
  SealAuditRecord(kAuditGenesisHash, &other);
  EXPECT_NE(other.hash, second.hash);
}

TEST(AuditChainTest, GenesisIsSixtyFourZeros) {
  EXPECT_EQ(std::string(kAuditGenesisHash), std::string(64, '0'));
}

}  // namespace
}  // namespace tereze::domain
