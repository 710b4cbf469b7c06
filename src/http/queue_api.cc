#include "http/queue_api.h"

#include "app/consultations.h"
#include "app/queue.h"
#include "app/receipts.h"
#include "core/instant.h"
#include "docs/name_plate_pdf.h"
#include "docs/surveillance_sign_pdf.h"
#include "docs/ticket_pdf.h"
#include "domain/call_text.h"
#include "http/json.h"
#include "store/accounts.h"
#include "store/branches.h"
#include "store/tickets.h"
#include "voice/speech.h"

namespace tereze::http {

namespace {

using domain::Bit;
using domain::Role;

auto ReplyTicket(const Reply& reply, unsigned ok_status = 200) {
  return [reply, ok_status](const Status& st, const app::TicketView& v) {
    if (!st.ok()) {
      Json details = nullptr;
      if (st.code() == "wrong_state" && v.ticket.id != 0) {
        details = {{"state", domain::ToString(v.ticket.state)}};
      }
      return reply(ErrorResponse(st, details));
    }
    reply(JsonResponse(ok_status, TicketJson(v)));
  };
}

// GET /api/v1/audio/calls/{A015-5-kk.wav}: the call spoken by espeak-ng, cached.
void CallAudio(app::App& app, Request& req, const Reply& reply) {
  const std::string& name = req.params[0];
  // "<letters+digits>-<window>-<kk|ru>.wav", nothing else.
  size_t a = name.find('-'), b = name.find('-', a == std::string::npos ? 0 : a + 1);
  bool ok = a != std::string::npos && b != std::string::npos && name.size() == b + 7 &&
            name.compare(b + 3, 4, ".wav") == 0 && a >= 2 && a <= 6 && b - a - 1 >= 1 &&
            b - a - 1 <= 3;
  std::string label = ok ? name.substr(0, a) : "", lang = ok ? name.substr(b + 1, 2) : "";
  int window = 0;
  for (size_t i = a + 1; ok && i < b; ++i) {
    ok = std::isdigit(static_cast<unsigned char>(name[i])) != 0;
    window = window * 10 + (name[i] - '0');
  }
  for (size_t i = 0; ok && i < label.size(); ++i) {
    ok = std::isalnum(static_cast<unsigned char>(label[i])) != 0;
  }
  if (!ok || (lang != "kk" && lang != "ru") || window < 1) {
    return reply(ErrorResponse(Status::NotFound("not_found", "no such call sound")));
  }
  if (!app.speech()) {
    return reply(ErrorResponse(Status::Unavailable("speech_unavailable", "no speech here")));
  }
  // espeak-ng takes tens of milliseconds: not on an I/O thread.
  req.run_blocking([&app, reply, lang, text = domain::CallText(lang, label, window)] {
    std::string wav;
    if (Status s = app.speech()->Wav(lang, text, &wav); !s.ok()) return reply(ErrorResponse(s));
    Response r;
    r.body = std::move(wav);
    r.content_type = "audio/wav";
    r.headers.emplace_back("Cache-Control", "public, max-age=86400");
    reply(std::move(r));
  });
}

// GET /api/v1/tickets/{id}/ticket.pdf?token=: the kiosk's printout (80 mm).
void TicketPdf(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  std::string token = req.query.count("token") ? req.query.at("token") : "";
  app::TicketView v;
  if (Status s = app.queue().GetTicket(id, token, &v); !s.ok()) return reply(ErrorResponse(s));
  docs::TicketData d;
  d.lang = v.ticket.lang;
  d.number = v.label;
  d.queue_name = d.lang == "kk" ? v.queue_name_kk : v.queue_name_ru;
  d.center_name = d.lang == "kk" ? v.center_name_kk : v.center_name_ru;
  if (Status s = app::FormatLocalDateTime(v.time_zone, v.ticket.arrived_ms, &d.issued_at);
      !s.ok()) {
    return reply(ErrorResponse(s));
  }
  if (v.position >= 0) {
    d.ahead = v.position;
    d.estimated_wait_min = static_cast<int>((v.estimated_wait_ms + 59999) / 60000);
  }
  d.tracking_url = app.public_url() + "/#/ticket/" + std::to_string(id) + "?token=" + token;
  std::string pdf;
  if (Status s = docs::RenderTicketPdf(d, &pdf); !s.ok()) return reply(ErrorResponse(s));
  reply(PdfResponse(std::move(pdf), "ticket-" + v.label + ".pdf"));
}

// GET /api/v1/windows/{id}/nameplate.pdf (R8): the plate of the employee seated there.
void NamePlate(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  docs::NamePlateData d;
  Status s = app.db().Read([&](store::Connection& db) {
    std::vector<domain::Window> windows;
    domain::Branch branch;
    Status st = store::FindBranch(db, req.who->employee.branch_id, &branch);
    if (st.ok()) st = store::ListWindows(db, branch.id, &windows);
    if (!st.ok()) return st;
    for (const auto& w : windows) {
      if (w.id != id) continue;
      if (w.employee_id == 0) {
        return Status::Refused("window_unstaffed", "nobody is seated at this window");
      }
      store::EmployeeRow e;
      if (st = store::FindEmployeeById(db, w.employee_id, &e); !st.ok()) return st;
      d.window_number = std::to_string(w.number);
      d.surname = e.employee.surname;
      d.name = e.employee.name;
      d.patronymic = e.employee.patronymic;
      // Without a Kazakh position on record the plate repeats the Russian one.
      d.position_kk = e.employee.position_kk.empty() ? e.employee.position : e.employee.position_kk;
      d.position_ru = e.employee.position;
      d.center_name_kk = branch.name_kk;
      d.center_name_ru = branch.name_ru;
      return Status::Ok();
    }
    return Status::NotFound("window_not_found", "no such window in your branch");
  });
  std::string pdf;
  if (s.ok()) s = docs::RenderNamePlatePdf(d, &pdf);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(PdfResponse(std::move(pdf), "nameplate-" + d.window_number + ".pdf"));
}

// GET /api/v1/branches/{id}/surveillance-sign.pdf (R13): only where there is surveillance.
void SurveillanceSign(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  if (!req.who->employee.CanActInBranch(id)) {
    return reply(ErrorResponse(Status::Forbidden("this is another branch")));
  }
  domain::Branch branch;
  Status s =
      app.db().Read([&](store::Connection& db) { return store::FindBranch(db, id, &branch); });
  if (s.ok() && !branch.video_surveillance) {
    s = Status::Refused("no_surveillance", "the branch has no video surveillance (R13)");
  }
  std::string pdf;
  if (s.ok()) s = docs::RenderSurveillanceSignPdf(branch.name_kk, branch.name_ru, &pdf);
  if (!s.ok()) return reply(ErrorResponse(s));
  reply(PdfResponse(std::move(pdf), "surveillance-" + branch.code + ".pdf"));
}

void ListQueues(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  if (Status s = ParseId(req.params[0], &branch_id); !s.ok()) return reply(ErrorResponse(s));
  std::vector<store::QueueRow> rows;
  Status s =
      app.db().Read([&](store::Connection& db) { return store::ListQueues(db, branch_id, &rows); });
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& q : rows) {
    items.push_back(
        {{"code", q.code}, {"kind", q.kind}, {"name", {{"kk", q.name_kk}, {"ru", q.name_ru}}}});
  }
  reply(JsonResponse(200, {{"items", items}}));
}

void TakeTicket(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Status s = ParseId(req.params[0], &branch_id);
  Json body;
  std::optional<std::string> queue, lang, priority, phone;
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"queue", "lang", "priority", "phone"});
  if (s.ok()) s = GetString(body, "queue", &queue);
  if (s.ok()) s = GetString(body, "lang", &lang);
  if (s.ok()) s = GetString(body, "priority", &priority);
  if (s.ok()) s = GetString(body, "phone", &phone);
  if (s.ok() && (!queue || !lang))
    s = Status::Malformed("missing_field", "queue and lang are required");
  if (!s.ok()) return reply(ErrorResponse(s));
  app::TicketRequest r{*queue, *lang, priority.value_or("none"), phone.value_or("")};
  app.queue().TakeTicket(branch_id, req.client_ip, std::move(r), ReplyTicket(reply, 201));
}

