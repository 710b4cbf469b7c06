// Tests for the PostgreSQL Connection. They need a server: set TEREZE_TEST_PG
// to its URL (scripts/pg-test-server.sh start DIR prints one); without it the
// tests that need a server are skipped.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "store/connection.h"

namespace tereze::store {
namespace {

const char* TestUrl() { return std::getenv("TEREZE_TEST_PG"); }

class PostgresConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (TestUrl() == nullptr) GTEST_SKIP() << "TEREZE_TEST_PG is not set";
    ASSERT_TRUE(OpenPostgres(TestUrl(), &db_).ok());
    // Unique per process, so that concurrent runs against one server do not clash.
    table_ = "pgtest_" + std::to_string(getpid());
    ASSERT_TRUE(db_->ExecuteScript("DROP TABLE IF EXISTS " + table_ + "; CREATE TABLE " + table_ +
                                   " (id BIGINT PRIMARY KEY, name TEXT UNIQUE, n BIGINT)")
                    .ok());
  }

  void TearDown() override {
    if (db_) {
      EXPECT_TRUE(db_->Execute("DROP TABLE IF EXISTS " + table_).ok());
    }
  }

  int64_t Count() {
    std::vector<Row> rows;
    Status s = db_->Execute("SELECT count(*) FROM " + table_, {}, &rows);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return rows.empty() ? -1 : rows[0].integer(0);
  }

  std::unique_ptr<Connection> db_;
  std::string table_;
};

TEST_F(PostgresConnectionTest, Dialect) { EXPECT_EQ(db_->dialect(), Dialect::kPostgres); }

TEST_F(PostgresConnectionTest, ParametersRoundTrip) {
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const std::string kKazakh = "әғқңөұүһі ӘҒҚҢӨҰҮҺІ";
  const std::string insert = "INSERT INTO " + table_ + " (id, name, n) VALUES ($1, $2, $3)";
  ASSERT_TRUE(db_->Execute(insert, {int64_t{1}, kKazakh, kMin}).ok());
  ASSERT_TRUE(db_->Execute(insert, {int64_t{2}, std::string("plain"), kMax}).ok());
  ASSERT_TRUE(db_->Execute(insert, {int64_t{3}, std::monostate{}, int64_t{-42}}).ok());
  ASSERT_TRUE(db_->Execute(insert, {int64_t{4}, std::string(""), std::monostate{}}).ok());

  std::vector<Row> rows;
  Status s = db_->Execute("SELECT id, name, n FROM " + table_ + " ORDER BY id", {}, &rows);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].columns[0], Value(int64_t{1}));
  EXPECT_EQ(rows[0].columns[1], Value(kKazakh));
  EXPECT_EQ(rows[0].columns[2], Value(kMin));
  EXPECT_EQ(rows[1].columns[2], Value(kMax));
  EXPECT_TRUE(rows[2].is_null(1));
  EXPECT_EQ(rows[2].integer(2), -42);
  EXPECT_FALSE(rows[3].is_null(1));  // Empty text is not NULL.
  EXPECT_EQ(rows[3].text(1), "");
  EXPECT_TRUE(rows[3].is_null(2));

  // Text parameters compare correctly on the server, not just round-trip.
  rows.clear();
  ASSERT_TRUE(
      db_->Execute("SELECT id, length(name) FROM " + table_ + " WHERE name = $1", {kKazakh}, &rows)
          .ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].integer(0), 1);
  EXPECT_EQ(rows[0].integer(1), 19);  // Characters, not bytes: the encoding is UTF-8.
}

TEST_F(PostgresConnectionTest, ResultTypes) {
  std::vector<Row> rows;
  Status s = db_->Execute(
      "SELECT true, false, 7::int2, -8::int4, 9::int8, 1.5::numeric, 'x'::text, NULL::int8, "
      "'2024-01-02 03:04:05+00'::timestamptz",
      {}, &rows);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(rows.size(), 1u);
  const auto& c = rows[0].columns;
  EXPECT_EQ(c[0], Value(int64_t{1}));
  EXPECT_EQ(c[1], Value(int64_t{0}));
  EXPECT_EQ(c[2], Value(int64_t{7}));
  EXPECT_EQ(c[3], Value(int64_t{-8}));
  EXPECT_EQ(c[4], Value(int64_t{9}));
  EXPECT_EQ(c[5], Value(std::string("1.5")));  // Not an integer type: text.
  EXPECT_EQ(c[6], Value(std::string("x")));
  EXPECT_TRUE(rows[0].is_null(7));
  EXPECT_EQ(c[8], Value(std::string("2024-01-02 03:04:05+00")));  // Session TimeZone is UTC.
}

