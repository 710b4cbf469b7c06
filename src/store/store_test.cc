// Tests for the store, run against every backend: SQLite always (a fresh
// file under /tmp per test), PostgreSQL when TEREZE_TEST_PG holds the URL of
// a scratch database (its public schema is dropped and recreated before each
// test). The PostgreSQL instantiation's test names contain "Postgres", so
// `--gtest_filter=*Postgres*` runs just those against a real server.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/metrics.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/backup.h"
#include "store/branches.h"
#include "store/connection.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/writer.h"

namespace tereze::store {
namespace {

using namespace std::chrono_literals;

constexpr auto kWait = 60s;  // how long a test waits for the writer before failing

struct Backend {
  const char* name;
  bool postgres;
};
void PrintTo(const Backend& b, std::ostream* os) { *os << b.name; }

std::string SafeName(std::string s) {
  for (char& c : s) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

domain::Employee MakeEmployee(const std::string& login, int64_t branch_id = 0) {
  domain::Employee e;
  e.login = login;
  e.surname = "Тестов";
  e.name = "Тест";
  e.position = "Оператор";
  e.branch_id = branch_id;
  e.roles = domain::Bit(domain::Role::kOperator);
  return e;
}

domain::AuditRecord AuditFor(const std::string& action, const std::string& object) {
  domain::AuditRecord r;
  r.employee_id = 1;
  r.role = "admin";
  r.action = action;
  r.object = object;
  r.change_digest = Sha256Hex(object);
  return r;
}

// A command that inserts an employee and appends its audit record (R26).
Writer::Command InsertCmd(const std::string& login) {
  return [login](WriteTx& tx) {
    int64_t id = 0;
    Status s = InsertEmployee(tx.db(), MakeEmployee(login), "", tx.now_ms(), false, &id);
    if (!s.ok()) return s;
    return tx.Audit(AuditFor("employee.create", "employee/" + login));
  };
}

// Submits and returns a future of the Done status (or of Submit's refusal).
std::future<Status> SubmitAsync(Writer& w, Writer::Command command) {
  auto promise = std::make_shared<std::promise<Status>>();
  auto future = promise->get_future();
  Status s = w.Submit(std::move(command), [promise](const Status& st) { promise->set_value(st); });
  if (!s.ok()) promise->set_value(s);
  return future;
}

Status Await(std::future<Status>& f) {
  if (f.wait_for(kWait) != std::future_status::ready) {
    return Status::Internal("timed out waiting for the writer");
  }
  return f.get();
}

// Holds the writer inside a command (and so inside a transaction) until
// released, so that what is submitted meanwhile lands in one batch.
class Blocker {
 public:
  explicit Blocker(Writer& w, Writer::Command first = nullptr)
      : release_(std::make_shared<std::promise<void>>()) {
    auto started = std::make_shared<std::promise<void>>();
    auto started_future = started->get_future();
    std::shared_future<void> released = release_->get_future().share();
    done_ = SubmitAsync(w, [first, started, released](WriteTx& tx) {
      Status s = first ? first(tx) : Status::Ok();
      started->set_value();
      released.wait();
      return s;
    });
    ok_ = started_future.wait_for(kWait) == std::future_status::ready;
  }
  ~Blocker() {
    if (!released_) Release();
    if (done_.valid()) done_.wait_for(kWait);
  }
  bool started() const { return ok_; }
  void Release() {
    released_ = true;
    release_->set_value();
  }
  Status Wait() { return Await(done_); }

 private:
  std::shared_ptr<std::promise<void>> release_;
  std::future<Status> done_;
  bool released_ = false;
  bool ok_ = false;
};

// The value of an unlabelled series in Prometheus text; -1 when absent.
double MetricValue(const std::string& text, const std::string& series) {
  size_t pos = 0;
  while ((pos = text.find(series + " ", pos)) != std::string::npos) {
    if (pos == 0 || text[pos - 1] == '\n') {
      return std::stod(text.substr(pos + series.size() + 1));
    }
    pos += series.size();
  }
  return -1;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam().postgres) {
      const char* pg = std::getenv("TEREZE_TEST_PG");
      if (pg == nullptr || *pg == '\0') GTEST_SKIP() << "TEREZE_TEST_PG is not set";
      url_ = pg;
      std::unique_ptr<Connection> conn;
      Status s = Open(url_, &conn);
      ASSERT_TRUE(s.ok()) << s.ToString();
      s = conn->ExecuteScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      ASSERT_TRUE(s.ok()) << s.ToString();
    } else {
      static std::atomic<int> counter{0};
      const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
      path_ = "/tmp/tereze-store-test-" + std::to_string(getpid()) + "-" +
              std::to_string(counter++) + "-" + SafeName(info->name()) + ".db";
      RemoveFiles(path_);
      url_ = "sqlite:" + path_;
    }
  }

  void TearDown() override {
    db_.reset();
    if (!path_.empty()) RemoveFiles(path_);
    for (const auto& p : extra_files_) RemoveFiles(p);
  }

  static void RemoveFiles(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::remove((path + suffix).c_str());
    }
  }

  bool IsPostgres() const { return GetParam().postgres; }