void GetTicket(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  if (Status s = ParseId(req.params[0], &id); !s.ok()) return reply(ErrorResponse(s));
  std::string token = req.query.count("token") ? req.query.at("token") : "";
  app::TicketView v;
  if (Status s = app.queue().GetTicket(id, token, &v); !s.ok()) return reply(ErrorResponse(s));
  reply(JsonResponse(200, TicketJson(v)));
}

void CallNext(app::App& app, Request& req, const Reply& reply) {
  int64_t window_id = 0;
  if (Status s = ParseId(req.params[0], &window_id); !s.ok()) return reply(ErrorResponse(s));
  app.queue().CallNext(*req.who, window_id, ReplyTicket(reply));
}

void CallTicket(app::App& app, Request& req, const Reply& reply) {
  int64_t window_id = 0;
  Status s = ParseId(req.params[0], &window_id);
  Json body;
  std::optional<int64_t> ticket_id;
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"ticket_id"});
  if (s.ok()) s = GetInt(body, "ticket_id", &ticket_id);
  if (s.ok() && !ticket_id) s = Status::Malformed("missing_field", "ticket_id is required");
  if (!s.ok()) return reply(ErrorResponse(s));
  app.queue().CallTicket(*req.who, window_id, *ticket_id, ReplyTicket(reply));
}

