#include "app/reports.h"

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "app/catalog.h"
#include "core/instant.h"
#include "core/zone.h"
#include "docs/report_pdf.h"
#include "domain/breach.h"
#include "store/branches.h"
#include "store/breaches.h"
#include "store/providers.h"

namespace tereze::app {

namespace {

using domain::Month;
using domain::Role;

Status AllBranches(store::Database& db, int64_t only, std::vector<domain::Branch>* out) {
  for (int64_t after = 0;;) {
    std::vector<domain::Branch> page;
    Status s = db.Read(
        [&](store::Connection& c) { return store::ListBranches(c, only, after, 500, &page); });
    if (!s.ok()) return s;
    if (page.empty()) break;
    after = page.back().id;
    for (auto& b : page) {
      if (only != 0 || !b.retired) out->push_back(std::move(b));
    }
    if (only != 0) break;
  }
  if (only != 0 && out->empty()) return Status::NotFound("branch_not_found", "no such branch");
  return Status::Ok();
}

Status RangeOf(const domain::Branch& b, const Month& m, store::MonthRange* r) {
  r->branch_id = b.id;
  r->first = m.First().ToString();
  r->last = m.Last().ToString();
  Status s = InstantOfLocalTime(b.time_zone, m.First(), 0, &r->start_ms);
  if (s.ok()) s = InstantOfLocalTime(b.time_zone, m.Next().First(), 0, &r->end_ms);
  return s;
}

bool IsCentralReader(const Principal& who) {
  return who.role == Role::kCentralOffice || who.role == Role::kAdmin || who.role == Role::kAuditor;
}

bool MaySee(const Principal& who, const store::MonthlyReportRow& r) {
  if (IsCentralReader(who)) return true;
  if (who.role == Role::kBranchManager) return who.employee.branch_id == r.branch_id;
  if (who.role == Role::kProviderOfficer) {
    return !who.employee.provider_code.empty() && who.employee.provider_code == r.provider_code &&
           r.delivered_at_ms != 0;
  }
  return false;
}

// The side an employee signs for: the center (its branch's manager, the central office) or
// the provider (its officer). Forbidden for anyone else.
Status SideOf(const Principal& who, const store::MonthlyReportRow& r, domain::ActSide* side) {
  if (who.role == Role::kProviderOfficer && MaySee(who, r)) {
    *side = domain::ActSide::kProvider;
    return Status::Ok();
  }
  if (who.role == Role::kCentralOffice ||
      (who.role == Role::kBranchManager && who.employee.branch_id == r.branch_id)) {
    *side = domain::ActSide::kCenter;
    return Status::Ok();
  }
  return Status::Forbidden("only the center or the provider signs this act");
}

// An act, its report and the side `who` signs for; an act of a report `who`
// may not see is not found. The one read of AddDiscrepancy and SignAct.
Status LoadActForSide(store::Connection& db, const Principal& who, int64_t act_id,
                      store::ReconciliationActRow* act, store::MonthlyReportRow* report,
                      domain::ActSide* side) {
  Status s = store::FindReconciliationAct(db, act_id, act);
  if (!s.ok()) return s;
  if (s = store::FindMonthlyReport(db, act->report_id, report); !s.ok()) return s;
  if (!MaySee(who, *report)) return Status::NotFound("act_not_found", "no such act");
  return SideOf(who, *report, side);
}

Status LocalToday(const std::string& zone, int64_t now_ms, LocalDate* today) {
  return LocalDateIn(zone, now_ms, today);
}

// Writes the reports of one branch's month; existing ones are kept as they are.
Status StoreBranchMonth(store::WriteTx& tx, const Principal* who, const BranchMonth& bm,
                        const Month& month, int* generated, int* delivered) {
  for (const auto& [provider, lines] : bm.counts.providers) {
    int64_t existing = 0;
    Status s =
        store::FindMonthlyReportId(tx.db(), bm.branch.id, provider, month.ToString(), &existing);
    if (!s.ok()) return s;
    if (existing != 0) continue;
    store::MonthlyReportRow r;
    r.branch_id = bm.branch.id;
    r.provider_code = provider;
    r.month = month.ToString();
    r.generated_at_ms = tx.now_ms();
    r.generated_by = who ? who->employee.id : 0;
    r.queue = bm.counts.queue;
    r.lines = lines;
    if (s = ProviderUnitFor(tx.db(), bm.branch, provider, &r.provider_unit_id); !s.ok()) return s;
    if (r.provider_unit_id != 0) r.delivered_at_ms = tx.now_ms();
    if (s = store::InsertMonthlyReport(tx.db(), &r); !s.ok()) return s;
    ++*generated;
    if (r.delivered_at_ms != 0) ++*delivered;
    const std::string object = "monthly_report/" + std::to_string(r.id);
    const std::string change = "branch=" + std::to_string(r.branch_id) + "\nprovider=" + provider +
                               "\nmonth=" + r.month + "\nlines=" + std::to_string(lines.size()) +
                               "\nunit=" + std::to_string(r.provider_unit_id);
    s = tx.Audit(who ? AuditOf(*who, "report.generate", object, change)
                     : SystemAudit("report.generate", object, change));
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status StoreMonth(App& app, const Principal* who, const std::vector<BranchMonth>& counted,
                  const Month& month, MonthlyRun* out) {
  for (const BranchMonth& bm : counted) {
    int generated = 0, delivered = 0;
    Status s = app.db().writer().Run([&](store::WriteTx& tx) {
      generated = delivered = 0;
      return StoreBranchMonth(tx, who, bm, month, &generated, &delivered);
    });
    if (!s.ok()) return s;
    out->generated += generated;
    out->delivered += delivered;
  }
  return Status::Ok();
}

// Delivers what can be, and flags what missed the 3rd or the 15th. Decided on a read
// connection; only a report that changes is written (one transaction each).
Status RunDeadlines(App& app, MonthlyRun* out) {
  std::map<int64_t, domain::Branch> branches;
  LocalDate today;
  Status s = LocalDateIn("Asia/Almaty", app.clock().NowMs(), &today);
  if (!s.ok()) return s;
  const std::string min_month = domain::MonthOf(today).Previous().Previous().ToString();
  for (int64_t after = 0;;) {
    std::vector<store::MonthlyReportRow> page;
    s = app.db().Read([&](store::Connection& db) {
      return store::ListReportsForDeadlines(db, min_month, after, 500, &page);
    });
    if (!s.ok()) return s;
    if (page.empty()) break;
    after = page.back().id;
    for (const auto& r : page) {
      auto month = domain::ParseMonth(r.month);
      if (!month) continue;
      auto it = branches.find(r.branch_id);
      if (it == branches.end()) {
        domain::Branch b;
        s = app.db().Read(
            [&](store::Connection& db) { return store::FindBranch(db, r.branch_id, &b); });
        if (!s.ok()) return s;
        it = branches.emplace(r.branch_id, b).first;
      }
      const domain::Branch& b = it->second;
      const int64_t now = app.clock().NowMs();
      LocalDate local_today;
      if (s = LocalToday(b.time_zone, now, &local_today); !s.ok()) return s;
      int64_t unit = 0;
      if (r.delivered_at_ms == 0) {
        s = app.db().Read(
            [&](store::Connection& db) { return ProviderUnitFor(db, b, r.provider_code, &unit); });
        if (!s.ok()) return s;
      }
      const int64_t delivered_at = r.delivered_at_ms != 0 ? r.delivered_at_ms : (unit ? now : 0);
      bool delivery_late = r.delivery_late, act_late = r.act_late;
      const LocalDate report_due = domain::ReportDue(*month);
      if (!delivery_late) {
        if (delivered_at == 0) {
          delivery_late = local_today > report_due;
        } else {
          LocalDate delivered_on;
          if (s = LocalDateIn(b.time_zone, delivered_at, &delivered_on); !s.ok()) return s;
          delivery_late = delivered_on > report_due;
        }
      }
      if (!act_late) act_late = local_today > domain::ActDue(*month) && r.act_status != "signed";
      const bool deliver = unit != 0;
      const bool flag = delivery_late != r.delivery_late || act_late != r.act_late;
      if (!deliver && !flag) continue;
      s = app.db().writer().Run([&](store::WriteTx& tx) {
        const std::string object = "monthly_report/" + std::to_string(r.id);
        Status st;
        if (deliver) {
          if (st = store::MarkReportDelivered(tx.db(), r.id, unit, delivered_at); !st.ok())
            return st;
          st = tx.Audit(SystemAudit("report.deliver", object, "unit=" + std::to_string(unit)));
          if (!st.ok()) return st;
        }
        if (!flag) return Status::Ok();
        if (st = store::SetReportFlags(tx.db(), r.id, delivery_late, act_late); !st.ok()) return st;
        // R37: each missed deadline is also a breach of the Rules, counted on its deadline.
        const std::string key = std::to_string(r.branch_id) + "/" + r.month + "/" + r.provider_code;
        for (auto [late, was, kind, prefix, due] :
             {std::tuple{delivery_late, r.delivery_late, domain::BreachKind::kReportLate, "report/",
                         report_due},
              std::tuple{act_late, r.act_late, domain::BreachKind::kActLate, "act/",
                         domain::ActDue(*month)}}) {
          if (!late || was) continue;
          store::BreachRow breach;
          breach.kind = domain::ToString(kind);
          breach.object_key = prefix + key;
          breach.branch_id = r.branch_id;
          breach.provider_code = r.provider_code;
          breach.day = due.ToString();
          breach.detected_at_ms = tx.now_ms();
          breach.details = domain::DetailsJson(
              {{"month", r.month}, {"monthly_report_id", r.id}, {"due", due.ToString()}});
          bool inserted = false;
          if (st = store::InsertBreach(tx.db(), &breach, &inserted); !st.ok()) return st;
        }
        return tx.Audit(SystemAudit("report.flag", object,
                                    std::string("delivery_late=") + (delivery_late ? "1" : "0") +
                                        "\nact_late=" + (act_late ? "1" : "0")));
      });
      if (!s.ok()) return s;
      if (deliver) ++out->delivered;
      if (flag) ++out->flagged;
    }
  }
  return Status::Ok();
}

void NameProvider(App& app, const std::string& code, std::string* kk, std::string* ru) {
  auto snapshot = app.catalog().Current();
  for (const auto& p : snapshot.catalog->providers) {
    if (p.code == code) {
      *kk = p.name.kk;
      *ru = p.name.ru;
      return;
    }
  }
  *kk = *ru = code;
}

}  // namespace

Status CountMonth(store::Database& db, const Month& month, int64_t branch_id, int threads,
                  const Progress& progress, std::vector<BranchMonth>* out) {
  std::vector<domain::Branch> branches;
  Status s = AllBranches(db, branch_id, &branches);
  if (!s.ok()) return s;
  out->assign(branches.size(), BranchMonth{});
  std::atomic<size_t> next{0};
  std::mutex mu;
  int done = 0;
  Status failed;
  auto work = [&] {
    for (;;) {
      const size_t i = next.fetch_add(1);
      if (i >= branches.size()) return;
      BranchMonth& bm = (*out)[i];
      bm.branch = branches[i];
      store::MonthRange range;
      Status st = RangeOf(bm.branch, month, &range);
      if (st.ok()) {
        st = db.Read(
            [&](store::Connection& c) { return store::CountBranchMonth(c, range, &bm.counts); });
      }
      std::lock_guard lock(mu);
      if (!st.ok() && failed.ok()) failed = st;
      ++done;
      if (progress) progress(done, static_cast<int>(branches.size()));
    }
  };
  threads = std::max(1, std::min(threads, 16));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return failed;
}

Status ProviderUnitFor(store::Connection& db, const domain::Branch& branch,
                       const std::string& provider_code, int64_t* unit_id) {
  *unit_id = 0;
  std::vector<domain::ProviderUnit> units;
  Status s = store::ListProviderUnits(db, provider_code, branch.region, &units);
  if (!s.ok()) return s;
  std::vector<domain::Direction> directions;
  if (s = store::ListDirections(db, branch.id, &directions); !s.ok()) return s;
  for (const auto& u : units) {
    if (u.retired) continue;
    for (const auto& d : directions) {
      if (d.retired) continue;
      for (int64_t id : d.unit_ids) {
        if (id == u.id) {
          *unit_id = u.id;
          return Status::Ok();
        }
      }
    }
  }
  for (const auto& u : units) {
    if (!u.retired) {
      *unit_id = u.id;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status GenerateMonth(App& app, const Principal* who, const Month& month, int threads,
                     MonthlyRun* out) {
  if (who && who->role != Role::kCentralOffice) {
    return Status::Forbidden("the central office generates reports");
  }
  LocalDate today;
  Status s = LocalDateIn("Asia/Almaty", app.clock().NowMs(), &today);
  if (!s.ok()) return s;
  if (!(month.Last() < today)) {
    return Status::Refused("month_not_over", "the month " + month.ToString() + " is not over");
  }
  std::vector<BranchMonth> counted;
  if (s = CountMonth(app.db(), month, 0, threads, nullptr, &counted); !s.ok()) return s;
  if (s = StoreMonth(app, who, counted, month, out); !s.ok()) return s;
  return RunDeadlines(app, out);
}

Status RunMonthlyJob(App& app, MonthlyRun* out) {
  std::vector<domain::Branch> branches;
  Status s = AllBranches(app.db(), 0, &branches);
  if (!s.ok()) return s;
  for (const auto& b : branches) {
    LocalDate today;
    if (s = LocalDateIn(b.time_zone, app.clock().NowMs(), &today); !s.ok()) return s;
    const Month month = domain::MonthOf(today).Previous();
    // A branch's month is written in one transaction: one report means all.
    std::vector<store::MonthlyReportRow> any;
    store::ReportFilter f;
    f.month = month.ToString();
    f.branch_id = b.id;
    f.limit = 1;
    s = app.db().Read(
        [&](store::Connection& db) { return store::ListMonthlyReports(db, f, &any); });
    if (!s.ok()) return s;
    if (!any.empty()) continue;
    std::vector<BranchMonth> counted;
    if (s = CountMonth(app.db(), month, b.id, 1, nullptr, &counted); !s.ok()) return s;
    if (s = StoreMonth(app, nullptr, counted, month, out); !s.ok()) return s;
  }
  return RunDeadlines(app, out);
}

Status ListReports(App& app, const Principal& who, store::ReportFilter f,
                   std::vector<store::MonthlyReportRow>* out) {
  if (who.role == Role::kBranchManager) {
    if (f.branch_id != 0 && f.branch_id != who.employee.branch_id) {
      return Status::Forbidden("this is another branch");
    }
    f.branch_id = who.employee.branch_id;
  } else if (who.role == Role::kProviderOfficer) {
    if (!f.provider_code.empty() && f.provider_code != who.employee.provider_code) {
      return Status::Forbidden("this is another provider");
    }
    f.provider_code = who.employee.provider_code;
    f.delivered_only = true;
    if (f.provider_code.empty()) return Status::Ok();
  } else if (!IsCentralReader(who)) {
    return Status::Forbidden("reports are for managers, providers and the central office");
  }
  return app.db().Read(
      [&](store::Connection& db) { return store::ListMonthlyReports(db, f, out); });
}

Status GetReport(App& app, const Principal& who, int64_t id, ReportView* out) {
  Status s = app.db().Read([&](store::Connection& db) {
    Status st = store::FindMonthlyReport(db, id, &out->row);
    if (!st.ok()) return st;
    if (!MaySee(who, out->row)) return Status::NotFound("report_not_found", "no such report");
    if (st = store::FindBranch(db, out->row.branch_id, &out->branch); !st.ok()) return st;
    if (out->row.provider_unit_id != 0) {
      domain::ProviderUnit u;
      if (st = store::FindProviderUnit(db, out->row.provider_unit_id, &u); !st.ok()) return st;
      out->unit_name_kk = u.name_kk;
      out->unit_name_ru = u.name_ru;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  NameProvider(app, out->row.provider_code, &out->provider_name_kk, &out->provider_name_ru);
  return Status::Ok();
}

void AcknowledgeReport(App& app, const Principal& who, int64_t id, const Done<int64_t>& done) {
  SubmitWrite(
      app.db(), std::make_shared<int64_t>(id),
      [who](store::WriteTx& tx, int64_t& report_id) {
        store::MonthlyReportRow r;
        Status s = store::FindMonthlyReport(tx.db(), report_id, &r);
        if (!s.ok()) return s;
        if (!MaySee(who, r)) return Status::NotFound("report_not_found", "no such report");
        if (who.role != Role::kProviderOfficer) {
          return Status::Forbidden("the provider's officer acknowledges a report");
        }
        if (r.acknowledged_at_ms != 0) {
          return Status::Conflict("already_acknowledged", "the report has been acknowledged");
        }
        s = store::MarkReportAcknowledged(tx.db(), r.id, who.employee.id, tx.now_ms());
        if (!s.ok()) return s;
        return tx.Audit(AuditOf(who, "report.acknowledge", "monthly_report/" + std::to_string(r.id),
                                r.provider_code + "\n" + r.month));
      },
      done);
}

void DrawAct(App& app, const Principal& who, int64_t report_id, const Done<int64_t>& done) {
  SubmitWrite(
      app.db(), std::make_shared<int64_t>(0),
      [who, report_id](store::WriteTx& tx, int64_t& act_id) {
        store::MonthlyReportRow r;
        Status s = store::FindMonthlyReport(tx.db(), report_id, &r);
        if (!s.ok()) return s;
        if (!MaySee(who, r)) return Status::NotFound("report_not_found", "no such report");
        domain::ActSide side;
        if (s = SideOf(who, r, &side); !s.ok()) return s;
        if (side != domain::ActSide::kCenter) {
          return Status::Forbidden("the center draws up the reconciliation act");
        }
        if (r.delivered_at_ms == 0) {
          return Status::Conflict("report_not_delivered",
                                  "the report has not reached the provider yet");
        }
        store::ReconciliationActRow a;
        a.report_id = r.id;
        a.status = domain::ToString(domain::ActStatus::kDrafted);
        a.drawn_at_ms = tx.now_ms();
        a.drawn_by = who.employee.id;
        if (s = store::InsertReconciliationAct(tx.db(), &a); !s.ok()) return s;
        act_id = a.id;
        return tx.Audit(AuditOf(who, "act.draw", "reconciliation_act/" + std::to_string(a.id),
                                "report=" + std::to_string(r.id)));
      },
      done);
}

Status GetAct(App& app, const Principal& who, int64_t act_id, ActView* out) {
  Status s = app.db().Read([&](store::Connection& db) {
    Status st = store::FindReconciliationAct(db, act_id, &out->act);
    if (!st.ok()) return st;
    return store::ListDiscrepancies(db, act_id, &out->discrepancies);
  });
  if (!s.ok()) return s;
  s = GetReport(app, who, out->act.report_id, &out->report);
  if (s.code() == "report_not_found") return Status::NotFound("act_not_found", "no such act");
  return s;
}

void AddDiscrepancy(App& app, const Principal& who, int64_t act_id, const DiscrepancyInput& in,
                    const Done<int64_t>& done) {
  Status bad;
  if (!domain::FigureValue(domain::ReportFigures{}, in.figure)) {
    bad = Status::Refused("invalid_figure", "figure: one of the report's figures");
  } else if (in.service_code.empty() || in.service_code.size() > 16) {
    bad = Status::Refused("invalid_field", "service_code: 1 to 16 characters");
  } else if (in.provider_value < 0 || in.provider_value > kMaxFigureValue) {
    bad = Status::Refused("invalid_field", "provider_value: 0 to 1000000000");
  } else if (in.comment.size() > kMaxDiscrepancyCommentBytes) {
    bad = Status::Refused("invalid_field", "comment: at most 1000 bytes");
  }
  if (!bad.ok()) return done(bad, 0);
  SubmitWrite(
      app.db(), std::make_shared<int64_t>(0),
      [who, act_id, in](store::WriteTx& tx, int64_t& id) {
        store::ReconciliationActRow a;
        store::MonthlyReportRow r;
        domain::ActSide side;
        Status s = LoadActForSide(tx.db(), who, act_id, &a, &r, &side);
        if (!s.ok()) return s;
        if (s = domain::CheckDiscrepancyAllowed(*domain::ParseActStatus(a.status)); !s.ok()) {
          return s;
        }
        store::DiscrepancyRow d;
        d.act_id = a.id;
        d.service_code = in.service_code;
        d.figure = in.figure;
        for (const auto& l : r.lines) {
          if (l.service_code == in.service_code) {
            d.center_value = *domain::FigureValue(l.figures, in.figure);
          }
        }
        d.provider_value = in.provider_value;
        d.comment = in.comment;
        d.side = domain::ToString(side);
        d.entered_by = who.employee.id;
        d.entered_at_ms = tx.now_ms();
        if (s = store::InsertDiscrepancy(tx.db(), &d); !s.ok()) return s;
        id = d.id;
        return tx.Audit(
            AuditOf(who, "act.discrepancy", "reconciliation_act/" + std::to_string(a.id),
                    d.service_code + "\n" + d.figure + "\n" + std::to_string(d.center_value) +
                        "\n" + std::to_string(d.provider_value) + "\n" + d.comment));
      },
      done);
}

void SignAct(App& app, const Principal& who, int64_t act_id, const Done<int64_t>& done) {
  SubmitWrite(
      app.db(), std::make_shared<int64_t>(act_id),
      [who](store::WriteTx& tx, int64_t& id) {
        store::ReconciliationActRow a;
        store::MonthlyReportRow r;
        domain::ActSide side;
        Status s = LoadActForSide(tx.db(), who, id, &a, &r, &side);
        if (!s.ok()) return s;
        domain::ActStatus next;
        if (s = domain::SignAct(*domain::ParseActStatus(a.status), side, &next); !s.ok()) return s;
        const std::string from = a.status;
        a.status = domain::ToString(next);
        if (side == domain::ActSide::kCenter) {
          a.center_signed_at_ms = tx.now_ms();
          a.center_signed_by = who.employee.id;
        } else {
          a.provider_signed_at_ms = tx.now_ms();
          a.provider_signed_by = who.employee.id;
        }
        if (s = store::UpdateActStatus(tx.db(), a, from); !s.ok()) return s;
        return tx.Audit(AuditOf(who, "act.sign", "reconciliation_act/" + std::to_string(a.id),
                                std::string(domain::ToString(side)) + "\n" + a.status));
      },
      done);
}

void DrawCentralAct(App& app, const Principal& who, const std::string& provider_code,
                    const Month& month, const Done<int64_t>& done) {
  if (who.role != Role::kCentralOffice) {
    return done(Status::Forbidden("the central office draws up central acts"), 0);
  }
  SubmitWrite(
      app.db(), std::make_shared<int64_t>(0),
      [who, provider_code, month](store::WriteTx& tx, int64_t& id) {
        store::CentralActRow a;
        a.provider_code = provider_code;
        a.month = month.ToString();
        Status s = store::SumStoredReports(tx.db(), provider_code, a.month, &a);
        if (!s.ok()) return s;
        if (a.reports == 0) {
          return Status::Refused("no_reports", "no branch has a report on this provider and month");
        }
        a.drawn_at_ms = tx.now_ms();
        a.drawn_by = who.employee.id;
        if (s = store::InsertCentralAct(tx.db(), &a); !s.ok()) return s;
        id = a.id;
        return tx.Audit(
            AuditOf(who, "central_act.draw", "central_act/" + std::to_string(a.id),
                    provider_code + "\n" + a.month + "\nreports=" + std::to_string(a.reports)));
      },
      done);
}

Status GetCentralAct(App& app, const Principal& who, int64_t id, store::CentralActRow* out) {
  if (!IsCentralReader(who)) return Status::Forbidden("central acts are the central office's");
  return app.db().Read([&](store::Connection& db) { return store::FindCentralAct(db, id, out); });
}

Status QualityExport(store::Database& db, const Month& month, int threads, const Progress& progress,
                     std::vector<QualityRow>* out) {
  std::vector<BranchMonth> counted;
  Status s = CountMonth(db, month, 0, threads, progress, &counted);
  if (!s.ok()) return s;
  for (const auto& bm : counted) {
    for (const auto& [provider, lines] : bm.counts.providers) {
      for (const auto& l : lines) {
        out->push_back(
            {bm.branch.id, bm.branch.code, bm.branch.region, l.service_code, provider, l.figures});
      }
    }
  }
  return Status::Ok();
}

namespace {

std::string DotTime(const std::string& zone, int64_t ms) {
  LocalDate d;
  int minute = 0;
  if (!LocalTimeIn(zone, ms, &d, &minute).ok()) return "";
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return d.ToDotted() + " " + buf;
}

std::vector<docs::ReportDocLine> DocLines(App& app, const std::vector<domain::ReportLine>& lines,
                                          const std::string& lang) {
  auto snapshot = app.catalog().Current();
  std::vector<docs::ReportDocLine> out;
  for (const auto& l : lines) {
    docs::ReportDocLine d;
    d.service_code = l.service_code;
    for (const auto& s : snapshot.catalog->services) {
      if (s.code == l.service_code) d.service_name = lang == "kk" ? s.name.kk : s.name.ru;
    }
    d.figures = l.figures;
    for (const auto& m : l.top_missing) {
      if (!d.top_missing.empty()) d.top_missing += ", ";
      d.top_missing += m.code + " (" + std::to_string(m.count) + ")";
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

docs::ReportDoc DocOfReport(App& app, const ReportView& v, const std::string& lang) {
  docs::ReportDoc d;
  d.number = v.branch.code + "/" + v.row.provider_code + "/" + v.row.month;
  d.month = v.row.month;
  d.branch_code = v.branch.code;
  d.branch_name = lang == "kk" ? v.branch.name_kk : v.branch.name_ru;
  d.provider_code = v.row.provider_code;
  d.provider_name = lang == "kk" ? v.provider_name_kk : v.provider_name_ru;
  d.unit_name = lang == "kk" ? v.unit_name_kk : v.unit_name_ru;
  d.generated_at = DotTime(v.branch.time_zone, v.row.generated_at_ms);
  d.lines = DocLines(app, v.row.lines, lang);
  d.has_queue = true;
  d.queue = v.row.queue;
  return d;
}

docs::ReportDoc DocOfAct(App& app, const ActView& v, const std::string& lang) {
  docs::ReportDoc d = DocOfReport(app, v.report, lang);
  d.kind = docs::ReportDoc::Kind::kReconciliationAct;
  d.number += "/" + std::to_string(v.act.id);
  d.status = v.act.status;
  d.generated_at = DotTime(v.report.branch.time_zone, v.act.drawn_at_ms);
  if (v.act.center_signed_at_ms) {
    d.center_signed = DotTime(v.report.branch.time_zone, v.act.center_signed_at_ms);
  }
  if (v.act.provider_signed_at_ms) {
    d.provider_signed = DotTime(v.report.branch.time_zone, v.act.provider_signed_at_ms);
  }
  for (const auto& x : v.discrepancies) {
    d.discrepancies.push_back(
        {x.service_code, x.figure, x.side, x.comment, x.center_value, x.provider_value});
  }
  return d;
}

docs::ReportDoc DocOfCentralAct(App& app, const store::CentralActRow& a, const std::string& lang) {
  docs::ReportDoc d;
  d.kind = docs::ReportDoc::Kind::kCentralAct;
  d.number = a.provider_code + "/" + a.month + "/" + std::to_string(a.id);
  d.month = a.month;
  d.provider_code = a.provider_code;
  std::string kk, ru;
  NameProvider(app, a.provider_code, &kk, &ru);
  d.provider_name = lang == "kk" ? kk : ru;
  d.generated_at = DotTime("Asia/Almaty", a.drawn_at_ms);
  d.lines = DocLines(app, a.lines, lang);
  return d;
}

std::vector<docs::ReportDoc> DocsOfCounts(App& app, const std::vector<BranchMonth>& counted,
                                          const Month& month, const std::string& lang) {
  std::vector<docs::ReportDoc> out;
  for (const auto& bm : counted) {
    for (const auto& [provider, lines] : bm.counts.providers) {
      ReportView v;
      v.branch = bm.branch;
      v.row.branch_id = bm.branch.id;
      v.row.provider_code = provider;
      v.row.month = month.ToString();
      v.row.generated_at_ms = app.clock().NowMs();
      v.row.lines = lines;
      v.row.queue = bm.counts.queue;
      NameProvider(app, provider, &v.provider_name_kk, &v.provider_name_ru);
      int64_t unit = 0;
      (void)app.db().Read([&](store::Connection& db) {
        Status s = ProviderUnitFor(db, bm.branch, provider, &unit);
        domain::ProviderUnit u;
        if (s.ok() && unit != 0 && store::FindProviderUnit(db, unit, &u).ok()) {
          v.unit_name_kk = u.name_kk;
          v.unit_name_ru = u.name_ru;
        }
        return s;
      });
      out.push_back(DocOfReport(app, v, lang));
    }
  }
  return out;
}

Status RenderDocs(const std::vector<docs::ReportDoc>& list, const std::string& format,
                  const std::string& lang, std::string* bytes, std::string* content_type) {
  if (lang != "kk" && lang != "ru") return Status::Malformed("invalid_lang", "lang is kk or ru");
  if (format == "csv") {
    *content_type = "text/csv; charset=utf-8";
    return docs::RenderReportCsv(list, bytes);
  }
  if (format == "xlsx") {
    *content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return docs::RenderReportXlsx(list, lang, bytes);
  }
  if (format == "pdf") {
    *content_type = "application/pdf";
    if (list.size() != 1) {
      // Several documents (the command line's month): one PDF, each line headed by its
      // branch and provider.
      if (list.empty()) return Status::NotFound("report_not_found", "nothing to print");
      docs::ReportDoc all = list[0];
      all.lines.clear();
      all.has_queue = false;
      all.number = list[0].month;
      all.branch_code = all.branch_name = all.provider_code = all.provider_name = "";
      all.unit_name = "";
      for (const auto& d : list) {
        for (auto l : d.lines) {
          l.service_code = d.branch_code + " · " + d.provider_code + " · " + l.service_code;
          all.lines.push_back(std::move(l));
        }
      }
      return docs::RenderReportPdf(all, lang, bytes);
    }
    return docs::RenderReportPdf(list[0], lang, bytes);
  }
  return Status::Malformed("invalid_format", "format is pdf, xlsx or csv");
}

}  // namespace tereze::app
