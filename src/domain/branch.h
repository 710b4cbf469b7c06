// A service center (branch) and its windows.
#pragma once

#include <cstdint>
#include <string>

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
};

enum class WindowKind { kIntake, kIssuance, kConsultation, kSelfService };

struct Window {
  int64_t id = 0;
  int64_t branch_id = 0;
  int number = 0;
  std::string kind;         // "intake", "issuance", "consultation", "self_service"
  int64_t employee_id = 0;  // 0: nobody seated
};

}  // namespace tereze::domain
