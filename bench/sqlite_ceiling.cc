// tereze-sqlite-ceiling: how many "writes" per second SQLite itself can take
// on this machine, with the same durability settings as the Tereze server
// (journal_mode=WAL, synchronous=FULL). No HTTP, no JSON, no hashing: this is
// the upper bound the server's write path can approach, never exceed.
//
// One "write" = one employees row + one audit_log row (what creating an
// employee costs in the server), `batch` writes per transaction, prepared
// statements reused throughout.
//
// Prints one key=value summary line to stdout. Use a fresh --db path per run:
// rows are appended (with unique logins), so an existing file only grows.

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>

namespace {

constexpr int64_t kMaxRows = 10'000'000;
constexpr int64_t kMaxBatch = 100'000;
constexpr int kMaxDurationS = 600;
constexpr int kBusyTimeoutMs = 5000;

using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& msg) {
  std::fprintf(stderr, "tereze-sqlite-ceiling: %s\n", msg.c_str());
  std::exit(2);
}

void Check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    Die(std::string(what) + ": " + sqlite3_errmsg(db));
}

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = std::string(sql) + ": " + (err ? err : "?");
    sqlite3_free(err);
    Die(msg);
  }
}

int64_t ParseInt(std::string_view flag, std::string_view text, int64_t min, int64_t max) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < min || v > max)
    Die(std::string(flag) + " must be an integer in [" + std::to_string(min) + ", " +
        std::to_string(max) + "], got '" + std::string(text) + "'");
  return v;
}

