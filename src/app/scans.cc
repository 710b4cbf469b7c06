#include "app/scans.h"

#include "app/catalog.h"
#include "app/movement.h"
#include "app/registers.h"
#include "core/clock.h"
#include "core/zone.h"
#include "domain/barcode.h"
#include "domain/messages.h"
#include "domain/storage_term.h"
#include "store/applications.h"
#include "store/branches.h"
#include "store/packages.h"
#include "store/providers.h"
#include "store/reports.h"

namespace tereze::app {

namespace {

using domain::Bit;
using domain::Role;
using domain::ScanAction;

// R22: the branch's direction whose units include the provider's unit in the branch's region.
Status FindDirection(store::Connection& db, int64_t branch_id, const std::string& provider_code,
                     int64_t* id, std::string* name) {
  domain::Branch branch;
  Status s = store::FindBranch(db, branch_id, &branch);
  if (!s.ok()) return s;
  std::vector<domain::ProviderUnit> units;
  if (s = store::ListProviderUnits(db, provider_code, branch.region, &units); !s.ok()) return s;
  std::vector<domain::Direction> directions;
  if (s = store::ListDirections(db, branch_id, &directions); !s.ok()) return s;
  for (const auto& u : units) {
    if (u.retired) continue;
    for (const auto& d : directions) {
      if (d.retired) continue;
      for (int64_t unit_id : d.unit_ids) {
        if (unit_id == u.id) {
          *id = d.id;
          *name = d.name;
          return Status::Ok();
        }
      }
    }
  }
  return Status::Ok();
}

// Branch staff scan their branch's packages; a provider officer, their provider's.
bool MayScan(const Principal& who, const store::ApplicationPlace& a) {
  if (who.role == Role::kProviderOfficer) {
    return !who.employee.provider_code.empty() && who.employee.provider_code == a.provider_code;
  }
  return who.employee.CanActInBranch(a.branch_id);
}

}  // namespace

Status DirectionCache::Get(store::Connection& db, int64_t branch_id,
                           const std::string& provider_code, Direction* out) {
  const int64_t now = SteadyNowMs();
  auto key = std::make_pair(branch_id, provider_code);
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && now - it->second.loaded_at_steady_ms < kTtlMs) {
      *out = it->second.direction;
      return Status::Ok();
    }
  }
  Direction d;
  Status s = FindDirection(db, branch_id, provider_code, &d.id, &d.name);
  if (!s.ok()) return s;
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = {d, now};
  *out = std::move(d);
  return Status::Ok();
}

Status ListUncollected(App& app, const Principal& who, int64_t branch_id,
                       std::vector<Uncollected>* out) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  domain::Branch branch;
  Status s = app.db().Read(
      [&](store::Connection& db) { return store::FindBranch(db, branch_id, &branch); });
  if (!s.ok()) return s;
  LocalDate today;
  int minute = 0;
  if (s = LocalTimeIn(branch.time_zone, app.clock().NowMs(), &today, &minute); !s.ok()) return s;
  LocalDate last_day = minute >= domain::MinutesOfDay(branch.closes_at) ? today : today.AddDays(-1);
  std::vector<store::ApplicationPlace> places;
  std::vector<int64_t> accepted_at;
  s = app.db().Read([&](store::Connection& db) {
    return store::ListUncollected(db, branch_id, last_day.ToString(), kMaxUncollectedListed,
                                  &places, &accepted_at);
  });
  if (!s.ok()) return s;
  for (size_t i = 0; i < places.size(); ++i) {
    out->push_back({places[i].id,
                    domain::MakeBarcode(domain::BarcodeKind::kApplication, places[i].id),
                    places[i].provider_code, accepted_at[i]});
  }
  return Status::Ok();
}

domain::RoleSet RolesForScan(ScanAction action) {
  switch (action) {
    case ScanAction::kCollect:
    case ScanAction::kRegister:
      return Bit(Role::kCollection);
    case ScanAction::kDispatch:
      return Bit(Role::kCollection) | Bit(Role::kCourier);
    case ScanAction::kProviderAck:
    case ScanAction::kProviderRefusal:
      return Bit(Role::kProviderOfficer);
    case ScanAction::kResultReceived:
    case ScanAction::kToIssuance:
    case ScanAction::kIssue:
    case ScanAction::kReturnUnclaimed:
      return Bit(Role::kIssuance);
  }
  return 0;
}

