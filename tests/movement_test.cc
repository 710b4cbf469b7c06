// The life of a package after the receipt, through the API (R18.8, R22,
// R24, R25, R33-R36): collected, registered, dispatched, acknowledged by the
// provider, decided, received against the provider's register (or refused
// with an act), put on the shelf, issued — and every wrong move refused with
// its code, changing nothing.
#include "support/movement.h"

#include <gtest/gtest.h>

#include <thread>

#include "app/demo.h"
#include "domain/barcode.h"
#include "store/connection.h"
#include "support/fixture.h"
#include "support/intake.h"
#include "support/pdf_readback.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class MovementTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ImportShippedCatalog();
    ASSERT_TRUE(app::LoadDemoRoute(service_->app(), branch_id_).ok());
  }

  MovementFlow& Flow() {
    if (!flow_) {
      flow_ = std::make_unique<MovementFlow>(port_, branch_id_,
                                             [this](const std::string& l) { return Token(l); });
    }
    return *flow_;
  }
  HttpResult Post(const std::string& target, const Json& body, const std::string& login) {
    return Flow().Post(target, body, login);
  }
  HttpResult Get(const std::string& target, const std::string& login) {
    return Flow().Get(target, login);
  }
  HttpResult Put(const std::string& target, const Json& body, const std::string& login) {
    Client c(port_);
    return c.Request(
        "PUT", target, body.dump(),
        {{"Authorization", "Bearer " + Token(login)}, {"Content-Type", "application/json"}});
  }
  HttpResult Scan(const std::string& barcode, const std::string& action, const std::string& login,
                  const std::string& shelf = "") {
    return Flow().Scan(barcode, action, login, shelf);
  }

  struct Accepted {
    int64_t id = 0;
    std::string barcode;
  };
  Accepted Accept() {
    auto r = Post("/api/v1/applications", SampleApplication(true), "operator");
    EXPECT_EQ(r.status, 201) << r.body;
    return {r.json()["id"].get<int64_t>(), r.json()["barcode"].get<std::string>()};
  }
  std::string StageOf(int64_t id) {
    return Get("/api/v1/applications/" + std::to_string(id), "manager").json()["stage"];
  }
  int64_t Count(const std::string& sql) {
    int64_t n = 0;
    EXPECT_TRUE(service_->app()
                    .db()
                    .Read([&](store::Connection& db) {
                      std::vector<store::Row> rows;
                      Status st = db.Execute(sql, {}, &rows);
                      if (st.ok()) n = rows[0].integer(0);
                      return st;
                    })
                    .ok());
    return n;
  }
  std::string Branch() { return "/api/v1/branches/" + std::to_string(branch_id_); }

  Json ToProvider(const Accepted& a) { return Flow().ToProvider(a.barcode); }
  HttpResult Results(const std::vector<std::string>& barcodes,
                     const std::string& outcome = "result") {
    return Flow().Results(barcodes, outcome);
  }
  // Received at the center and put on shelf A-01.
  void ToShelf(const Accepted& a) {
    Flow().ToCenter(a.barcode);
    ASSERT_EQ(Scan(a.barcode, "to_issuance", "issuance", "A-01").status, 201);
  }
  Json Applicant() { return SampleApplication(true)["applicant"]; }
  void AdvanceDays(int days) {
    Client c(port_);
    auto r = c.Post("/api/v1/test/clock", Json{{"advance_seconds", days * 86400}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    tokens_.clear();  // sessions end after 15 idle minutes of the test clock
  }

  std::unique_ptr<MovementFlow> flow_;
};

TEST_F(MovementTest, FromReceiptToIssueR33R35R18_8) {
  Accepted a = Accept();
  // R22: collection groups the package by the direction serving its provider.
  auto collect = Scan(a.barcode, "collect", "collection");
  ASSERT_EQ(collect.status, 201) << collect.body;
  EXPECT_EQ(collect.json()["direction"]["name"], "Маршрут 1: юстиция");

  // R33: the register of the provider, numbered in the branch's year.
  auto reg =
      Post("/api/v1/registers", {{"branch_id", branch_id_}, {"provider_code", "MP"}}, "collection");
  ASSERT_EQ(reg.status, 201) << reg.body;
  Json r = reg.json();
  EXPECT_EQ(r["number"], "AST-01/2026/000001");
  EXPECT_EQ(r["kind"], "outgoing");
  EXPECT_EQ(r["status"], "formed");
  ASSERT_EQ(r["lines"].size(), 1u);
  EXPECT_EQ(r["lines"][0]["barcode"], a.barcode);
  EXPECT_EQ(r["lines"][0]["stage"], "registered");
  const std::string reg_path = "/api/v1/registers/" + std::to_string(r["id"].get<int64_t>());
  // Nothing else waits: a second register is refused.
  auto again =
      Post("/api/v1/registers", {{"branch_id", branch_id_}, {"provider_code", "MP"}}, "collection");
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.error_code(), "nothing_to_register");

  // The printed register: two copies, each with the register's and the line's barcode.
  auto pdf = Get(reg_path + "/register.pdf?lang=kk", "collection");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  Readback rb = ReadBack(pdf.body);
  EXPECT_EQ(Scanned(rb.code128, r["barcode"]), 2) << rb.text;
  EXPECT_EQ(Scanned(rb.code128, a.barcode), 2) << rb.text;
  EXPECT_TRUE(Has(rb.text, "AST-01/2026/000001")) << rb.text;
  EXPECT_TRUE(Has(rb.text, "Маршрут 1: юстиция")) << rb.text;

  // The provider cannot acknowledge what was not dispatched.
  auto early = Post(reg_path + "/acknowledge", Json::object(), "provider");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_code(), "wrong_stage");
  EXPECT_EQ(StageOf(a.id), "registered");

  // The courier takes it by scanning the register's barcode: all its lines move.
  auto dispatch = Scan(r["barcode"], "dispatch", "courier");
  ASSERT_EQ(dispatch.status, 201) << dispatch.body;
  EXPECT_EQ(dispatch.json()["moved"], 1);
  EXPECT_EQ(dispatch.json()["status"], "dispatched");
  auto twice = Scan(r["barcode"], "dispatch", "courier");
  EXPECT_EQ(twice.status, 200);
  EXPECT_EQ(twice.json()["repeated"], true);
  EXPECT_EQ(StageOf(a.id), "dispatched");
  auto after = Get(reg_path, "collection").json();
  EXPECT_EQ(after["courier"]["full_name"], "Төлеуов Айдос");

  // R33: the provider's mark of receipt.
  EXPECT_EQ(Post(reg_path + "/acknowledge", Json::object(), "collection").status, 403);
  auto ack = Post(reg_path + "/acknowledge", Json::object(), "provider");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(ack.json()["register"]["status"], "acknowledged");
  EXPECT_EQ(StageOf(a.id), "at_provider");

  // R36: the provider's register of results; a refusal must give its grounds.
  auto no_reason = Post(
      "/api/v1/provider/results",
      {{"branch_id", branch_id_}, {"items", {{{"barcode", a.barcode}, {"outcome", "refusal"}}}}},
      "provider");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.error_code(), "missing_field");
  auto results = Results({a.barcode});
  ASSERT_EQ(results.status, 201) << results.body;
  EXPECT_EQ(results.json()["kind"], "results");
  EXPECT_EQ(results.json()["status"], "dispatched");
  auto dup = Results({a.barcode});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.error_code(), "already_in_register");
  const std::string results_path =
      "/api/v1/registers/" + std::to_string(results.json()["id"].get<int64_t>());

  // R35: reception finds the package and nothing else: received, the applicant told by SMS.
  int64_t sms_before = Count("SELECT count(*) FROM outbox WHERE purpose = 'result_ready'");
  auto rec = Post(results_path + "/receive", {{"barcodes", {a.barcode, a.barcode}}}, "issuance");
  ASSERT_EQ(rec.status, 200) << rec.body;
  EXPECT_EQ(rec.json()["accepted"], true);
  EXPECT_EQ(rec.json()["register"]["status"], "received");
  EXPECT_EQ(StageOf(a.id), "result_at_center");
  EXPECT_EQ(Count("SELECT count(*) FROM outbox WHERE purpose = 'result_ready'"), sms_before + 1);

  // R25: onto the shelf; without a place it is refused.
  auto no_shelf = Scan(a.barcode, "to_issuance", "issuance");
  EXPECT_EQ(no_shelf.status, 400);
  EXPECT_EQ(no_shelf.error_code(), "missing_field");
  ASSERT_EQ(Scan(a.barcode, "to_issuance", "issuance", "A-01").status, 201);
  auto shelf = Get(Branch() + "/shelf", "issuance").json()["items"];
  ASSERT_EQ(shelf.size(), 1u);
  EXPECT_EQ(shelf[0]["shelf"], "A-01");
  // A standard result is kept a month after its issue date.
  std::string issue_date =
      Get("/api/v1/applications/" + std::to_string(a.id), "manager").json()["issue_date"];
  auto keep = LocalDate::Parse(shelf[0]["keep_until"].get<std::string>());
  ASSERT_TRUE(keep.has_value());
  EXPECT_EQ(keep->ToString().substr(8), issue_date.substr(8)) << "one calendar month later";

  // R24: never to somebody else; each refusal leaves the package where it was.
  const std::string issue = "/api/v1/applications/" + std::to_string(a.id) + "/issue";
  Json stranger = Applicant();
  stranger["iin"] = ValidIin("90010130012");
  auto wrong = Post(issue, {{"recipient", stranger}}, "issuance");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.error_code(), "recipient_not_entitled");
  Json poa = {{"number", "Д-77"},
              {"principal_iin", ValidIin("91020230012")},
              {"issued_on", "2026-01-10"},
              {"valid_until", "2027-01-10"},
              {"issuer", "Нотариус Сейітова"}};
  auto foreign_poa = Post(issue, {{"recipient", stranger}, {"power_of_attorney", poa}}, "issuance");
  EXPECT_EQ(foreign_poa.error_code(), "power_of_attorney_not_covering");
  poa["principal_iin"] = Applicant()["iin"];
  poa["valid_until"] = "2026-11-01";
  auto expired = Post(issue, {{"recipient", stranger}, {"power_of_attorney", poa}}, "issuance");
  EXPECT_EQ(expired.error_code(), "power_of_attorney_expired");
  Json expired_id = Applicant();
  expired_id["id_document"]["valid_until"] = "2026-11-01";
  EXPECT_EQ(Post(issue, {{"recipient", expired_id}}, "issuance").error_code(),
            "id_document_expired");
  EXPECT_EQ(Post(issue, {{"recipient", Applicant()}}, "operator").status, 403);
  EXPECT_EQ(StageOf(a.id), "at_issuance");
  EXPECT_EQ(Get("/api/v1/applications/" + std::to_string(a.id) + "/issue-receipt.pdf", "issuance")
                .error_code(),
            "not_issued");

  // The applicant in person.
  auto issued = Post(issue, {{"recipient", Applicant()}}, "issuance");
  ASSERT_EQ(issued.status, 201) << issued.body;
  EXPECT_EQ(issued.json()["in_person"], true);
  EXPECT_EQ(StageOf(a.id), "issued");
  EXPECT_EQ(Post(issue, {{"recipient", Applicant()}}, "issuance").error_code(), "wrong_stage");

  // The receipt of issue, read back from outside.
  auto receipt =
      Get("/api/v1/applications/" + std::to_string(a.id) + "/issue-receipt.pdf", "issuance");
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  Readback ib = ReadBack(receipt.body);
  EXPECT_EQ(Scanned(ib.code128, a.barcode), 1);
  EXPECT_TRUE(Has(ib.text, "Әбілқасымов Ғалым")) << ib.text;
  EXPECT_TRUE(Has(ib.text, "Жақсылықов Ілияс")) << ib.text;

  // R32: the timeline has every hand-over with who made it.
  auto timeline =
      Get("/api/v1/applications/" + std::to_string(a.id) + "/timeline", "manager").json();
  std::vector<std::string> kinds;
  for (const auto& e : timeline["events"]) kinds.push_back(e["kind"]);
  for (const char* k : {"accepted", "collect", "register", "dispatch", "provider_ack",
                        "provider_result", "result_received", "to_issuance", "issue"}) {
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), k), kinds.end()) << k;
  }
}

