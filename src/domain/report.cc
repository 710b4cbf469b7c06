#include "domain/report.h"

#include <algorithm>
#include <cstdio>

namespace tereze::domain {

std::string Month::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}
LocalDate Month::First() const { return *LocalDate::FromYmd(year, month, 1); }
LocalDate Month::Last() const { return *LocalDate::FromYmd(year, month, DaysInMonth(year, month)); }
Month Month::Next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }
Month Month::Previous() const { return month == 1 ? Month{year - 1, 12} : Month{year, month - 1}; }

std::optional<Month> ParseMonth(std::string_view t) {
  if (t.size() != 7 || t[4] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  Month m{(t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0'),
          (t[5] - '0') * 10 + (t[6] - '0')};
  if (m.year < 2000 || m.year > 2999 || m.month < 1 || m.month > 12) return std::nullopt;
  return m;
}

Month MonthOf(LocalDate d) { return Month{d.year(), d.month()}; }

LocalDate ReportDue(const Month& m) { return m.Next().First().AddDays(kReportDueDay - 1); }
LocalDate ActDue(const Month& m) { return m.Next().First().AddDays(kActDueDay - 1); }

void ReportFigures::Add(const ReportFigures& o) {
  accepted += o.accepted;
  refused += o.refused;
  sent += o.sent;
  results_on_time += o.results_on_time;
  results_late += o.results_late;
  provider_refused += o.provider_refused;
  issued += o.issued;
  returned_unclaimed += o.returned_unclaimed;
  in_storage += o.in_storage;
  ratings += o.ratings;
  rating_sum += o.rating_sum;
}

std::optional<int64_t> FigureValue(const ReportFigures& f, std::string_view name) {
  const int64_t values[] = {f.accepted,     f.refused,          f.sent,      f.results_on_time,
                            f.results_late, f.provider_refused, f.issued,    f.returned_unclaimed,
                            f.in_storage,   f.ratings,          f.rating_sum};
  for (int i = 0; i < kFigureCount; ++i) {
    if (name == kFigureNames[i]) return values[i];
  }
  return std::nullopt;
}

int64_t RatingAverageTenths(const ReportFigures& f) {
  if (f.ratings <= 0) return 0;
  return (f.rating_sum * 20 + f.ratings) / (2 * f.ratings);
}

std::vector<MissingCount> TopMissing(std::vector<MissingCount> all) {
  std::sort(all.begin(), all.end(), [](const MissingCount& a, const MissingCount& b) {
    return a.count != b.count ? a.count > b.count : a.code < b.code;
  });
  if (all.size() > kTopMissing) all.resize(kTopMissing);
  return all;
}

const char* ToString(ActStatus s) {
  switch (s) {
    case ActStatus::kDrafted:
      return "drafted";
    case ActStatus::kSignedByCenter:
      return "signed_by_center";
    case ActStatus::kSignedByProvider:
      return "signed_by_provider";
    case ActStatus::kSigned:
      return "signed";
  }
  return "drafted";
}

std::optional<ActStatus> ParseActStatus(std::string_view t) {
  for (ActStatus s : {ActStatus::kDrafted, ActStatus::kSignedByCenter, ActStatus::kSignedByProvider,
                      ActStatus::kSigned}) {
    if (t == ToString(s)) return s;
  }
  return std::nullopt;
}

const char* ToString(ActSide s) { return s == ActSide::kCenter ? "center" : "provider"; }

Status SignAct(ActStatus current, ActSide side, ActStatus* next) {
  const bool center = side == ActSide::kCenter;
  switch (current) {
    case ActStatus::kDrafted:
      *next = center ? ActStatus::kSignedByCenter : ActStatus::kSignedByProvider;
      return Status::Ok();
    case ActStatus::kSignedByCenter:
      if (center) return Status::Conflict("already_signed", "the center has signed this act");
      *next = ActStatus::kSigned;
      return Status::Ok();
    case ActStatus::kSignedByProvider:
      if (!center) return Status::Conflict("already_signed", "the provider has signed this act");
      *next = ActStatus::kSigned;
      return Status::Ok();
    case ActStatus::kSigned:
      break;
  }
  return Status::Conflict("already_signed", "both sides have signed this act");
}

Status CheckDiscrepancyAllowed(ActStatus current) {
  if (current == ActStatus::kDrafted) return Status::Ok();
  return Status::Conflict("act_signing_started",
                          "discrepancies are entered before the first signature");
}

}  // namespace tereze::domain
