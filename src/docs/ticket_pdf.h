// The queue ticket the kiosk prints (R8), in Kazakh or in Russian only, as
// the applicant chose (R19): the ticket's number in very large type (R16),
// the queue (the service) and the center, when it was taken, the estimated
// wait and how many are ahead when the queue knows them, and a QR code of
// the live ticket page. On the 80 mm roll the receipts use, cut where the
// text ends.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"

namespace tereze::docs {

inline constexpr size_t kMaxTicketFieldBytes = 512;  // the queue's and the center's names
inline constexpr size_t kMaxTicketNumberLetters = 2;
inline constexpr size_t kMaxTicketNumberDigits = 4;
inline constexpr int kMaxTicketWaitMin = 24 * 60;  // a day
inline constexpr int kMaxTicketAhead = 9999;

struct TicketData {
  std::string lang;    // kk | ru
  std::string number;  // "A015": up to 2 Latin capitals, then 1 to 4 digits
  std::string queue_name, center_name;
  std::string issued_at;        // "dd.mm.yyyy hh:mm"
  int estimated_wait_min = -1;  // -1: not shown
  int ahead = -1;               // -1: not shown
  // The live ticket page, drawn as a QR code; may be empty. Printable ASCII.
  std::string tracking_url;
};

// Renders the ticket as PDF bytes. Errors, each with its code:
//  Malformed: "unsupported_language", "invalid_ticket_number",
//    "ticket_field_missing" (the queue, the center, the time), "invalid_date"
//    (issued_at not "dd.mm.yyyy hh:mm"), "invalid_wait" (not -1 nor 0 to
//    kMaxTicketWaitMin), "invalid_ahead" (not -1 nor 0 to kMaxTicketAhead),
//    "qr_invalid", "invalid_utf8";
//  TooLarge: "field_too_long", "qr_too_long", "ticket_too_long".
Status RenderTicketPdf(const TicketData& data, std::string* pdf);

}  // namespace tereze::docs
