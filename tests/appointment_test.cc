// Appointments by IIN through the API (R8, R16, issue 6): slots that count
// down, the 10-day and two-services rules, cancellation, check-in at the
// kiosk in its window, and branches that serve by appointment only.
#include <gtest/gtest.h>

#include "core/iin.h"
#include "store/appointments.h"
#include "support/fixture.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

// A valid IIN: birth date 1990-01-01, man of the 20th century, then `n`.
std::string Iin(int n) {
  for (int k = n;; k += 1000) {
    char first11[12];
    std::snprintf(first11, sizeof first11, "9001013%04d", k % 10000);
    if (auto check = IinCheckDigit(first11)) return std::string(first11) + char('0' + *check);
  }
}

class AppointmentTest : public ServerTest {
 protected:
  std::string Branch() { return "/api/v1/branches/" + std::to_string(branch_id_); }
  HttpResult Slots(const std::string& queue, const std::string& date) {
    Client c(port_);
    return c.Get(Branch() + "/slots?queue=" + queue + "&date=" + date);
  }
  // The free places of one slot; 0 when it is not listed (full or gone).
  int Free(const std::string& queue, const std::string& start) {
    auto r = Slots(queue, start.substr(0, 10));
    EXPECT_EQ(r.status, 200) << r.body;
    const Json body = r.json();
    for (const auto& s : body["items"]) {
      if (s["start"] == start) return s["free"];
    }
    return 0;
  }
  HttpResult Book(const std::string& iin, const std::string& queue, const std::string& slot) {
    Client c(port_);
    return c.Post(
        Branch() + "/appointments",
        Json{{"iin", iin}, {"queue", queue}, {"slot_start", slot}, {"lang", "kk"}}.dump());
  }
  HttpResult Cancel(const HttpResult& booked, const std::string& iin, const std::string& code) {
    Client c(port_);
    return c.Post(
        "/api/v1/appointments/" + std::to_string(booked.json()["id"].get<int64_t>()) + "/cancel",
        Json{{"iin", iin}, {"code", code}}.dump());
  }
  HttpResult CheckIn(const std::string& iin, const std::string& code) {
    Client c(port_);
    return c.Post(Branch() + "/check-in", Json{{"iin", iin}, {"code", code}}.dump());
  }
  HttpResult Take(const std::string& queue) {
    Client c(port_);
    return c.Post(Branch() + "/tickets", Json{{"queue", queue}, {"lang", "kk"}}.dump());
  }
  void Advance(int seconds) {
    Client c(port_);
    auto r = c.Post("/api/v1/test/clock", Json{{"advance_seconds", seconds}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    tokens_.clear();
  }
};

TEST_F(AppointmentTest, BookingCountsTheSlotDownAndCancellingFreesItR8) {
  // Tomorrow (a Wednesday): slots every 15 minutes of the opening hours.
  auto slots = Slots("A", "2026-11-25");
  ASSERT_EQ(slots.status, 200) << slots.body;
  ASSERT_FALSE(slots.json()["items"].empty());
  Json first = slots.json()["items"][0];
  EXPECT_EQ(first["start"], "2026-11-25T09:00");
  EXPECT_EQ(slots.json()["items"][1]["start"], "2026-11-25T09:15");
  const int capacity = first["capacity"];
  EXPECT_GE(capacity, 1);
  EXPECT_EQ(first["free"], capacity);

  auto booked = Book(Iin(1), "A", "2026-11-25T09:00");
  ASSERT_EQ(booked.status, 201) << booked.body;
  EXPECT_EQ(booked.json()["slot"], "2026-11-25T09:00");
  EXPECT_EQ(booked.json()["state"], "booked");
  const std::string code = booked.json()["code"];
  EXPECT_EQ(code.size(), 6u);
  EXPECT_EQ(Free("A", "2026-11-25T09:00"), capacity - 1);

  // Issuance has one window: one booking fills its slot.
  auto b1 = Book(Iin(1), "B", "2026-11-25T09:00");
  ASSERT_EQ(b1.status, 201) << b1.body;
  EXPECT_EQ(Free("B", "2026-11-25T09:00"), 0);
  auto full = Book(Iin(2), "B", "2026-11-25T09:00");
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_EQ(full.error_code(), "slot_full");
  // Cancelled with its IIN and code (not with another's), the slot is free again.
  EXPECT_EQ(Cancel(b1, Iin(2), b1.json()["code"]).error_code(), "appointment_not_found");
  EXPECT_EQ(Cancel(b1, Iin(1), code == b1.json()["code"] ? "ZZZZZZ" : code).error_code(),
            "appointment_not_found");
  auto cancelled = Cancel(b1, Iin(1), b1.json()["code"]);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["state"], "cancelled");
  EXPECT_EQ(Cancel(b1, Iin(1), b1.json()["code"]).error_code(), "wrong_state");
  EXPECT_EQ(Free("B", "2026-11-25T09:00"), 1);
  // Rebooking: cancel, then book again.
  ASSERT_EQ(Book(Iin(2), "B", "2026-11-25T09:00").status, 201);

  // Wrong input.
  auto bad = Book("123456789012", "A", "2026-11-25T09:15");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.error_code(), "invalid_iin");
  EXPECT_EQ(Book(Iin(3), "A", "2026-11-24T09:30").error_code(), "slot_past");
  EXPECT_EQ(Book(Iin(3), "A", "2026-11-25T09:10").error_code(), "slot_unavailable");
  EXPECT_EQ(Book(Iin(3), "A", "2026-11-29T10:00").error_code(), "center_closed");  // Sunday
  EXPECT_EQ(Book(Iin(3), "Z", "2026-11-25T10:00").error_code(), "queue_unknown");
  EXPECT_EQ(Book(Iin(3), "A", "2026-11-25 10:00").error_code(), "invalid_field");
  // Today's slots start after now (10:00); a Sunday has none.
  EXPECT_EQ(Slots("A", "2026-11-24").json()["items"][0]["start"], "2026-11-24T10:15");
  EXPECT_TRUE(Slots("A", "2026-11-29").json()["items"].empty());

