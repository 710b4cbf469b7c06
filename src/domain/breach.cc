#include "domain/breach.h"

#include <algorithm>

namespace tereze::domain {

namespace {

constexpr std::pair<BreachKind, const char*> kNames[] = {
    {BreachKind::kFewDispatches, "few_dispatches"},
    {BreachKind::kProviderLate, "provider_late"},
    {BreachKind::kIssueLate, "issue_late"},
    {BreachKind::kStorageOverdue, "storage_overdue"},
    {BreachKind::kReportLate, "report_late"},
    {BreachKind::kActLate, "act_late"},
    {BreachKind::kUncollected, "uncollected"},
    {BreachKind::kLongWait, "long_wait"},
};

bool Finished(const std::string& stage) {
  return stage == "issued" || stage == "returned_unclaimed" || stage == "refused";
}

bool ReachedCenter(const DeadlineFacts& f) {
  return f.received_on.has_value() || f.stage == "result_at_center" ||
         f.stage == "refusal_at_center" || f.stage == "at_issuance";
}

void AppendJsonString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          *out += "\\u00";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

}  // namespace

const char* ToString(BreachKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<BreachKind> ParseBreachKind(std::string_view text) {
  for (const auto& [k, name] : kNames) {
    if (text == name) return k;
  }
  return std::nullopt;
}

std::vector<BreachKind> AllBreachKinds() {
  std::vector<BreachKind> out;
  for (const auto& [k, name] : kNames) out.push_back(k);
  return out;
}

const char* RuleOf(BreachKind kind) {
  switch (kind) {
    case BreachKind::kFewDispatches:
      return "R33";
    case BreachKind::kProviderLate:
      return "R34";
    case BreachKind::kIssueLate:
      return "R18.8";
    case BreachKind::kStorageOverdue:
      return "R25";
    case BreachKind::kReportLate:
    case BreachKind::kActLate:
      return "R37";
    case BreachKind::kUncollected:
      return "R22";
    case BreachKind::kLongWait:
      return "R8";
  }
  return "";
}

bool WaitedTooLong(int64_t arrived_ms, int64_t called_ms, bool still_waiting, int64_t now_ms,
                   int64_t* waited_ms) {
  int64_t waited = 0;
  if (called_ms != 0) {
    waited = called_ms - arrived_ms;
  } else if (still_waiting) {
    waited = now_ms - arrived_ms;
  } else {
    return false;
  }
  if (waited_ms) *waited_ms = waited;
  return waited > kMaxTicketWaitMs;
}

int CountDispatchRounds(std::vector<int64_t> dispatched_ms) {
  std::sort(dispatched_ms.begin(), dispatched_ms.end());
  int rounds = 0;
  int64_t round_start = 0;
  for (int64_t t : dispatched_ms) {
    if (rounds == 0 || t - round_start >= kDispatchRoundGapMs) {
      ++rounds;
      round_start = t;
    }
  }
  return rounds;
}

bool TooFewDispatches(int64_t accepted_before_last_round, int rounds) {
  return accepted_before_last_round > 0 && rounds < kMinDispatchesPerDay;
}

bool ProviderLateBreach(const DeadlineFacts& f, LocalDate today) {
  if (f.stage == "refused" || !f.provider_deadline) return false;
  if (f.received_on) return *f.received_on > *f.provider_deadline;
  if (ReachedCenter(f) || Finished(f.stage)) return false;
  return *f.provider_deadline < today;
}

bool IssueLateBreach(const DeadlineFacts& f, LocalDate today) {
  if (f.stage == "refused" || !f.issue_date) return false;
  if (f.at_issuance_on) return *f.at_issuance_on > *f.issue_date;
  if (f.stage == "at_issuance" || Finished(f.stage)) return false;
  return *f.issue_date < today;
}

bool UncollectedBreach(const std::string& stage, LocalDate accepted_on, LocalDate today) {
  return stage == "accepted" && accepted_on < today;
}

bool StorageOverdueBreach(const std::string& stage, bool returned_after, bool awaiting_return,
                          LocalDate keep_until, LocalDate today) {
  if (!returned_after) return false;  // social payments are kept (R25)
  const bool at_center =
      stage == "at_issuance" || (stage == "returned_unclaimed" && awaiting_return);
  return at_center && keep_until.AddDays(1) < today;
}

std::string DetailsJson(const std::vector<std::pair<std::string, DetailValue>>& fields) {
  std::string out = "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJsonString(fields[i].first, &out);
    out.push_back(':');
    if (const auto* n = std::get_if<int64_t>(&fields[i].second)) {
      out += std::to_string(*n);
    } else {
      AppendJsonString(std::get<std::string>(fields[i].second), &out);
    }
  }
  out.push_back('}');
  return out;
}

}  // namespace tereze::domain
