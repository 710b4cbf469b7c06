#include "app/tracking.h"

#include "domain/barcode.h"
#include "store/applications.h"
#include "store/ratings.h"

namespace tereze::app {

Status Track(App& app, const std::string& barcode, TrackView* out) {
  domain::ParsedBarcode parsed;
  if (Status s = domain::ParseBarcode(barcode, &parsed); !s.ok()) return s;
  Status s = app.db().Read([&](store::Connection& db) {
    Status st = store::FindApplication(db, parsed.id, &out->application);
    if (!st.ok()) return st;
    store::Rating rating;
    st = store::FindRating(db, parsed.id, &rating);
    out->rated = st.ok();
    if (!st.ok() && st.kind() != Status::Kind::kNotFound) return st;
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

void RateApplication(App& app, const std::string& barcode, int64_t score,
                     const std::string& comment, const std::string& channel,
                     const Done<bool>& done) {
  if (score < 1 || score > 5) {
    return done(Status::Malformed("invalid_field", "score: 1 to 5"), false);
  }
  if (comment.size() > kMaxRatingCommentBytes) {
    return done(Status::Malformed("invalid_field", "comment: at most 1000 bytes"), false);
  }
  if (channel != "receipt" && channel != "kiosk") {
    return done(Status::Malformed("invalid_field", "channel: receipt or kiosk"), false);
  }
  TrackView view;
  if (Status s = Track(app, barcode, &view); !s.ok()) return done(s, false);
  const domain::Application& a = view.application;
  store::Rating rating{a.id,           score,       comment,       channel,
                       a.service_code, a.branch_id, a.employee_id, 0};
  SubmitWrite<bool>(
      app.db(), std::make_shared<bool>(false),
      [rating](store::WriteTx& tx, bool& stored) {
        store::Rating r = rating;
        r.at_ms = tx.now_ms();
        Status s = store::InsertRating(tx.db(), r);
        if (!s.ok()) return s;
        stored = true;
        return tx.Audit(
            SystemAudit("rating.record", "application/" + std::to_string(rating.application_id),
                        "score=" + std::to_string(rating.score) + "\nchannel=" + rating.channel));
      },
      done);
}

}  // namespace tereze::app
