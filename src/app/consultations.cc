#include "app/consultations.h"

#include "app/catalog.h"
#include "store/branches.h"
#include "store/tickets.h"

namespace tereze::app {

namespace {

constexpr const char* kOutcomes[] = {"explained", "checklist_printed", "self_service_helped",
                                     "referred_to_intake", "other"};

}  // namespace

bool IsConsultationOutcome(const std::string& outcome) {
  for (const char* o : kOutcomes) {
    if (outcome == o) return true;
  }
  return false;
}

void RecordConsultation(App& app, const Principal& who, int64_t ticket_id,
                        store::Consultation consultation, const Done<store::Consultation>& done) {
  if (!IsConsultationOutcome(consultation.outcome)) {
    return done(Status::Malformed("invalid_field",
                                  "outcome: explained, checklist_printed, self_service_helped, "
                                  "referred_to_intake or other"),
                {});
  }
  if (consultation.note.size() > kMaxConsultationNoteBytes) {
    return done(Status::Malformed("invalid_field", "note: at most 1000 bytes"), {});
  }
  bool known = false;
  CatalogSnapshot snapshot = app.catalog().Current();
  for (const auto& s : snapshot.catalog->services)
    known = known || s.code == consultation.service_code;
  if (!known) {
    return done(Status::Refused("service_unknown", "no service " + consultation.service_code +
                                                       " in the catalog in force"),
                {});
  }
  auto result = std::make_shared<store::Consultation>(std::move(consultation));
  result->ticket_id = ticket_id;
  result->employee_id = who.employee.id;
  // The ticket's state and window are read in the write transaction, so the
  // check and the record cannot be separated by a finish at the counter.
  SubmitWrite<store::Consultation>(
      app.db(), result,
      [who](store::WriteTx& tx, store::Consultation& c) {
        store::TicketRow row;
        Status s = store::FindTicket(tx.db(), c.ticket_id, &row);
        if (s.ok() && !who.employee.CanActInBranch(row.branch_id)) {
          s = Status::NotFound("ticket_not_found", "no such ticket");
        }
        if (!s.ok()) return s;
        const auto state = row.ticket.state;
        if (state != domain::TicketState::kCalled && state != domain::TicketState::kServing) {
          return Status::Conflict("wrong_state", "the ticket is not at a window now");
        }
        domain::Window window;
        if (s = store::FindWindow(tx.db(), row.ticket.window_id, &window); !s.ok()) return s;
        if (window.employee_id != who.employee.id) {
          return Status::Refused("not_at_window",
                                 "the ticket is at a window you are not seated at");
        }
        int64_t count = 0;
        if (s = store::CountConsultationsOfTicket(tx.db(), c.ticket_id, &count); !s.ok()) return s;
        if (count >= kMaxConsultationsPerTicket) {
          return Status::Refused("too_many_consultations", "at most 20 per ticket");
        }
        c.branch_id = row.branch_id;
        c.window_id = window.id;
        c.at_ms = tx.now_ms();
        if (s = store::InsertConsultation(tx.db(), &c); !s.ok()) return s;
        return tx.Audit(AuditOf(who, "consultation.record", "ticket/" + std::to_string(c.ticket_id),
                                "service=" + c.service_code + "\noutcome=" + c.outcome));
      },
      done);
}

Status ListConsultations(App& app, const Principal& who, int64_t ticket_id,
                         std::vector<store::Consultation>* out) {
  return app.db().Read([&](store::Connection& db) {
    store::TicketRow row;
    Status s = store::FindTicket(db, ticket_id, &row);
    if (s.ok() && !who.employee.CanActInBranch(row.branch_id)) {
      s = Status::NotFound("ticket_not_found", "no such ticket");
    }
    if (!s.ok()) return s;
    return store::ListConsultationsOfTicket(db, ticket_id, out);
  });
}

}  // namespace tereze::app
