#include "app/violations.h"

namespace tereze::app {

namespace {
const char* const kCategories[] = {"public_order",  "corruption", "employee_conduct",
                                   "service_rules", "safety",     "other"};
}  // namespace

bool IsViolationCategory(const std::string& category) {
  for (const char* c : kCategories) {
    if (category == c) return true;
  }
  return false;
}

void ReportViolation(App& app, const Principal& who, store::Violation v,
                     const Done<store::Violation>& done) {
  auto out = std::make_shared<store::Violation>(std::move(v));
  if (!IsViolationCategory(out->category)) {
    return done(Status::Malformed("invalid_field",
                                  "category: public_order, corruption, employee_conduct, "
                                  "service_rules, safety or other"),
                *out);
  }
  if (out->description.empty() || out->description.size() > kMaxViolationTextBytes ||
      out->place.size() > 200) {
    return done(Status::Malformed("invalid_field", "description: 1-4000 bytes; place: up to 200"),
                *out);
  }
  if (who.employee.branch_id == 0) {
    return done(Status::Refused("no_branch", "only an employee of a branch reports from it"), *out);
  }
  out->branch_id = who.employee.branch_id;
  out->reported_by = who.employee.id;
  SubmitWrite<store::Violation>(
      app.db(), out,
      [who](store::WriteTx& tx, store::Violation& v) {
        v.reported_at_ms = tx.now_ms();
        Status s = store::InsertViolation(tx.db(), v, &v.id);
        if (!s.ok()) return s;
        return tx.Audit(AuditOf(
            who, "violation.report", "violation/" + std::to_string(v.id),
            "category=" + v.category + "\nplace=" + v.place + "\ndescription=" + v.description));
      },
      [done, &app](const Status& s, const store::Violation& v) {
        if (s.ok()) {
          app.Publish("branch:" + std::to_string(v.branch_id),
                      "{\"type\":\"violation.reported\",\"id\":" + std::to_string(v.id) + "}");
        }
        done(s, v);
      });
}

void CloseViolation(App& app, const Principal& who, int64_t id, const std::string& resolution,
                    const Done<store::Violation>& done) {
  auto out = std::make_shared<store::Violation>();
  if (resolution.empty() || resolution.size() > kMaxViolationTextBytes) {
    return done(Status::Malformed("invalid_field", "resolution: 1-4000 bytes"), *out);
  }
  SubmitWrite<store::Violation>(
      app.db(), out,
      [who, id, resolution](store::WriteTx& tx, store::Violation& v) {
        Status s = store::FindViolation(tx.db(), id, &v);
        if (s.ok() && !who.employee.CanActInBranch(v.branch_id)) {
          s = Status::NotFound("violation_not_found", "no such violation");
        }
        if (!s.ok()) return s;
        if (s = store::CloseViolation(tx.db(), id, who.employee.id, tx.now_ms(), resolution);
            !s.ok()) {
          return s;
        }
        if (s = store::FindViolation(tx.db(), id, &v); !s.ok()) return s;
        return tx.Audit(AuditOf(who, "violation.close", "violation/" + std::to_string(id),
                                "resolution=" + resolution));
      },
      done);
}

Status ListViolations(App& app, const Principal& who, int64_t branch_id, bool open_only,
                      int64_t before_id, int limit, std::vector<store::Violation>* out) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  return app.db().Read([&](store::Connection& db) {
    return store::ListViolations(db, branch_id, open_only, before_id, limit, out);
  });
}

}  // namespace tereze::app