TEST_F(MovementTest, MismatchedDeliveryGetsAnActOfRefusalAndNothingMovesR35) {
  Accepted a = Accept();
  Accepted b = Accept();
  ToProvider(a);
  ToProvider(b);
  auto results = Results({a.barcode, b.barcode}, "refusal");
  ASSERT_EQ(results.status, 201) << results.body;
  const std::string path =
      "/api/v1/registers/" + std::to_string(results.json()["id"].get<int64_t>());
  // b is missing; an unknown package came instead.
  const std::string stray = domain::MakeBarcode(domain::BarcodeKind::kApplication, 999999);
  auto rec = Post(path + "/receive", {{"barcodes", {a.barcode, stray}}}, "issuance");
  ASSERT_EQ(rec.status, 200) << rec.body;
  EXPECT_EQ(rec.json()["accepted"], false);
  EXPECT_EQ(rec.json()["register"]["status"], "rejected");
  EXPECT_EQ(rec.json()["act"]["missing"], Json::array({b.barcode}));
  EXPECT_EQ(rec.json()["act"]["extra"], Json::array({stray}));
  EXPECT_EQ(StageOf(a.id), "at_provider");
  EXPECT_EQ(StageOf(b.id), "at_provider");
  // A rejected register is not received twice.
  EXPECT_EQ(
      Post(path + "/receive", {{"barcodes", {a.barcode, b.barcode}}}, "issuance").error_code(),
      "wrong_stage");
  // The act, read back from outside.
  auto act = Get(
      "/api/v1/acts/" + std::to_string(rec.json()["act"]["id"].get<int64_t>()) + "/act.pdf?lang=ru",
      "issuance");
  ASSERT_EQ(act.status, 200) << act.body;
  Readback rb = ReadBack(act.body);
  EXPECT_GE(Scanned(rb.code128, results.json()["barcode"]), 1) << rb.text;
  EXPECT_TRUE(Has(rb.text, b.barcode)) << rb.text;
  EXPECT_TRUE(Has(rb.text, stray)) << rb.text;

  // The provider sends them again; this time everything is there: both refusals reach the
  // center and each applicant is told (R24).
  auto again = Results({a.barcode, b.barcode}, "refusal");
  ASSERT_EQ(again.status, 201) << again.body;
  auto ok =
      Post("/api/v1/registers/" + std::to_string(again.json()["id"].get<int64_t>()) + "/receive",
           {{"barcodes", {b.barcode, a.barcode}}}, "issuance");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["accepted"], true);
  EXPECT_EQ(StageOf(a.id), "refusal_at_center");
  EXPECT_EQ(Count("SELECT count(*) FROM outbox WHERE purpose = 'provider_refused'"), 2);
}

