// A service center (branch) and its windows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tereze::domain {

struct Branch {
  int64_t id = 0;
  std::string code;
  std::string name_kk, name_ru, name_en;
  std::string region;
  std::string address_kk, address_ru;
  std::string time_zone = "Asia/Almaty";  // tzdata name, never a fixed offset
  std::string opens_at = "09:00";         // local
  std::string closes_at = "20:00";        // local
  std::string open_weekdays = "1111110";  // Monday first: Mon-Sat
  bool video_surveillance = false;        // R13: the sign is printed for these
  bool retired = false;
};

// Minutes since midnight of a valid "HH:MM" (a branch's opens_at, closes_at).
int MinutesOfDay(const std::string& hhmm);

// A day a branch departs from the calendar (R5): closed on a working day, or
// open on a day off (a duty center).
struct DayException {
  std::string day;  // YYYY-MM-DD, local
  bool open = false;
  std::string reason;
};

// A provider's territorial unit: the body in a region that decides (R33, R34).
struct ProviderUnit {
  int64_t id = 0;
  std::string provider_code;  // a provider of the catalog
  std::string region;
  std::string name_kk, name_ru;
  std::string address_ru;
  bool retired = false;
};

// The units one courier route of a branch serves (R22, R33): packages are
// collected and registers formed per direction. A unit belongs to at most one
// active direction of a branch, so every package has exactly one way out.
struct Direction {
  int64_t id = 0;
  int64_t branch_id = 0;
  std::string name;
  std::vector<int64_t> unit_ids;
  bool retired = false;
};

// A training an employee completed, e.g. communication with people with
// disabilities (R16), which the manager checks.
struct Training {
  int64_t id = 0;
  int64_t employee_id = 0;
  std::string topic;
  std::string completed_on;  // YYYY-MM-DD
  std::string valid_until;   // YYYY-MM-DD or empty
};

// Window kinds (sectors): "intake" (the operating hall, R8), "issuance",
// "consultation" (R14), "self_service" (R15).
bool IsWindowKind(const std::string& kind);

struct Window {
  int64_t id = 0;
  int64_t branch_id = 0;
  int number = 0;
  std::string kind;         // "intake", "issuance", "consultation", "self_service"
  int64_t employee_id = 0;  // 0: nobody seated
  bool retired = false;
};

}  // namespace tereze::domain
