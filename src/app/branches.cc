#include "app/branches.h"

#include "app/queue.h"
#include "core/local_date.h"
#include "domain/calendar.h"
#include "store/accounts.h"
#include "store/branches.h"

namespace tereze::app {

namespace {

constexpr size_t kMaxTextBytes = 200;
constexpr int kMaxWindowNumber = 999;
constexpr size_t kMaxTopicBytes = 100;

// Kazakhstan's zones in tzdata (one offset since 2024-03-01, but the names stay).
const char* const kZones[] = {"Asia/Almaty", "Asia/Qostanay", "Asia/Aqtobe",   "Asia/Aqtau",
                              "Asia/Atyrau", "Asia/Oral",     "Asia/Qyzylorda"};

bool ValidCode(const std::string& code) {
  if (code.size() < 2 || code.size() > 20) return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool ValidTime(const std::string& t) {
  return t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
         std::isdigit(static_cast<unsigned char>(t[1])) &&
         std::isdigit(static_cast<unsigned char>(t[3])) &&
         std::isdigit(static_cast<unsigned char>(t[4])) && t.substr(0, 2) <= "23" &&
         t.substr(3, 2) <= "59";
}

Status Refuse(const std::string& field, const std::string& message) {
  return Status::Refused("invalid_field", field + ": " + message);
}

Status ApplyBranch(const BranchFields& f, domain::Branch* b) {
  for (auto [value, slot] : {std::pair{&f.name_kk, &b->name_kk},
                             {&f.name_ru, &b->name_ru},
                             {&f.name_en, &b->name_en},
                             {&f.region, &b->region},
                             {&f.address_kk, &b->address_kk},
                             {&f.address_ru, &b->address_ru},
                             {&f.time_zone, &b->time_zone},
                             {&f.opens_at, &b->opens_at},
                             {&f.closes_at, &b->closes_at},
                             {&f.open_weekdays, &b->open_weekdays}}) {
    if (*value) *slot = **value;
  }
  if (f.video_surveillance) b->video_surveillance = *f.video_surveillance;
  if (f.retired) b->retired = *f.retired;
  for (auto [name, value] : {std::pair{"name_kk", &b->name_kk},
                             {"name_ru", &b->name_ru},
                             {"name_en", &b->name_en},
                             {"region", &b->region},
                             {"address_kk", &b->address_kk},
                             {"address_ru", &b->address_ru}}) {
    if (value->empty() || value->size() > kMaxTextBytes) {
      return Refuse(name, "1 to 200 bytes of text");
    }
  }
  bool zone_ok = false;
  for (const char* z : kZones) zone_ok = zone_ok || b->time_zone == z;
  if (!zone_ok) return Refuse("time_zone", "a tzdata zone of Kazakhstan, e.g. Asia/Almaty");
  if (!ValidTime(b->opens_at) || !ValidTime(b->closes_at) || b->opens_at >= b->closes_at) {
    return Refuse("opens_at", "opens_at and closes_at are HH:MM, opening first");
  }
  if (!domain::BranchHours::FromWeekdayMask(b->open_weekdays)) {
    return Refuse("open_weekdays", "seven 0/1 flags, Monday first (\"1111110\")");
  }
  return Status::Ok();
}

std::string BranchChange(const domain::Branch& b) {
  return "code=" + b.code + "\nname_ru=" + b.name_ru + "\nhours=" + b.opens_at + "-" + b.closes_at +
         "\nweekdays=" + b.open_weekdays + "\nvideo=" + (b.video_surveillance ? "1" : "0") +
         "\nretired=" + (b.retired ? "1" : "0");
}

Status CheckWindow(store::Connection& db, const Principal& who, domain::Window* w) {
  if (!who.employee.CanActInBranch(w->branch_id)) {
    return Status::Forbidden("this is another branch");
  }
  if (w->number < 1 || w->number > kMaxWindowNumber) return Refuse("number", "1 to 999");
  if (!domain::IsWindowKind(w->kind)) {
    return Refuse("kind", "intake, issuance, consultation or self_service");
  }
  if (w->employee_id != 0) {
    store::EmployeeRow row;
    Status s = store::FindEmployeeById(db, w->employee_id, &row);
    if (s.kind() == Status::Kind::kNotFound || (s.ok() && row.employee.branch_id != w->branch_id)) {
      return Status::Refused("employee_not_in_branch", "seat an employee of this branch");
    }
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

std::string WindowChange(const domain::Window& w) {
  return "branch=" + std::to_string(w.branch_id) + "\nnumber=" + std::to_string(w.number) +
         "\nkind=" + w.kind + "\nemployee=" + std::to_string(w.employee_id) +
         "\nretired=" + (w.retired ? "1" : "0");
}

// Submits a command and hands `*result` to done after the commit.
}  // namespace

void CreateBranch(App& app, const Principal& who, const BranchFields& f,
                  const Done<domain::Branch>& done) {
  auto b = std::make_shared<domain::Branch>();
  b->code = f.code.value_or("");
  if (!ValidCode(b->code)) return done(Refuse("code", "2-20 of A-Z, 0-9 and '-'"), *b);
  if (Status s = ApplyBranch(f, b.get()); !s.ok()) return done(s, *b);
  if (b->retired) return done(Refuse("retired", "a new branch is not retired"), *b);
  SubmitWrite<domain::Branch>(
      app.db(), b,
      [who](store::WriteTx& tx, domain::Branch& br) {
        Status st = store::InsertBranch(tx.db(), br, false, &br.id);
        if (!st.ok()) return st;
        return tx.Audit(
            AuditOf(who, "branch.create", "branch/" + std::to_string(br.id), BranchChange(br)));
      },
      done);
}

void UpdateBranch(App& app, const Principal& who, int64_t id, const BranchFields& f,
                  const Done<domain::Branch>& done) {
  if (f.code) return done(Refuse("code", "a branch's code does not change"), {});
  SubmitWrite<domain::Branch>(
      app.db(), std::make_shared<domain::Branch>(),
      [who, id, f](store::WriteTx& tx, domain::Branch& br) {
        Status st = store::FindBranch(tx.db(), id, &br);
        if (!st.ok()) return st;
        st = ApplyBranch(f, &br);
        if (!st.ok()) return st;
        st = store::UpdateBranch(tx.db(), br, tx.now_ms());
        if (!st.ok()) return st;
        return tx.Audit(
            AuditOf(who, "branch.update", "branch/" + std::to_string(id), BranchChange(br)));
      },
      done);
}

namespace {

// R8: the queue serves from the seated windows; after a change it reads them again.
Done<domain::Window> WindowChanged(App& app, const Done<domain::Window>& done) {
  return [&app, done](const Status& st, const domain::Window& w) {
    if (st.ok()) app.queue().Invalidate(w.branch_id);
    done(st, w);
  };
}

}  // namespace

void CreateWindow(App& app, const Principal& who, int64_t branch_id, const WindowFields& f,
                  const Done<domain::Window>& done) {
  auto w = std::make_shared<domain::Window>();
  w->branch_id = branch_id;
  w->number = static_cast<int>(f.number.value_or(0));
  w->kind = f.kind.value_or("intake");
  w->employee_id = f.employee_id.value_or(0);
  SubmitWrite<domain::Window>(
      app.db(), w,
      [who](store::WriteTx& tx, domain::Window& win) {
        domain::Branch b;
        Status st = store::FindBranch(tx.db(), win.branch_id, &b);
        if (!st.ok()) return st;
        st = CheckWindow(tx.db(), who, &win);
        if (!st.ok()) return st;
        st = store::InsertWindow(tx.db(), win, &win.id);
        if (!st.ok()) return st;
        return tx.Audit(
            AuditOf(who, "window.create", "window/" + std::to_string(win.id), WindowChange(win)));
      },
      WindowChanged(app, done));
}

void UpdateWindow(App& app, const Principal& who, int64_t window_id, const WindowFields& f,
                  const Done<domain::Window>& done) {
  SubmitWrite<domain::Window>(
      app.db(), std::make_shared<domain::Window>(),
      [who, window_id, f](store::WriteTx& tx, domain::Window& win) {
        Status st = store::FindWindow(tx.db(), window_id, &win);
        if (!st.ok()) return st;
        if (!who.employee.CanActInBranch(win.branch_id)) {
          return Status::NotFound("window_not_found", "no such window");
        }
        if (f.number) win.number = static_cast<int>(*f.number);
        if (f.kind) win.kind = *f.kind;
        if (f.employee_id) win.employee_id = *f.employee_id;
        if (f.retired) win.retired = *f.retired;
        if (win.retired) win.employee_id = 0;  // nobody sits at a retired window
        st = CheckWindow(tx.db(), who, &win);
        if (!st.ok()) return st;
        st = store::UpdateWindow(tx.db(), win, tx.now_ms());
        if (!st.ok()) return st;
        return tx.Audit(
            AuditOf(who, "window.update", "window/" + std::to_string(win.id), WindowChange(win)));
      },
      WindowChanged(app, done));
}

void PutDayException(App& app, const Principal& who, int64_t branch_id,
                     const domain::DayException& e, const Done<domain::DayException>& done) {
  if (!LocalDate::Parse(e.day)) return done(Status::Malformed("invalid_date", "YYYY-MM-DD"), e);
  if (e.reason.empty() || e.reason.size() > kMaxTextBytes) {
    return done(Refuse("reason", "1 to 200 bytes of text"), e);
  }
  if (!who.employee.CanActInBranch(branch_id)) {
    return done(Status::Forbidden("this is another branch"), e);
  }
  SubmitWrite<domain::DayException>(
      app.db(), std::make_shared<domain::DayException>(e),
      [who, branch_id](store::WriteTx& tx, domain::DayException& ex) {
        domain::Branch b;
        Status st = store::FindBranch(tx.db(), branch_id, &b);
        if (!st.ok()) return st;
        st = store::PutDayException(tx.db(), branch_id, ex);
        if (!st.ok()) return st;
        return tx.Audit(AuditOf(
            who, "branch.day_exception", "branch/" + std::to_string(branch_id) + "/days/" + ex.day,
            std::string("open=") + (ex.open ? "1" : "0") + "\nreason=" + ex.reason));
      },
      done);
}

void DeleteDayException(App& app, const Principal& who, int64_t branch_id, const std::string& day,
                        const Done<bool>& done) {
  if (!who.employee.CanActInBranch(branch_id)) {
    return done(Status::Forbidden("this is another branch"), false);
  }
  SubmitWrite<bool>(
      app.db(), std::make_shared<bool>(false),
      [who, branch_id, day](store::WriteTx& tx, bool& deleted) {
        Status st = store::DeleteDayException(tx.db(), branch_id, day, &deleted);
        if (!st.ok() || !deleted) {
          return st.ok() ? Status::NotFound("day_exception_not_found", "no exception that day")
                         : st;
        }
        return tx.Audit(AuditOf(who, "branch.day_exception_removed",
                                "branch/" + std::to_string(branch_id) + "/days/" + day, day));
      },
      done);
}

Status ListDayExceptions(App& app, int64_t branch_id, std::vector<domain::DayException>* out) {
  return app.db().Read([&](store::Connection& db) {
    domain::Branch b;
    Status s = store::FindBranch(db, branch_id, &b);
    if (!s.ok()) return s;
    return store::ListDayExceptions(db, branch_id, out);
  });
}

Status LoadBranchHours(store::Connection& db, int64_t branch_id, domain::Branch* branch,
                       domain::BranchHours* hours) {
  Status s = store::FindBranch(db, branch_id, branch);
  if (!s.ok()) return s;
  std::vector<domain::DayException> days;
  if (s = store::ListDayExceptions(db, branch_id, &days); !s.ok()) return s;
  *hours =
      domain::BranchHours::FromWeekdayMask(branch->open_weekdays).value_or(domain::BranchHours{});
  for (const auto& d : days) {
    if (auto date = LocalDate::Parse(d.day)) {
      (d.open ? hours->extra_open_dates : hours->closed_dates).insert(*date);
    }
  }
  return Status::Ok();
}

namespace {
// Who may see an employee's training records.
Status MayManageTrainings(store::Connection& db, const Principal& who, int64_t employee_id,
                          bool write) {
  store::EmployeeRow row;
  Status s = store::FindEmployeeById(db, employee_id, &row);
  if (!s.ok()) return s;
  bool same_branch =
      who.employee.branch_id != 0 && row.employee.branch_id == who.employee.branch_id;
  bool allowed =
      who.role == domain::Role::kAdmin ||
      (who.role == domain::Role::kBranchManager && same_branch) ||
      (!write && (who.role == domain::Role::kCentralOffice || who.role == domain::Role::kAuditor));
  if (!allowed) {
    return same_branch || who.employee.IsCentral()
               ? Status::Forbidden("you may not manage this employee's trainings")
               : Status::NotFound("employee_not_found", "no such employee");
  }
  return Status::Ok();
}
}  // namespace

void AddTraining(App& app, const Principal& who, const domain::Training& t,
                 const Done<domain::Training>& done) {
  if (t.topic.empty() || t.topic.size() > kMaxTopicBytes) {
    return done(Refuse("topic", "1 to 100 bytes"), t);
  }
  auto completed = LocalDate::Parse(t.completed_on);
  if (!completed) return done(Status::Malformed("invalid_date", "completed_on is YYYY-MM-DD"), t);
  if (!t.valid_until.empty()) {
    auto until = LocalDate::Parse(t.valid_until);
    if (!until || *until < *completed) {
      return done(Status::Malformed("invalid_date", "valid_until is YYYY-MM-DD, not before"), t);
    }
  }
  SubmitWrite<domain::Training>(
      app.db(), std::make_shared<domain::Training>(t),
      [who](store::WriteTx& tx, domain::Training& tr) {
        Status st = MayManageTrainings(tx.db(), who, tr.employee_id, /*write=*/true);
        if (!st.ok()) return st;
        st = store::InsertTraining(tx.db(), tr, who.employee.id, tx.now_ms(), &tr.id);
        if (!st.ok()) return st;
        return tx.Audit(AuditOf(who, "employee.training",
                                "employee/" + std::to_string(tr.employee_id),
                                tr.topic + "\n" + tr.completed_on + "\n" + tr.valid_until));
      },
      done);
}

Status ListTrainings(App& app, const Principal& who, int64_t employee_id,
                     std::vector<domain::Training>* out) {
  return app.db().Read([&](store::Connection& db) {
    Status s = MayManageTrainings(db, who, employee_id, /*write=*/false);
    if (!s.ok()) return s;
    return store::ListTrainings(db, employee_id, out);
  });
}

Status ListEveryBranch(App& app, std::vector<domain::Branch>* out) {
  for (int64_t after = 0;;) {
    std::vector<domain::Branch> page;
    Status s = app.db().Read(
        [&](store::Connection& db) { return store::ListBranches(db, 0, after, 500, &page); });
    if (!s.ok()) return s;
    if (page.empty()) return Status::Ok();
    after = page.back().id;
    out->insert(out->end(), page.begin(), page.end());
  }
}

}  // namespace tereze::app
