#include "domain/calendar.h"

#include <array>
#include <utility>

namespace tereze::domain {

namespace {

constexpr std::array<std::string_view, 5> kKindNames = {"holiday", "unmovable", "moved", "swap_off",
                                                        "swap_work"};
constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// "Sunday 8 March".
std::string DayName(LocalDate d) {
  return std::string(kWeekdayNames[d.Weekday() - 1]) + " " + std::to_string(d.day()) + " " +
         std::string(kMonthNames[d.month() - 1]);
}

// A rest day of the week before any holiday or decree: Saturday and Sunday on a
// five-day week, Sunday on a six-day week (Labour Code art. 84).
bool IsRestDay(LocalDate d, WeekSet week) {
  const int wd = d.Weekday();
  return week == kFiveDayWeek ? wd >= kSaturday : wd == kSunday;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Splits one line into words and at most one quoted text; '#' outside the
// quotes starts a comment.
struct Line {
  std::vector<std::string_view> words;
  std::optional<std::string_view> text;
};

bool SplitLine(std::string_view s, Line* out, std::string* error) {
  size_t i = 0;
  while (true) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    if (i == s.size() || s[i] == '#') return true;
    if (out->text) {
      *error = "nothing may follow the quoted text but a comment";
      return false;
    }
    if (s[i] == '"') {
      const size_t close = s.find('"', i + 1);
      if (close == std::string_view::npos) {
        *error = "the quoted text has no closing '\"'";
        return false;
      }
      out->text = s.substr(i + 1, close - i - 1);
      i = close + 1;
      continue;
    }
    const size_t start = i;
    while (i < s.size() && !IsSpace(s[i]) && s[i] != '#' && s[i] != '"') ++i;
    out->words.push_back(s.substr(start, i - start));
  }
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

Status ParseError(int line, const std::string& message) {
  return Status::Malformed("calendar_parse_error", "line " + std::to_string(line) + ": " + message);
}

Status UnknownYear(int year) {
  return Status::NotFound("calendar_unknown_year",
                          "no working calendar is loaded for " + std::to_string(year) + " (R5)");
}

using EntryMap = std::map<LocalDate, std::vector<CalendarEntry>>;

const CalendarEntry* FindEntry(const EntryMap& entries, LocalDate date, WeekSet week) {
  auto it = entries.find(date);
  if (it == entries.end()) return nullptr;
  for (const CalendarEntry& e : it->second) {
    if ((e.weeks & week) != 0) return &e;
  }
  return nullptr;
}

// One year's text, parsed but not yet merged.
struct ParsedYear {
  int year = 0;
  int year_line = 0;
  EntryMap entries;

  const CalendarEntry* Find(LocalDate date, WeekSet week) const {
    return FindEntry(entries, date, week);
  }
};

Status ParseEntry(const Line& line, int number, CalendarEntry* e) {
  const auto& w = line.words;
  if (w.size() < 3) {
    return ParseError(number, "expected DATE KIND WEEK [from=DATE|to=DATE] \"TEXT\"");
  }
  if (w.size() > 4) return ParseError(number, "unexpected " + Quote(w[4]));
  auto date = LocalDate::Parse(w[0]);
  if (!date) return ParseError(number, "not a date (YYYY-MM-DD): " + Quote(w[0]));
  e->date = *date;
  e->line = number;
  size_t k = 0;
  while (k < kKindNames.size() && kKindNames[k] != w[1]) ++k;
  if (k == kKindNames.size()) return ParseError(number, "unknown kind " + Quote(w[1]));
  e->kind = static_cast<DayKind>(k);
  if (w[2] == "five_day") {
    e->weeks = kFiveDayWeek;
  } else if (w[2] == "six_day") {
    e->weeks = kSixDayWeek;
  } else if (w[2] == "both") {
    e->weeks = kBothWeeks;
  } else {
    return ParseError(number, "unknown week " + Quote(w[2]) + " (five_day, six_day or both)");
  }
  // The partner: moved and swap_off say where the rest day came from,
  // swap_work where it went.
  std::string_view want;
  if (e->kind == DayKind::kMoved || e->kind == DayKind::kSwapOff) want = "from=";
  if (e->kind == DayKind::kSwapWork) want = "to=";
  if (w.size() == 4) {
    if (want.empty()) return ParseError(number, std::string(w[1]) + " takes no " + Quote(w[3]));
    if (!w[3].starts_with(want)) {
      return ParseError(number, "expected " + std::string(want) + "DATE, got " + Quote(w[3]));
    }
    auto partner = LocalDate::Parse(w[3].substr(want.size()));
    if (!partner) return ParseError(number, "not a date (YYYY-MM-DD): " + Quote(w[3]));
    e->partner = *partner;
  } else if (!want.empty()) {
    return ParseError(number, std::string(w[1]) + " needs " + std::string(want) + "DATE");
  }
  if (!line.text || line.text->empty()) return ParseError(number, "missing \"TEXT\"");
  e->text = std::string(*line.text);
  return Status::Ok();
}

// Checks one entry against the rest of its year, per week it applies to.
Status CheckEntry(const ParsedYear& y, const CalendarEntry& e) {
  const int n = e.line;
  if (e.date.year() != y.year) {
    return ParseError(n, e.date.ToString() + " is not in year " + std::to_string(y.year));
  }
  if (e.kind == DayKind::kHoliday || e.kind == DayKind::kUnmovable) {
    // A public holiday is a day off whatever the week.
    if (e.weeks != kBothWeeks) return ParseError(n, "a holiday applies to both weeks");
    return Status::Ok();
  }
  const LocalDate p = *e.partner;
  for (WeekSet week : {kFiveDayWeek, kSixDayWeek}) {
    if ((e.weeks & week) == 0) continue;
    const std::string wname = week == kFiveDayWeek ? "five-day" : "six-day";
    switch (e.kind) {
      case DayKind::kMoved: {
        if (IsRestDay(e.date, week)) {
          return ParseError(n,
                            e.date.ToString() + " is already a rest day of the " + wname + " week");
        }
        if (!IsRestDay(p, week)) {
          return ParseError(n, "from=" + p.ToString() + " is not a rest day of the " + wname +
                                   " week: nothing to move");
        }
        const CalendarEntry* h = y.Find(p, week);
        if (h == nullptr || h->kind != DayKind::kHoliday) {
          return ParseError(n, "from=" + p.ToString() + " is not a movable holiday of this year");
        }
        if (p >= e.date) return ParseError(n, "a holiday moves forward, not back");
        break;
      }
      case DayKind::kSwapOff:
      case DayKind::kSwapWork: {
        const bool off = e.kind == DayKind::kSwapOff;
        // swap_off turns a working day into a day off; swap_work the reverse.
        if (IsRestDay(e.date, week) == off) {
          return ParseError(n, e.date.ToString() +
                                   (off ? " is already a rest day" : " is a working day") +
                                   " of the " + wname + " week");
        }
        if (IsRestDay(p, week) != off) {
          return ParseError(n, p.ToString() +
                                   (off ? " is not a rest day" : " is not a working day") +
                                   " of the " + wname + " week");
        }
        if (p.year() == y.year) {  // a partner in another year is that year's file's business
          const CalendarEntry* q = y.Find(p, week);
          const DayKind want = off ? DayKind::kSwapWork : DayKind::kSwapOff;
          if (q == nullptr || q->kind != want || q->partner != e.date) {
            return ParseError(n, "no matching " +
                                     std::string(kKindNames[static_cast<size_t>(want)]) + " on " +
                                     p.ToString() + " for the " + wname + " week");
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view DayKindName(DayKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

std::optional<BranchHours> BranchHours::FromWeekdayMask(std::string_view mask) {
  if (mask.size() != 7) return std::nullopt;
  BranchHours hours;
  for (size_t i = 0; i < 7; ++i) {
    if (mask[i] != '0' && mask[i] != '1') return std::nullopt;
    hours.open_weekdays[i] = mask[i] == '1';
  }
  return hours;
}

Status HolidayCalendar::Parse(std::string_view text, HolidayCalendar* calendar) {
  ParsedYear y;
  int number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    Line line;
    std::string error;
    if (!SplitLine(raw, &line, &error)) return ParseError(number, error);
    if (line.words.empty() && !line.text) continue;
    if (!line.words.empty() && line.words[0] == "year") {
      if (y.year_line != 0) {
        return ParseError(number, "a second year line (the first is line " +
                                      std::to_string(y.year_line) + "): one year per text");
      }
      std::optional<LocalDate> jan1;
      if (line.words.size() == 2 && !line.text && line.words[1].size() == 4) {
        jan1 = LocalDate::Parse(std::string(line.words[1]) + "-01-01");
      }
      if (!jan1) return ParseError(number, "expected: year YYYY");
      y.year = jan1->year();
      y.year_line = number;
      continue;
    }
    if (y.year_line == 0) return ParseError(number, "the year line must come first");
    CalendarEntry e;
    if (Status s = ParseEntry(line, number, &e); !s.ok()) return s;
    auto& same_day = y.entries[e.date];
    for (const CalendarEntry& other : same_day) {
      if ((other.weeks & e.weeks) != 0) {
        return ParseError(number, e.date.ToString() + " is already given on line " +
                                      std::to_string(other.line) + " for the same week");
      }
    }
    same_day.push_back(std::move(e));
  }
  if (y.year_line == 0) return ParseError(number, "no year line");
  for (const auto& [date, list] : y.entries) {
    for (const CalendarEntry& e : list) {
      if (Status s = CheckEntry(y, e); !s.ok()) return s;
    }
  }
  if (calendar->HasYear(y.year)) {
    return ParseError(y.year_line, "year " + std::to_string(y.year) + " is already loaded");
  }
  calendar->years_.insert(y.year);
  calendar->entries_.merge(y.entries);  // dates are in distinct years: no collisions
  return Status::Ok();
}

Status HolidayCalendar::CheckYear(int year) const {
  return HasYear(year) ? Status::Ok() : UnknownYear(year);
}

const CalendarEntry* HolidayCalendar::Find(LocalDate date, WeekSet week) const {
  return FindEntry(entries_, date, week);
}

Status HolidayCalendar::IsProviderWorkingDay(LocalDate date, bool* working) const {
  if (Status s = CheckYear(date.year()); !s.ok()) return s;
  const CalendarEntry* e = Find(date, kFiveDayWeek);
  *working = e != nullptr ? e->kind == DayKind::kSwapWork : !IsRestDay(date, kFiveDayWeek);
  return Status::Ok();
}

Status HolidayCalendar::IsCenterOpenDay(LocalDate date, const BranchHours& hours,
                                        bool* open) const {
  if (Status s = CheckYear(date.year()); !s.ok()) return s;
  if (hours.closed_dates.count(date) != 0) {
    *open = false;
  } else if (hours.extra_open_dates.count(date) != 0) {
    *open = true;
  } else if (const CalendarEntry* e = Find(date, kSixDayWeek); e != nullptr) {
    // R5: closed on public holidays and the six-day week's days off; a day the
    // Government declares working for the six-day week opens every center.
    *open = e->kind == DayKind::kSwapWork;
  } else {
    *open = hours.open_weekdays[date.Weekday() - 1];
  }
  return Status::Ok();
}

Status HolidayCalendar::NonWorkingDays(int year, std::vector<NonWorkingDay>* days) const {
  if (Status s = CheckYear(year); !s.ok()) return s;
  days->clear();
  const LocalDate first = *LocalDate::FromYmd(year, 1, 1);
  const LocalDate end = *LocalDate::FromYmd(year + 1, 1, 1);
  for (LocalDate d = first; d < end; d = d.AddDays(1)) {
    const CalendarEntry* e = Find(d, kFiveDayWeek);
    if (e == nullptr) {
      if (IsRestDay(d, kFiveDayWeek)) days->push_back({d, "weekend", "weekend"});
      continue;
    }
    switch (e->kind) {
      case DayKind::kHoliday:
      case DayKind::kUnmovable:
        days->push_back({d, "holiday", "holiday: " + e->text});
        break;
      case DayKind::kMoved: {
        const CalendarEntry* h = Find(*e->partner, kFiveDayWeek);
        days->push_back({d, "moved",
                         "moved from " + DayName(*e->partner) +
                             (h != nullptr ? " (" + h->text + ")" : std::string())});
        break;
      }
      case DayKind::kSwapOff:
        days->push_back(
            {d, "swap_off", "day off moved from " + DayName(*e->partner) + " (" + e->text + ")"});
        break;
      case DayKind::kSwapWork:
        break;  // a working day
    }
  }
  return Status::Ok();
}

Status ComputeDueDates(const HolidayCalendar& calendar, const BranchHours& hours,
                       LocalDate accepted, int term, TermUnit unit, DueDates* out) {
  if (term < 1 || term > kMaxTerm) {
    return Status::Malformed("invalid_term", "a term is 1.." + std::to_string(kMaxTerm) +
                                                 " days, not " + std::to_string(term));
  }
  if (unit == TermUnit::kHours) {
    return Status::Malformed("invalid_term", "a term in hours ends the day it starts");
  }
  // Unknown years refuse the computation (422): the caller asked for a rule
  // the loaded data cannot answer.
  auto refuse = [](const Status& s) { return Status::Refused(s.code(), s.message()); };
  if (Status s = calendar.CheckYear(accepted.year()); !s.ok()) return refuse(s);

  // R30: counting starts the day after acceptance.
  LocalDate end = accepted;
  if (unit == TermUnit::kCalendarDays) {
    end = accepted.AddDays(term);
  } else {
    for (int counted = 0; counted < term;) {
      end = end.AddDays(1);
      bool working = false;
      if (Status s = calendar.IsProviderWorkingDay(end, &working); !s.ok()) return refuse(s);
      if (working) ++counted;
    }
  }

  // The result can only be issued on a day the center is open.
  bool open = false;
  for (int i = 0; i <= kMaxTerm; ++i, end = end.AddDays(1)) {
    if (Status s = calendar.IsCenterOpenDay(end, hours, &open); !s.ok()) return refuse(s);
    if (open) break;
  }
  if (!open) {
    return Status::Refused("center_never_open", "the center has no open day within " +
                                                    std::to_string(kMaxTerm) + " days of " +
                                                    end.ToString());
  }
  out->issue_date = end;

  // R34: the last day before the issue date on which the provider can hand the
  // results over and the center can take them, no earlier than acceptance.
  out->provider_deadline = end;
  out->deadline_on_issue_day = true;
  for (LocalDate d = end.AddDays(-1); d >= accepted; d = d.AddDays(-1)) {
    bool working = false;
    if (Status s = calendar.IsProviderWorkingDay(d, &working); !s.ok()) return refuse(s);
    if (!working) continue;
    if (Status s = calendar.IsCenterOpenDay(d, hours, &open); !s.ok()) return refuse(s);
    if (open) {
      out->provider_deadline = d;
      out->deadline_on_issue_day = false;
      break;
    }
  }
  return Status::Ok();
}

}  // namespace tereze::domain