// POST /api/v1/windows/{id}/walk-in {"queue", "lang"}: served at once, without a ticket.
void WalkIn(app::App& app, Request& req, const Reply& reply) {
  int64_t window_id = 0;
  Status s = ParseId(req.params[0], &window_id);
  Json body;
  std::optional<std::string> queue, lang;
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"queue", "lang"});
  if (s.ok()) s = GetString(body, "queue", &queue);
  if (s.ok()) s = GetString(body, "lang", &lang);
  if (s.ok() && (!queue || !lang))
    s = Status::Malformed("missing_field", "queue and lang are required");
  if (!s.ok()) return reply(ErrorResponse(s));
  app.queue().WalkIn(*req.who, window_id, *queue, *lang, ReplyTicket(reply));
}

void Current(app::App& app, Request& req, const Reply& reply) {
  int64_t window_id = 0;
  if (Status s = ParseId(req.params[0], &window_id); !s.ok()) return reply(ErrorResponse(s));
  app::TicketView v;
  bool found = false;
  if (Status s = app.queue().Current(*req.who, window_id, &v, &found); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  reply(JsonResponse(200, {{"ticket", found ? TicketJson(v) : Json(nullptr)}}));
}

// POST /api/v1/tickets/{id}/{action}: the counter's buttons.
void Act(app::App& app, Request& req, const Reply& reply, app::CounterAction action,
         const char* field) {
  int64_t id = 0;
  Status s = ParseId(req.params[0], &id);
  Json body;
  std::optional<std::string> text;
  std::optional<int64_t> number;
  if (s.ok()) s = ParseObject(req.body.empty() ? "{}" : req.body, &body);
  if (s.ok() && field == nullptr) s = RejectUnknownFields(body, {});
  if (s.ok() && field != nullptr) {
    s = RejectUnknownFields(body, {field});
    if (s.ok() && std::string(field) == "window_id") {
      s = GetInt(body, field, &number);
      if (number) text = std::to_string(*number);
    } else if (s.ok()) {
      s = GetString(body, field, &text);
    }
    if (s.ok() && !text)
      s = Status::Malformed("missing_field", std::string(field) + " is required");
  }
  if (!s.ok()) return reply(ErrorResponse(s));
  app.queue().Act(*req.who, id, action, text.value_or(""), ReplyTicket(reply));
}

Json ConsultationJson(const store::Consultation& c) {
  return {{"id", c.id},
          {"ticket_id", c.ticket_id},
          {"window_id", c.window_id},
          {"employee_id", c.employee_id},
          {"service_code", c.service_code},
          {"outcome", c.outcome},
          {"note", c.note},
          {"at", FormatInstantUtc(c.at_ms)}};
}

// POST /api/v1/tickets/{id}/consultations {service_code, outcome, note?} (R14, R20).
void RecordConsultation(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  Status s = ParseId(req.params[0], &id);
  Json body;
  std::optional<std::string> service, outcome, note;
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"service_code", "outcome", "note"});
  if (s.ok()) s = GetString(body, "service_code", &service);
  if (s.ok()) s = GetString(body, "outcome", &outcome);
  if (s.ok()) s = GetString(body, "note", &note);
  if (s.ok() && !service) s = Status::Malformed("missing_field", "service_code is required");
  if (s.ok() && !outcome) s = Status::Malformed("missing_field", "outcome is required");
  if (!s.ok()) return reply(ErrorResponse(s));
  store::Consultation c;
  c.service_code = *service;
  c.outcome = *outcome;
  c.note = note.value_or("");
  app::RecordConsultation(app, *req.who, id, std::move(c),
                          [reply](const Status& st, const store::Consultation& done) {
                            if (!st.ok()) return reply(ErrorResponse(st));
                            reply(JsonResponse(201, ConsultationJson(done)));
                          });
}

