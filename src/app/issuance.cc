#include "app/issuance.h"

#include "app/branches.h"
#include "app/intake.h"
#include "app/movement.h"
#include "store/applications.h"

namespace tereze::app {

namespace {

std::string DocumentText(const domain::IdDocument& d) {
  return d.type + " № " + d.number + ", " + d.valid_until.ToDotted();
}

std::string PowerOfAttorneyText(const domain::IssuePowerOfAttorney& p) {
  return "№ " + p.document.number + ", " + p.document.issued_on.ToDotted() + " - " +
         p.document.valid_until.ToDotted() + ", " + p.document.issuer;
}

}  // namespace

Status GetPackage(App& app, const Principal& who, int64_t id, store::Package* out) {
  Status s = app.db().Read([&](store::Connection& db) { return store::FindPackage(db, id, out); });
  if (!s.ok()) return s;
  if (!who.employee.CanActInBranch(out->branch_id)) {
    return Status::NotFound("application_not_found", "no such application");
  }
  return Status::Ok();
}

void IssueResult(App& app, const Principal& who, int64_t id, domain::IssueRequest request,
                 const Done<IssueOutcome>& done) {
  auto result = std::make_shared<IssueOutcome>();
  result->application_id = id;
  domain::Branch branch;
  domain::BranchHours hours;
  int64_t window_id = 0;
  Status s = app.db().Read([&](store::Connection& db) {
    Status st = LoadBranchHours(db, who.employee.branch_id, &branch, &hours);
    if (!st.ok()) return st;
    return FindSeatedWindow(db, who.employee, "issuance", &window_id);
  });
  LocalDate today;
  if (s.ok()) s = CheckCenterOpen(app, branch, hours, app.clock().NowMs(), &today);
  if (!s.ok()) return done(s, *result);
  SubmitWrite<IssueOutcome>(
      app.db(), result,
      [who, id, request = std::move(request), today, window_id](store::WriteTx& tx,
                                                                IssueOutcome& out) {
        store::Package p;
        Status st = store::FindPackage(tx.db(), id, &p);
        if (st.kind() == Status::Kind::kNotFound || (st.ok() && p.refused) ||
            (st.ok() && p.branch_id != who.employee.branch_id)) {
          return Status::NotFound("application_not_found", "no package of this branch has it");
        }
        if (!st.ok()) return st;
        if (p.stage != "at_issuance") {
          return Status::Conflict("wrong_stage", "the package is " + p.stage);
        }
        if (st = domain::CheckIssue(p.applicant_iin, p.service_code, request, today); !st.ok()) {
          return st;
        }
        out.in_person = domain::IssuedInPerson(p.applicant_iin, request);
        out.recipient_name = request.recipient.FullName();
        out.issued_at_ms = tx.now_ms();
        store::IssueRecord rec;
        rec.at_ms = tx.now_ms();
        rec.on = today.ToString();
        rec.recipient_iin = request.recipient.iin;
        rec.recipient_name = out.recipient_name;
        rec.recipient_document = DocumentText(*request.recipient.id_document);
        if (!out.in_person) rec.power_of_attorney = PowerOfAttorneyText(*request.power_of_attorney);
        rec.employee_id = who.employee.id;
        if (st = store::SetIssued(tx.db(), p.id, rec); !st.ok()) return st;
        domain::ScanOutcome moved;
        return MovePackage(
            tx, &who, p.id, p.branch_id, p.stage, domain::ScanAction::kIssue,
            "window " + std::to_string(window_id) + (out.in_person ? "" : "; power of attorney"),
            &moved);
      },
      done);
}

Status ListShelf(App& app, const Principal& who, int64_t branch_id, int expiring_within_days,
                 std::vector<store::Package>* out) {
  if (!who.employee.CanActInBranch(branch_id)) return Status::Forbidden("this is another branch");
  return app.db().Read([&](store::Connection& db) {
    store::PackageFilter f;
    f.branch_id = branch_id;
    f.stages = {"at_issuance"};
    f.limit = kMaxShelfListed;
    if (expiring_within_days >= 0) {
      LocalDate today;
      Status s = BranchToday(db, branch_id, app.clock().NowMs(), &today);
      if (s.kind() == Status::Kind::kNotFound)
        return Status::NotFound("branch_not_found", "no such branch");
      if (!s.ok()) return s;
      f.keep_until_before = today.AddDays(expiring_within_days + 1).ToString();
    }
    return store::ListPackages(db, f, out);
  });
}

}  // namespace tereze::app
