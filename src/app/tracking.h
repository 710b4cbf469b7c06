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
};

// Malformed "barcode_invalid", Refused "barcode_misread", NotFound
// "application_not_found" (also for a barcode of the wrong kind).
Status Track(App& app, const std::string& barcode, TrackView* out);

}  // namespace tereze::app