// GET /api/v1/tickets/{id}/consultations
void ListConsultations(app::App& app, Request& req, const Reply& reply) {
  int64_t id = 0;
  std::vector<store::Consultation> list;
  Status s = ParseId(req.params[0], &id);
  if (s.ok()) s = app::ListConsultations(app, *req.who, id, &list);
  if (!s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& c : list) items.push_back(ConsultationJson(c));
  reply(JsonResponse(200, {{"items", items}}));
}

void Live(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  if (Status s = ParseId(req.params[0], &branch_id); !s.ok()) return reply(ErrorResponse(s));
  app::LiveQueue live;
  if (Status s = app.queue().Live(*req.who, branch_id, &live); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  Json waiting = Json::array(), serving = Json::array(), windows = Json::array();
  for (const auto& v : live.waiting) waiting.push_back(TicketJson(v));
  for (const auto& v : live.serving) serving.push_back(TicketJson(v));
  for (const auto& w : live.windows) {
    windows.push_back({{"id", w.id},
                       {"number", w.number},
                       {"kind", w.kind},
                       {"employee_id", w.employee_id == 0 ? Json(nullptr) : Json(w.employee_id)},
                       {"ticket_id", w.ticket_id == 0 ? Json(nullptr) : Json(w.ticket_id)}});
  }
  Json alerts = Json::array(), parked = Json::array();
  for (const auto& v : live.alerts) alerts.push_back(TicketJson(v));
  for (const auto& v : live.parked) parked.push_back(TicketJson(v));
  reply(JsonResponse(200, {{"waiting", waiting},
                           {"serving", serving},
                           {"parked", parked},
                           {"windows", windows},
                           {"alerts", alerts}}));
}

Json StepJson(const domain::StepTimes& s) {
  auto mean_min = [&](int64_t total) {
    return s.count == 0 ? 0.0 : static_cast<double>(total) / static_cast<double>(s.count) / 60000.0;
  };
  return {{"called", s.count},
          {"mean_wait_min", mean_min(s.wait_ms)},
          {"max_wait_min", static_cast<double>(s.max_wait_ms) / 60000.0},
          {"mean_walkup_min", mean_min(s.walkup_ms)},
          {"mean_service_min", mean_min(s.service_ms)}};
}

// GET /api/v1/branches/{id}/queue-stats?date=: waits, walk-up, service and idle times.
void Stats(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  if (Status s = ParseId(req.params[0], &branch_id); !s.ok()) return reply(ErrorResponse(s));
  auto it = req.query.find("date");
  if (it == req.query.end()) {
    return reply(ErrorResponse(Status::Malformed("missing_field", "date: YYYY-MM-DD")));
  }
  app::QueueStats st;
  if (Status s = app.queue().Stats(*req.who, branch_id, it->second, &st); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  Json employees = Json::array(), queues = Json::array(), hours = Json::array();
  for (const auto& [id, steps] : st.by_employee) {
    Json j = StepJson(steps);
    j["employee_id"] = id;
    j["idle_min"] = static_cast<double>(st.idle_ms_by_employee[id]) / 60000.0;
    employees.push_back(j);
  }
  for (const auto& [code, steps] : st.by_queue) {
    Json j = StepJson(steps);
    j["queue"] = code;
    queues.push_back(j);
  }
  for (const auto& [hour, steps] : st.by_hour) {
    Json j = StepJson(steps);
    j["hour"] = hour;
    hours.push_back(j);
  }
  Json consultations = Json::array();
  for (const auto& [key, count] : st.consultations) {
    consultations.push_back(
        {{"service_code", key.first}, {"outcome", key.second}, {"count", count}});
  }
  reply(JsonResponse(200, {{"date", it->second},
                           {"consultations", consultations},
                           {"taken", st.taken},
                           {"no_shows", st.no_shows},
                           {"by_employee", employees},
                           {"by_queue", queues},
                           {"by_hour", hours}}));
}

// GET|PUT /api/v1/branches/{id}/queue-rules
// {"thresholds":[{"queue","minutes"}],"ratio":[{"queue","count"}]}
Status ReadPairs(const Json& body, const char* field, const char* value,
                 std::vector<std::pair<std::string, int64_t>>* out) {
  auto it = body.find(field);
  if (it == body.end()) return Status::Ok();
  if (!it->is_array() || it->size() > 16) {
    return Status::Malformed("invalid_field", std::string(field) + ": an array of at most 16");
  }
  for (const auto& item : *it) {
    if (!item.is_object())
      return Status::Malformed("invalid_field", std::string(field) + ": objects");
    Status s = RejectUnknownFields(item, {"queue", value});
    std::optional<std::string> queue;
    std::optional<int64_t> n;
    if (s.ok()) s = GetString(item, "queue", &queue);
    if (s.ok()) s = GetInt(item, value, &n);
    if (s.ok() && (!queue || !n)) {
      s = Status::Malformed("missing_field", std::string(field) + "[]: queue and " + value);
    }
    if (!s.ok()) return s;
    out->emplace_back(*queue, *n);
  }
  return Status::Ok();
}

Json RulesJson(const domain::CallingRules& r) {
  Json thresholds = Json::array(), ratio = Json::array();
  for (const auto& t : r.thresholds) {
    thresholds.push_back({{"queue", t.queue}, {"minutes", t.wait_ms / 60000}});
  }
  for (const auto& x : r.ratio) ratio.push_back({{"queue", x.queue}, {"count", x.count}});
  return {{"thresholds", thresholds}, {"ratio", ratio}};
}

void GetRules(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  if (Status s = ParseId(req.params[0], &branch_id); !s.ok()) return reply(ErrorResponse(s));
  domain::CallingRules rules;
  if (Status s = app.queue().GetRules(*req.who, branch_id, &rules); !s.ok()) {
    return reply(ErrorResponse(s));
  }
  reply(JsonResponse(200, RulesJson(rules)));
}

void PutRules(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  Status s = ParseId(req.params[0], &branch_id);
  Json body;
  std::vector<std::pair<std::string, int64_t>> thresholds, ratio;
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"thresholds", "ratio"});
  if (s.ok()) s = ReadPairs(body, "thresholds", "minutes", &thresholds);
  if (s.ok()) s = ReadPairs(body, "ratio", "count", &ratio);
  if (!s.ok()) return reply(ErrorResponse(s));
  domain::CallingRules rules;
  for (const auto& [q, m] : thresholds) rules.thresholds.push_back({q, m * 60000});
  for (const auto& [q, c] : ratio) rules.ratio.push_back({q, static_cast<int>(c)});
  app.queue().SetRules(*req.who, branch_id, rules, [reply, rules](const Status& st, bool) {
    if (!st.ok()) return reply(ErrorResponse(st));
    reply(JsonResponse(200, RulesJson(rules)));
  });
}

