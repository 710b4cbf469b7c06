// The report benchmark (R37): a month of the whole network (DataOptions) in a
// SQLite file, then the monthly report of every branch, and of one branch,
// timed. Prints one line of figures.
//
//   tereze-report-bench --db FILE [--branches 350] [--per-branch 8572] [--threads 2] [--reuse]
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "app/reports.h"
#include "bench/report_data.h"
#include "core/clock.h"
#include "store/database.h"
#include "store/migrations.h"

using namespace tereze;

int main(int argc, char** argv) {
  CLI::App cli("tereze report benchmark");
  std::string path;
  int branches = 350, per_branch = 8572, threads = 2, runs = 3;
  bool reuse = false;
  cli.add_option("--db", path, "SQLite file")->required();
  cli.add_option("--branches", branches);
  cli.add_option("--per-branch", per_branch, "applications accepted or refused in the month");
  cli.add_option("--threads", threads);
  cli.add_option("--runs", runs);
  cli.add_flag("--reuse", reuse, "use the file as it is when it exists");
  CLI11_PARSE(cli, argc, argv);
  const domain::Month month{2026, 10};
  if (!(reuse && std::filesystem::exists(path))) {
    std::filesystem::remove(path);
    std::unique_ptr<store::Connection> db;
    Status s = store::OpenSqlite(path, &db);
    if (s.ok()) s = store::Migrate(*db, 0, nullptr);
    if (s.ok()) s = db->ExecuteScript("PRAGMA synchronous=OFF; BEGIN");
    bench::DataOptions o;
    o.month = month;
    o.branches = branches;
    o.applications_per_branch = per_branch;
    o.progress = [](int64_t done, int64_t total) {
      if (done % 200000 == 0)
        std::fprintf(stderr, "generating %lld / %lld\n", (long long)done, (long long)total);
    };
    bench::DataTallies t;
    auto t0 = std::chrono::steady_clock::now();
    if (s.ok()) s = bench::GenerateMonthData(*db, o, &t);
    if (s.ok()) s = db->ExecuteScript("COMMIT; ANALYZE");
    if (!s.ok()) {
      std::fprintf(stderr, "generate: %s\n", s.ToString().c_str());
      return 1;
    }
    std::fprintf(stderr, "generated %lld applications in %.1f s\n", (long long)t.applications,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  SystemClock clock;
  std::unique_ptr<store::Database> database;
  Status s = store::Database::Open("sqlite:" + path, clock, nullptr, {}, true, &database);
  if (!s.ok()) {
    std::fprintf(stderr, "open: %s\n", s.ToString().c_str());
    return 1;
  }
  double best_all = 1e9, best_one = 1e9;
  int64_t lines = 0, accepted = 0;
  for (int r = 0; r < runs; ++r) {
    std::vector<app::BranchMonth> out;
    auto t0 = std::chrono::steady_clock::now();
    s = app::CountMonth(*database, month, 0, threads, nullptr, &out);
    const double all = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!s.ok()) {
      std::fprintf(stderr, "count: %s\n", s.ToString().c_str());
      return 1;
    }
    best_all = std::min(best_all, all);
    lines = accepted = 0;
    for (const auto& bm : out) {
      for (const auto& [p, ls] : bm.counts.providers) {
        lines += ls.size();
        for (const auto& l : ls) accepted += l.figures.accepted + l.figures.refused;
      }
    }
    std::vector<app::BranchMonth> one;
    t0 = std::chrono::steady_clock::now();
    s = app::CountMonth(*database, month, out.empty() ? 1 : out[out.size() / 2].branch.id, 1,
                        nullptr, &one);
    best_one = std::min(
        best_one, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (!s.ok()) return 1;
  }
  std::printf(
      "report-month cores=%u threads=%d branches=%d applications_in_month=%lld lines=%lld "
      "national_ms=%.0f one_branch_ms=%.1f\n",
      std::thread::hardware_concurrency(), threads, branches, (long long)accepted, (long long)lines,
      best_all * 1000, best_one * 1000);
  return 0;
}