// Cheap pseudo-random 64-hex-char strings. They stand in for SHA-256 digests;
// the point is the byte count SQLite has to write, not the cryptography.
struct HexSource {
  uint64_t state;
  void Fill(char out[64]) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (int word = 0; word < 4; ++word) {
      // splitmix64
      uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      z ^= z >> 31;
      for (int nibble = 0; nibble < 16; ++nibble)
        out[word * 16 + nibble] = kHex[(z >> (nibble * 4)) & 15];
    }
  }
};

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  int64_t rows = 200'000;
  int64_t batch = 256;
  int64_t max_duration_s = 120;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "-h" || flag == "--help") {
      std::fprintf(stderr,
                   "usage: tereze-sqlite-ceiling --db PATH [--rows 200000] [--batch 256]"
                   " [--max-duration-s 120]\n"
                   "limits: rows <= %" PRId64 ", batch <= %" PRId64 ", max-duration-s <= %d\n",
                   kMaxRows, kMaxBatch, kMaxDurationS);
      return 0;
    }
    if (i + 1 >= argc) Die("missing value for " + std::string(flag));
    std::string_view value = argv[++i];
    if (flag == "--db")
      db_path = value;
    else if (flag == "--rows")
      rows = ParseInt(flag, value, 1, kMaxRows);
    else if (flag == "--batch")
      batch = ParseInt(flag, value, 1, kMaxBatch);
    else if (flag == "--max-duration-s")
      max_duration_s = ParseInt(flag, value, 1, kMaxDurationS);
    else
      Die("unknown flag " + std::string(flag));
  }
  if (db_path.empty()) Die("--db PATH is required");

  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK)
    Die("open " + db_path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
  sqlite3_busy_timeout(db, kBusyTimeoutMs);

  // Same durability as the server (src/store: WAL, synchronous=FULL,
  // foreign_keys=ON): every COMMIT fsyncs the WAL.
  Exec(db, "PRAGMA journal_mode=WAL");
  Exec(db, "PRAGMA synchronous=FULL");
  Exec(db, "PRAGMA foreign_keys=ON");
  {
    // journal_mode silently stays as-is on some filesystems; make sure.
    sqlite3_stmt* q = nullptr;
    Check(db, sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, nullptr), "prepare");
    Check(db, sqlite3_step(q), "journal_mode");
    std::string mode = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    if (mode != "wal") Die("journal_mode is '" + mode + "', expected 'wal'");
  }

  Exec(db,
       "CREATE TABLE IF NOT EXISTS employees("
       " id INTEGER PRIMARY KEY, login TEXT UNIQUE, surname TEXT, name TEXT, position TEXT,"
       " branch_id INTEGER, roles TEXT, created_at_ms INTEGER);"
       "CREATE TABLE IF NOT EXISTS audit_log("
       " id INTEGER PRIMARY KEY, at_ms INTEGER, employee_id INTEGER, action TEXT, object TEXT,"
       " change_digest TEXT, prev_hash TEXT, hash TEXT);");

  sqlite3_stmt* ins_employee = nullptr;
  sqlite3_stmt* ins_audit = nullptr;
  Check(db,
        sqlite3_prepare_v3(db,
                           "INSERT INTO employees(login, surname, name, position, branch_id, roles,"
                           " created_at_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, SQLITE_PREPARE_PERSISTENT, &ins_employee, nullptr),
        "prepare employees insert");
  Check(
      db,
      sqlite3_prepare_v3(db,
                         "INSERT INTO audit_log(at_ms, employee_id, action, object, change_digest,"
                         " prev_hash, hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         -1, SQLITE_PREPARE_PERSISTENT, &ins_audit, nullptr),
      "prepare audit insert");

  // A random run id keeps logins unique if the same file is reused.
  std::random_device rd;
  const uint64_t run = (uint64_t{rd()} << 32) ^ rd();
  char run_hex[17];
  std::snprintf(run_hex, sizeof run_hex, "%016" PRIx64, run);
  HexSource hex{run};
  char prev_hash[64], hash[64], digest[64];
  hex.Fill(prev_hash);

  const auto start = Clock::now();
  const auto give_up = start + std::chrono::seconds(max_duration_s);
  int64_t written = 0, commits = 0;
  bool out_of_time = false;
  std::string login;
  while (written < rows && !out_of_time) {
    Exec(db, "BEGIN IMMEDIATE");  // as a writer would: take the write lock up front
    const int64_t this_batch = std::min(batch, rows - written);
    for (int64_t k = 0; k < this_batch; ++k) {
      const int64_t now_ms = NowMs();
      login = "ceil-";
      login += run_hex;
      login += '-';
      login += std::to_string(written + k);

      sqlite3_bind_text(ins_employee, 1, login.data(), static_cast<int>(login.size()),
                        SQLITE_STATIC);
      sqlite3_bind_text(ins_employee, 2, "Surname", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins_employee, 3, "Name", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins_employee, 4, "teller", -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins_employee, 5, 1 + (written + k) % 16);
      sqlite3_bind_text(ins_employee, 6, "[\"teller\"]", -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins_employee, 7, now_ms);
      Check(db, sqlite3_step(ins_employee), "insert employee");
      sqlite3_reset(ins_employee);
      const int64_t employee_id = sqlite3_last_insert_rowid(db);

      // Hash chain shape: each audit row carries the previous row's hash.
      hex.Fill(digest);
      hex.Fill(hash);
      sqlite3_bind_int64(ins_audit, 1, now_ms);
      sqlite3_bind_int64(ins_audit, 2, employee_id);
      sqlite3_bind_text(ins_audit, 3, "create", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins_audit, 4, "employee", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins_audit, 5, digest, 64, SQLITE_STATIC);
      sqlite3_bind_text(ins_audit, 6, prev_hash, 64, SQLITE_STATIC);
      sqlite3_bind_text(ins_audit, 7, hash, 64, SQLITE_STATIC);
      Check(db, sqlite3_step(ins_audit), "insert audit");
      sqlite3_reset(ins_audit);
      std::copy(hash, hash + 64, prev_hash);
    }
    Exec(db, "COMMIT");
    written += this_batch;
    ++commits;
    out_of_time = Clock::now() >= give_up;
  }
  const double wall_s = std::chrono::duration<double>(Clock::now() - start).count();

  sqlite3_finalize(ins_employee);
  sqlite3_finalize(ins_audit);
  sqlite3_close(db);

  struct stat st {};
  const double db_mib = stat(db_path.c_str(), &st) == 0 ? st.st_size / 1048576.0 : 0.0;
  std::printf(
      "name=sqlite_raw_ceiling batch=%" PRId64 " writes=%" PRId64 " commits=%" PRId64
      " wall_s=%.2f writes_per_s=%.0f commits_per_s=%.0f ms_per_commit=%.3f db_mib=%.1f%s\n",
      batch, written, commits, wall_s, written / wall_s, commits / wall_s,
      commits ? wall_s * 1000.0 / commits : 0.0, db_mib,
      out_of_time ? " stopped=max_duration" : "");
  return 0;
}