// PUT /api/v1/windows/{id}/skills {"skills":[{"queue","weight"}]}
void PutSkills(app::App& app, Request& req, const Reply& reply) {
  int64_t window_id = 0;
  Status s = ParseId(req.params[0], &window_id);
  Json body;
  std::vector<std::pair<std::string, int64_t>> pairs;
  if (s.ok()) s = ParseObject(req.body, &body);
  if (s.ok()) s = RejectUnknownFields(body, {"skills"});
  if (s.ok() && !body.contains("skills")) s = Status::Malformed("missing_field", "skills");
  if (s.ok()) s = ReadPairs(body, "skills", "weight", &pairs);
  if (!s.ok()) return reply(ErrorResponse(s));
  std::vector<domain::WindowSkill> skills;
  for (const auto& [q, w] : pairs) skills.push_back({q, static_cast<int>(w)});
  app.queue().SetWindowSkills(*req.who, window_id, skills, [reply, pairs](const Status& st, bool) {
    if (!st.ok()) return reply(ErrorResponse(st));
    Json out = Json::array();
    for (const auto& [q, w] : pairs) {
      out.push_back({{"queue", q}, {"weight", w}});
    }
    reply(JsonResponse(200, {{"skills", out}}));
  });
}

void Board(app::App& app, Request& req, const Reply& reply) {
  int64_t branch_id = 0;
  if (Status s = ParseId(req.params[0], &branch_id); !s.ok()) return reply(ErrorResponse(s));
  std::vector<app::BoardCall> calls;
  if (Status s = app.queue().Board(branch_id, &calls); !s.ok()) return reply(ErrorResponse(s));
  Json items = Json::array();
  for (const auto& c : calls) {
    Json call = Json::parse(app::CallEventJson(c));
    call.erase("type");
    call["at"] = FormatInstantUtc(c.at_ms);
    items.push_back(std::move(call));
  }

  reply(JsonResponse(200, {{"calls", items}}));
}

}  // namespace

