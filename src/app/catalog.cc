#include "app/catalog.h"

#include "codec/catalog_json.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "store/catalog.h"

namespace tereze::app {

Status CatalogRegistry::Reload() {
  // Ask for the newest id first: the catalog itself (megabytes nationally)
  // is read and decoded only when a new version appeared.
  int64_t latest_id = 0;
  Status s = db_.Read(
      [&](store::Connection& db) { return store::LatestCatalogVersionId(db, &latest_id); });
  if (!s.ok()) return s;
  {
    std::lock_guard lock(mu_);
    if (latest_id == snapshot_.version_id) {
      checked_at_steady_ms_ = SteadyNowMs();
      return Status::Ok();
    }
  }
  store::CatalogVersion v;
  s = db_.Read([&](store::Connection& db) { return store::LatestCatalogVersion(db, &v); });
  if (!s.ok()) return s;
  auto catalog = std::make_shared<domain::Catalog>();
  std::vector<domain::CatalogError> errors;
  codec::DecodeCatalog(v.catalog_json, catalog.get(), &errors);
  if (!errors.empty()) {
    return Status::Internal("stored catalog version " + std::to_string(v.id) +
                            " does not decode: " + errors[0].where + " " + errors[0].message);
  }
  std::lock_guard lock(mu_);
  snapshot_ = CatalogSnapshot{v.id, std::move(catalog)};
  checked_at_steady_ms_ = SteadyNowMs();
  return Status::Ok();
}

CatalogSnapshot CatalogRegistry::Current() {
  {
    std::lock_guard lock(mu_);
    if (SteadyNowMs() - checked_at_steady_ms_ < kRecheckMs) return snapshot_;
  }
  // One reload at a time; the others wait for it rather than answer from a
  // catalog that is about to be replaced (at start: from no catalog at all).
  std::lock_guard reloading(reload_mu_);
  {
    std::lock_guard lock(mu_);
    if (SteadyNowMs() - checked_at_steady_ms_ < kRecheckMs) return snapshot_;
  }
  if (!Reload().ok()) {
    // Keep serving the catalog we have; try again after kRecheckMs, not on every call.
    std::lock_guard lock(mu_);
    checked_at_steady_ms_ = SteadyNowMs();
  }
  std::lock_guard lock(mu_);
  return snapshot_;
}

Status ImportCatalog(App& app, const Principal* who, const std::string& text,
                     const std::string& source, ImportResult* out) {
  *out = ImportResult{};
  domain::Catalog catalog;
  codec::DecodeCatalog(text, &catalog, &out->errors);
  if (!out->errors.empty()) {
    return Status::Refused("catalog_invalid",
                           std::to_string(out->errors.size()) + " problems; nothing was imported");
  }
  store::CatalogVersion v;
  v.source = source;
  v.catalog_json = codec::EncodeCatalog(catalog);
  v.digest = Sha256Hex(v.catalog_json);
  v.service_count = static_cast<int64_t>(catalog.services.size());
  out->services = catalog.services.size();
  Status s = app.db().writer().Run([&](store::WriteTx& tx) {
    store::CatalogVersion latest;
    Status st = store::LatestCatalogVersion(tx.db(), &latest);
    if (!st.ok()) return st;
    if (latest.id != 0 && latest.digest == v.digest) {
      out->unchanged = true;
      out->version_id = latest.id;
      return Status::Ok();
    }
    v.imported_at_ms = tx.now_ms();
    st = store::InsertCatalogVersion(tx.db(), catalog, who ? who->employee.id : 0, &v);
    if (!st.ok()) return st;
    out->version_id = v.id;
    std::string object = "catalog/" + std::to_string(v.id);
    std::string change = "source=" + source + "\ndigest=" + v.digest;
    return tx.Audit(who ? AuditOf(*who, "catalog.import", object, change)
                        : SystemAudit("catalog.import", object, change));
  });
  if (!s.ok()) return s;
  return app.catalog().Reload();
}

}  // namespace tereze::app
