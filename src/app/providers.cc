#include "app/providers.h"

#include <algorithm>
#include <set>

#include "app/catalog.h"
#include "store/branches.h"
#include "store/providers.h"

namespace tereze::app {

namespace {

constexpr size_t kMaxTextBytes = 200;
constexpr size_t kMaxUnitsPerDirection = 200;

Status Refuse(const std::string& field, const std::string& message) {
  return Status::Refused("invalid_field", field + ": " + message);
}

Status CheckText(const char* field, const std::string& value) {
  if (value.empty() || value.size() > kMaxTextBytes) return Refuse(field, "1 to 200 bytes");
  return Status::Ok();
}

Status ApplyUnit(const ProviderUnitFields& f, domain::ProviderUnit* u) {
  if (f.region) u->region = *f.region;
  if (f.name_kk) u->name_kk = *f.name_kk;
  if (f.name_ru) u->name_ru = *f.name_ru;
  if (f.address_ru) u->address_ru = *f.address_ru;
  if (f.retired) u->retired = *f.retired;
  for (auto [field, value] : {std::pair{"region", &u->region},
                              {"name_kk", &u->name_kk},
                              {"name_ru", &u->name_ru},
                              {"address_ru", &u->address_ru}}) {
    if (Status s = CheckText(field, *value); !s.ok()) return s;
  }
  return Status::Ok();
}

std::string UnitChange(const domain::ProviderUnit& u) {
  return "provider=" + u.provider_code + "\nregion=" + u.region + "\nname_ru=" + u.name_ru +
         "\nretired=" + (u.retired ? "1" : "0");
}

std::string DirectionChange(const domain::Direction& d) {
  std::string units;
  for (int64_t id : d.unit_ids) units += std::to_string(id) + ",";
  return "branch=" + std::to_string(d.branch_id) + "\nname=" + d.name + "\nunits=" + units +
         "\nretired=" + (d.retired ? "1" : "0");
}

// The rules of a direction, checked inside the writer against current data.
Status CheckDirection(store::Connection& db, const Principal& who, domain::Direction* d) {
  if (!who.employee.CanActInBranch(d->branch_id)) return Status::Forbidden("another branch");
  if (Status s = CheckText("name", d->name); !s.ok()) return s;
  std::sort(d->unit_ids.begin(), d->unit_ids.end());
  d->unit_ids.erase(std::unique(d->unit_ids.begin(), d->unit_ids.end()), d->unit_ids.end());
  if (d->unit_ids.size() > kMaxUnitsPerDirection) return Refuse("unit_ids", "at most 200 units");
  if (d->retired) return Status::Ok();  // a retired direction claims no unit
  for (int64_t unit_id : d->unit_ids) {
    domain::ProviderUnit u;
    Status s = store::FindProviderUnit(db, unit_id, &u);
    if (s.kind() == Status::Kind::kNotFound || (s.ok() && u.retired)) {
      return Status::Refused("provider_unit_not_found",
                             "no active provider unit " + std::to_string(unit_id));
    }
    if (!s.ok()) return s;
  }
  std::vector<domain::Direction> others;
  Status s = store::ListDirections(db, d->branch_id, &others);
  if (!s.ok()) return s;
  for (const auto& other : others) {
    if (other.id == d->id || other.retired) continue;
    for (int64_t unit_id : d->unit_ids) {
      if (std::binary_search(other.unit_ids.begin(), other.unit_ids.end(), unit_id)) {
        return Status::Conflict(
            "unit_in_other_direction",
            "unit " + std::to_string(unit_id) + " is served by direction \"" + other.name + "\"");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

void CreateProviderUnit(App& app, const Principal& who, const ProviderUnitFields& f,
                        const Done<domain::ProviderUnit>& done) {
  auto u = std::make_shared<domain::ProviderUnit>();
  u->provider_code = f.provider_code.value_or("");
  CatalogSnapshot snap = app.catalog().Current();
  bool known = std::any_of(snap.catalog->providers.begin(), snap.catalog->providers.end(),
                           [&](const domain::Provider& p) { return p.code == u->provider_code; });
  if (!known) {
    return done(Status::Refused("provider_not_found",
                                "no provider " + u->provider_code + " in the catalog in force"),
                *u);
  }
  if (Status s = ApplyUnit(f, u.get()); !s.ok()) return done(s, *u);
  if (u->retired) return done(Refuse("retired", "a new unit is not retired"), *u);
  SubmitWrite<domain::ProviderUnit>(
      app.db(), u,
      [who](store::WriteTx& tx, domain::ProviderUnit& unit) {
        Status st = store::InsertProviderUnit(tx.db(), unit, &unit.id);
        if (!st.ok()) return st;
        return tx.Audit(AuditOf(who, "provider_unit.create",
                                "provider_unit/" + std::to_string(unit.id), UnitChange(unit)));
      },
      done);
}

void UpdateProviderUnit(App& app, const Principal& who, int64_t id, const ProviderUnitFields& f,
                        const Done<domain::ProviderUnit>& done) {
  if (f.provider_code) return done(Refuse("provider_code", "a unit keeps its provider"), {});
  SubmitWrite<domain::ProviderUnit>(
      app.db(), std::make_shared<domain::ProviderUnit>(),
      [who, id, f](store::WriteTx& tx, domain::ProviderUnit& unit) {
        Status st = store::FindProviderUnit(tx.db(), id, &unit);
        if (!st.ok()) return st;
        st = ApplyUnit(f, &unit);
        if (!st.ok()) return st;
        st = store::UpdateProviderUnit(tx.db(), unit, tx.now_ms());
        if (!st.ok()) return st;
        return tx.Audit(AuditOf(who, "provider_unit.update", "provider_unit/" + std::to_string(id),
                                UnitChange(unit)));
      },
      done);
}

Status ListProviderUnits(App& app, const std::string& provider_code, const std::string& region,
                         std::vector<domain::ProviderUnit>* out) {
  return app.db().Read([&](store::Connection& db) {
    return store::ListProviderUnits(db, provider_code, region, out);
  });
}

void CreateDirection(App& app, const Principal& who, int64_t branch_id, const DirectionFields& f,
                     const Done<domain::Direction>& done) {
  auto d = std::make_shared<domain::Direction>();
  d->branch_id = branch_id;
  d->name = f.name.value_or("");
  d->unit_ids = f.unit_ids.value_or(std::vector<int64_t>{});
  SubmitWrite<domain::Direction>(
      app.db(), d,
      [who](store::WriteTx& tx, domain::Direction& dir) {
        domain::Branch b;
        Status st = store::FindBranch(tx.db(), dir.branch_id, &b);
        if (!st.ok()) return st;
        st = CheckDirection(tx.db(), who, &dir);
        if (!st.ok()) return st;
        st = store::InsertDirection(tx.db(), &dir);
        if (!st.ok()) return st;
        return tx.Audit(AuditOf(who, "direction.create", "direction/" + std::to_string(dir.id),
                                DirectionChange(dir)));
      },
      done);
}

void UpdateDirection(App& app, const Principal& who, int64_t id, const DirectionFields& f,
                     const Done<domain::Direction>& done) {
  SubmitWrite<domain::Direction>(
      app.db(), std::make_shared<domain::Direction>(),
      [who, id, f](store::WriteTx& tx, domain::Direction& dir) {
        Status st = store::FindDirection(tx.db(), id, &dir);
        if (!st.ok()) return st;
        if (!who.employee.CanActInBranch(dir.branch_id)) {
          return Status::NotFound("direction_not_found", "no such direction");
        }
        if (f.name) dir.name = *f.name;
        if (f.unit_ids) dir.unit_ids = *f.unit_ids;
        if (f.retired) dir.retired = *f.retired;
        st = CheckDirection(tx.db(), who, &dir);
        if (!st.ok()) return st;
        st = store::UpdateDirection(tx.db(), dir, tx.now_ms());
        if (!st.ok()) return st;
        return tx.Audit(AuditOf(who, "direction.update", "direction/" + std::to_string(id),
                                DirectionChange(dir)));
      },
      done);
}

Status ListDirections(App& app, const Principal& who, int64_t branch_id,
                      std::vector<domain::Direction>* out) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("another branch");
  return app.db().Read([&](store::Connection& db) {
    domain::Branch b;
    Status s = store::FindBranch(db, branch_id, &b);
    if (!s.ok()) return s;
    return store::ListDirections(db, branch_id, out);
  });
}

}  // namespace tereze::app