Json TicketJson(const app::TicketView& v) {
  const domain::Ticket& t = v.ticket;
  Json j = {{"id", t.id},
            {"number", v.label},
            {"queue", t.queue},
            {"queue_kind", v.queue_kind},
            {"queue_name", {{"kk", v.queue_name_kk}, {"ru", v.queue_name_ru}}},
            {"lang", t.lang},
            {"priority", domain::ToString(t.priority)},
            {"redirected", t.redirected},
            {"state", domain::ToString(t.state)},
            {"recalls", t.recalls},
            {"arrived_at", FormatInstantUtc(t.arrived_ms)},
            {"called_at", InstantOrNull(t.called_ms)},
            {"started_at", InstantOrNull(t.started_ms)},
            {"finished_at", InstantOrNull(t.finished_ms)},
            {"outcome", t.outcome.empty() ? Json(nullptr) : Json(t.outcome)},
            {"position", v.position < 0 ? Json(nullptr) : Json(v.position)},
            {"estimated_wait_min",
             v.position < 0 ? Json(nullptr) : Json((v.estimated_wait_ms + 59999) / 60000)},
            {"estimated_wait_s",
             v.position < 0 ? Json(nullptr) : Json((v.estimated_wait_ms + 999) / 1000)},
            {"window", nullptr}};
  if (t.window_id != 0) j["window"] = {{"id", t.window_id}, {"number", v.window_number}};
  if (!v.token.empty()) j["token"] = v.token;
  return j;
}

