#include "app/scans.h"

#include "core/zone.h"
#include "domain/barcode.h"
#include "store/applications.h"
#include "store/branches.h"
#include "store/providers.h"

namespace tereze::app {

namespace {

using domain::Bit;
using domain::Role;
using domain::ScanAction;

// R22: the branch's direction whose units include the provider's unit in the branch's region.
Status FindDirection(store::Connection& db, const store::ApplicationPlace& a, int64_t* id,
                     std::string* name) {
  domain::Branch branch;
  Status s = store::FindBranch(db, a.branch_id, &branch);
  if (!s.ok()) return s;
  std::vector<domain::ProviderUnit> units;
  if (s = store::ListProviderUnits(db, a.provider_code, branch.region, &units); !s.ok()) return s;
  std::vector<domain::Direction> directions;
  if (s = store::ListDirections(db, a.branch_id, &directions); !s.ok()) return s;
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

}  // namespace

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

void ScanBarcode(App& app, const Principal& who, const std::string& barcode,
                 const std::string& action_text, const Done<ScanResult>& done) {
  auto result = std::make_shared<ScanResult>();
  auto action = domain::ParseScanAction(action_text);
  if (!action) {
    return done(Status::Malformed("invalid_field",
                                  "action: collect, register, dispatch, provider_ack, "
                                  "result_received, provider_refusal, to_issuance, issue or "
                                  "return_unclaimed"),
                *result);
  }
  if ((RolesForScan(*action) & Bit(who.role)) == 0) {
    return done(Status::Forbidden("this scan belongs to another sector"), *result);
  }
  if (*action == ScanAction::kIssue) {
    return done(Status::Refused("issue_at_window",
                                "a result is issued at the issuance window, with the identity "
                                "document checked (R24), not by a bare scan"),
                *result);
  }
  domain::ParsedBarcode parsed;
  if (Status s = domain::ParseBarcode(barcode, &parsed); !s.ok()) return done(s, *result);
  if (parsed.kind == domain::BarcodeKind::kRegister) {
    return done(Status::NotFound("register_not_found", "no register has this barcode"), *result);
  }
  result->application_id = parsed.id;
  result->barcode = barcode;
  SubmitWrite<ScanResult>(
      app.db(), result,
      [who, action = *action, kind = parsed.kind](store::WriteTx& tx, ScanResult& out) {
        store::ApplicationPlace a;
        Status s = store::FindApplicationPlace(tx.db(), out.application_id, &a);
        bool right_kind = s.ok() && (a.refused ? kind == domain::BarcodeKind::kRefusal
                                               : kind == domain::BarcodeKind::kApplication);
        if (s.kind() == Status::Kind::kNotFound || (s.ok() && !right_kind) ||
            (s.ok() && !who.employee.CanActInBranch(a.branch_id))) {
          return Status::NotFound("application_not_found", "no package has this barcode");
        }
        if (!s.ok()) return s;
        out.branch_id = a.branch_id;
        auto current = domain::ParseStage(a.stage);
        if (!current) return Status::Internal("unknown stage " + a.stage);
        domain::ScanOutcome moved;
        if (s = domain::ApplyScan(*current, action, &moved); !s.ok()) return s;
        out.stage = moved.to;
        out.repeated = moved.repeated;
        if (action == ScanAction::kCollect) {
          if (s = FindDirection(tx.db(), a, &out.direction_id, &out.direction_name); !s.ok()) {
            return s;
          }
        }
        if (moved.repeated) return Status::Ok();
        s = store::UpdateApplicationStage(tx.db(), a.id, a.stage, domain::ToString(moved.to));
        if (!s.ok()) return s;
        domain::ApplicationEvent e;
        e.application_id = a.id;
        e.kind = domain::ToString(action);
        e.stage = domain::ToString(moved.to);
        e.at_ms = tx.now_ms();
        e.employee_id = who.employee.id;
        e.branch_id = a.branch_id;
        e.note = out.direction_name;
        int64_t event_id = 0;
        if (s = store::InsertEvent(tx.db(), e, &event_id); !s.ok()) return s;
        return tx.Audit(AuditOf(who, std::string("scan.") + domain::ToString(action),
                                "application/" + std::to_string(a.id),
                                std::string("from=") + a.stage + "\nto=" + e.stage));
      },
      done);
}

}  // namespace tereze::app
