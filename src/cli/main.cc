// tereze: the one program. Subcommands: serve, demo, migrate, catalog import,
// audit verify, backup, simulate, version. Reading order for newcomers: main() at the bottom, then
// Serve(), which wires store -> app -> http and runs the main loop.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/app.h"
#include "app/catalog.h"
#include "app/demo.h"
#include "app/reports.h"
#include "core/clock.h"
#include "core/instant.h"
#include "core/metrics.h"
#include "http/service.h"
#include "sign/verify_command.h"
#include "sim/day_simulator.h"
#include "sim/server_driver.h"
#include "store/audit_log.h"
#include "store/backup.h"
#include "store/database.h"
#include "store/migrations.h"

namespace {

using namespace tereze;

constexpr int kExitFailure = 1;
constexpr int kExitBroken = 2;  // audit verify: the chain is broken

int Fail(const Status& s) {
  std::cerr << "tereze: " << s.ToString() << "\n";
  return kExitFailure;
}

Status ParseListen(const std::string& listen, std::string* host, uint16_t* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return Status::Malformed("bad_listen", "--listen is HOST:PORT");
  *host = listen.substr(0, colon);
  if (host->size() > 2 && host->front() == '[') *host = host->substr(1, host->size() - 2);
  int p = 0;
  try {
    p = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    p = -1;
  }
  if (p < 0 || p > 65535) return Status::Malformed("bad_listen", "port must be 0-65535");
  *port = static_cast<uint16_t>(p);
  return Status::Ok();
}

struct ServeFlags {
  std::string db = "sqlite:var/tereze.db";
  std::string listen = "127.0.0.1:8080";
  std::string web;
  std::string test_clock;
  std::string public_url;
  std::string sms_url, sms_user, sms_password, sms_from = "1414", sms_dlr_url;
  std::string gbd_url;
  std::string access_log = "-";
  int io_threads = 2;
  size_t max_queue = 20000;
};

int Serve(const ServeFlags& f) {
  http::ServiceOptions options;
  options.db_url = f.db;
  options.test_clock = f.test_clock;
  options.public_url = f.public_url;
  options.sms.sendsms_url = f.sms_url;
  options.sms.username = f.sms_user;
  options.sms.password = f.sms_password;
  options.sms.from = f.sms_from;
  options.sms.dlr_url = f.sms_dlr_url;
  options.gbd_url = f.gbd_url;
  options.database.writer.max_queue = f.max_queue;
  Status s = ParseListen(f.listen, &options.server.host, &options.server.port);
  if (!s.ok()) return Fail(s);
  options.server.web_dir = f.web;
  options.server.access_log = f.access_log;
  options.server.io_threads = f.io_threads;
  std::unique_ptr<http::Service> service;
  s = http::Service::Start(options, &service);
  if (!s.ok()) return Fail(s);
  spdlog::info(
      "tereze serving on http://{}:{} (db {}{})", options.server.host, service->port(),
      f.db.rfind("sqlite:", 0) == 0 ? f.db : "postgresql",
      service->test_clock() ? ", test clock at " + FormatInstantUtc(service->clock().NowMs()) : "");
  service->Run(/*handle_signals=*/true);
  spdlog::info("tereze stopped");
  return 0;
}

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("file_not_found", "cannot read " + path);
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return Status::Ok();
}

// Imports a catalog file; prints every problem by line when it is refused.
Status ImportCatalogFile(app::App& app, const std::string& path) {
  std::string text;
  Status s = ReadFile(path, &text);
  if (!s.ok()) return s;
  app::ImportResult result;
  s = app::ImportCatalog(app, nullptr, text, std::filesystem::path(path).filename().string(),
                         &result);
  for (const auto& e : result.errors)
    std::cerr << path << ": " << e.where << ": " << e.message << "\n";
  if (!s.ok()) return s;
  if (result.unchanged) {
    std::cout << "catalog unchanged: version " << result.version_id << " is the same\n";
  } else {
    std::cout << "catalog version " << result.version_id << ": " << result.services
              << " services imported from " << path << "\n";
  }
  return Status::Ok();
}

int CatalogImport(const std::string& url, const std::string& path) {
  SystemClock clock;
  std::unique_ptr<store::Database> db;
  Status s = store::Database::Open(url, clock, nullptr, {}, /*migrate=*/true, &db);
  if (!s.ok()) return Fail(s);
  app::App app(*db, clock, nullptr);
  s = ImportCatalogFile(app, path);
  return s.ok() ? 0 : Fail(s);
}