TEST_F(MovementTest, WrongMovesAreRefusedAndChangeNothing) {
  Accepted a = Accept();
  int64_t events = Count("SELECT count(*) FROM application_events");
  // Results of a package the provider does not hold.
  auto early = Results({a.barcode});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_code(), "wrong_stage");
  EXPECT_EQ(Count("SELECT count(*) FROM registers"), 0);
  // A scan in the wrong stage names the current one.
  auto wrong = Scan(a.barcode, "to_issuance", "issuance", "A-01");
  EXPECT_EQ(wrong.status, 409);
  EXPECT_EQ(wrong.json()["error"]["details"]["stage"], "accepted");
  // A misread digit.
  std::string misread = a.barcode;
  misread[5] = misread[5] == '0' ? '1' : '0';
  EXPECT_EQ(Scan(misread, "collect", "collection").error_code(), "barcode_misread");
  // An unknown register.
  EXPECT_EQ(
      Scan(domain::MakeBarcode(domain::BarcodeKind::kRegister, 4242), "dispatch", "courier").status,
      404);
  // A bad shelf, a bad method, a courier that is not one.
  EXPECT_EQ(Scan(a.barcode, "to_issuance", "issuance", "A 01").error_code(), "invalid_field");
  ToProvider(a);  // moves it; counts from here
  events = Count("SELECT count(*) FROM application_events");
  Accepted b = Accept();
  ASSERT_EQ(Scan(b.barcode, "collect", "collection").status, 201);
  auto reg =
      Post("/api/v1/registers", {{"branch_id", branch_id_}, {"provider_code", "MP"}}, "collection");
  ASSERT_EQ(reg.status, 201);
  const std::string path = "/api/v1/registers/" + std::to_string(reg.json()["id"].get<int64_t>());
  EXPECT_EQ(Post(path + "/dispatch", {{"method", "pigeon"}}, "collection").error_code(),
            "invalid_field");
  EXPECT_EQ(Post(path + "/dispatch", {{"method", "courier"}}, "collection").error_code(),
            "missing_field");
  EXPECT_EQ(Post(path + "/dispatch", {{"method", "courier"}, {"courier_id", 1}}, "collection")
                .error_code(),
            "courier_unknown");
  EXPECT_EQ(StageOf(b.id), "registered");
  auto post = Post(path + "/dispatch", {{"method", "post"}}, "collection");
  ASSERT_EQ(post.status, 200) << post.body;
  EXPECT_EQ(post.json()["register"]["method"], "post");
  EXPECT_EQ(StageOf(b.id), "dispatched");
  EXPECT_GT(Count("SELECT count(*) FROM application_events"), events);
}

