#include "store/catalog.h"

#include <vector>

namespace tereze::store {

Status InsertCatalogVersion(Connection& db, const domain::Catalog& catalog, int64_t imported_by,
                            CatalogVersion* v) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO catalog_versions (imported_at_ms, imported_by, source, digest, "
      "service_count, catalog_json) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {v->imported_at_ms, imported_by == 0 ? Value{} : Value{imported_by}, v->source, v->digest,
       v->service_count, v->catalog_json},
      &rows);
  if (!s.ok()) return s;
  v->id = rows.at(0).integer(0);
  for (const auto& svc : catalog.services) {
    s = db.Execute(
        "INSERT INTO services (version_id, code, name_kk, name_ru, name_en, kind, provider_code, "
        "storage_class) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {v->id, svc.code, svc.name.kk, svc.name.ru, svc.name.en,
         std::string(domain::ToString(svc.kind)), svc.provider_code,
         std::string(domain::ToString(svc.storage_class))});
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status LatestCatalogVersionId(Connection& db, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute("SELECT COALESCE(MAX(id), 0) FROM catalog_versions", {}, &rows);
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status LatestCatalogVersion(Connection& db, CatalogVersion* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, imported_at_ms, source, digest, service_count, catalog_json "
      "FROM catalog_versions ORDER BY id DESC LIMIT 1",
      {}, &rows);
  if (!s.ok()) return s;
  *out = CatalogVersion{};
  if (rows.empty()) return Status::Ok();
  out->id = rows[0].integer(0);
  out->imported_at_ms = rows[0].integer(1);
  out->source = rows[0].text(2);
  out->digest = rows[0].text(3);
  out->service_count = rows[0].integer(4);
  out->catalog_json = rows[0].text(5);
  return Status::Ok();
}

}  // namespace tereze::store
