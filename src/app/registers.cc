#include "app/registers.h"

#include <set>

#include "app/catalog.h"
#include "app/movement.h"
#include "core/zone.h"
#include "domain/barcode.h"
#include "domain/messages.h"
#include "domain/register.h"
#include "store/accounts.h"
#include "store/applications.h"
#include "store/branches.h"
#include "store/providers.h"

namespace tereze::app {

namespace {

using domain::Bit;
using domain::RegisterKind;
using domain::Role;
using domain::ScanAction;

Status NotFound() { return Status::NotFound("register_not_found", "no such register"); }

Status WrongStatus(const store::RegisterRow& r) {
  return Status::Conflict("wrong_stage", "the register is " + r.status);
}

// The local year of the branch now: registers and acts are numbered per year.
Status LocalYear(store::Connection& db, int64_t branch_id, int64_t now_ms, int64_t* year,
                 LocalDate* today) {
  if (Status s = BranchToday(db, branch_id, now_ms, today); !s.ok()) return s;
  *year = today->year();
  return Status::Ok();
}

std::string EmployeeName(store::Connection& db, int64_t id) {
  if (id == 0) return "";
  store::EmployeeRow e;
  return store::FindEmployeeById(db, id, &e).ok() ? e.employee.FullName() : "";
}

// Loads the display fields of `row` (and its lines) through `db`.
Status Describe(store::Connection& db, const domain::Catalog& catalog,
                const store::RegisterRow& row, bool with_lines, RegisterView* out) {
  out->row = row;
  Status s = store::FindBranch(db, row.branch_id, &out->branch);
  if (!s.ok()) return s;
  out->number = domain::RegisterNumber(out->branch.code, row.year, row.seq);
  out->barcode = domain::MakeBarcode(domain::BarcodeKind::kRegister, row.id);
  out->provider_name = {row.provider_code, row.provider_code, row.provider_code};
  for (const auto& p : catalog.providers) {
    if (p.code == row.provider_code) out->provider_name = p.name;
  }
  if (row.direction_id != 0) {
    std::vector<domain::Direction> directions;
    if (s = store::ListDirections(db, row.branch_id, &directions); !s.ok()) return s;
    for (const auto& d : directions) {
      if (d.id == row.direction_id) out->direction_name = d.name;
    }
  }
  out->courier_name = EmployeeName(db, row.courier_id);
  out->formed_by_name = EmployeeName(db, row.formed_by ? row.formed_by : row.dispatched_by);
  if (!with_lines) return Status::Ok();
  std::vector<int64_t> ids;
  if (s = store::ListRegisterLines(db, row.id, &ids); !s.ok()) return s;
  for (int64_t id : ids) {
    store::Package p;
    if (s = store::FindPackage(db, id, &p); !s.ok()) return s;
    out->lines.push_back(std::move(p));
  }
  return Status::Ok();
}

// Loads register `id` inside a write transaction, if `who` may act on it.
Status LoadForWrite(store::WriteTx& tx, const Principal& who, int64_t id, store::RegisterRow* r) {
  Status s = store::FindRegister(tx.db(), id, r);
  if (s.kind() == Status::Kind::kNotFound) return NotFound();
  if (!s.ok()) return s;
  if (!MayAccessRegister(who, *r)) return NotFound();
  return Status::Ok();
}

// Moves every line of register `r` by `action`; counts those that moved.
Status MoveLines(store::WriteTx& tx, const Principal* who, const store::RegisterRow& r,
                 ScanAction action, size_t* lines, size_t* moved) {
  std::vector<int64_t> ids;
  Status s = store::ListRegisterLines(tx.db(), r.id, &ids);
  if (!s.ok()) return s;
  *lines = ids.size();
  const std::string note = "register " + std::to_string(r.id);
  for (int64_t id : ids) {
    store::Package p;
    if (s = store::FindPackage(tx.db(), id, &p); !s.ok()) return s;
    domain::ScanOutcome out;
    if (s = MovePackage(tx, who, p.id, p.branch_id, p.stage, action, note, &out); !s.ok()) {
      return s;
    }
    if (!out.repeated) ++*moved;
    if (action == ScanAction::kDispatch && !out.repeated) {
      if (s = store::SetDispatchedAt(tx.db(), p.id, tx.now_ms()); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

Status DispatchInTx(store::WriteTx& tx, const Principal& who, int64_t id,
                    domain::DispatchMethod method, int64_t courier_id, RegisterMove* out) {
  store::RegisterRow r;
  Status s = LoadForWrite(tx, who, id, &r);
  if (!s.ok()) return s;
  out->register_id = r.id;
  if (r.kind == "results") return WrongStatus(r);  // the provider dispatches its own
  if (r.status != "formed") {
    if (r.status != "dispatched") return WrongStatus(r);
    out->status = r.status;
    out->lines = r.line_count;
    out->repeated = true;
    return Status::Ok();
  }
  if (courier_id == 0 && who.role == Role::kCourier) courier_id = who.employee.id;
  if (courier_id != 0) {
    store::EmployeeRow c;
    s = store::FindEmployeeById(tx.db(), courier_id, &c);
    if (s.kind() == Status::Kind::kNotFound ||
        (s.ok() && (!c.employee.Has(Role::kCourier) || c.employee.branch_id != r.branch_id))) {
      return Status::Refused("courier_unknown", "no courier of this branch has this id");
    }
    if (!s.ok()) return s;
  }
  if (method == domain::DispatchMethod::kCourier && courier_id == 0) {
    return Status::Malformed("missing_field", "courier_id: who carries the register (R33)");
  }
  // Unclaimed results travel back already in their final stage (R25).
  if (r.kind == "outgoing") {
    if (s = MoveLines(tx, &who, r, ScanAction::kDispatch, &out->lines, &out->moved); !s.ok()) {
      return s;
    }
  } else {
    out->lines = r.line_count;
  }
  s = store::MarkRegisterDispatched(tx.db(), r.id, domain::ToString(method), courier_id,
                                    who.employee.id, tx.now_ms());
  if (!s.ok()) return s;
  out->status = "dispatched";
  return tx.Audit(AuditOf(who, "register.dispatch", "register/" + std::to_string(r.id),
                          std::string("method=") + domain::ToString(method) +
                              "\ncourier=" + std::to_string(courier_id)));
}

Status AcknowledgeInTx(store::WriteTx& tx, const Principal& who, int64_t id, RegisterMove* out) {
  store::RegisterRow r;
  Status s = LoadForWrite(tx, who, id, &r);
  if (!s.ok()) return s;
  out->register_id = r.id;
  if (who.role != Role::kProviderOfficer || r.kind == "results") return WrongStatus(r);
  if (r.status != "dispatched") {
    if (r.status != "acknowledged") return WrongStatus(r);
    out->status = r.status;
    out->lines = r.line_count;
    out->repeated = true;
    return Status::Ok();
  }
  if (r.kind == "outgoing") {
    s = MoveLines(tx, &who, r, ScanAction::kProviderAck, &out->lines, &out->moved);
    if (!s.ok()) return s;
  } else {
    out->lines = r.line_count;
  }
  if (s = store::MarkRegisterAcknowledged(tx.db(), r.id, who.employee.id, tx.now_ms()); !s.ok()) {
    return s;
  }
  out->status = "acknowledged";
  return tx.Audit(
      AuditOf(who, "register.acknowledge", "register/" + std::to_string(r.id), r.status));
}

Status ReceiveInTx(store::WriteTx& tx, const Principal& who, int64_t id,
                   const std::vector<std::string>* scanned, Reception* out) {
  store::RegisterRow r;
  Status s = LoadForWrite(tx, who, id, &r);
  if (!s.ok()) return s;
  out->register_id = r.id;
  if (r.kind != "results" || r.status != "dispatched") return WrongStatus(r);
  std::vector<int64_t> listed;
  if (s = store::ListRegisterLines(tx.db(), r.id, &listed); !s.ok()) return s;
  LocalDate today;
  int64_t year = 0;
  if (s = LocalYear(tx.db(), r.branch_id, tx.now_ms(), &year, &today); !s.ok()) return s;
  // A register barcode scanned as "received": the employee vouches for every line.
  domain::DeliveryCheck check;
  if (scanned) check = domain::CheckDelivery(listed, *scanned);
  const std::string object = "register/" + std::to_string(r.id);
  if (!check.matches()) {
    out->accepted = false;
    out->act.register_id = r.id;
    out->act.branch_id = r.branch_id;
    out->act.year = year;
    out->act.employee_id = who.employee.id;
    out->act.drawn_at_ms = tx.now_ms();
    out->act.missing = check.missing;
    out->act.extra = check.extra;
    if (s = store::InsertAct(tx.db(), &out->act); !s.ok()) return s;
    s = store::MarkRegisterReceived(tx.db(), r.id, "rejected", who.employee.id, tx.now_ms());
    if (!s.ok()) return s;
    return tx.Audit(AuditOf(who, "register.reject", object,
                            "act=" + std::to_string(out->act.id) +
                                "\nmissing=" + std::to_string(check.missing.size()) +
                                "\nextra=" + std::to_string(check.extra.size())));
  }
  out->accepted = true;
  for (int64_t app_id : listed) {
    store::Package p;
    if (s = store::FindPackage(tx.db(), app_id, &p); !s.ok()) return s;
    const bool refusal = p.outcome == "refusal";
    const bool late = !p.provider_deadline.empty() && today.ToString() > p.provider_deadline;
    domain::ScanOutcome moved;
    s = MovePackage(tx, &who, p.id, p.branch_id, p.stage,
                    refusal ? ScanAction::kProviderRefusal : ScanAction::kResultReceived,
                    late ? "late" : "", &moved);
    if (!s.ok()) return s;
    if (moved.repeated) continue;
    if (late) ++out->late;
    if (s = store::SetReceived(tx.db(), p.id, today.ToString(), late); !s.ok()) return s;
    // R24: the applicant learns the decision in their language.
    const std::string barcode = domain::MakeBarcode(domain::BarcodeKind::kApplication, p.id);
    s = QueueSms(tx, p,
                 refusal ? domain::SmsProviderRefused(p.lang, barcode)
                         : domain::SmsResultReady(p.lang, barcode),
                 refusal ? "provider_refused" : "result_ready");
    if (!s.ok()) return s;
  }
  s = store::MarkRegisterReceived(tx.db(), r.id, "received", who.employee.id, tx.now_ms());
  if (!s.ok()) return s;
  return tx.Audit(
      AuditOf(who, "register.receive", object,
              "lines=" + std::to_string(listed.size()) + "\nlate=" + std::to_string(out->late)));
}

bool IsDate(const std::string& text) { return LocalDate::Parse(text).has_value(); }

}  // namespace

bool MayAccessRegister(const Principal& who, const store::RegisterRow& row) {
  if (who.role == Role::kProviderOfficer) {
    return !who.employee.provider_code.empty() && who.employee.provider_code == row.provider_code;
  }
  return who.employee.CanActInBranch(row.branch_id);
}

Status GetRegister(App& app, const Principal& who, int64_t id, bool with_lines, RegisterView* out) {
  CatalogSnapshot snapshot = app.catalog().Current();
  return app.db().Read([&](store::Connection& db) {
    store::RegisterRow row;
    Status s = store::FindRegister(db, id, &row);
    if (s.kind() == Status::Kind::kNotFound) return NotFound();
    if (!s.ok()) return s;
    if (!MayAccessRegister(who, row)) return NotFound();
    return Describe(db, *snapshot.catalog, row, with_lines, out);
  });
}

Status ListRegisters(App& app, const Principal& who, store::RegisterFilter filter,
                     std::vector<RegisterView>* out) {
  if (who.role == Role::kProviderOfficer) {
    if (who.employee.provider_code.empty()) return Status::Ok();
    filter.provider_code = who.employee.provider_code;
  } else if (!who.employee.IsCentral()) {
    if (filter.branch_id != 0 && filter.branch_id != who.employee.branch_id) {
      return Status::Forbidden("this is another branch");
    }
    filter.branch_id = who.employee.branch_id;
  }
  CatalogSnapshot snapshot = app.catalog().Current();
  return app.db().Read([&](store::Connection& db) {
    std::vector<store::RegisterRow> rows;
    Status s = store::ListRegisters(db, filter, &rows);
    if (!s.ok()) return s;
    for (const auto& row : rows) {
      RegisterView v;
      if (s = Describe(db, *snapshot.catalog, row, false, &v); !s.ok()) return s;
      out->push_back(std::move(v));
    }
    return Status::Ok();
  });
}

Status AddToFormingRegister(store::WriteTx& tx, const Principal* who, const store::Package& p,
                            const std::string& kind, int64_t* register_id, std::string* number) {
  store::RegisterRow r;
  Status s = store::FindFormingRegister(tx.db(), p.branch_id, p.provider_code, kind, &r);
  domain::Branch branch;
  if (Status b = store::FindBranch(tx.db(), p.branch_id, &branch); !b.ok()) return b;
  if (s.kind() == Status::Kind::kNotFound) {
    LocalDate today;
    if (s = LocalDateIn(branch.time_zone, tx.now_ms(), &today); !s.ok()) return s;
    r = store::RegisterRow{};
    r.kind = kind;
    r.status = "formed";
    r.branch_id = p.branch_id;
    r.provider_code = p.provider_code;
    r.direction_id = p.direction_id;
    r.year = today.year();
    if (s = store::NextRegisterSeq(tx.db(), r.branch_id, r.year, &r.seq); !s.ok()) return s;
    r.formed_by = who ? who->employee.id : 0;
    r.formed_at_ms = tx.now_ms();
    if (s = store::InsertRegister(tx.db(), &r); !s.ok()) return s;
    const std::string object = "register/" + std::to_string(r.id);
    s = tx.Audit(who ? AuditOf(*who, "register.form", object, kind + "\n" + p.provider_code)
                     : SystemAudit("register.form", object, kind + "\n" + p.provider_code));
  }
  if (!s.ok()) return s;
  if (s = store::AddRegisterLine(tx.db(), r.id, p.id, domain::kMaxRegisterLines); !s.ok()) {
    return s;
  }
  *register_id = r.id;
  *number = domain::RegisterNumber(branch.code, r.year, r.seq);
  return Status::Ok();
}

void FormRegister(App& app, const Principal& who, int64_t branch_id,
                  const std::string& provider_code, const Done<int64_t>& done) {
  if (!who.employee.CanActInBranch(branch_id)) {
    return done(Status::Forbidden("this is another branch"), 0);
  }
  if (provider_code.empty() || provider_code.size() > 16) {
    return done(Status::Malformed("invalid_field", "provider_code: the provider's code"), 0);
  }
  auto result = std::make_shared<int64_t>(0);
  SubmitWrite<int64_t>(
      app.db(), result,
      [who, branch_id, provider_code](store::WriteTx& tx, int64_t& register_id) {
        store::PackageFilter f;
        f.branch_id = branch_id;
        f.stages = {"collected"};
        f.provider_code = provider_code;
        f.limit = static_cast<int>(domain::kMaxRegisterLines);
        std::vector<store::Package> packages;
        Status s = store::ListPackages(tx.db(), f, &packages);
        if (!s.ok()) return s;
        if (packages.empty()) {
          return Status::Refused("nothing_to_register",
                                 "no collected package of " + provider_code + " waits");
        }
        for (const auto& p : packages) {
          std::string number;
          if (s = AddToFormingRegister(tx, &who, p, "outgoing", &register_id, &number); !s.ok()) {
            return s;
          }
          domain::ScanOutcome moved;
          s = MovePackage(tx, &who, p.id, p.branch_id, p.stage, ScanAction::kRegister, number,
                          &moved);
          if (!s.ok()) return s;
        }
        return Status::Ok();
      },
      done);
}

void DispatchRegister(App& app, const Principal& who, int64_t id, const std::string& method_text,
                      int64_t courier_id, const Done<RegisterMove>& done) {
  auto method = domain::ParseDispatchMethod(method_text);
  if (!method) {
    return done(Status::Malformed("invalid_field", "method: courier, post or system"), {});
  }
  auto result = std::make_shared<RegisterMove>();
  SubmitWrite<RegisterMove>(
      app.db(), result,
      [who, id, method = *method, courier_id](store::WriteTx& tx, RegisterMove& out) {
        return DispatchInTx(tx, who, id, method, courier_id, &out);
      },
      done);
}

void AcknowledgeRegister(App& app, const Principal& who, int64_t id,
                         const Done<RegisterMove>& done) {
  auto result = std::make_shared<RegisterMove>();
  SubmitWrite<RegisterMove>(
      app.db(), result,
      [who, id](store::WriteTx& tx, RegisterMove& out) {
        return AcknowledgeInTx(tx, who, id, &out);
      },
      done);
}

void SubmitProviderResults(App& app, const Principal& who, int64_t branch_id,
                           std::vector<ProviderDecision> decisions, const Done<int64_t>& done) {
  if (who.employee.provider_code.empty()) {
    return done(Status::Forbidden("you are not attached to a provider"), 0);
  }
  if (decisions.empty() || decisions.size() > domain::kMaxRegisterLines) {
    return done(Status::Malformed("invalid_field", "items: 1 to 500 packages"), 0);
  }
  std::set<int64_t> ids;
  std::vector<int64_t> app_ids;
  for (size_t i = 0; i < decisions.size(); ++i) {
    const auto& d = decisions[i];
    const std::string field = "items[" + std::to_string(i) + "]";
    domain::ParsedBarcode parsed;
    if (Status s = domain::ParseBarcode(d.barcode, &parsed); !s.ok()) {
      return done(s, 0);
    }
    if (parsed.kind != domain::BarcodeKind::kApplication) {
      return done(Status::NotFound("application_not_found", field + ": not a package's barcode"),
                  0);
    }
    if (!ids.insert(parsed.id).second) {
      return done(Status::Malformed("invalid_field", field + ": the package is listed twice"), 0);
    }
    if (d.outcome != "result" && d.outcome != "refusal") {
      return done(Status::Malformed("invalid_field", field + ".outcome: result or refusal"), 0);
    }
    if (d.outcome == "result" && d.form != "paper" && d.form != "electronic") {
      return done(Status::Malformed("invalid_field", field + ".form: paper or electronic"), 0);
    }
    if (d.outcome == "refusal" && d.reason.empty()) {
      return done(
          Status::Malformed("missing_field", field + ".reason: a refusal states its grounds (R36)"),
          0);
    }
    if (d.reason.size() > kMaxDecisionReasonBytes) {
      return done(Status::Malformed("invalid_field", field + ".reason: at most 1000 bytes"), 0);
    }
    if (!d.certificate_valid_until.empty() && !IsDate(d.certificate_valid_until)) {
      return done(Status::Malformed("invalid_field", field + ".certificate_valid_until: a date"),
                  0);
    }
    app_ids.push_back(parsed.id);
  }
  CatalogSnapshot snapshot = app.catalog().Current();
  auto result = std::make_shared<int64_t>(0);
  SubmitWrite<int64_t>(
      app.db(), result,
      [who, branch_id, decisions = std::move(decisions), app_ids, snapshot](store::WriteTx& tx,
                                                                            int64_t& register_id) {
        store::RegisterRow r;
        r.kind = "results";
        r.status = "dispatched";
        r.branch_id = branch_id;
        r.provider_code = who.employee.provider_code;
        r.method = "courier";
        r.dispatched_by = who.employee.id;
        r.formed_at_ms = r.dispatched_at_ms = tx.now_ms();
        LocalDate today;
        Status s = LocalYear(tx.db(), branch_id, tx.now_ms(), &r.year, &today);
        if (s.kind() == Status::Kind::kNotFound) {
          return Status::NotFound("branch_not_found", "no such branch");
        }
        if (!s.ok()) return s;
        if (s = store::NextRegisterSeq(tx.db(), branch_id, r.year, &r.seq); !s.ok()) return s;
        if (s = store::InsertRegister(tx.db(), &r); !s.ok()) return s;
        register_id = r.id;
        for (size_t i = 0; i < decisions.size(); ++i) {
          const auto& d = decisions[i];
          const std::string field = "items[" + std::to_string(i) + "]: ";
          store::Package p;
          s = store::FindPackage(tx.db(), app_ids[i], &p);
          if (s.kind() == Status::Kind::kNotFound || (s.ok() && p.refused) ||
              (s.ok() && (p.branch_id != branch_id || p.provider_code != r.provider_code))) {
            return Status::NotFound("application_not_found",
                                    field + "no package of yours from this center has it");
          }
          if (!s.ok()) return s;
          if (p.stage != "at_provider") {
            return Status::Conflict("wrong_stage", field + "the package is " + p.stage);
          }
          int64_t pending = 0;
          if (s = store::FindPendingResultsRegister(tx.db(), p.id, &pending); !s.ok()) return s;
          if (pending != 0) {
            return Status::Conflict(
                "already_in_register",
                field + "the package is in register " + std::to_string(pending) + " on its way");
          }
          const domain::Service* service = nullptr;
          for (const auto& sv : snapshot.catalog->services) {
            if (sv.code == p.service_code) service = &sv;
          }
          if (d.outcome == "result" && service &&
              service->storage_class == domain::StorageClass::kTemporaryCertificate &&
              d.certificate_valid_until.empty()) {
            return Status::Malformed("certificate_expiry_missing",
                                     field + "a temporary certificate states its expiry (R25)");
          }
          s = store::SetOutcome(tx.db(), p.id, d.outcome, d.outcome == "result" ? d.form : "",
                                d.reason, d.certificate_valid_until);
          if (!s.ok()) return s;
          if (s = store::AddRegisterLine(tx.db(), r.id, p.id, domain::kMaxRegisterLines); !s.ok()) {
            return s;
          }
          domain::ApplicationEvent e;
          e.application_id = p.id;
          e.kind = d.outcome == "result" ? "provider_result" : "provider_refusal_decided";
          e.stage = p.stage;
          e.at_ms = tx.now_ms();
          e.employee_id = who.employee.id;
          e.note = d.outcome == "result" ? d.form : d.reason;
          int64_t event_id = 0;
          if (s = store::InsertEvent(tx.db(), e, &event_id); !s.ok()) return s;
        }
        return tx.Audit(AuditOf(
            who, "register.results", "register/" + std::to_string(r.id),
            "branch=" + std::to_string(branch_id) + "\nlines=" + std::to_string(decisions.size())));
      },
      done);
}

void ReceiveRegister(App& app, const Principal& who, int64_t id, std::vector<std::string> scanned,
                     const Done<Reception>& done) {
  if (scanned.size() > kMaxReceptionScans) {
    return done(Status::TooLarge("too_many_scans", "at most 1000 barcodes per reception"), {});
  }
  auto result = std::make_shared<Reception>();
  SubmitWrite<Reception>(
      app.db(), result,
      [who, id, scanned = std::move(scanned)](store::WriteTx& tx, Reception& out) {
        return ReceiveInTx(tx, who, id, &scanned, &out);
      },
      [&app, done](const Status& st, const Reception& r) {
        if (st.ok()) app.WakeOutbox();
        done(st, r);
      });
}

void ScanRegister(App& app, const Principal& who, int64_t id, ScanAction action,
                  const Done<RegisterMove>& done) {
  auto result = std::make_shared<RegisterMove>();
  SubmitWrite<RegisterMove>(
      app.db(), result,
      [who, id, action](store::WriteTx& tx, RegisterMove& out) -> Status {
        switch (action) {
          case ScanAction::kDispatch:
            return DispatchInTx(tx, who, id, domain::DispatchMethod::kCourier, 0, &out);
          case ScanAction::kProviderAck:
            return AcknowledgeInTx(tx, who, id, &out);
          case ScanAction::kResultReceived:
          case ScanAction::kProviderRefusal: {
            Reception rec;
            Status s = ReceiveInTx(tx, who, id, nullptr, &rec);
            if (!s.ok()) return s;
            out.register_id = id;
            out.status = "received";
            return Status::Ok();
          }
          default: {
            store::RegisterRow r;
            Status s = LoadForWrite(tx, who, id, &r);
            return s.ok() ? WrongStatus(r) : s;
          }
        }
      },
      [&app, done](const Status& st, const RegisterMove& m) {
        if (st.ok()) app.WakeOutbox();
        done(st, m);
      });
}

Status GetAct(App& app, const Principal& who, int64_t id, store::ActRow* out, RegisterView* reg) {
  Status s = app.db().Read([&](store::Connection& db) { return store::FindAct(db, id, out); });
  if (!s.ok()) return s;
  s = GetRegister(app, who, out->register_id, true, reg);
  if (s.kind() == Status::Kind::kNotFound) {
    return Status::NotFound("act_not_found", "no such act of refusal");
  }
  return s;
}

}  // namespace tereze::app