  void OpenDb(Database::Options options = {}) {
    Status s = Database::Open(url_, clock_, &metrics_, options, /*migrate=*/true, &db_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // A migrated connection of its own, outside the Database.
  std::unique_ptr<Connection> RawConnection() {
    std::unique_ptr<Connection> conn;
    Status s = Open(url_, &conn);
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (!s.ok()) return nullptr;
    s = Migrate(*conn, clock_.NowMs(), nullptr);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return conn;
  }

  // One integer from `sql`, read through the Database's readers.
  int64_t ReadInt(const std::string& sql, std::vector<Value> params = {}) {
    int64_t out = -1;
    Status s = db_->Read([&](Connection& c) {
      std::vector<Row> rows;
      Status st = c.Execute(sql, params, &rows);
      if (st.ok() && !rows.empty()) out = rows[0].integer(0);
      return st;
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  AuditVerification Verify() {
    AuditVerification v;
    Status s = db_->Read([&](Connection& c) { return VerifyAuditChain(c, &v); });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return v;
  }

  std::vector<domain::AuditRecord> AuditRecords() {
    std::vector<domain::AuditRecord> out;
    Status s = db_->Read([&](Connection& c) { return ListAuditRecords(c, 0, 100000, &out); });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  TestClock clock_{1795498200000};  // 2026-11-24T05:30:00Z
  Metrics metrics_;                 // outlives db_
  std::string url_;
  std::string path_;
  std::vector<std::string> extra_files_;
  std::unique_ptr<Database> db_;
};

// --- Migrations -----------------------------------------------------------

TEST_P(StoreTest, MigrateReachesTheLatestVersionAndIsIdempotent) {
  std::unique_ptr<Connection> conn;
  ASSERT_TRUE(Open(url_, &conn).ok());
  int version = -1;
  ASSERT_TRUE(SchemaVersion(*conn, &version).ok());
  EXPECT_EQ(version, 0);

  const int latest = AllMigrations().back().version;
  EXPECT_EQ(latest, static_cast<int>(AllMigrations().size()));  // numbered 1, 2, 3 ... without gaps
  Status s = Migrate(*conn, clock_.NowMs(), &version);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(version, latest);
  ASSERT_TRUE(SchemaVersion(*conn, &version).ok());
  EXPECT_EQ(version, latest);

  // Again: nothing to do, nothing fails, nothing is recorded twice.
  version = -1;
  s = Migrate(*conn, clock_.NowMs(), &version);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(version, latest);
  std::vector<Row> rows;
  ASSERT_TRUE(conn->Execute("SELECT COUNT(*) FROM schema_migrations", {}, &rows).ok());
  EXPECT_EQ(rows.at(0).integer(0), latest);
  rows.clear();
  ASSERT_TRUE(
      conn->Execute("SELECT name FROM schema_migrations WHERE version = 1", {}, &rows).ok());
  EXPECT_EQ(rows.at(0).text(0), "platform");

  // The schema is there.
  for (const char* table : {"branches", "employees", "windows", "sessions", "audit_log"}) {
    rows.clear();
    s = conn->Execute(std::string("SELECT COUNT(*) FROM ") + table, {}, &rows);
    EXPECT_TRUE(s.ok()) << table << ": " << s.ToString();
  }
}

TEST_P(StoreTest, OpenWithoutMigrateRefusesAnOutdatedSchema) {
  std::unique_ptr<Database> db;
  Status s = Database::Open(url_, clock_, nullptr, {}, /*migrate=*/false, &db);
  EXPECT_EQ(s.kind(), Status::Kind::kUnavailable) << s.ToString();
  EXPECT_EQ(s.code(), "schema_outdated");
  EXPECT_EQ(db, nullptr);

  s = Database::Open(url_, clock_, nullptr, {}, /*migrate=*/true, &db);
  ASSERT_TRUE(s.ok()) << s.ToString();
  db.reset();
  s = Database::Open(url_, clock_, nullptr, {}, /*migrate=*/false, &db);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// --- The writer: group commit, savepoints, durability -------------------

TEST_P(StoreTest, WriterBatchesConcurrentCommands) {
  OpenDb();
  constexpr int kThreads = 8;
  constexpr int kPerThread = 250;
  constexpr int kTotal = kThreads * kPerThread;
  std::atomic<int> ok{0}, failed{0}, called{0}, refused{0};
  std::promise<void> all_done;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string login = "t" + std::to_string(t) + "-" + std::to_string(i);
        Status s = db_->writer().Submit(InsertCmd(login), [&](const Status& st) {
          (st.ok() ? ok : failed)++;
          if (++called == kTotal) all_done.set_value();
        });
        if (!s.ok()) refused++;
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(refused.load(), 0);
  ASSERT_EQ(all_done.get_future().wait_for(kWait), std::future_status::ready);
  EXPECT_EQ(ok.load(), kTotal);
  EXPECT_EQ(failed.load(), 0);

  EXPECT_EQ(ReadInt("SELECT COUNT(*) FROM employees"), kTotal);
  EXPECT_EQ(ReadInt("SELECT COUNT(DISTINCT login) FROM employees"), kTotal);
  EXPECT_EQ(ReadInt("SELECT COUNT(*) FROM audit_log"), kTotal);
  AuditVerification v = Verify();
  EXPECT_TRUE(v.whole) << v.reason;
  EXPECT_EQ(v.records_checked, kTotal);

  // Group commit: the commands shared transactions, so there were fewer
  // commits than commands, and some batch held more than one command.
  std::string text = metrics_.Render();
  double batches = MetricValue(text, "tereze_writer_batch_size_count");
  double commands = MetricValue(text, "tereze_writer_batch_size_sum");
  double commits = MetricValue(text, "tereze_writer_commits_total");
  double singles = MetricValue(text, "tereze_writer_batch_size_bucket{le=\"1\"}");
  EXPECT_EQ(commands, kTotal) << text;
  EXPECT_EQ(commits, batches) << text;
  EXPECT_GT(batches, 0) << text;
  EXPECT_LT(batches, kTotal) << text;
  EXPECT_LT(singles, batches) << text;  // at least one batch had two or more
}

TEST_P(StoreTest, FailingCommandRollsBackAloneWithItsAuditRecord) {
  OpenDb();
  ASSERT_TRUE(db_->writer().Run(InsertCmd("dup")).ok());  // audit record 1

  std::vector<std::future<Status>> results;
  {
    Blocker blocker(db_->writer());
    ASSERT_TRUE(blocker.started());
    results.push_back(SubmitAsync(db_->writer(), InsertCmd("a")));
    results.push_back(SubmitAsync(db_->writer(), InsertCmd("dup")));  // login taken
    results.push_back(SubmitAsync(db_->writer(), InsertCmd("c")));
    // Fails after its audit record was appended: the record must go too, and
    // the writer's head must step back so the next record takes its id.
    results.push_back(SubmitAsync(db_->writer(), [](WriteTx& tx) {
      Status s = InsertCmd("d")(tx);
      if (!s.ok()) return s;
      return Status::Refused("rule_refused", "refused after auditing");
    }));
    results.push_back(SubmitAsync(db_->writer(), InsertCmd("e")));
    blocker.Release();
    EXPECT_TRUE(blocker.Wait().ok());
  }
  std::vector<Status> st;
  for (auto& f : results) st.push_back(Await(f));
  EXPECT_TRUE(st[0].ok()) << st[0].ToString();
  EXPECT_EQ(st[1].kind(), Status::Kind::kConflict) << st[1].ToString();
  EXPECT_EQ(st[1].code(), "login_taken");
  EXPECT_TRUE(st[2].ok()) << st[2].ToString();
  EXPECT_EQ(st[3].kind(), Status::Kind::kRefused) << st[3].ToString();
  EXPECT_EQ(st[3].code(), "rule_refused");
  EXPECT_TRUE(st[4].ok()) << st[4].ToString();

  // All five ran in one batch: the first insert, the blocker, then this one.
  EXPECT_EQ(MetricValue(metrics_.Render(), "tereze_writer_commits_total"), 3);

  EXPECT_EQ(ReadInt("SELECT COUNT(*) FROM employees"), 4);  // dup, a, c, e
  EXPECT_EQ(ReadInt("SELECT COUNT(*) FROM employees WHERE login = $1", {std::string("dup")}), 1);
  EXPECT_EQ(ReadInt("SELECT COUNT(*) FROM employees WHERE login = $1", {std::string("d")}), 0);

  auto records = AuditRecords();
  ASSERT_EQ(records.size(), 4u);
  const char* objects[] = {"employee/dup", "employee/a", "employee/c", "employee/e"};
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].id, static_cast<int64_t>(i + 1));  // no gaps
    EXPECT_EQ(records[i].object, objects[i]);
  }
  AuditVerification v = Verify();
  EXPECT_TRUE(v.whole) << v.reason;
  EXPECT_EQ(v.records_checked, 4);

  // The head the writer keeps is right: the next record links on.
  ASSERT_TRUE(db_->writer().Run(InsertCmd("f")).ok());
  v = Verify();
  EXPECT_TRUE(v.whole) << v.reason;
  EXPECT_EQ(v.records_checked, 5);
}

TEST_P(StoreTest, ThrowingCommandIsInternalAndOthersCommit) {
  OpenDb();
  std::vector<std::future<Status>> results;
  {
    Blocker blocker(db_->writer());
    ASSERT_TRUE(blocker.started());
    results.push_back(SubmitAsync(db_->writer(), InsertCmd("before")));
    results.push_back(SubmitAsync(db_->writer(), [](WriteTx& tx) -> Status {
      Status s = InsertCmd("thrower")(tx);
      if (!s.ok()) return s;
      throw std::runtime_error("boom");
    }));
    results.push_back(SubmitAsync(db_->writer(), InsertCmd("after")));
    blocker.Release();
    EXPECT_TRUE(blocker.Wait().ok());
  }
  Status before = Await(results[0]), thrown = Await(results[1]), after = Await(results[2]);
  EXPECT_TRUE(before.ok()) << before.ToString();
  EXPECT_EQ(thrown.kind(), Status::Kind::kInternal) << thrown.ToString();
  EXPECT_NE(thrown.message().find("boom"), std::string::npos) << thrown.message();
  EXPECT_TRUE(after.ok()) << after.ToString();

  EXPECT_EQ(ReadInt("SELECT COUNT(*) FROM employees WHERE login = $1", {std::string("thrower")}),
            0);
  EXPECT_EQ(ReadInt("SELECT COUNT(*) FROM employees"), 2);
  AuditVerification v = Verify();
  EXPECT_TRUE(v.whole) << v.reason;
  EXPECT_EQ(v.records_checked, 2);
}

TEST_P(StoreTest, DoneRunsOnlyAfterCommit) {
  OpenDb();
  std::promise<int64_t> seen;
  auto seen_future = seen.get_future();
  const std::string url = url_;
  Status s = db_->writer().Submit(InsertCmd("visible"), [&seen, url](const Status& st) {
    if (!st.ok()) {
      seen.set_value(-2);
      return;
    }
    // A brand-new connection sees the row: it is committed, not just written.
    std::unique_ptr<Connection> other;
    if (!Open(url, &other).ok()) {
      seen.set_value(-3);
      return;
    }
    std::vector<Row> rows;
    Status q = other->Execute("SELECT COUNT(*) FROM employees WHERE login = $1",
                              {std::string("visible")}, &rows);
    seen.set_value(q.ok() ? rows.at(0).integer(0) : -4);
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(seen_future.wait_for(kWait), std::future_status::ready);
  EXPECT_EQ(seen_future.get(), 1);
}

TEST_P(StoreTest, FullQueueRefusesWithRetryAfter) {
  Database::Options options;
  options.writer.max_queue = 1;
  OpenDb(options);
  Blocker blocker(db_->writer());
  ASSERT_TRUE(blocker.started());

  std::atomic<int> refused_done_calls{0};
  auto queued = SubmitAsync(db_->writer(), InsertCmd("queued"));
  EXPECT_EQ(db_->writer().queue_depth(), 1u);
  EXPECT_EQ(MetricValue(metrics_.Render(), "tereze_writer_queue_depth"), 1);
  Status refused;
  for (int i = 0; i < 10 && refused.ok(); ++i) {
    refused = db_->writer().Submit(InsertCmd("refused" + std::to_string(i)),
                                   [&](const Status&) { refused_done_calls++; });
  }
  EXPECT_EQ(refused.kind(), Status::Kind::kUnavailable) << refused.ToString();
  EXPECT_EQ(refused.code(), "overloaded");
  EXPECT_GT(refused.retry_after_s(), 0);
  EXPECT_EQ(db_->writer().queue_depth(), 1u);

  blocker.Release();
  EXPECT_TRUE(blocker.Wait().ok());
  Status q = Await(queued);
  EXPECT_TRUE(q.ok()) << q.ToString();
  EXPECT_EQ(refused_done_calls.load(), 0);  // a refused command never runs
  EXPECT_EQ(ReadInt("SELECT COUNT(*) FROM employees"), 1);
  // With room again, it accepts.
  EXPECT_TRUE(db_->writer().Run(InsertCmd("later")).ok());
}

TEST_P(StoreTest, DestructorRunsWhatIsQueued) {
  OpenDb();
  std::atomic<int> ok{0};
  {
    Blocker blocker(db_->writer());
    ASSERT_TRUE(blocker.started());
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(db_->writer()
                      .Submit(InsertCmd("q" + std::to_string(i)),
                              [&ok](const Status& st) {
                                if (st.ok()) ok++;
                              })
                      .ok());
    }
    blocker.Release();
  }
  db_.reset();  // stops the writer: it must finish the queue first
  EXPECT_EQ(ok.load(), 50);
  OpenDb();
  EXPECT_EQ(ReadInt("SELECT COUNT(*) FROM employees"), 50);
  // The writer reads the audit head back at start and continues the chain.
  ASSERT_TRUE(db_->writer().Run(InsertCmd("next")).ok());
  AuditVerification v = Verify();
  EXPECT_TRUE(v.whole) << v.reason;
  EXPECT_EQ(v.records_checked, 51);
}

TEST_P(StoreTest, MetricsOutliveTheWriter) {
  OpenDb();
  ASSERT_TRUE(db_->writer().Run(InsertCmd("x")).ok());
  db_.reset();
  // The queue-depth gauge must not read a writer that is gone.
  std::string text = metrics_.Render();
  EXPECT_NE(text.find("tereze_writer_commits_total 1"), std::string::npos) << text;
}

// --- Reads ----------------------------------------------------------------

TEST_P(StoreTest, ReadUsesItsOwnConnectionAndSeesCommittedDataOnly) {
  OpenDb();
  Blocker blocker(db_->writer(), InsertCmd("uncommitted"));
  ASSERT_TRUE(blocker.started());
  // The writer holds an open transaction with the row in it. A read neither
  // waits for it nor sees the row.
  auto read = std::async(std::launch::async, [this] {
    return ReadInt("SELECT COUNT(*) FROM employees WHERE login = $1", {std::string("uncommitted")});
  });
  ASSERT_EQ(read.wait_for(kWait), std::future_status::ready) << "the read waited for the writer";
  EXPECT_EQ(read.get(), 0);
  blocker.Release();
  EXPECT_TRUE(blocker.Wait().ok());
  EXPECT_EQ(
      ReadInt("SELECT COUNT(*) FROM employees WHERE login = $1", {std::string("uncommitted")}), 1);
}

// --- The audit log (R26) -----------------------------------------------------

TEST_P(StoreTest, R26_AuditTamperingIsDetected) {
  OpenDb();
  for (int i = 1; i <= 6; ++i)
    ASSERT_TRUE(db_->writer().Run(InsertCmd("e" + std::to_string(i))).ok());
  AuditVerification v = Verify();
  ASSERT_TRUE(v.whole) << v.reason;
  ASSERT_EQ(v.records_checked, 6);
  auto records = AuditRecords();
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(records[0].prev_hash, domain::kAuditGenesisHash);
  for (size_t i = 1; i < records.size(); ++i) EXPECT_EQ(records[i].prev_hash, records[i - 1].hash);
  EXPECT_EQ(records[0].role, "admin");
  EXPECT_EQ(records[0].employee_id, 1);
  EXPECT_EQ(records[0].branch_id, 0);
  EXPECT_GE(records[0].at_ms, 1795498200000);

  std::unique_ptr<Connection> raw = RawConnection();
  ASSERT_NE(raw, nullptr);

  // A changed field.
  ASSERT_TRUE(raw->Execute("UPDATE audit_log SET action = 'x' WHERE id = 2").ok());
  v = Verify();
  EXPECT_FALSE(v.whole);
  EXPECT_EQ(v.first_broken_id, 2);
  EXPECT_EQ(v.records_checked, 1);
  EXPECT_FALSE(v.reason.empty());
  ASSERT_TRUE(
      raw->Execute("UPDATE audit_log SET action = $1 WHERE id = 2", {records[1].action}).ok());
  v = Verify();
  EXPECT_TRUE(v.whole) << v.reason;

  // A rewritten record with a recomputed hash breaks the link to the next.
  domain::AuditRecord forged = records[2];
  forged.object = "employee/forged";
  domain::SealAuditRecord(forged.prev_hash, &forged);
  ASSERT_TRUE(raw->Execute("UPDATE audit_log SET object = $1, hash = $2 WHERE id = 3",
                           {forged.object, forged.hash})
                  .ok());
  v = Verify();
  EXPECT_FALSE(v.whole);
  EXPECT_EQ(v.first_broken_id, 4);
  ASSERT_TRUE(raw->Execute("UPDATE audit_log SET object = $1, hash = $2 WHERE id = 3",
                           {records[2].object, records[2].hash})
                  .ok());
  ASSERT_TRUE(Verify().whole);

  // A record deleted from the middle.
  ASSERT_TRUE(raw->Execute("DELETE FROM audit_log WHERE id = 4").ok());
  v = Verify();
  EXPECT_FALSE(v.whole);
  EXPECT_EQ(v.first_broken_id, 4);
  EXPECT_EQ(v.records_checked, 3);
  EXPECT_NE(v.reason.find("missing"), std::string::npos) << v.reason;
}

TEST_P(StoreTest, R26_EmptyAuditLogIsWhole) {
  OpenDb();
  AuditVerification v = Verify();
  EXPECT_TRUE(v.whole);
  EXPECT_EQ(v.records_checked, 0);
  AuditHead head;
  ASSERT_TRUE(db_->Read([&](Connection& c) { return ReadAuditHead(c, &head); }).ok());
  EXPECT_EQ(head.last_id, 0);
  EXPECT_EQ(head.last_hash, domain::kAuditGenesisHash);
}

// --- Accounts ---------------------------------------------------------------

class AccountsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db = RawConnection();
    ASSERT_NE(db, nullptr);
    domain::Branch b;
    b.code = "B1";
    b.name_kk = b.name_ru = b.name_en = "One";
    b.region = "Astana";
    b.address_kk = b.address_ru = "Address";
    ASSERT_TRUE(InsertBranch(*db, b, false, &branch1).ok());
    b.code = "B2";
    ASSERT_TRUE(InsertBranch(*db, b, false, &branch2).ok());
  }
  void TearDown() override {
    db.reset();
    StoreTest::TearDown();
  }

  int64_t Insert(const domain::Employee& e, const std::string& hash = "", bool demo = false) {
    int64_t id = 0;
    Status s = InsertEmployee(*db, e, hash, clock_.NowMs(), demo, &id);
    EXPECT_TRUE(s.ok()) << e.login << ": " << s.ToString();
    return id;
  }

  std::unique_ptr<Connection> db;
  int64_t branch1 = 0, branch2 = 0;
};

TEST_P(AccountsTest, InsertAndFindEmployee) {
  domain::Employee e = MakeEmployee("aigerim", branch1);
  e.patronymic = "Қайратқызы";
  e.roles = domain::Bit(domain::Role::kOperator) | domain::Bit(domain::Role::kIssuance);
  int64_t id = Insert(e, "$argon2id$fake");
  ASSERT_GT(id, 0);

  EmployeeRow row;
  Status s = FindEmployeeById(*db, id, &row);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(row.employee.id, id);
  EXPECT_EQ(row.employee.login, "aigerim");
  EXPECT_EQ(row.employee.surname, e.surname);
  EXPECT_EQ(row.employee.name, e.name);
  EXPECT_EQ(row.employee.patronymic, "Қайратқызы");
  EXPECT_EQ(row.employee.position, e.position);
  EXPECT_EQ(row.employee.branch_id, branch1);
  EXPECT_EQ(row.employee.roles, e.roles);
  EXPECT_TRUE(row.employee.active);
  EXPECT_EQ(row.password_hash, "$argon2id$fake");

  EmployeeRow by_login;
  ASSERT_TRUE(FindEmployeeByLogin(*db, "aigerim", &by_login).ok());
  EXPECT_EQ(by_login.employee.id, id);

  s = FindEmployeeByLogin(*db, "nobody", &by_login);
  EXPECT_EQ(s.kind(), Status::Kind::kNotFound);
  EXPECT_EQ(s.code(), "employee_not_found");
  s = FindEmployeeById(*db, id + 1000, &by_login);
  EXPECT_EQ(s.code(), "employee_not_found");

  // Central employee: no branch, no password, inactive.
  domain::Employee c = MakeEmployee("central");
  c.roles = domain::Bit(domain::Role::kCentralOffice);
  c.active = false;
  int64_t cid = Insert(c);
  ASSERT_TRUE(FindEmployeeById(*db, cid, &row).ok());
  EXPECT_EQ(row.employee.branch_id, 0);
  EXPECT_EQ(row.password_hash, "");
  EXPECT_EQ(row.employee.patronymic, "");
  EXPECT_FALSE(row.employee.active);
}

TEST_P(AccountsTest, UpdateAndPassword) {
  int64_t id = Insert(MakeEmployee("ruslan", branch1));
  domain::Employee e = MakeEmployee("renamed-is-ignored", branch2);
  e.id = id;
  e.surname = "Жаңа";
  e.roles = domain::Bit(domain::Role::kCourier);
  e.active = false;
  ASSERT_TRUE(UpdateEmployee(*db, e, clock_.NowMs()).ok());
  ASSERT_TRUE(SetEmployeePassword(*db, id, "$argon2id$new", clock_.NowMs()).ok());
  EmployeeRow row;
  ASSERT_TRUE(FindEmployeeById(*db, id, &row).ok());
  EXPECT_EQ(row.employee.login, "ruslan");  // the login never changes
  EXPECT_EQ(row.employee.surname, "Жаңа");
  EXPECT_EQ(row.employee.branch_id, branch2);
  EXPECT_EQ(row.employee.roles, domain::Bit(domain::Role::kCourier));
  EXPECT_FALSE(row.employee.active);
  EXPECT_EQ(row.password_hash, "$argon2id$new");
}

TEST_P(AccountsTest, ListWithPaginationAndBranchFilter) {
  std::vector<int64_t> all, in1, in2;
  for (int i = 0; i < 7; ++i) {
    int64_t branch = i % 2 == 0 ? branch1 : branch2;
    int64_t id = Insert(MakeEmployee("emp" + std::to_string(i), branch));
    all.push_back(id);
    (branch == branch1 ? in1 : in2).push_back(id);
  }
  // Pages of three, by id.
  std::vector<int64_t> paged;
  int64_t after = 0;
  int pages = 0;
  for (;;) {
    std::vector<domain::Employee> page;
    ASSERT_TRUE(ListEmployees(*db, 0, after, 3, &page).ok());
    if (page.empty()) break;
    ++pages;
    EXPECT_LE(page.size(), 3u);
    for (const auto& e : page) paged.push_back(e.id);
    after = page.back().id;
  }
  EXPECT_EQ(paged, all);
  EXPECT_EQ(pages, 3);

  std::vector<domain::Employee> list;
  ASSERT_TRUE(ListEmployees(*db, branch1, 0, 100, &list).ok());
  std::vector<int64_t> ids;
  for (const auto& e : list) {
    ids.push_back(e.id);
    EXPECT_EQ(e.branch_id, branch1);
  }
  EXPECT_EQ(ids, in1);

  list.clear();
  ASSERT_TRUE(ListEmployees(*db, branch2, in2[0], 1, &list).ok());
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, in2[1]);
}

TEST_P(AccountsTest, ConstraintViolationsAreConflicts) {
  Insert(MakeEmployee("taken", branch1));
  int64_t id = 0;
  Status s = InsertEmployee(*db, MakeEmployee("taken", branch2), "", clock_.NowMs(), false, &id);
  EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
  EXPECT_EQ(s.code(), "login_taken");

  // A branch that does not exist is a conflict too, but not about the login.
  s = InsertEmployee(*db, MakeEmployee("fresh", 999999), "", clock_.NowMs(), false, &id);
  EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
  EXPECT_NE(s.code(), "login_taken");

  domain::Branch b;
  b.code = "B1";
  b.name_kk = b.name_ru = b.name_en = b.region = b.address_kk = b.address_ru = "x";
  s = InsertBranch(*db, b, false, &id);
  EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
  EXPECT_EQ(s.code(), "branch_exists");

  domain::Window w;
  w.branch_id = branch1;
  w.number = 1;
  w.kind = "intake";
  ASSERT_TRUE(InsertWindow(*db, w, &id).ok());
  s = InsertWindow(*db, w, &id);
  EXPECT_EQ(s.code(), "window_exists") << s.ToString();
  w.branch_id = branch2;  // the same number in another branch is fine
  EXPECT_TRUE(InsertWindow(*db, w, &id).ok());
}

TEST_P(AccountsTest, CountNonDemoEmployees) {
  int64_t n = -1;
  ASSERT_TRUE(CountNonDemoEmployees(*db, &n).ok());
  EXPECT_EQ(n, 0);
  Insert(MakeEmployee("demo1", branch1), "", /*demo=*/true);
  ASSERT_TRUE(CountNonDemoEmployees(*db, &n).ok());
  EXPECT_EQ(n, 0);
  Insert(MakeEmployee("real1", branch1));
  ASSERT_TRUE(CountNonDemoEmployees(*db, &n).ok());
  EXPECT_EQ(n, 1);
}

TEST_P(AccountsTest, Sessions) {
  int64_t alice = Insert(MakeEmployee("alice", branch1));
  int64_t bob = Insert(MakeEmployee("bob", branch1));
  const int64_t now = clock_.NowMs();
  const std::string t1 = Sha256Hex("t1"), t2 = Sha256Hex("t2"), t3 = Sha256Hex("t3");
  ASSERT_TRUE(InsertSession(*db, t1, Sha256Hex("c1"), alice, now, now + 1000).ok());
  ASSERT_TRUE(InsertSession(*db, t2, Sha256Hex("c2"), bob, now, now + 2000).ok());
  ASSERT_TRUE(InsertSession(*db, t3, Sha256Hex("c3"), bob, now, now + 3000).ok());

  SessionRow row;
  ASSERT_TRUE(FindSession(*db, t1, &row).ok());
  EXPECT_EQ(row.employee_id, alice);
  EXPECT_EQ(row.csrf_hash, Sha256Hex("c1"));
  EXPECT_EQ(row.expires_at_ms, now + 1000);
  EXPECT_FALSE(row.revoked);

  Status s = FindSession(*db, Sha256Hex("unknown"), &row);
  EXPECT_EQ(s.kind(), Status::Kind::kNotFound);
  EXPECT_EQ(s.code(), "session_not_found");

  bool revoked = false;
  ASSERT_TRUE(RevokeSession(*db, t1, now, &revoked).ok());
  EXPECT_TRUE(revoked);
  ASSERT_TRUE(RevokeSession(*db, t1, now, &revoked).ok());
  EXPECT_FALSE(revoked);  // already revoked
  ASSERT_TRUE(RevokeSession(*db, Sha256Hex("unknown"), now, &revoked).ok());
  EXPECT_FALSE(revoked);
  ASSERT_TRUE(FindSession(*db, t1, &row).ok());
  EXPECT_TRUE(row.revoked);

  ASSERT_TRUE(RevokeEmployeeSessions(*db, bob, now).ok());
  ASSERT_TRUE(FindSession(*db, t2, &row).ok());
  EXPECT_TRUE(row.revoked);
  ASSERT_TRUE(FindSession(*db, t3, &row).ok());
  EXPECT_TRUE(row.revoked);

  // Constraints: a token hash is unique, and a session belongs to an employee.
  s = InsertSession(*db, t1, "c", alice, now, now + 1);
  EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
  s = InsertSession(*db, Sha256Hex("t4"), "c", 999999, now, now + 1);
  EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
}

TEST_P(AccountsTest, KazakhTextRoundTrip) {
  domain::Employee e = MakeEmployee("kazakh", branch1);
  e.surname = "Сәрсенбаева";
  e.name = "Әйгерім";
  e.patronymic = "Қайратқызы";
  e.position = "Маман (ғұңөүһі ӘҒҚҢӨҰҮҺІ)";
  int64_t id = Insert(e);
  EmployeeRow row;
  ASSERT_TRUE(FindEmployeeById(*db, id, &row).ok());
  EXPECT_EQ(row.employee.FullName(), "Сәрсенбаева Әйгерім Қайратқызы");
  EXPECT_EQ(row.employee.position, e.position);

  // Stored as characters, not mangled bytes: the database counts letters.
  std::vector<Row> rows;
  ASSERT_TRUE(db->Execute("SELECT length(surname) FROM employees WHERE id = $1", {id}, &rows).ok());
  EXPECT_EQ(rows.at(0).integer(0), 11);
  // And compares them exactly.
  rows.clear();
  ASSERT_TRUE(db->Execute("SELECT id FROM employees WHERE surname = $1",
                          {std::string("Сәрсенбаева")}, &rows)
                  .ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].integer(0), id);

  domain::Branch b;
  b.code = "AST-KZ";
  b.name_kk = "Астана қаласы бойынша №1 ХҚКО";
  b.name_ru = "ЦОН №1 города Астаны";
  b.name_en = "PSC 1";
  b.region = "Астана";
  b.address_kk = "Мәңгілік Ел даңғылы, 8";
  b.address_ru = "проспект Мәңгілік Ел, 8";
  int64_t bid = 0;
  ASSERT_TRUE(InsertBranch(*db, b, false, &bid).ok());
  domain::Branch back;
  ASSERT_TRUE(FindBranch(*db, bid, &back).ok());
  EXPECT_EQ(back.name_kk, b.name_kk);
  EXPECT_EQ(back.address_kk, b.address_kk);
  EXPECT_EQ(back.time_zone, "Asia/Almaty");
}

TEST_P(AccountsTest, BranchesAndWindows) {
  std::vector<domain::Branch> list;
  ASSERT_TRUE(ListBranches(*db, 0, 0, 100, &list).ok());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].code, "B1");
  list.clear();
  ASSERT_TRUE(ListBranches(*db, branch2, 0, 100, &list).ok());
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, branch2);
  domain::Branch b;
  EXPECT_EQ(FindBranch(*db, 999999, &b).code(), "branch_not_found");

  int64_t op = Insert(MakeEmployee("op", branch1));
  int64_t id = 0;
  ASSERT_TRUE(InsertWindow(*db, {0, branch1, 2, "issuance", 0}, &id).ok());
  ASSERT_TRUE(InsertWindow(*db, {0, branch1, 1, "intake", op}, &id).ok());
  std::vector<domain::Window> windows;
  ASSERT_TRUE(ListWindows(*db, branch1, &windows).ok());
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(windows[0].number, 1);  // by number
  EXPECT_EQ(windows[0].kind, "intake");
  EXPECT_EQ(windows[0].employee_id, op);
  EXPECT_EQ(windows[1].kind, "issuance");
  EXPECT_EQ(windows[1].employee_id, 0);
}

