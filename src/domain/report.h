// Monthly reports and reconciliation acts (R37) and the figures of the
// quality-assessment export (R38): what a report counts, the month it covers,
// its deadlines (delivered by the 3rd, the act signed by the 15th of the
// following month, local dates of the branch) and the act's signing states.
// Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_date.h"
#include "core/status.h"

namespace tereze::domain {

// A report month "YYYY-MM".
struct Month {
  int year = 0;
  int month = 0;  // 1..12
  std::string ToString() const;
  LocalDate First() const;  // the 1st
  LocalDate Last() const;   // the last day
  Month Next() const;
  Month Previous() const;
  friend bool operator==(const Month&, const Month&) = default;
};
// Strict "YYYY-MM" (400 invalid_month at the edge).
std::optional<Month> ParseMonth(std::string_view text);
// The month `date` falls in.
Month MonthOf(LocalDate date);

// R37: the report on a month goes to the provider by the 3rd of the next
// month; the reconciliation act is signed by the 15th. A deadline is passed
// when the local date is after it.
inline constexpr int kReportDueDay = 3;
inline constexpr int kActDueDay = 15;
LocalDate ReportDue(const Month& m);
LocalDate ActDue(const Month& m);

// The figures of one service in one report (per branch x provider unit).
// Each counts what happened in the month by the branch's local dates:
struct ReportFigures {
  int64_t accepted = 0;            // accepted at intake (accepted_on)
  int64_t refused = 0;             // refused at intake for an incomplete package (R18.6)
  int64_t sent = 0;                // dispatched to the provider (dispatched_at)
  int64_t results_on_time = 0;     // results received by the provider deadline (R34)
  int64_t results_late = 0;        // results received after it
  int64_t provider_refused = 0;    // reasoned refusals of the provider received (R36)
  int64_t issued = 0;              // issued to the applicant (R18.8, R24)
  int64_t returned_unclaimed = 0;  // returned to the provider after the storage term (R25)
  int64_t in_storage = 0;          // on the storage shelf at the end of the month
  int64_t ratings = 0;             // ratings given in the month (R23)
  int64_t rating_sum = 0;          // their scores' sum: the average is rating_sum / ratings
  bool operator==(const ReportFigures&) const = default;
  bool Empty() const { return *this == ReportFigures{}; }
  void Add(const ReportFigures& o);
};

// The figure names of the API, the CSV header and discrepancies, in order.
inline constexpr const char* kFigureNames[] = {
    "accepted",     "refused",          "sent",       "results_on_time",
    "results_late", "provider_refused", "issued",     "returned_unclaimed",
    "in_storage",   "ratings",          "rating_sum",
};
inline constexpr int kFigureCount = 11;
// The value of figure `name`; nullopt for an unknown name.
std::optional<int64_t> FigureValue(const ReportFigures& f, std::string_view name);
// Tenths of a point: 4.25 -> 43 (rounded half up); 0 when there are no ratings.
int64_t RatingAverageTenths(const ReportFigures& f);

// A missing document named on refusal receipts, with how often.
struct MissingCount {
  std::string code;
  int64_t count = 0;
};
inline constexpr size_t kTopMissing = 3;  // per service, most named first
// The `kTopMissing` most named, by count then code; `all` in any order.
std::vector<MissingCount> TopMissing(std::vector<MissingCount> all);

struct ReportLine {
  std::string service_code;
  ReportFigures figures;
  std::vector<MissingCount> top_missing;
};

// The branch's queue in the month (tickets carry no service: one figure per branch).
struct QueueFigures {
  int64_t tickets = 0;      // taken
  int64_t called = 0;       // called to a window
  int64_t wait_sum_ms = 0;  // called - arrived, summed over the called
  int64_t wait_max_ms = 0;
  int64_t waited_over_15_min = 0;
  bool operator==(const QueueFigures&) const = default;
};
inline constexpr int64_t kLongWaitMs = 15 * 60 * 1000;

// ---- Reconciliation acts ----

enum class ActStatus { kDrafted, kSignedByCenter, kSignedByProvider, kSigned };
const char* ToString(ActStatus s);
std::optional<ActStatus> ParseActStatus(std::string_view text);
enum class ActSide { kCenter, kProvider };
const char* ToString(ActSide s);
// The status after `side` signs: Conflict("already_signed") when that side has.
Status SignAct(ActStatus current, ActSide side, ActStatus* next);
// Discrepancies are entered before the first signature:
// Conflict("act_signing_started") otherwise.
Status CheckDiscrepancyAllowed(ActStatus current);

}  // namespace tereze::domain
