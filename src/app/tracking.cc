#include "app/tracking.h"

#include "domain/barcode.h"
#include "store/applications.h"

namespace tereze::app {

Status Track(App& app, const std::string& barcode, TrackView* out) {
  domain::ParsedBarcode parsed;
  if (Status s = domain::ParseBarcode(barcode, &parsed); !s.ok()) return s;
  Status s = app.db().Read([&](store::Connection& db) {
    Status st = store::FindApplication(db, parsed.id, &out->application);
    if (!st.ok()) return st;
    return store::ListEvents(db, parsed.id, &out->events);
  });
  if (!s.ok()) return s;
  // A refusal's barcode finds the refusal, an application's the application:
  // a barcode of the other kind with the same id is not this record's.
  auto expected = out->application.refused() ? domain::BarcodeKind::kRefusal
                                             : domain::BarcodeKind::kApplication;
  if (parsed.kind != expected) {
    return Status::NotFound("application_not_found", "no application has this barcode");
  }
  return Status::Ok();
}

}  // namespace tereze::app