// `tereze report monthly|quality`: the month counted now from the data (R37, R38), with a
// progress bar on stderr when it is a terminal and a plain line per 10% otherwise.
int Report(const std::string& url, const std::string& kind, const std::string& month_text,
           int64_t branch_id, const std::string& format, const std::string& lang,
           const std::string& out_path, int threads) {
  auto month = domain::ParseMonth(month_text);
  if (!month) return Fail(Status::Malformed("invalid_month", "--month is YYYY-MM"));
  SystemClock clock;
  std::unique_ptr<store::Database> db;
  Status s = store::Database::Open(url, clock, nullptr, {}, /*migrate=*/false, &db);
  if (!s.ok()) return Fail(s);
  app::App app(*db, clock, nullptr);
  const bool tty = isatty(2);
  int last_tenth = -1;
  auto progress = [&](int done, int total) {
    if (tty) {
      const int width = 40, filled = total ? done * width / total : width;
      std::fprintf(stderr, "\r[%s%s] %d/%d branches", std::string(filled, '#').c_str(),
                   std::string(width - filled, ' ').c_str(), done, total);
      if (done == total) std::fprintf(stderr, "\n");
    } else if (int tenth = total ? done * 10 / total : 10; tenth != last_tenth) {
      last_tenth = tenth;
      std::fprintf(stderr, "report: %d/%d branches\n", done, total);
    }
  };
  std::string bytes, type;
  if (kind == "quality") {
    std::vector<app::QualityRow> rows;
    s = app::QualityExport(*db, *month, threads, progress, &rows);
    if (!s.ok()) return Fail(s);
    if (format != "json" && format != "csv") {
      return Fail(Status::Malformed("invalid_format", "--format json or csv"));
    }
    std::ostringstream o;
    if (format == "csv") {
      o << "branch_id,branch_code,region,provider_code,service_code";
      for (const char* n : domain::kFigureNames) o << "," << n;
      o << ",rating_average\r\n";
    } else {
      o << "{\"schema\":\"tereze.quality_export.v1\",\"month\":\"" << month->ToString()
        << "\",\"rows\":[";
    }
    bool first = true;
    for (const auto& q : rows) {
      const int64_t t = domain::RatingAverageTenths(q.figures);
      const std::string avg =
          q.figures.ratings ? std::to_string(t / 10) + "." + std::to_string(t % 10) : "";
      if (format == "csv") {
        o << q.branch_id << "," << q.branch_code << "," << q.region << "," << q.provider_code << ","
          << q.service_code;
        for (const char* n : domain::kFigureNames) o << "," << *domain::FigureValue(q.figures, n);
        o << "," << avg << "\r\n";
      } else {
        o << (first ? "" : ",") << "{\"branch_id\":" << q.branch_id << ",\"branch_code\":\""
          << q.branch_code << "\",\"region\":\"" << q.region << "\",\"provider_code\":\""
          << q.provider_code << "\",\"service_code\":\"" << q.service_code << "\"";
        for (const char* n : domain::kFigureNames) {
          o << ",\"" << n << "\":" << *domain::FigureValue(q.figures, n);
        }
        o << ",\"rating_average\":" << (avg.empty() ? "null" : avg) << "}";
        first = false;
      }
    }
    if (format == "json") o << "]}\n";
    bytes = o.str();
  } else {
    std::vector<app::BranchMonth> counted;
    s = app::CountMonth(*db, *month, branch_id, threads, progress, &counted);
    if (!s.ok()) return Fail(s);
    s = app::RenderDocs(app::DocsOfCounts(app, counted, *month, lang), format, lang, &bytes, &type);
    if (!s.ok()) return Fail(s);
  }
  if (out_path.empty() || out_path == "-") {
    std::cout << bytes;
  } else {
    std::ofstream f(out_path, std::ios::binary);
    f << bytes;
    if (!f) return Fail(Status::Internal("cannot write " + out_path));
  }
  return 0;
}