bool ValidShelf(const std::string& shelf) {
  if (shelf.empty() || shelf.size() > 16) return false;
  for (char c : shelf) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

namespace {

// R25: the result goes onto shelf `shelf`; how long it is kept follows from the service.
Status PutOnShelf(store::WriteTx& tx, const store::Package& p, const std::string& shelf,
                  const domain::Catalog& catalog) {
  LocalDate today;
  Status s = BranchToday(tx.db(), p.branch_id, tx.now_ms(), &today);
  if (!s.ok()) return s;
  domain::StorageClass storage_class = domain::StorageClass::kStandard;
  for (const auto& sv : catalog.services) {
    if (sv.code == p.service_code) storage_class = sv.storage_class;
  }
  LocalDate due_from = today;
  if (auto issue = LocalDate::Parse(p.issue_date); issue && due_from < *issue) due_from = *issue;
  std::optional<LocalDate> expires = LocalDate::Parse(p.certificate_valid_until);
  if (storage_class == domain::StorageClass::kTemporaryCertificate && !expires) {
    storage_class = domain::StorageClass::kStandard;  // no expiry given: the standard month
  }
  domain::StorageTerm term;
  if (s = domain::ComputeStorageTerm(storage_class, due_from, expires, &term); !s.ok()) return s;
  return store::SetShelf(tx.db(), p.id, shelf, today.ToString(),
                         term.keep_until ? term.keep_until->ToString() : "", term.returned_after);
}

}  // namespace

Status ReturnUnclaimedInTx(store::WriteTx& tx, const Principal* who, const store::Package& p,
                           LocalDate today, bool* moved) {
  *moved = false;
  if (p.stage == "returned_unclaimed") return Status::Ok();
  if (p.stage != "at_issuance") {
    return Status::Conflict("wrong_stage", "the package is " + p.stage);
  }
  if (!p.returned_after) {
    return Status::Refused("never_returned",
                           "this result is kept at the center and never returned (R25)");
  }
  auto keep_until = LocalDate::Parse(p.keep_until);
  if (!keep_until || !(*keep_until < today)) {
    return Status::Refused("storage_term_running",
                           "the result is kept until " + p.keep_until + " (R25)");
  }
  int64_t register_id = 0;
  std::string number;
  Status s = AddToFormingRegister(tx, who, p, "unclaimed_return", &register_id, &number);
  if (!s.ok()) return s;
  domain::ScanOutcome out;
  s = MovePackage(tx, who, p.id, p.branch_id, p.stage, ScanAction::kReturnUnclaimed, number, &out);
  if (!s.ok()) return s;
  *moved = !out.repeated;
  // R37: the month's report counts it as returned on this local date.
  if (s = store::SetReturnedOn(tx.db(), p.id, today.ToString()); !s.ok()) return s;
  const std::string barcode = domain::MakeBarcode(domain::BarcodeKind::kApplication, p.id);
  return QueueSms(tx, p, domain::SmsReturnedUnclaimed(p.lang, barcode), "returned_unclaimed");
}

namespace {

// Checks that need no database: the action, the sector, the shelf.
Status CheckScan(const Principal& who, const std::string& action_text, const std::string& shelf,
                 ScanAction* action) {
  auto parsed = domain::ParseScanAction(action_text);
  if (!parsed) {
    return Status::Malformed("invalid_field",
                             "action: collect, register, dispatch, provider_ack, "
                             "result_received, provider_refusal, to_issuance, issue or "
                             "return_unclaimed");
  }
  *action = *parsed;
  if ((RolesForScan(*action) & Bit(who.role)) == 0) {
    return Status::Forbidden("this scan belongs to another sector");
  }
  if (*action == ScanAction::kIssue) {
    return Status::Refused("issue_at_window",
                           "a result is issued at the issuance window, with the identity "
                           "document checked (R24), not by a bare scan");
  }
  if (*action == ScanAction::kToIssuance && shelf.empty()) {
    return Status::Malformed("missing_field", "shelf: where the result is kept (R25)");
  }
  if (!shelf.empty() && !ValidShelf(shelf)) {
    return Status::Malformed("invalid_field", "shelf: 1-16 letters, digits and '-'");
  }
  return Status::Ok();
}

// One package scan inside the caller's transaction. Every refusal comes
// before the first write, so that a batch can record it and go on (the
// audit chain's head lives in the writer: no partial rollback here).
Status ScanPackageInTx(store::WriteTx& tx, App& app, const Principal& who, ScanAction action,
                       domain::BarcodeKind kind, const std::string& shelf,
                       const domain::Catalog* catalog, ScanResult* out) {
  store::ApplicationPlace a;
  Status s = store::FindApplicationPlace(tx.db(), out->application_id, &a);
  bool right_kind = s.ok() && (a.refused ? kind == domain::BarcodeKind::kRefusal
                                         : kind == domain::BarcodeKind::kApplication);
  if (s.kind() == Status::Kind::kNotFound || (s.ok() && !right_kind) ||
      (s.ok() && !MayScan(who, a))) {
    return Status::NotFound("application_not_found", "no package has this barcode");
  }
  if (!s.ok()) return s;
  out->branch_id = a.branch_id;
  if (auto current = domain::ParseStage(a.stage)) out->stage = *current;
  if (action == ScanAction::kCollect) {
    DirectionCache::Direction d;
    if (s = app.directions().Get(tx.db(), a.branch_id, a.provider_code, &d); !s.ok()) return s;
    out->direction_id = d.id;
    out->direction_name = d.name;
  }
  // Moves that record more than the stage read the whole package.
  const bool needs_package = action == ScanAction::kRegister || action == ScanAction::kToIssuance ||
                             action == ScanAction::kReturnUnclaimed;
  store::Package p;
  if (needs_package) {
    if (s = store::FindPackage(tx.db(), a.id, &p); !s.ok()) return s;
  }
  if (action == ScanAction::kReturnUnclaimed) {
    LocalDate today;
    if (s = BranchToday(tx.db(), a.branch_id, tx.now_ms(), &today); !s.ok()) return s;
    bool moved = false;
    if (s = ReturnUnclaimedInTx(tx, &who, p, today, &moved); !s.ok()) return s;
    out->stage = domain::Stage::kReturnedUnclaimed;
    out->repeated = !moved;
    return Status::Ok();
  }
  domain::ScanOutcome moved;
  if (s = domain::ApplyScan(out->stage, action, &moved); !s.ok()) return s;
  std::string note = out->direction_name;
  if (action == ScanAction::kRegister && !moved.repeated) {
    s = AddToFormingRegister(tx, &who, p, "outgoing", &out->register_id, &out->register_number);
    if (!s.ok()) return s;
    note = out->register_number;
  }
  if (action == ScanAction::kToIssuance) note = shelf;
  if (s = MovePackage(tx, &who, a.id, a.branch_id, a.stage, action, note, &moved); !s.ok()) {
    return s;
  }
  out->stage = moved.to;
  out->repeated = moved.repeated;
  if (moved.repeated) return Status::Ok();
  if (action == ScanAction::kCollect) return store::SetDirection(tx.db(), a.id, out->direction_id);
  if (action == ScanAction::kDispatch) return store::SetDispatchedAt(tx.db(), a.id, tx.now_ms());
  if (action == ScanAction::kToIssuance) return PutOnShelf(tx, p, shelf, *catalog);
  if (action == ScanAction::kResultReceived || action == ScanAction::kProviderRefusal) {
    // R34, R37: a result or refusal scanned in by itself (without the provider's register)
    // is received today like one on a register, so that the month's report counts it.
    store::Package got;
    if (s = store::FindPackage(tx.db(), a.id, &got); !s.ok()) return s;
    if (!got.received_on.empty()) return Status::Ok();
    LocalDate today;
    if (s = BranchToday(tx.db(), a.branch_id, tx.now_ms(), &today); !s.ok()) return s;
    if (got.outcome.empty()) {
      s = store::SetOutcome(
          tx.db(), a.id, action == ScanAction::kResultReceived ? "result" : "refusal", "", "", "");
      if (!s.ok()) return s;
    }
    const bool late = !got.provider_deadline.empty() && today.ToString() > got.provider_deadline;
    return store::SetReceived(tx.db(), a.id, today.ToString(), late);
  }
  return Status::Ok();
}

}  // namespace

void ScanBarcode(App& app, const Principal& who, const std::string& barcode,
                 const std::string& action_text, const std::string& shelf,
                 const Done<ScanResult>& done) {
  auto result = std::make_shared<ScanResult>();
  ScanAction action = ScanAction::kCollect;
  if (Status s = CheckScan(who, action_text, shelf, &action); !s.ok()) return done(s, *result);
  domain::ParsedBarcode parsed;
  if (Status s = domain::ParseBarcode(barcode, &parsed); !s.ok()) return done(s, *result);
  result->barcode = barcode;
  if (parsed.kind == domain::BarcodeKind::kRegister) {
    return ScanRegister(app, who, parsed.id, action,
                        [result, done](const Status& st, const RegisterMove& m) {
                          result->whole_register = true;
                          result->register_id = m.register_id;
                          result->register_status = m.status;
                          result->lines = m.lines;
                          result->moved = m.moved;
                          result->repeated = m.repeated;
                          done(st, *result);
                        });
  }
  result->application_id = parsed.id;
  CatalogSnapshot snapshot;
  if (action == ScanAction::kToIssuance) snapshot = app.catalog().Current();
  SubmitWrite<ScanResult>(
      app.db(), result,
      [&app, who, action, kind = parsed.kind, shelf, snapshot](store::WriteTx& tx,
                                                               ScanResult& out) {
        return ScanPackageInTx(tx, app, who, action, kind, shelf, snapshot.catalog.get(), &out);
      },
      [&app, done](const Status& st, const ScanResult& r) {
        if (st.ok()) app.WakeOutbox();
        done(st, r);
      });
}

void ScanBatch(App& app, const Principal& who, const std::vector<std::string>& barcodes,
               const std::string& action_text, const std::string& shelf,
               const Done<std::vector<BatchItem>>& done) {
  auto items = std::make_shared<std::vector<BatchItem>>(barcodes.size());
  if (barcodes.empty() || barcodes.size() > kMaxBatchScans) {
    return done(Status::Malformed("invalid_field", "barcodes: 1 to 500"), *items);
  }
  ScanAction action = ScanAction::kCollect;
  if (Status s = CheckScan(who, action_text, shelf, &action); !s.ok()) return done(s, *items);
  std::vector<domain::BarcodeKind> kinds(barcodes.size());
  for (size_t i = 0; i < barcodes.size(); ++i) {
    BatchItem& item = (*items)[i];
    item.result.barcode = barcodes[i];
    domain::ParsedBarcode parsed;
    item.status = domain::ParseBarcode(barcodes[i], &parsed);
    if (item.status.ok() && parsed.kind == domain::BarcodeKind::kRegister) {
      item.status =
          Status::Refused("register_not_in_batch", "a register's barcode is scanned on its own");
    }
    item.result.application_id = parsed.id;
    kinds[i] = parsed.kind;
  }
  CatalogSnapshot snapshot;
  if (action == ScanAction::kToIssuance) snapshot = app.catalog().Current();
  SubmitWrite<std::vector<BatchItem>>(
      app.db(), items,
      [&app, who, action, kinds, shelf, snapshot](store::WriteTx& tx, std::vector<BatchItem>& out) {
        for (size_t i = 0; i < out.size(); ++i) {
          if (!out[i].status.ok()) continue;
          Status s = ScanPackageInTx(tx, app, who, action, kinds[i], shelf, snapshot.catalog.get(),
                                     &out[i].result);
          // A fault of the database fails the whole stack (rolled back, nothing acked).
          if (s.kind() == Status::Kind::kInternal || s.kind() == Status::Kind::kUnavailable) {
            return s;
          }
          out[i].status = s;
        }
        return Status::Ok();
      },
      [&app, done](const Status& st, const std::vector<BatchItem>& r) {
        if (st.ok()) app.WakeOutbox();
        done(st, r);
      });
}

}  // namespace tereze::app