TEST_F(MovementTest, ProviderOfficersSeeOnlyTheirProviderR36) {
  Accepted a = Accept();
  Json reg = ToProvider(a);
  // An officer of another provider.
  auto created = Post("/api/v1/employees",
                      {{"login", "other.provider"},
                       {"password", "Other-provider-1"},
                       {"surname", "Басқа"},
                       {"name", "Офицер"},
                       {"position", "Специалист"},
                       {"roles", {"provider_officer"}},
                       {"provider_code", "MVD"}},
                      "admin");
  ASSERT_EQ(created.status, 201) << created.body;
  Client c(port_);
  std::string other = LoginToken(port_, "other.provider", "Other-provider-1");
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(c.Get("/api/v1/registers/" + std::to_string(reg["id"].get<int64_t>()), other).status,
            404);
  EXPECT_EQ(c.Get("/api/v1/registers", other).json()["items"].size(), 0u);
  EXPECT_EQ(Get("/api/v1/registers", "provider").json()["items"].size(), 1u);
  auto results =
      c.Post("/api/v1/provider/results",
             Json{{"branch_id", branch_id_},
                  {"items", {{{"barcode", a.barcode}, {"outcome", "result"}, {"form", "paper"}}}}}
                 .dump(),
             other);
  EXPECT_EQ(results.status, 404) << results.body;
  EXPECT_EQ(StageOf(a.id), "at_provider");
}