// `catalog_path` empty: no catalog. `catalog_optional`: a missing file is
// only a warning (the default path, when run from outside the source tree).
int Demo(const std::string& url, const std::string& catalog_path, bool catalog_optional) {
  SystemClock clock;
  std::unique_ptr<store::Database> db;
  Status s = store::Database::Open(url, clock, nullptr, {}, /*migrate=*/true, &db);
  if (!s.ok()) return Fail(s);
  app::App app(*db, clock, nullptr);
  app::DemoSummary summary;
  s = app::LoadDemo(app, &summary);
  if (!s.ok()) return Fail(s);
  if (summary.created) {
    std::cout << "demo loaded: branch " << summary.branch_id << ", " << summary.employees
              << " employees, password '" << app::kDemoPassword << "'\n";
  } else {
    std::cout << "demo already loaded (branch " << summary.branch_id << ")\n";
  }
  if (!catalog_path.empty()) {
    if (catalog_optional && !std::filesystem::exists(catalog_path)) {
      std::cerr << "tereze: no catalog at " << catalog_path
                << "; the demo has no services (use --catalog FILE)\n";
      return 0;
    }
    s = ImportCatalogFile(app, catalog_path);
    if (!s.ok()) return Fail(s);
    s = app::LoadDemoRoute(app, summary.branch_id);
    if (!s.ok()) return Fail(s);
  }
  return 0;
}

int Migrate(const std::string& url) {
  std::unique_ptr<store::Connection> conn;
  Status s = store::Open(url, &conn);
  if (!s.ok()) return Fail(s);
  int version = 0;
  s = store::Migrate(*conn, SystemClock().NowMs(), &version);
  if (!s.ok()) return Fail(s);
  std::cout << "schema at version " << version << "\n";
  return 0;
}

int AuditVerify(const std::string& url) {
  std::unique_ptr<store::Connection> conn;
  Status s = store::Open(url, &conn);
  if (!s.ok()) return Fail(s);
  store::AuditVerification v;
  s = store::VerifyAuditChain(*conn, &v);
  if (!s.ok()) return Fail(s);
  if (!v.whole) {
    std::cout << "audit chain BROKEN at record " << v.first_broken_id << ": " << v.reason << " ("
              << v.records_checked << " records before it are whole)\n";
    return kExitBroken;
  }
  std::cout << "audit chain whole: " << v.records_checked << " records\n";
  return 0;
}

int Backup(const std::string& url, const std::string& to) {
  int64_t pages = 0;
  Status s = store::BackupSqlite(url, to, &pages);
  if (!s.ok()) return Fail(s);
  std::cout << "backup written to " << to << " (" << pages << " pages)\n";
  return 0;
}

// A day at a branch on the real queue engine: the wait predicted at each
// ticket's arrival against the wait that happened, by the hour.
struct SimulateFlags {
  int64_t seed = 1;
  std::string profile = "busy";
  bool json = false;
  sim::DriveOptions drive;             // drive.url empty: the engine alone
  std::vector<std::string> operators;  // login:password
};

