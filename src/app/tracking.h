// Public tracking by barcode (R32): the stage and the dates of an
// application, and nothing about the person.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "domain/application.h"

namespace tereze::app {

// Requests per client address per minute on the public tracking page.
inline constexpr int kTrackRequestsPerMinute = 60;

struct TrackView {
  domain::Application application;  // the caller shows no personal field of it
  std::vector<domain::ApplicationEvent> events;
  bool rated = false;
};

// Malformed "barcode_invalid", Refused "barcode_misread", NotFound
// "application_not_found" (also for a barcode of the wrong kind).
Status Track(App& app, const std::string& barcode, TrackView* out);

inline constexpr size_t kMaxRatingCommentBytes = 1000;

// R23: the applicant rates the service 1-5, once per application, by the
// receipt's link or at the kiosk (`channel` "receipt" or "kiosk"). Errors:
// those of Track, invalid_field, already_rated (409).
void RateApplication(App& app, const std::string& barcode, int64_t score,
                     const std::string& comment, const std::string& channel,
                     const Done<bool>& done);

}  // namespace tereze::app
