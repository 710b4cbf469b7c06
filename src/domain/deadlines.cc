#include "domain/deadlines.h"

#include <algorithm>

namespace tereze::domain {

namespace {

bool Finished(const std::string& stage) {
  return stage == "issued" || stage == "returned_unclaimed" || stage == "refused";
}

bool AtCenter(const std::string& stage) {
  return stage == "result_at_center" || stage == "refusal_at_center" || stage == "at_issuance";
}

// "HH:MM" with HH 00-23 and MM 00-59, or -1.
int ParseMinute(const std::string& t) {
  if (t.size() != 5 || t[2] != ':') return -1;
  for (int i : {0, 1, 3, 4}) {
    if (t[i] < '0' || t[i] > '9') return -1;
  }
  int h = (t[0] - '0') * 10 + (t[1] - '0');
  int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return -1;
  return h * 60 + m;
}

}  // namespace

const char* ToString(DeadlineState state) {
  switch (state) {
    case DeadlineState::kNone:
      return "none";
    case DeadlineState::kDueSoon:
      return "due_soon";
    case DeadlineState::kProviderLate:
      return "provider_late";
    case DeadlineState::kIssueLate:
      return "issue_late";
  }
  return "none";
}

DeadlineState ClassifyDeadline(const DeadlineFacts& f, LocalDate today) {
  if (Finished(f.stage)) return DeadlineState::kNone;
  const bool received = f.received_on.has_value() || AtCenter(f.stage);
  if (!received && f.provider_deadline) {
    if (*f.provider_deadline < today) return DeadlineState::kProviderLate;
  }
  const bool ready = f.at_issuance_on.has_value() || f.stage == "at_issuance";
  if (!ready && f.issue_date && *f.issue_date < today) return DeadlineState::kIssueLate;
  if (!received && f.provider_deadline && *f.provider_deadline <= today.AddDays(kDueSoonDays)) {
    return DeadlineState::kDueSoon;
  }
  if (!ready && f.issue_date && *f.issue_date <= today.AddDays(kDueSoonDays)) {
    return DeadlineState::kDueSoon;
  }
  return DeadlineState::kNone;
}

bool OnTime(const DeadlineFacts& f) {
  if (!f.received_on || !f.at_issuance_on) return false;
  if (f.provider_deadline && *f.received_on > *f.provider_deadline) return false;
  if (f.issue_date && *f.at_issuance_on > *f.issue_date) return false;
  return true;
}

Status ParseDispatchRounds(const std::vector<std::string>& rounds, std::vector<int>* minutes) {
  if (rounds.size() > static_cast<size_t>(kMaxDispatchRounds)) {
    return Status::Malformed("invalid_field", "rounds: at most 12 a day");
  }
  std::vector<int> out;
  for (const auto& r : rounds) {
    int m = ParseMinute(r);
    if (m < 0) return Status::Malformed("invalid_field", "rounds: \"" + r + "\" is not HH:MM");
    if (std::find(out.begin(), out.end(), m) != out.end()) {
      return Status::Malformed("invalid_field", "rounds: " + r + " appears twice");
    }
    out.push_back(m);
  }
  if (out.size() < 2) {
    return Status::Refused("too_few_rounds",
                           "packages are dispatched at least twice on each working day (R33)");
  }
  std::sort(out.begin(), out.end());
  *minutes = std::move(out);
  return Status::Ok();
}

std::vector<std::string> SplitRounds(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= joined.size() && !joined.empty()) {
    size_t comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    out.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace tereze::domain
