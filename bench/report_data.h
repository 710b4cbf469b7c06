// A month of the network's work, written straight into the database for the
// report benchmark and the report tests (R37, R38): branches, a provider unit
// per provider in their region (one provider has none: its reports cannot be
// delivered), applications with their whole life (refusals at intake with the
// missing documents, dispatch, results on time and late, providers'
// refusals, the shelf, issue, unclaimed returns), ratings and queue tickets,
// with skewed distributions over services. It keeps its own tally of every
// figure a report counts, decided as it generates, so that a test can compare
// the report with numbers that were not counted by the report's SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "domain/report.h"
#include "store/connection.h"

namespace tereze::bench {

struct DataOptions {
  domain::Month month{2026, 10};
  int branches = 2;
  int applications_per_branch = 2000;  // accepted or refused in the month
  uint64_t seed = 1;
  std::string region = "GEN";
  // Called every 1,000 applications (progress), may be empty.
  std::function<void(int64_t done, int64_t total)> progress;
};

struct DataTallies {
  std::vector<int64_t> branch_ids;
  // (branch_id, provider_code, service_code) -> what the report must say.
  std::map<std::tuple<int64_t, std::string, std::string>, domain::ReportFigures> figures;
  std::map<int64_t, domain::QueueFigures> queue;
  int64_t applications = 0;  // rows written, the month before included
};

// Writes into `db` (already migrated; the caller owns the transaction). The
// world is as it stands at the end of the month.
Status GenerateMonthData(store::Connection& db, const DataOptions& options, DataTallies* out);

}  // namespace tereze::bench
