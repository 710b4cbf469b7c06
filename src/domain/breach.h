// Breaches of the Rules found automatically (R8, R18.8, R22, R25, R33, R34,
// R37). Pure: what counts as a breach of each kind, and on which local day it
// is counted. The job in app/breaches.h finds candidates in the database and
// asks these functions; each breach is recorded once, by its kind and object.
//
// Not to be confused with violations (R18.9): those are reported by staff;
// breaches are found by Tereze itself from what it recorded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/local_date.h"
#include "domain/deadlines.h"

namespace tereze::domain {

enum class BreachKind {
  kFewDispatches,   // R33: fewer than two dispatches on a working day
  kProviderLate,    // R34: the result reached the center after the provider deadline
  kIssueLate,       // R18.8: not ready for issue on the date in the receipt
  kStorageOverdue,  // R25: kept at the center beyond the storage term
  kReportLate,      // R37: the monthly report after the 3rd (detected by the reports' job)
  kActLate,         // R37: the reconciliation act after the 15th (detected by the reports' job)
  kUncollected,     // R22: accepted, and not collected by the end of its day
  kLongWait,        // R8: a ticket waited more than 15 minutes to be called
};
inline constexpr int kBreachKindCount = 8;

const char* ToString(BreachKind kind);
std::optional<BreachKind> ParseBreachKind(std::string_view text);
std::vector<BreachKind> AllBreachKinds();
// The clause of the Rules a kind breaks ("R33").
const char* RuleOf(BreachKind kind);

inline constexpr int64_t kMaxTicketWaitMs = 15 * 60 * 1000;  // R8: the manager's alert
inline constexpr int kMinDispatchesPerDay = 2;               // R33
// Dispatches closer together than this are one round (several providers'
// registers taken by the courier at once).
inline constexpr int64_t kDispatchRoundGapMs = 30 * 60 * 1000;
// Days looked back: a run judges the dates (deadlines, days of acceptance,
// dispatch days, ends of storage) of the last week only, so that it reads
// the last days' applications; a server down for a week still finds them.
inline constexpr int kBreachLookbackDays = 7;
// Tickets live one day: the every-minute check looks at today and yesterday.
inline constexpr int kTicketLookbackDays = 1;

// R8: a ticket called after more than 15 minutes, or still waiting 15
// minutes after it was taken. `called_ms` 0: not called (yet). A ticket that
// left without being called (no-show is a call) and is no longer waiting is
// not a breach. `waited_ms` (may be null) gets the wait.
bool WaitedTooLong(int64_t arrived_ms, int64_t called_ms, bool still_waiting, int64_t now_ms,
                   int64_t* waited_ms);

// R33: dispatch instants of one day, in any order -> rounds (dispatches less
// than kDispatchRoundGapMs after the round's first are the same round).
int CountDispatchRounds(std::vector<int64_t> dispatched_ms);
// R33: a day on which packages were accepted before the last dispatch round
// (so they had to leave that day) with fewer than two dispatch rounds.
bool TooFewDispatches(int64_t accepted_before_last_round, int rounds);

// R34: the result reached the center after the provider deadline, or has
// not reached it and the deadline is past. Refusals at intake never.
bool ProviderLateBreach(const DeadlineFacts& facts, LocalDate today);
// R18.8: not ready for issue on the issue date: reached issuance after it,
// or has not and the date is past.
bool IssueLateBreach(const DeadlineFacts& facts, LocalDate today);
// R22: still waiting in the hall for the collection sector after the day
// it was accepted ended.
bool UncollectedBreach(const std::string& stage, LocalDate accepted_on, LocalDate today);
// R25: a result to be returned after its term (`returned_after`) still at the
// center more than a day after the term: on the shelf, or put on an
// unclaimed-return register that has not left (`awaiting_return`).
bool StorageOverdueBreach(const std::string& stage, bool returned_after, bool awaiting_return,
                          LocalDate keep_until, LocalDate today);

// R37's deadlines (the report by the 3rd, the act by the 15th) are
// domain/report.h's ReportDue and ActDue; the reports' job records
// report_late and act_late when it flags a report (app/reports.cc).

// The details of a breach as a flat JSON object, e.g. {"waited_ms":960000}.
using DetailValue = std::variant<int64_t, std::string>;
std::string DetailsJson(const std::vector<std::pair<std::string, DetailValue>>& fields);

}  // namespace tereze::domain