TEST_F(MovementTest, DispatchRoundsAndMissedDispatchesR33) {
  auto one = Put(Branch() + "/dispatch-rounds", {{"rounds", {"12:00"}}}, "manager");
  EXPECT_EQ(one.status, 422);
  EXPECT_EQ(one.error_code(), "too_few_rounds");
  EXPECT_EQ(
      Put(Branch() + "/dispatch-rounds", {{"rounds", {"12:00", "25:00"}}}, "manager").error_code(),
      "invalid_field");
  EXPECT_EQ(Get(Branch() + "/dispatch-rounds", "manager").json()["rounds"],
            Json::array({"11:00", "16:00"}));
  auto set = Put(Branch() + "/dispatch-rounds", {{"rounds", {"17:30", "12:00"}}}, "manager");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["rounds"], Json::array({"12:00", "17:30"}));

  // Accepted at 10:00, before the last round: not dispatched that day is a violation.
  Accepted a = Accept();
  Accepted b = Accept();
  auto missed = Get(Branch() + "/missed-dispatches?date=2026-11-24", "manager").json()["items"];
  EXPECT_EQ(missed.size(), 2u);
  ASSERT_EQ(Scan(a.barcode, "collect", "collection").status, 201);
  auto reg =
      Post("/api/v1/registers", {{"branch_id", branch_id_}, {"provider_code", "MP"}}, "collection");
  ASSERT_EQ(reg.status, 201);
  ASSERT_EQ(Scan(reg.json()["barcode"], "dispatch", "courier").status, 201);
  missed = Get(Branch() + "/missed-dispatches?date=2026-11-24", "manager").json()["items"];
  ASSERT_EQ(missed.size(), 1u);
  EXPECT_EQ(missed[0]["barcode"], b.barcode);
  EXPECT_EQ(Get(Branch() + "/missed-dispatches?date=24.11.2026", "manager").error_code(),
            "invalid_field");
}

TEST_F(MovementTest, LateResultsAreFlaggedAndListedR34) {
  Accepted a = Accept();
  ToProvider(a);
  std::string deadline =
      Get("/api/v1/applications/" + std::to_string(a.id), "manager").json()["provider_deadline"];
  auto soon = Get(Branch() + "/deadlines", "manager").json();
  EXPECT_EQ(soon["late"].size(), 0u);
  // Past the provider's deadline, the result still with the provider.
  AdvanceDays(30);
  auto late = Get(Branch() + "/deadlines", "manager").json();
  ASSERT_EQ(late["late"].size(), 1u) << late.dump();
  EXPECT_EQ(late["late"][0]["reason"], "provider_late");
  EXPECT_EQ(late["late"][0]["provider_deadline"], deadline);
  auto results = Results({a.barcode});
  ASSERT_EQ(results.status, 201);
  auto rec =
      Post("/api/v1/registers/" + std::to_string(results.json()["id"].get<int64_t>()) + "/receive",
           {{"barcodes", {a.barcode}}}, "issuance");
  ASSERT_EQ(rec.status, 200) << rec.body;
  EXPECT_EQ(rec.json()["late"], 1);
  EXPECT_EQ(rec.json()["register"]["lines"][0]["late"], true);
}