TEST_F(PostgresConnectionTest, UniqueViolationIsConflict) {
  const std::string insert = "INSERT INTO " + table_ + " (id, name) VALUES ($1, $2)";
  ASSERT_TRUE(db_->Execute(insert, {int64_t{1}, std::string("dup")}).ok());
  Status s = db_->Execute(insert, {int64_t{2}, std::string("dup")});
  EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
  EXPECT_EQ(s.code(), kUniqueViolation);
  // The DETAIL line, which repeats the key's value, is not in the message.
  EXPECT_EQ(s.message().find("dup)"), std::string::npos) << s.message();
  // The connection is still usable afterwards.
  EXPECT_EQ(Count(), 1);
}

TEST_F(PostgresConnectionTest, OtherConstraintsAreConflicts) {
  ASSERT_TRUE(db_->ExecuteScript("DROP TABLE IF EXISTS " + table_ + "_c; CREATE TABLE " + table_ +
                                 "_c (id BIGINT NOT NULL CHECK (id > 0) REFERENCES " + table_ +
                                 " (id))")
                  .ok());
  const std::string insert = "INSERT INTO " + table_ + "_c (id) VALUES ($1)";
  const std::pair<Value, const char*> cases[] = {{Value(std::monostate{}), kConstraintViolation},
                                                 {Value(int64_t{-1}), kConstraintViolation},
                                                 {Value(int64_t{99}), kForeignKeyViolation}};
  for (const auto& [v, code] : cases) {
    Status s = db_->Execute(insert, {v});
    EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
    EXPECT_EQ(s.code(), code);
  }
  EXPECT_TRUE(db_->Execute("DROP TABLE " + table_ + "_c").ok());
}

TEST_F(PostgresConnectionTest, BadSqlIsInternal) {
  Status s = db_->Execute("SELEKT 1");
  EXPECT_EQ(s.kind(), Status::Kind::kInternal) << s.ToString();
  s = db_->Execute("SELECT * FROM no_such_table_at_all");
  EXPECT_EQ(s.kind(), Status::Kind::kInternal) << s.ToString();
  s = db_->ExecuteScript("SELECT 1; SELEKT 2");
  EXPECT_EQ(s.kind(), Status::Kind::kInternal) << s.ToString();
  // Too few parameters is a protocol violation (SQLSTATE 08P01), which must not
  // be mistaken for a lost connection.
  s = db_->Execute("SELECT $1::int8 + $2::int8", {int64_t{1}});
  EXPECT_EQ(s.kind(), Status::Kind::kInternal) << s.ToString();
  EXPECT_EQ(Count(), 0);
}

TEST_F(PostgresConnectionTest, NulInTextIsRefused) {
  Status s = db_->Execute("SELECT $1::text", {std::string("a\0b", 3)});
  EXPECT_EQ(s.kind(), Status::Kind::kInternal) << s.ToString();
}

TEST_F(PostgresConnectionTest, PreparedStatementReuse) {
  const std::string insert = "INSERT INTO " + table_ + " (id, n) VALUES ($1, $2)";
  for (int64_t i = 1; i <= 1000; ++i) {
    Status s = db_->Execute(insert, {i, -i});
    ASSERT_TRUE(s.ok()) << i << ": " << s.ToString();
  }
  std::vector<Row> rows;
  ASSERT_TRUE(db_->Execute("SELECT count(*), sum(n) FROM " + table_, {}, &rows).ok());
  EXPECT_EQ(rows[0].integer(0), 1000);
  EXPECT_EQ(rows[0].text(1), "-500500");  // sum(bigint) is numeric: text.

  // Prepared once, not 1000 times.
  rows.clear();
  ASSERT_TRUE(db_->Execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1",
                           {insert}, &rows)
                  .ok());
  EXPECT_EQ(rows[0].integer(0), 1);
}

TEST_F(PostgresConnectionTest, PreparedStatementSurvivesRollback) {
  const std::string insert = "INSERT INTO " + table_ + " (id) VALUES ($1)";
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  ASSERT_TRUE(db_->Execute(insert, {int64_t{1}}).ok());  // Prepared inside the transaction.
  ASSERT_TRUE(db_->Execute("ROLLBACK").ok());
  ASSERT_TRUE(db_->Execute(insert, {int64_t{1}}).ok());
  EXPECT_EQ(Count(), 1);
}