  // The branch's staff see the day's bookings with the IIN.
  Client c(port_);
  auto list = c.Get(Branch() + "/appointments?date=2026-11-25", Token("manager"));
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["items"].size(), 3u) << list.body;
  EXPECT_EQ(list.json()["items"][0]["iin"], Iin(1));
  EXPECT_FALSE(list.json()["items"][0].contains("code"));
  EXPECT_EQ(c.Get(Branch() + "/appointments?date=2026-11-25", Token("operator")).status, 200);
  EXPECT_EQ(c.Get(Branch() + "/appointments?date=2026-11-25").status, 401);
}

TEST_F(AppointmentTest, OneBookingPerQueueInTenDaysTwoServicesADayR8) {
  ASSERT_EQ(Book(Iin(1), "A", "2026-11-25T11:00").status, 201);
  auto soon = Book(Iin(1), "A", "2026-11-27T11:00");
  EXPECT_EQ(soon.status, 422);
  EXPECT_EQ(soon.error_code(), "booking_too_soon");
  EXPECT_EQ(Book(Iin(1), "A", "2026-11-25T12:00").error_code(), "booking_too_soon");
  EXPECT_EQ(Book(Iin(1), "A", "2026-12-05T11:00").status, 201);  // ten days on
  // A second service the same day; not a third.
  EXPECT_EQ(Book(Iin(1), "B", "2026-11-25T11:30").status, 201);
  auto third = Book(Iin(1), "C", "2026-11-25T12:00");
  EXPECT_EQ(third.status, 422);
  EXPECT_EQ(third.error_code(), "too_many_services_today");
  // Another person is not affected.
  EXPECT_EQ(Book(Iin(2), "A", "2026-11-27T11:00").status, 201);
}