TEST_F(MovementTest, UnclaimedResultsGoBackAfterTheirTermR25) {
  Accepted a = Accept();
  ToShelf(a);
  // Not yet: a manual return before the term is refused.
  auto early = Scan(a.barcode, "return_unclaimed", "issuance");
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(early.error_code(), "storage_term_running");
  // The manager sees it among those expiring within the week, a few days before.
  std::string keep_until = Get(Branch() + "/shelf", "manager").json()["items"][0]["keep_until"];
  EXPECT_EQ(Get(Branch() + "/storage?expiring_within_days=7", "manager").json()["items"].size(),
            0u);
  auto today = LocalDate::Parse("2026-11-24");
  int days_to_term =
      static_cast<int>(LocalDate::Parse(keep_until)->DaysSinceEpoch() - today->DaysSinceEpoch());
  AdvanceDays(days_to_term - 3);
  EXPECT_EQ(Get(Branch() + "/storage?expiring_within_days=7", "manager").json()["items"].size(),
            1u);
  EXPECT_EQ(StageOf(a.id), "at_issuance");
  // The day after the term the daily job sends it back on an unclaimed-return register.
  AdvanceDays(4);
  std::string stage;
  for (int i = 0; i < 100 && (stage = StageOf(a.id)) != "returned_unclaimed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(stage, "returned_unclaimed");
  auto regs = Get("/api/v1/registers?kind=unclaimed_return", "collection").json()["items"];
  ASSERT_EQ(regs.size(), 1u);
  EXPECT_EQ(regs[0]["line_count"], 1);
  EXPECT_EQ(Count("SELECT count(*) FROM outbox WHERE purpose = 'returned_unclaimed'"), 1);
}

TEST_F(MovementTest, AStackOfScansHasAnOutcomePerBarcodeR22) {
  Accepted a = Accept();
  Accepted b = Accept();
  Accepted c = Accept();
  ASSERT_EQ(Scan(c.barcode, "collect", "collection").status, 201);
  std::string misread = a.barcode;
  misread[3] = misread[3] == '0' ? '1' : '0';
  const std::string reg = domain::MakeBarcode(domain::BarcodeKind::kRegister, 1);
  auto r =
      Post("/api/v1/scans/batch",
           {{"action", "collect"}, {"barcodes", {a.barcode, misread, c.barcode, b.barcode, reg}}},
           "collection");
  ASSERT_EQ(r.status, 200) << r.body;
  Json items = r.json()["items"];
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0]["status"], 201);
  EXPECT_EQ(items[0]["stage"], "collected");
  EXPECT_EQ(items[1]["error"]["code"], "barcode_misread");
  EXPECT_EQ(items[2]["status"], 200);  // already collected: harmless
  EXPECT_EQ(items[2]["repeated"], true);
  EXPECT_EQ(items[3]["status"], 201);
  EXPECT_EQ(items[4]["error"]["code"], "register_not_in_batch");
  EXPECT_EQ(r.json()["moved"], 2);
  EXPECT_EQ(StageOf(a.id), "collected");
  EXPECT_EQ(StageOf(b.id), "collected");
  // The wrong stage for one leaves the rest moved and names where it is.
  auto next =
      Post("/api/v1/scans/batch",
           {{"action", "to_issuance"}, {"shelf", "B-2"}, {"barcodes", {a.barcode}}}, "issuance");
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.json()["items"][0]["error"]["code"], "wrong_stage");
  EXPECT_EQ(next.json()["items"][0]["stage"], "collected");
  // Limits and sectors apply to the whole stack.
  EXPECT_EQ(Post("/api/v1/scans/batch", {{"action", "collect"}, {"barcodes", Json::array()}},
                 "collection")
                .error_code(),
            "invalid_field");
  EXPECT_EQ(
      Post("/api/v1/scans/batch", {{"action", "collect"}, {"barcodes", {a.barcode}}}, "issuance")
          .status,
      403);
}

}  // namespace
}  // namespace tereze::testing
