// SQL of applications, their documents, payments, consents and timeline.
#pragma once

#include <vector>

#include "domain/application.h"
#include "store/connection.h"

namespace tereze::store {

// Inserts the application with its documents, payments and consents and
// its first timeline event; fills a->id.
Status InsertApplication(Connection& db, domain::Application* a, const domain::ApplicationEvent& e);
Status FindApplication(Connection& db, int64_t id, domain::Application* out);

struct ApplicationFilter {
  int64_t branch_id = 0;  // 0: every branch
  std::string status;     // "" any, "accepted", "refused"
  std::string iin;        // "" any
  int64_t after_id = 0;
  int limit = 100;
};
// Newest first is what a desk wants, but cursors need a stable order: by id,
// descending, `after_id` meaning "older than" (0: from the newest).
Status ListApplications(Connection& db, const ApplicationFilter& f,
                        std::vector<domain::Application>* out);

// What a scan needs of an application, in one query.
struct ApplicationPlace {
  int64_t id = 0;
  bool refused = false;
  std::string stage;
  int64_t branch_id = 0;
  std::string provider_code;
};
Status FindApplicationPlace(Connection& db, int64_t id, ApplicationPlace* out);

// Accepted packages of a branch still at the desk (stage "accepted")
// accepted on or before `last_day` (YYYY-MM-DD), oldest first.
Status ListUncollected(Connection& db, int64_t branch_id, const std::string& last_day, int limit,
                       std::vector<ApplicationPlace>* out, std::vector<int64_t>* accepted_at_ms);

// Moves the application from stage `from` to `to`; Conflict "wrong_stage"
// when another scan moved it first.
Status UpdateApplicationStage(Connection& db, int64_t id, const std::string& from,
                              const std::string& to);

Status InsertEvent(Connection& db, const domain::ApplicationEvent& e, int64_t* id_out);
Status ListEvents(Connection& db, int64_t application_id,
                  std::vector<domain::ApplicationEvent>* out);

}  // namespace tereze::store
