#include "store/applications.h"

namespace tereze::store {

namespace {

constexpr char kColumns[] =
    "id, status, stage, branch_id, window_id, employee_id, ticket_id, service_code, provider_code, "
    "catalog_version_id, lang, electronic, applicant_iin, applicant_surname, applicant_name, "
    "applicant_patronymic, applicant_phone, applicant_doc_type, applicant_doc_number, "
    "applicant_doc_valid_until, rep_iin, rep_surname, rep_name, rep_patronymic, rep_phone, "
    "rep_doc_type, rep_doc_number, rep_doc_valid_until, poa_number, poa_issued_on, "
    "poa_valid_until, poa_issuer, form_complete, first_time, fee_tiyn, price_tiyn, "
    "accepted_at_ms, accepted_on, issue_date, provider_deadline, request_sha256, request_text, "
    "request_cms";

Value Text(const std::string& s) { return s; }
Value OptionalDate(const std::optional<LocalDate>& d) { return d ? Value{d->ToString()} : Value{}; }
Value Flag(bool b) { return int64_t{b ? 1 : 0}; }

LocalDate DateOf(const Row& r, size_t i) {
  return LocalDate::Parse(r.text(i)).value_or(LocalDate());
}

domain::Application FromRow(const Row& r) {
  domain::Application a;
  a.id = r.integer(0);
  a.status = r.text(1) == "refused" ? domain::ApplicationStatus::kRefused
                                    : domain::ApplicationStatus::kAccepted;
  a.stage = r.text(2);
  a.branch_id = r.integer(3);
  a.window_id = r.integer(4);
  a.employee_id = r.integer(5);
  a.ticket_id = r.integer(6);
  a.service_code = r.text(7);
  a.provider_code = r.text(8);
  a.catalog_version_id = r.integer(9);
  a.lang = r.text(10);
  a.electronic = r.integer(11) != 0;
  a.applicant = {r.text(12), r.text(13), r.text(14), r.text(15), r.text(16), std::nullopt};
  if (!r.is_null(17)) a.applicant.id_document = {r.text(17), r.text(18), DateOf(r, 19)};
  if (!r.is_null(20)) {
    domain::Representative rep;
    rep.person = {r.text(20), r.text(21), r.text(22), r.text(23), r.text(24), std::nullopt};
    if (!r.is_null(25)) rep.person.id_document = {r.text(25), r.text(26), DateOf(r, 27)};
    if (!r.is_null(28)) {
      rep.power_of_attorney = {r.text(28), DateOf(r, 29), DateOf(r, 30), r.text(31)};
    }
    a.representative = rep;
  }
  a.form_complete = r.integer(32) != 0;
  a.first_time = r.integer(33) != 0;
  a.fee_tiyn = r.integer(34);
  a.price_tiyn = r.integer(35);
  a.accepted_at_ms = r.integer(36);
  a.accepted_on = DateOf(r, 37);
  if (!r.is_null(38)) a.issue_date = DateOf(r, 38);
  if (!r.is_null(39)) a.provider_deadline = DateOf(r, 39);
  a.request_sha256 = r.text(40);
  a.request_text = r.text(41);
  a.request_cms = r.text(42);
  return a;
}

// "($1, $2, $3), ($4, $5, $6)" for `rows` rows of `columns` columns.
std::string Placeholders(size_t rows, size_t columns) {
  std::string out;
  int n = 0;
  for (size_t r = 0; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (size_t c = 0; c < columns; ++c) out += (c ? ", $" : "$") + std::to_string(++n);
    out += ")";
  }
  return out;
}

Status InsertChildren(Connection& db, const domain::Application& a) {
  std::vector<Value> params;
  size_t position = 0;
  for (const auto& d : a.documents) {
    params.insert(params.end(), {a.id, int64_t(position++), d.code, Text(domain::ToString(d.kind)),
                                 int64_t{d.pages}});
  }
  for (const auto& code : a.missing) {
    params.insert(params.end(), {a.id, int64_t(position++), code, Text("missing"), int64_t{0}});
  }
  if (position > 0) {
    Status s = db.Execute(
        "INSERT INTO application_documents (application_id, position, code, "
        "kind, pages) VALUES " +
            Placeholders(position, 5),
        params, nullptr);
    if (!s.ok()) return s;
  }
  params.clear();
  position = 0;
  for (const auto& p : a.payments) {
    params.insert(params.end(), {a.id, int64_t(position++), p.code, p.reference, p.amount_tiyn});
  }
  if (position > 0) {
    Status s = db.Execute(
        "INSERT INTO application_payments (application_id, position, code, "
        "reference, amount_tiyn) VALUES " +
            Placeholders(position, 5),
        params, nullptr);
    if (!s.ok()) return s;
  }
  params.clear();
  position = 0;
  for (const auto& c : a.consents) {
    params.insert(params.end(),
                  {a.id, int64_t(position++), Text(domain::ToString(c.kind)), c.reference});
  }
  if (position > 0) {
    return db.Execute(
        "INSERT INTO application_consents (application_id, position, kind, "
        "reference) VALUES " +
            Placeholders(position, 4),
        params, nullptr);
  }
  return Status::Ok();
}

Status LoadChildren(Connection& db, domain::Application* a) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT code, kind, pages FROM application_documents WHERE application_id = $1 "
      "ORDER BY position",
      {a->id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    if (r.text(1) == "missing") {
      a->missing.push_back(r.text(0));
      continue;
    }
    domain::DocumentKind kind =
        r.text(1) == "state_system"
            ? domain::DocumentKind::kStateSystem
            : domain::ParseDocumentKind(r.text(1)).value_or(domain::DocumentKind::kOriginal);
    a->documents.push_back({r.text(0), kind, static_cast<int>(r.integer(2))});
  }
  rows.clear();
  s = db.Execute(
      "SELECT code, reference, amount_tiyn FROM application_payments WHERE application_id = $1 "
      "ORDER BY position",
      {a->id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) a->payments.push_back({r.text(0), r.text(1), r.integer(2)});
  rows.clear();
  s = db.Execute(
      "SELECT kind, reference FROM application_consents WHERE application_id = $1 "
      "ORDER BY position",
      {a->id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    a->consents.push_back(
        {domain::ParseConsentKind(r.text(0)).value_or(domain::ConsentKind::kWritten), r.text(1)});
  }
  return Status::Ok();
}

}  // namespace

Status InsertApplication(Connection& db, domain::Application* a,
                         const domain::ApplicationEvent& e) {
  const domain::Person& p = a->applicant;
  const domain::Person* rep = a->representative ? &a->representative->person : nullptr;
  const domain::PowerOfAttorney* poa = a->representative && a->representative->power_of_attorney
                                           ? &*a->representative->power_of_attorney
                                           : nullptr;
  auto doc = [](const domain::Person* person, int field) -> Value {
    if (!person || !person->id_document) return Value{};
    const auto& d = *person->id_document;
    return field == 0   ? Value{d.type}
           : field == 1 ? Value{d.number}
                        : Value{d.valid_until.ToString()};
  };
  std::vector<Value> params = {
      Text(a->refused() ? "refused" : "accepted"),
      a->stage,
      a->branch_id,
      NullIfZero(a->window_id),
      a->employee_id,
      NullIfZero(a->ticket_id),
      a->service_code,
      a->provider_code,
      a->catalog_version_id,
      a->lang,
      Flag(a->electronic),
      p.iin,
      p.surname,
      p.name,
      p.patronymic,
      p.phone,
      doc(&p, 0),
      doc(&p, 1),
      doc(&p, 2),
      rep ? Value{rep->iin} : Value{},
      rep ? Value{rep->surname} : Value{},
      rep ? Value{rep->name} : Value{},
      rep ? Value{rep->patronymic} : Value{},
      rep ? Value{rep->phone} : Value{},
      doc(rep, 0),
      doc(rep, 1),
      doc(rep, 2),
      poa ? Value{poa->number} : Value{},
      poa ? Value{poa->issued_on.ToString()} : Value{},
      poa ? Value{poa->valid_until.ToString()} : Value{},
      poa ? Value{poa->issuer} : Value{},
      Flag(a->form_complete),
      Flag(a->first_time),
      a->fee_tiyn,
      a->price_tiyn,
      a->accepted_at_ms,
      a->accepted_on.ToString(),
      OptionalDate(a->issue_date),
      OptionalDate(a->provider_deadline),
      a->request_sha256.empty() ? Value{} : Value{a->request_sha256},
      a->request_text.empty() ? Value{} : Value{a->request_text},
      a->request_cms.empty() ? Value{} : Value{a->request_cms},
  };
  std::string columns = kColumns;
  columns = columns.substr(columns.find(',') + 2);  // all but id
  std::vector<Row> rows;
  Status s = db.Execute("INSERT INTO applications (" + columns + ") VALUES " +
                            Placeholders(1, params.size()) + " RETURNING id",
                        params, &rows);
  if (!s.ok()) return s;
  a->id = rows.at(0).integer(0);
  if (s = InsertChildren(db, *a); !s.ok()) return s;
  domain::ApplicationEvent event = e;
  event.application_id = a->id;
  int64_t event_id = 0;
  return InsertEvent(db, event, &event_id);
}

Status FindApplication(Connection& db, int64_t id, domain::Application* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kColumns + " FROM applications WHERE id = $1",
                        {id}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("application_not_found", "no such application");
  *out = FromRow(rows[0]);
  return LoadChildren(db, out);
}

Status ListApplications(Connection& db, const ApplicationFilter& f,
                        std::vector<domain::Application>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(std::string("SELECT ") + kColumns +
                            " FROM applications WHERE ($1 = 0 OR id < $1) "
                            "AND ($2 = 0 OR branch_id = $2) AND ($3 = '' OR status = $3) "
                            "AND ($4 = '' OR applicant_iin = $4) ORDER BY id DESC LIMIT $5",
                        {f.after_id, f.branch_id, f.status, f.iin, int64_t{f.limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) out->push_back(FromRow(r));
  return Status::Ok();
}

Status FindApplicationPlace(Connection& db, int64_t id, ApplicationPlace* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, status, stage, branch_id, provider_code FROM applications WHERE id = $1", {id},
      &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::NotFound("application_not_found", "no such application");
  const Row& r = rows[0];
  *out = {r.integer(0), r.text(1) == "refused", r.text(2), r.integer(3), r.text(4)};
  return Status::Ok();
}

Status ListUncollected(Connection& db, int64_t branch_id, const std::string& last_day, int limit,
                       std::vector<ApplicationPlace>* out, std::vector<int64_t>* accepted_at_ms) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, status, stage, branch_id, provider_code, accepted_at_ms FROM applications "
      "WHERE branch_id = $1 AND status = 'accepted' AND stage = 'accepted' "
      "AND accepted_on <= $2 ORDER BY id LIMIT $3",
      {branch_id, last_day, int64_t{limit}}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back({r.integer(0), false, r.text(2), r.integer(3), r.text(4)});
    accepted_at_ms->push_back(r.integer(5));
  }
  return Status::Ok();
}

Status UpdateApplicationStage(Connection& db, int64_t id, const std::string& from,
                              const std::string& to) {
  std::vector<Row> rows;
  Status s =
      db.Execute("UPDATE applications SET stage = $3 WHERE id = $1 AND stage = $2 RETURNING id",
                 {id, from, to}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::Conflict("wrong_stage", "the package moved meanwhile");
  return Status::Ok();
}

Status InsertEvent(Connection& db, const domain::ApplicationEvent& e, int64_t* id_out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "INSERT INTO application_events (application_id, kind, stage, at_ms, employee_id, "
      "branch_id, window_id, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {e.application_id, e.kind, e.stage, e.at_ms, NullIfZero(e.employee_id),
       NullIfZero(e.branch_id), NullIfZero(e.window_id), e.note},
      &rows);
  if (!s.ok()) return s;
  *id_out = rows.at(0).integer(0);
  return Status::Ok();
}

Status ListEvents(Connection& db, int64_t application_id,
                  std::vector<domain::ApplicationEvent>* out) {
  std::vector<Row> rows;
  Status s = db.Execute(
      "SELECT id, application_id, kind, stage, at_ms, employee_id, branch_id, window_id, note "
      "FROM application_events WHERE application_id = $1 ORDER BY id",
      {application_id}, &rows);
  if (!s.ok()) return s;
  for (const Row& r : rows) {
    out->push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.integer(4), r.integer(5),
                    r.integer(6), r.integer(7), r.text(8)});
  }
  return Status::Ok();
}

}  // namespace tereze::store