TEST_F(PostgresConnectionTest, ErrorInsideTransaction) {
  const std::string insert = "INSERT INTO " + table_ + " (id) VALUES ($1)";
  ASSERT_TRUE(db_->Execute("BEGIN").ok());
  ASSERT_TRUE(db_->Execute(insert, {int64_t{1}}).ok());
  EXPECT_EQ(db_->Execute(insert, {int64_t{1}}).kind(), Status::Kind::kConflict);
  // The transaction is aborted: even a fresh statement fails until ROLLBACK.
  EXPECT_FALSE(db_->Execute("SELECT 2 + $1::int8", {int64_t{1}}).ok());
  ASSERT_TRUE(db_->Execute("ROLLBACK").ok());
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(db_->Execute("SELECT 2 + $1::int8", {int64_t{1}}).ok());
}

TEST_F(PostgresConnectionTest, ManyDistinctStatements) {
  // More texts than the cache holds: the overflow runs unnamed.
  for (int i = 0; i < 300; ++i) {
    std::vector<Row> rows;
    Status s = db_->Execute("SELECT $1::int8 + " + std::to_string(i), {int64_t{1}}, &rows);
    ASSERT_TRUE(s.ok()) << i << ": " << s.ToString();
    EXPECT_EQ(rows[0].integer(0), i + 1);
  }
  std::vector<Row> rows;
  ASSERT_TRUE(db_->Execute("SELECT count(*) FROM pg_prepared_statements", {}, &rows).ok());
  EXPECT_LE(rows[0].integer(0), 256);
}

TEST_F(PostgresConnectionTest, SchemaChangeInvalidatesCachedStatement) {
  const std::string select = "SELECT * FROM " + table_;
  ASSERT_TRUE(db_->Execute(select).ok());
  ASSERT_TRUE(db_->Execute("ALTER TABLE " + table_ + " ADD COLUMN extra TEXT").ok());
  // PostgreSQL refuses a cached plan whose result columns changed; the entry
  // is dropped so that the retry prepares the statement again.
  Status s = db_->Execute(select);
  if (!s.ok()) s = db_->Execute(select);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(PostgresConnectionTest, ScriptRollbackLeavesNothing) {
  Status s = db_->ExecuteScript("BEGIN; INSERT INTO " + table_ + " (id) VALUES (1); INSERT INTO " +
                                table_ + " (id) VALUES (2); ROLLBACK;");
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Count(), 0);

  ASSERT_TRUE(
      db_->ExecuteScript("BEGIN; INSERT INTO " + table_ + " (id) VALUES (1); COMMIT;").ok());
  EXPECT_EQ(Count(), 1);

  // A script without BEGIN is one implicit transaction: a failure undoes it all.
  s = db_->ExecuteScript("INSERT INTO " + table_ + " (id) VALUES (2); INSERT INTO " + table_ +
                         " (id) VALUES (1);");
  EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
  EXPECT_EQ(Count(), 1);
}

TEST_F(PostgresConnectionTest, TerminatedSessionIsUnavailable) {
  std::vector<Row> rows;
  ASSERT_TRUE(db_->Execute("SELECT pg_backend_pid()", {}, &rows).ok());
  std::unique_ptr<Connection> other;
  ASSERT_TRUE(OpenPostgres(TestUrl(), &other).ok());
  ASSERT_TRUE(
      other->Execute("SELECT pg_terminate_backend($1::int4, 5000)", {rows[0].integer(0)}).ok());
  Status s = db_->Execute("SELECT 1");
  EXPECT_EQ(s.kind(), Status::Kind::kUnavailable) << s.ToString();
  EXPECT_EQ(s.code(), "database_unavailable");
  db_ = std::move(other);  // So that TearDown can still drop the table.
}

TEST(PostgresOpenTest, UnreachableServerIsUnavailable) {
  std::unique_ptr<Connection> db;
  // Port 1 on loopback: nothing listens, so the connection is refused at once.
  Status s = OpenPostgres("postgresql://tereze:secret@127.0.0.1:1/x", &db);
  EXPECT_EQ(s.kind(), Status::Kind::kUnavailable) << s.ToString();
  EXPECT_EQ(s.code(), "database_unavailable");
  EXPECT_EQ(s.message().find("secret"), std::string::npos) << s.message();
  EXPECT_EQ(db, nullptr);
}

}  // namespace
}  // namespace tereze::store