void AddQueueRoutes(Router& router, app::App& app) {
  constexpr domain::RoleSet kCounter =
      Bit(Role::kOperator) | Bit(Role::kIssuance) | Bit(Role::kConsultant);
  constexpr domain::RoleSet kWatchers =
      kCounter | Bit(Role::kBranchManager) | Bit(Role::kCentralOffice) | Bit(Role::kAuditor);
  auto add = [&](const char* method, const char* pattern, Access access, domain::RoleSet roles,
                 std::function<void(app::App&, Request&, const Reply&)> fn) {
    router.Add(Route{method, pattern, access, roles, false, false,
                     [&app, fn](Request& req, const Reply& reply) { fn(app, req, reply); }});
  };
  const Access pub = Access::kPublic, auth = Access::kAuthenticated;
  add("GET", "/api/v1/branches/{id}/queues", pub, 0, ListQueues);
  add("POST", "/api/v1/branches/{id}/tickets", pub, 0, TakeTicket);
  add("GET", "/api/v1/tickets/{id}", pub, 0, GetTicket);
  add("GET", "/api/v1/branches/{id}/board", pub, 0, Board);
  add("GET", "/api/v1/branches/{id}/queue", auth, kWatchers, Live);
  add("GET", "/api/v1/branches/{id}/queue-stats", auth,
      Bit(Role::kBranchManager) | Bit(Role::kCentralOffice) | Bit(Role::kAuditor), Stats);
  constexpr domain::RoleSet kSetters = Bit(Role::kBranchManager) | Bit(Role::kAdmin);
  add("GET", "/api/v1/branches/{id}/queue-rules", auth, kWatchers | kSetters, GetRules);
  add("PUT", "/api/v1/branches/{id}/queue-rules", auth, kSetters, PutRules);
  add("PUT", "/api/v1/windows/{id}/skills", auth, kSetters, PutSkills);
  add("POST", "/api/v1/windows/{id}/call-next", auth, kCounter, CallNext);
  add("POST", "/api/v1/windows/{id}/call", auth, kCounter, CallTicket);
  add("POST", "/api/v1/windows/{id}/walk-in", auth, kCounter, WalkIn);
  add("GET", "/api/v1/windows/{id}/current", auth, kCounter, Current);
  struct ActionRoute {
    const char* path;
    app::CounterAction action;
    const char* field;
  };
  for (const ActionRoute& a :
       {ActionRoute{"/api/v1/tickets/{id}/recall", app::CounterAction::kRecall, nullptr},
        {"/api/v1/tickets/{id}/no-show", app::CounterAction::kNoShow, nullptr},
        {"/api/v1/tickets/{id}/start", app::CounterAction::kStart, nullptr},
        {"/api/v1/tickets/{id}/finish", app::CounterAction::kFinish, "outcome"},
        {"/api/v1/tickets/{id}/redirect", app::CounterAction::kRedirect, "queue"},
        {"/api/v1/tickets/{id}/park", app::CounterAction::kPark, nullptr},
        {"/api/v1/tickets/{id}/resume", app::CounterAction::kResume, "window_id"}}) {
    add("POST", a.path, auth, kCounter,
        [action = a.action, field = a.field](app::App& ap, Request& r, const Reply& rep) {
          Act(ap, r, rep, action, field);
        });
  }
  add("POST", "/api/v1/tickets/{id}/consultations", auth, kCounter, RecordConsultation);
  add("GET", "/api/v1/tickets/{id}/consultations", auth, kWatchers, ListConsultations);
  add("GET", "/api/v1/audio/calls/{name}", pub, 0, CallAudio);
  add("GET", "/api/v1/tickets/{id}/ticket.pdf", pub, 0, TicketPdf);
  add("GET", "/api/v1/windows/{id}/nameplate.pdf", auth,
      Bit(Role::kBranchManager) | Bit(Role::kAdmin) | kCounter, NamePlate);
  add("GET", "/api/v1/branches/{id}/surveillance-sign.pdf", auth,
      Bit(Role::kBranchManager) | Bit(Role::kAdmin), SurveillanceSign);
  // Public boards: a WebSocket of one branch's calls (the topic "board:{id}").
  router.Add(Route{"GET", "/api/v1/branches/{id}/board/ws", Access::kPublic, 0, false,
                   /*websocket=*/true, nullptr});
}

}  // namespace tereze::http
