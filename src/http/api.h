// The /api/v1 endpoints: each route with its roles and its handler, which
// turns JSON into a use case's call and the result back into JSON.
#pragma once

#include "app/app.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "http/hub.h"
#include "http/router.h"

namespace tereze::http {

struct ApiOptions {
  TestClock* test_clock = nullptr;  // set: POST /api/v1/test/clock exists
};

void AddRoutes(Router& router, app::App& app, Metrics& metrics, const ApiOptions& options);

}  // namespace tereze::http
