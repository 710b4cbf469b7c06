// Consultations (R14, R15, R20): the consultant records, against the ticket
// being served at their window, each service the visitor asked about and what
// came of it — so that consultations are counted per service like
// applications are, and the visit's ticket shows what was explained.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "store/consultations.h"

namespace tereze::app {

inline constexpr int64_t kMaxConsultationsPerTicket = 20;
inline constexpr size_t kMaxConsultationNoteBytes = 1000;

// explained (rights, duties, requirements: R20), checklist_printed (R20),
// self_service_helped (the portal and the digital signature: R15),
// referred_to_intake, other.
bool IsConsultationOutcome(const std::string& outcome);

// By the employee seated at the window where the ticket is called or served.
// Errors: invalid_field (outcome, note), service_unknown, ticket_not_found
// (none, or another branch's), wrong_state (not called or in service),
// not_at_window, too_many_consultations.
void RecordConsultation(App& app, const Principal& who, int64_t ticket_id,
                        store::Consultation consultation, const Done<store::Consultation>& done);
// Any employee of the ticket's branch (and central roles).
Status ListConsultations(App& app, const Principal& who, int64_t ticket_id,
                         std::vector<store::Consultation>* out);

}  // namespace tereze::app