TEST_F(AppointmentTest, CheckInOnTimeIsCalledBeforeEarlierWalkInsR8R16) {
  auto walk_in = Take("A");
  ASSERT_EQ(walk_in.status, 201) << walk_in.body;
  auto booked = Book(Iin(1), "A", "2026-11-24T10:15");
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string code = booked.json()["code"];
  EXPECT_EQ(CheckIn(Iin(2), code).error_code(), "appointment_not_found");
  EXPECT_EQ(CheckIn("123", code).error_code(), "invalid_iin");
  auto ticket = CheckIn(Iin(1), code);
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  EXPECT_EQ(ticket.json()["priority"], "appointment");
  EXPECT_EQ(ticket.json()["queue"], "A");
  EXPECT_EQ(ticket.json()["number"], "A002");
  EXPECT_EQ(ticket.json()["state"], "waiting");
  EXPECT_EQ(ticket.json()["position"], 0);
  EXPECT_TRUE(ticket.json()["token"].is_string());
  // Used once.
  EXPECT_EQ(CheckIn(Iin(1), code).error_code(), "appointment_not_found");
  // The operator calls the appointment before the earlier walk-in.
  Client c(port_);
  auto call = c.Post("/api/v1/windows/1/call-next", "{}", Token("operator"));
  ASSERT_EQ(call.status, 200) << call.body;
  EXPECT_EQ(call.json()["id"], ticket.json()["id"]);
  auto list = c.Get(Branch() + "/appointments?date=2026-11-24", Token("manager"));
  ASSERT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(list.json()["items"][0]["state"], "checked_in");
  EXPECT_EQ(list.json()["items"][0]["ticket_id"], ticket.json()["id"]);
  // A kiosk cannot give the appointment priority without a booking.
  Json plain = {{"queue", "A"}, {"lang", "kk"}, {"priority", "appointment"}};
  EXPECT_EQ(c.Post(Branch() + "/tickets", plain.dump()).error_code(), "invalid_field");
}

TEST_F(AppointmentTest, CheckInTooEarlyOrTooLateIsRefusedR8) {
  auto booked = Book(Iin(1), "A", "2026-11-24T10:30");
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string code = booked.json()["code"];
  auto early = CheckIn(Iin(1), code);
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(early.error_code(), "too_early");
  Advance(41 * 60);  // 10:41: eleven minutes after the start
  auto late = CheckIn(Iin(1), code);
  EXPECT_EQ(late.status, 422);
  EXPECT_EQ(late.error_code(), "too_late");
  // The applicant takes a normal ticket instead.
  EXPECT_EQ(Take("A").status, 201);
}

TEST_F(AppointmentTest, AnAppointmentOnlyBranchRefusesWalkInsButConsultationR8) {
  Client c(port_);
  const std::string flag = Branch() + "/appointment-only";
  auto put = [&](const std::string& body, const std::string& login) {
    return c.Request(
        "PUT", flag, body,
        {{"Authorization", "Bearer " + Token(login)}, {"Content-Type", "application/json"}});
  };
  EXPECT_EQ(c.Get(flag).json()["appointment_only"], false);
  // Only the branch's manager, the central office or an admin sets it; bad bodies change nothing.
  EXPECT_EQ(put(R"({"appointment_only":true})", "operator").status, 403);
  EXPECT_EQ(put(R"({"appointment_only":"yes"})", "manager").status, 400);
  EXPECT_EQ(put(R"({})", "manager").error_code(), "missing_field");
  EXPECT_EQ(c.Get(flag).json()["appointment_only"], false);
  EXPECT_EQ(Take("A").status, 201);
  auto on = put(R"({"appointment_only":true})", "manager");
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(c.Get(flag).json()["appointment_only"], true);
  EXPECT_EQ(c.Get("/api/v1/branches/999999/appointment-only").error_code(), "branch_not_found");
  auto refused = Take("A");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.error_code(), "appointment_only");
  EXPECT_EQ(Take("C").status, 201);  // consultation takes walk-ins
  auto booked = Book(Iin(1), "A", "2026-11-24T10:15");
  ASSERT_EQ(booked.status, 201) << booked.body;
  auto ticket = CheckIn(Iin(1), booked.json()["code"]);
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  EXPECT_EQ(ticket.json()["priority"], "appointment");
}

// Booking, cancelling and checking in are public: one address gets 20 a
// minute, then 429 with Retry-After, and the refused attempt books nothing.
TEST_F(AppointmentTest, OneAddressCannotTryCodesOrBookWithoutLimitR8) {
  for (int i = 0; i < 20; ++i) {
    auto r = CheckIn(Iin(500 + i), "ZZZZZZ");
    EXPECT_EQ(r.error_code(), "appointment_not_found") << r.body;
  }
  auto limited = Book(Iin(2), "A", "2026-11-25T09:00");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.error_code(), "rate_limited");
  EXPECT_EQ(limited.headers["retry-after"].empty(), false);
  EXPECT_EQ(Free("A", "2026-11-25T09:00"), Slots("A", "2026-11-25").json()["items"][0]["capacity"]);
  // A minute later the address may book again.
  Advance(61);
  auto booked = Book(Iin(2), "A", "2026-11-25T09:00");
  EXPECT_EQ(booked.status, 201) << booked.body;
}

}  // namespace
}  // namespace tereze::testing
