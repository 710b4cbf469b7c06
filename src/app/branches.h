// Running the network: branches, their windows and own days off (R5, R8,
// R13), and employees' trainings (R16). Every change is audited.
#pragma once

#include <optional>
#include <vector>

#include "app/app.h"
#include "domain/branch.h"
#include "domain/calendar.h"

namespace tereze::app {

struct BranchFields {
  std::optional<std::string> code, name_kk, name_ru, name_en, region, address_kk, address_ru,
      time_zone, opens_at, closes_at, open_weekdays;
  std::optional<bool> video_surveillance, retired;
};

// Admin only (the route says so). Code: 2-20 of A-Z, 0-9, '-'.
void CreateBranch(App& app, const Principal& who, const BranchFields& f,
                  const Done<domain::Branch>& done);
void UpdateBranch(App& app, const Principal& who, int64_t id, const BranchFields& f,
                  const Done<domain::Branch>& done);

struct WindowFields {
  std::optional<int64_t> number;
  std::optional<std::string> kind;
  std::optional<int64_t> employee_id;  // 0: nobody
  std::optional<bool> retired;
};

// A branch manager acts in their own branch; the seated employee must belong to it.
void CreateWindow(App& app, const Principal& who, int64_t branch_id, const WindowFields& f,
                  const Done<domain::Window>& done);
void UpdateWindow(App& app, const Principal& who, int64_t window_id, const WindowFields& f,
                  const Done<domain::Window>& done);

// A day the branch is closed although the calendar says open, or open
// although it says closed (R5). `day` is YYYY-MM-DD.
void PutDayException(App& app, const Principal& who, int64_t branch_id,
                     const domain::DayException& e, const Done<domain::DayException>& done);
void DeleteDayException(App& app, const Principal& who, int64_t branch_id, const std::string& day,
                        const Done<bool>& done);
Status ListDayExceptions(App& app, int64_t branch_id, std::vector<domain::DayException>* out);

// Every branch of the network, retired ones included, for the jobs that go
// through them all (read a page of 500 at a time).
Status ListEveryBranch(App& app, std::vector<domain::Branch>* out);

// A branch and its opening days: the weekday mask plus its own closed and
// duty days (R5), for the calendar's due dates and opening checks.
Status LoadBranchHours(store::Connection& db, int64_t branch_id, domain::Branch* branch,
                       domain::BranchHours* hours);

// Trainings: recorded by an admin or the employee's branch manager; read by
// them, the central office and auditors.
void AddTraining(App& app, const Principal& who, const domain::Training& t,
                 const Done<domain::Training>& done);
Status ListTrainings(App& app, const Principal& who, int64_t employee_id,
                     std::vector<domain::Training>* out);

}  // namespace tereze::app
