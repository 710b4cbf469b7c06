#include "store/providers.h"

namespace tereze::store {

namespace {

constexpr char kUnitColumns[] =
    "id, provider_code, region, name_kk, name_ru, address_ru, retired_at_ms";

domain::ProviderUnit UnitFromRow(const Row& r) {
  return domain::ProviderUnit{r.integer(0), r.text(1), r.text(2),    r.text(3),
                              r.text(4),    r.text(5), !r.is_null(6)};
}

Status ReadUnitIds(Connection& db, domain::Direction* d) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT provider_unit_id FROM direction_units WHERE direction_id = $1 "
      "ORDER BY provider_unit_id",
      {d->id}, &rows);
  if (!s.ok()) return s;
  d->unit_ids.clear();
  for (const Row& r : rows) d->unit_ids.push_back(r.integer(0));
  return Status::Ok();
}

Status WriteUnitIds(Connection& db, const domain::Direction& d) {
  Status s = db.Execute("DELETE FROM direction_units WHERE direction_id = $1", {d.id});
  for (int64_t unit : d.unit_ids) {
    if (!s.ok()) return s;
    s = db.Execute("INSERT INTO direction_units (direction_id, provider_unit_id) VALUES ($1, $2)",
                   {d.id, unit});
  }
  return s;
}

}  // namespace

Status InsertProviderUnit(Connection& db, const domain::ProviderUnit& u, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO provider_units (provider_code, region, name_kk, name_ru, address_ru) "
      "VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {u.provider_code, u.region, u.name_kk, u.name_ru, u.address_ru}, &rows);
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("provider_unit_exists", "this unit exists in the region");
  }
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status UpdateProviderUnit(Connection& db, const domain::ProviderUnit& u, int64_t now_ms) {
  Status s = db.Execute(
      "UPDATE provider_units SET region = $2, name_kk = $3, name_ru = $4, address_ru = $5, "
      "retired_at_ms = CASE WHEN $6 = 0 THEN NULL ELSE COALESCE(retired_at_ms, $7) END "
      "WHERE id = $1",
      {u.id, u.region, u.name_kk, u.name_ru, u.address_ru, int64_t{u.retired ? 1 : 0}, now_ms});
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("provider_unit_exists", "this unit exists in the region");
  }
  return s;
}

Status FindProviderUnit(Connection& db, int64_t id, domain::ProviderUnit* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      std::string("SELECT ") + kUnitColumns + " FROM provider_units WHERE id = $1", {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("provider_unit_not_found", "no such provider unit");
  *out = UnitFromRow(rows[0]);
  return Status::Ok();
}

Status ListProviderUnits(Connection& db, const std::string& provider_code,
                         const std::string& region, std::vector<domain::ProviderUnit>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kUnitColumns +
                            " FROM provider_units WHERE ($1 = '' OR provider_code = $1) "
                            "AND ($2 = '' OR region = $2) ORDER BY id",
                        {provider_code, region}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(UnitFromRow(r));
  return Status::Ok();
}

Status InsertDirection(Connection& db, domain::Direction* d) {
  std::vector<Row> rows;
  Status s = db.Execute("INSERT INTO directions (branch_id, name) VALUES ($1, $2) RETURNING id",
                        {d->branch_id, d->name}, &rows);
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("direction_exists", "the branch has a direction of this name");
  }
  if (!s.ok()) return s;
  d->id = rows.at(0).integer(0);
  return WriteUnitIds(db, *d);
}

Status UpdateDirection(Connection& db, const domain::Direction& d, int64_t now_ms) {
  Status s = db.Execute(
      "UPDATE directions SET name = $2, "
      "retired_at_ms = CASE WHEN $3 = 0 THEN NULL ELSE COALESCE(retired_at_ms, $4) END "
      "WHERE id = $1",
      {d.id, d.name, int64_t{d.retired ? 1 : 0}, now_ms});
  if (s.code() == kUniqueViolation) {
    return Status::Conflict("direction_exists", "the branch has a direction of this name");
  }
  if (!s.ok()) return s;
  return WriteUnitIds(db, d);
}

Status FindDirection(Connection& db, int64_t id, domain::Direction* out) {
  std::vector<Row> rows;
  Status s = db.Execute("SELECT id, branch_id, name, retired_at_ms FROM directions WHERE id = $1",
                        {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("direction_not_found", "no such direction");
  *out = domain::Direction{
      rows[0].integer(0), rows[0].integer(1), rows[0].text(2), {}, !rows[0].is_null(3)};
  return ReadUnitIds(db, out);
}

Status ListDirections(Connection& db, int64_t branch_id, std::vector<domain::Direction>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, branch_id, name, retired_at_ms FROM directions WHERE branch_id = $1 ORDER BY id",
      {branch_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    domain::Direction d{r.integer(0), r.integer(1), r.text(2), {}, !r.is_null(3)};
    s = ReadUnitIds(db, &d);
    if (!s.ok()) return s;
    out->push_back(std::move(d));
  }
  return Status::Ok();
}

}  // namespace tereze::store