int Simulate(SimulateFlags f) {
  const int64_t seed = f.seed;
  const std::string& profile = f.profile;
  const bool json = f.json;
  sim::SimDay day;
  Status s = sim::ProfileDay(profile, seed, &day);
  if (!s.ok()) return Fail(s);
  sim::SimReport r;
  if (f.drive.url.empty()) {
    s = sim::SimulateDay(day, &r);
  } else {
    for (const std::string& pair : f.operators) {
      size_t colon = pair.find(':');
      if (colon == std::string::npos) {
        return Fail(Status::Malformed("invalid_sim", "--operator login:password"));
      }
      f.drive.operators.emplace_back(pair.substr(0, colon), pair.substr(colon + 1));
    }
    s = sim::DriveServer(day, f.drive, &r, &std::cerr);
  }
  if (!s.ok()) return Fail(s);
  auto round2 = [](double x) { return std::round(x * 100) / 100; };
  if (json) {
    nlohmann::json hours = nlohmann::json::array();
    for (const sim::SimHour& h : r.hours) {
      hours.push_back({{"hour", h.hour},
                       {"tickets", h.tickets},
                       {"called", h.called},
                       {"mean_wait_min", round2(h.mean_wait_min)},
                       {"mae_min", round2(h.mae_min)}});
    }
    nlohmann::json out = {
        {"profile", profile},
        {"seed", seed},
        {"server", f.drive.url.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.drive.url)},
        {"arrived", r.arrived},
        {"served", r.served},
        {"waiting_at_close", r.waiting_at_close},
        {"mean_wait_min", round2(r.mean_wait_min)},
        {"max_wait_min", round2(r.max_wait_min)},
        {"mae_min", round2(r.mae_min)},
        {"hours", hours}};
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  char line[128];
  std::cout << "profile " << profile << ", seed " << seed
            << (f.drive.url.empty() ? "" : ", on the server " + f.drive.url)
            << ": predicted wait (at the ticket's arrival) against the actual\n";
  std::cout << "hour   tickets  mean wait min  MAE min\n";
  for (const sim::SimHour& h : r.hours) {
    std::snprintf(line, sizeof line, "%02d:00  %7d  %13.1f  %7.2f\n", h.hour, h.tickets,
                  h.mean_wait_min, h.mae_min);
    std::cout << line;
  }
  std::snprintf(line, sizeof line, "all    %7d  %13.1f  %7.2f\n", r.arrived, r.mean_wait_min,
                r.mae_min);
  std::cout << line;
  std::snprintf(line, sizeof line,
                "overall MAE %.2f min; max wait %.1f min; %d served, %d waiting at close\n",
                r.mae_min, r.max_wait_min, r.served, r.waiting_at_close);
  std::cout << line;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Tereze: the information system of public service centers"};
  cli.require_subcommand(1);

  ServeFlags serve;
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the API and the web front end");
  serve_cmd->add_option("--db", serve.db, "sqlite:PATH or postgresql://...")->capture_default_str();
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT")->capture_default_str();
  serve_cmd->add_option("--web", serve.web, "directory of the built web front end");
  serve_cmd->add_option("--test-clock", serve.test_clock,
                        "start the clock at this instant (ISO 8601 with offset) and enable "
                        "POST /api/v1/test/clock");
  serve_cmd->add_option("--sms-url", serve.sms_url,
                        "Kannel sendsms URL, e.g. http://127.0.0.1:13013/cgi-bin/sendsms; "
                        "unset: SMS wait in the outbox");
  serve_cmd->add_option("--sms-user", serve.sms_user, "Kannel sendsms user");
  serve_cmd
      ->add_option("--sms-password", serve.sms_password,
                   "Kannel sendsms password (or TEREZE_SMS_PASSWORD)")
      ->envname("TEREZE_SMS_PASSWORD");
  serve_cmd->add_option("--sms-from", serve.sms_from, "sender shown on SMS")->capture_default_str();
  serve_cmd->add_option("--sms-dlr-url", serve.sms_dlr_url,
                        "where Kannel reports delivery: this server's "
                        "/api/v1/sms/dlr?type=%d");
  serve_cmd->add_option("--gbd-url", serve.gbd_url,
                        "state information systems (R10, R27), e.g. tereze-gbd's URL");
  serve_cmd->add_option("--public-url", serve.public_url,
                        "base URL of the public pages, printed on receipts (tracking QR code)");
  serve_cmd->add_option("--access-log", serve.access_log, "'-' (stdout), 'off', or a file")
      ->capture_default_str();
  serve_cmd->add_option("--io-threads", serve.io_threads, "I/O threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-write-queue", serve.max_queue,
                   "writes waiting before the API answers 503")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();

  std::string db_url = "sqlite:var/tereze.db";
  std::string demo_catalog = "data/catalog/services.json";
  auto* demo_cmd =
      cli.add_subcommand("demo", "Load the demo branch, employees, windows and the catalog");
  demo_cmd->add_option("--db", db_url, "sqlite:PATH or postgresql://...")->capture_default_str();
  demo_cmd->add_option("--catalog", demo_catalog, "catalog file to import ('' for none)")
      ->capture_default_str();

  std::string catalog_file;
  auto* catalog_cmd = cli.add_subcommand("catalog", "Work with the service catalog");
  catalog_cmd->require_subcommand(1);
  auto* import_cmd = catalog_cmd->add_subcommand(
      "import", "Import a catalog file as a new version; any bad row changes nothing");
  import_cmd->add_option("FILE", catalog_file, "catalog JSON (see data/catalog/services.json)")
      ->required();
  import_cmd->add_option("--db", db_url, "sqlite:PATH or postgresql://...")->capture_default_str();
  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending schema migrations");
  migrate_cmd->add_option("--db", db_url, "sqlite:PATH or postgresql://...")->capture_default_str();

  auto* audit_cmd = cli.add_subcommand("audit", "Work with the audit log");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd = audit_cmd->add_subcommand(
      "verify", "Recompute the hash chain; exit 0 when whole, 2 naming the first broken record");
  verify_cmd->add_option("--db", db_url, "sqlite:PATH or postgresql://...")->capture_default_str();

  std::string backup_to;
  auto* backup_cmd =
      cli.add_subcommand("backup", "Online, consistent copy of a live SQLite database");
  backup_cmd->add_option("--db", db_url, "sqlite:PATH")->capture_default_str();
  backup_cmd->add_option("--to", backup_to, "file to write (must not exist)")->required();

  std::string sig_data, sig_file, sig_ca;
  auto* verify_sig_cmd = cli.add_subcommand(
      "verify-signature",
      "Check a CMS detached signature (R12, R21): chain to the CA and validity at signing time; "
      "exit 0 valid, 2 invalid, 1 usage or I/O error");
  verify_sig_cmd->add_option("--data", sig_data, "the signed file (request, scan)")->required();
  verify_sig_cmd->add_option("--signature", sig_file, "the signature, DER or PEM")->required();
  verify_sig_cmd->add_option("--ca", sig_ca, "trusted CA certificate(s), PEM")->required();

  SimulateFlags sim_flags;
  auto* simulate_cmd = cli.add_subcommand(
      "simulate",
      "Simulate a day at a branch on the queue engine, or drive a running server with it: "
      "predicted against actual waits by hour");
  simulate_cmd->add_option("--seed", sim_flags.seed, "random seed; the same seed, the same day")
      ->capture_default_str();
  simulate_cmd
      ->add_option("--profile", sim_flags.profile,
                   "busy: 35-75 arrivals/hour, 8 intake + 2 issuance windows; quiet: 5-18/hour, "
                   "3 + 1 (docs/architecture.md)")
      ->check(CLI::IsMember({"busy", "quiet"}))
      ->capture_default_str();
  simulate_cmd->add_option("--url", sim_flags.drive.url,
                           "drive the server at this address (started with --test-clock): "
                           "tickets, calls and clock through its API");
  simulate_cmd->add_option("--branch", sim_flags.drive.branch_id, "with --url: the branch");
  simulate_cmd->add_option("--operator", sim_flags.operators,
                           "with --url: login:password of an operator seated at a window "
                           "(repeat for more)");
  simulate_cmd
      ->add_option("--minutes", sim_flags.drive.minutes,
                   "with --url: how much of the day, from the opening")
      ->capture_default_str();
  simulate_cmd->add_flag("--json", sim_flags.json, "print JSON instead of the table");

  auto* version_cmd = cli.add_subcommand("version", "Print the version");

  std::string report_month, report_format = "pdf", report_lang = "ru", report_out;
  int64_t report_branch = 0;
  int report_threads = 2;
  auto* report_cmd =
      cli.add_subcommand("report", "Monthly reports (R37) and the quality export (R38)");
  report_cmd->require_subcommand(1);
  auto* report_monthly = report_cmd->add_subcommand("monthly", "The month's reports, counted now");
  auto* report_quality = report_cmd->add_subcommand("quality", "The quality-assessment export");
  for (auto* c : {report_monthly, report_quality}) {
    c->add_option("--db", db_url, "sqlite:PATH or postgresql://...")->capture_default_str();
    c->add_option("--month", report_month, "YYYY-MM")->required();
    c->add_option("--format", report_format, "pdf|xlsx|csv (monthly), json|csv (quality)");
    c->add_option("--out", report_out, "file; - or none: stdout");
    c->add_option("--threads", report_threads, "read connections in parallel");
  }
  report_monthly->add_option("--branch", report_branch, "one branch's id (default: all)");
  report_monthly->add_option("--lang", report_lang, "kk|ru");

  CLI11_PARSE(cli, argc, argv);

  if (*serve_cmd) return Serve(serve);
  if (*demo_cmd) return Demo(db_url, demo_catalog, demo_cmd->count("--catalog") == 0);
  if (*import_cmd) return CatalogImport(db_url, catalog_file);
  if (*migrate_cmd) return Migrate(db_url);
  if (*verify_cmd) return AuditVerify(db_url);
  if (*backup_cmd) return Backup(db_url, backup_to);
  if (*verify_sig_cmd) return sign::RunVerifySignature(sig_data, sig_file, sig_ca, std::cout);
  if (*report_monthly) {
    return Report(db_url, "monthly", report_month, report_branch, report_format, report_lang,
                  report_out, report_threads);
  }
  if (*report_quality) {
    return Report(db_url, "quality", report_month, 0,
                  report_cmd->get_subcommand("quality")->count("--format") ? report_format : "json",
                  report_lang, report_out, report_threads);
  }
  if (*simulate_cmd) return Simulate(sim_flags);
  if (*version_cmd) {
    std::cout << "tereze " << TEREZE_VERSION << "\n";
    return 0;
  }
  return 0;
}