// --- Backup -----------------------------------------------------------------

TEST_P(StoreTest, BackupOfALiveDatabase) {
  if (IsPostgres()) {
    int64_t pages = 0;
    Status s = BackupSqlite(url_, "/tmp/tereze-never-written.db", &pages);
    EXPECT_EQ(s.kind(), Status::Kind::kMalformed) << s.ToString();
    EXPECT_EQ(s.code(), "bad_database_url");
    return;
  }
  OpenDb();
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(SubmitAsync(db_->writer(), InsertCmd("pre" + std::to_string(i))).valid());
  }
  ASSERT_TRUE(db_->writer().Run(InsertCmd("pre-last")).ok());

  std::atomic<bool> stop{false};
  std::atomic<int> written{0}, failed{0};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      Status s = db_->writer().Run(InsertCmd("live" + std::to_string(i)));
      (s.ok() ? written : failed)++;
    }
  });
  while (written < 5) std::this_thread::sleep_for(1ms);

  const std::string copy = path_ + ".backup";
  extra_files_.push_back(copy);
  // At least three copies, and as many more as it takes for the writer to
  // commit a few times while they are being taken.
  const int written_at_start = written;
  for (int backups = 0; backups < 3 || (written - written_at_start < 3 && backups < 50);
       ++backups) {
    const std::string to = copy + std::to_string(backups);
    extra_files_.push_back(to);
    int64_t pages = 0;
    int before = written;
    Status s = BackupSqlite(url_, to, &pages);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_GT(pages, 0);

    std::unique_ptr<Connection> c;
    ASSERT_TRUE(Open("sqlite:" + to, &c).ok());
    std::vector<Row> rows;
    ASSERT_TRUE(c->Execute("PRAGMA integrity_check", {}, &rows).ok());
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text(0), "ok");
    AuditVerification v;
    ASSERT_TRUE(VerifyAuditChain(*c, &v).ok());
    EXPECT_TRUE(v.whole) << v.reason;
    // A consistent snapshot: each command wrote one employee and one record.
    rows.clear();
    ASSERT_TRUE(c->Execute("SELECT (SELECT COUNT(*) FROM employees), (SELECT COUNT(*) FROM "
                           "audit_log)",
                           {}, &rows)
                    .ok());
    EXPECT_EQ(rows[0].integer(0), rows[0].integer(1));
    EXPECT_EQ(v.records_checked, rows[0].integer(1));
    EXPECT_GE(v.records_checked, 101 + before);
  }
  const int written_during = written - written_at_start;
  stop = true;
  writer.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GE(written_during, 3);  // the writer kept writing while the copies were taken

  // The destination must not exist.
  int64_t pages = 0;
  Status s = BackupSqlite(url_, copy + "0", &pages);
  EXPECT_EQ(s.kind(), Status::Kind::kConflict) << s.ToString();
  EXPECT_EQ(s.code(), "destination_exists");
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreTest, ::testing::Values(Backend{"Sqlite", false}),
                         BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, StoreTest, ::testing::Values(Backend{"Postgres", true}),
                         BackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, AccountsTest, ::testing::Values(Backend{"Sqlite", false}),
                         BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, AccountsTest, ::testing::Values(Backend{"Postgres", true}),
                         BackendName);

}  // namespace
}  // namespace tereze::store
