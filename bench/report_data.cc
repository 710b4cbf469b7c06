#include "bench/report_data.h"

#include <random>

#include "core/zone.h"
#include "domain/branch.h"
#include "store/accounts.h"
#include "store/branches.h"
#include "store/providers.h"

namespace tereze::bench {

namespace {

constexpr int kProviders = 5;  // GP1..GP5; GP5 has no unit in the region
constexpr int kServices = 40;  // 99000001..99000040, service i belongs to GP(1 + i % 5)
constexpr const char* kMissingDocs[] = {"id_card", "birth_certificate", "marriage_certificate",
                                        "photo", "payment_receipt"};

std::string ProviderOf(int service) { return "GP" + std::to_string(1 + service % kProviders); }
std::string ServiceCode(int service) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "990%05d", service + 1);
  return buf;
}

}  // namespace

Status GenerateMonthData(store::Connection& db, const DataOptions& o, DataTallies* out) {
  std::mt19937_64 rng(o.seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  // Services by popularity: a Zipf-like weight 1/(rank+1).
  std::vector<double> weights;
  for (int i = 0; i < kServices; ++i) weights.push_back(1.0 / (i + 1));
  std::discrete_distribution<int> pick_service(weights.begin(), weights.end());
  std::discrete_distribution<int> pick_score({2, 3, 8, 25, 62});  // 1..5
  std::discrete_distribution<int> pick_missing({40, 25, 15, 12, 8});

  const LocalDate first = o.month.First(), last = o.month.Last();
  const std::string first_s = first.ToString(), last_s = last.ToString();
  // Midnight of each local day (Asia/Almaty) from 40 days before the month to its end.
  const LocalDate origin = first.AddDays(-40);
  std::vector<int64_t> midnight;
  for (LocalDate d = origin; d <= last.AddDays(1); d = d.AddDays(1)) {
    int64_t ms = 0;
    if (Status s = InstantOfLocalTime("Asia/Almaty", d, 0, &ms); !s.ok()) return s;
    midnight.push_back(ms);
  }
  auto at = [&](LocalDate d, int minute) {
    return midnight[d.DaysSinceEpoch() - origin.DaysSinceEpoch()] + int64_t{minute} * 60000;
  };
  auto in_month = [&](LocalDate d) { return d >= first && d <= last; };

  // Provider units in the region: every provider but the last.
  for (int p = 1; p < kProviders; ++p) {
    std::vector<store::Row> rows;
    Status s = db.Execute("SELECT id FROM provider_units WHERE provider_code = $1 AND region = $2",
                          {"GP" + std::to_string(p), o.region}, &rows);
    if (!s.ok()) return s;
    if (!rows.empty()) continue;
    domain::ProviderUnit u;
    u.provider_code = "GP" + std::to_string(p);
    u.region = o.region;
    u.name_kk = u.name_ru = "Бөлімше " + u.provider_code + " " + o.region;
    u.address_ru = "—";
    int64_t id = 0;
    if (s = store::InsertProviderUnit(db, u, &id); !s.ok()) return s;
  }

  const int64_t total = int64_t{o.branches} * o.applications_per_branch;
  int64_t done = 0;
  for (int bi = 0; bi < o.branches; ++bi) {
    domain::Branch b;
    char code[32];
    std::snprintf(code, sizeof code, "GEN-%llu-%03d", static_cast<unsigned long long>(o.seed),
                  bi + 1);
    b.code = code;
    b.name_kk = b.name_ru = b.name_en = std::string("ЦОН ") + code;
    b.region = o.region;
    b.address_kk = b.address_ru = "—";
    Status s = store::InsertBranch(db, b, false, &b.id);
    if (!s.ok()) return s;
    out->branch_ids.push_back(b.id);
    domain::Employee e;
    e.login = std::string("gen-operator-") + code;
    e.surname = e.name = "Gen";
    e.position = "operator";
    e.branch_id = b.id;
    e.roles = domain::Bit(domain::Role::kOperator);
    int64_t employee = 0;
    if (s = store::InsertEmployee(db, e, "", 0, false, &employee); !s.ok()) return s;
    domain::QueueFigures& queue = out->queue[b.id];
    std::map<std::string, int> ticket_numbers;

    // The month's applications, and a quarter as many from the 40 days before it.
    const int n = o.applications_per_branch + o.applications_per_branch / 4;
    for (int i = 0; i < n; ++i) {
      const bool before = i >= o.applications_per_branch;
      const LocalDate accepted_on =
          before ? first.AddDays(-uniform(1, 40)) : first.AddDays(uniform(0, last.day() - 1));
      const int service = pick_service(rng);
      const std::string provider = ProviderOf(service), svc = ServiceCode(service);
      domain::ReportFigures& f = out->figures[{b.id, provider, svc}];
      const bool refused = chance(0.06);
      const int64_t accepted_at = at(accepted_on, uniform(9 * 60, 19 * 60));
      // The queue ticket that brought the applicant to the window.
      const std::string day = accepted_on.ToString();
      const int number = ++ticket_numbers[day];
      const int64_t wait_ms = int64_t{uniform(0, 40 * 60)} * 1000;
      const int64_t arrived = accepted_at - wait_ms - 5 * 60000;
      const int64_t called = arrived + wait_ms;
      if (in_month(accepted_on)) {
        ++queue.tickets;
        ++queue.called;
        queue.wait_sum_ms += wait_ms;
        queue.wait_max_ms = std::max(queue.wait_max_ms, wait_ms);
        if (wait_ms > domain::kLongWaitMs) ++queue.waited_over_15_min;
      }
      std::vector<store::Row> rows;
      s = db.Execute(
          "INSERT INTO tickets (branch_id, day, queue, number, waiting_queue, lang, priority, "
          "token_sha256, state, arrived_at_ms, called_at_ms, started_at_ms, finished_at_ms, "
          "outcome, employee_id) VALUES ($1, $2, 'A', $3, 'A', 'kk', 'normal', '', 'finished', "
          "$4, $5, $5, $6, 'served', $7) RETURNING id",
          {b.id, day, int64_t{number}, arrived, called, accepted_at, employee}, &rows);
      if (!s.ok()) return s;
      const int64_t ticket = rows.at(0).integer(0);

      // The life of the package, as far as the end of the month.
      std::string stage = refused ? "refused" : "accepted";
      store::Value dispatched, outcome, received_on, at_issuance_on, issued_on, issued_at,
          returned_on;
      int64_t late = 0;
      LocalDate provider_deadline = accepted_on.AddDays(uniform(5, 15));
      if (in_month(accepted_on)) (refused ? f.refused : f.accepted) += 1;
      if (!refused && chance(0.95)) {
        const LocalDate sent_on = accepted_on.AddDays(uniform(0, 1));
        if (sent_on <= last) {
          stage = "at_provider";
          dispatched = at(sent_on, 16 * 60);
          if (in_month(sent_on)) ++f.sent;
          const LocalDate back_on = sent_on.AddDays(uniform(2, 18));
          if (back_on <= last) {
            const bool refusal = chance(0.05);
            outcome = std::string(refusal ? "refusal" : "result");
            received_on = back_on.ToString();
            late = back_on > provider_deadline ? 1 : 0;
            if (in_month(back_on)) {
              if (refusal)
                ++f.provider_refused;
              else if (late)
                ++f.results_late;
              else
                ++f.results_on_time;
            }
            stage = "at_issuance";
            at_issuance_on = back_on.ToString();
            const bool claimed = chance(0.9);
            const LocalDate out_on =
                claimed ? back_on.AddDays(uniform(0, 12)) : back_on.AddDays(uniform(28, 35));
            if (out_on <= last) {
              if (claimed) {
                stage = "issued";
                issued_on = out_on.ToString();
                issued_at = at(out_on, 12 * 60);
                if (in_month(out_on)) ++f.issued;
              } else {
                stage = "returned_unclaimed";
                returned_on = out_on.ToString();
                if (in_month(out_on)) ++f.returned_unclaimed;
              }
            } else {
              ++f.in_storage;  // on the shelf when the month ends
            }
          }
        }
      }
      rows.clear();
      s = db.Execute(
          "INSERT INTO applications (status, stage, branch_id, employee_id, ticket_id, "
          "service_code, provider_code, catalog_version_id, lang, applicant_iin, "
          "applicant_surname, applicant_name, applicant_patronymic, applicant_phone, "
          "form_complete, first_time, fee_tiyn, price_tiyn, accepted_at_ms, accepted_on, "
          "issue_date, provider_deadline, dispatched_at_ms, outcome, received_on, late, "
          "at_issuance_on, issued_at_ms, issued_on, returned_on) VALUES ($1, $2, $3, $4, $5, $6, "
          "$7, 1, 'kk', '850314301120', 'Генов', 'Ген', '', '+77010000000', 1, 1, 0, 0, $8, $9, "
          "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
          {std::string(refused ? "refused" : "accepted"), stage, b.id, employee, ticket, svc,
           provider, accepted_at, accepted_on.ToString(),
           refused ? store::Value{} : store::Value{provider_deadline.AddDays(1).ToString()},
           refused ? store::Value{} : store::Value{provider_deadline.ToString()}, dispatched,
           outcome, received_on, late, at_issuance_on, issued_at, issued_on, returned_on},
          &rows);
      if (!s.ok()) return s;
      const int64_t app_id = rows.at(0).integer(0);
      ++out->applications;
      if (refused) {
        const int missing = chance(0.7) ? 1 : 2;
        int first_doc = pick_missing(rng);
        for (int k = 0; k < missing; ++k) {
          const int doc = (first_doc + k) % 5;
          s = db.Execute(
              "INSERT INTO application_documents (application_id, position, code, kind, pages) "
              "VALUES ($1, $2, $3, 'missing', 0)",
              {app_id, int64_t{k}, std::string(kMissingDocs[doc])});
          if (!s.ok()) return s;
        }
      }
      if (stage == "issued" && chance(0.25)) {
        const int score = 1 + pick_score(rng);
        const LocalDate rated_on =
            LocalDate::Parse(std::get<std::string>(issued_on))->AddDays(uniform(0, 2));
        if (rated_on <= last) {
          const int64_t rated_at = at(rated_on, 20 * 60 + uniform(0, 200));
          s = db.Execute(
              "INSERT INTO ratings (application_id, score, comment, channel, service_code, "
              "branch_id, employee_id, at_ms, provider_code) VALUES ($1, $2, '', 'receipt', $3, "
              "$4, $5, $6, $7)",
              {app_id, int64_t{score}, svc, b.id, employee, rated_at, provider});
          if (!s.ok()) return s;
          if (in_month(rated_on)) {
            ++f.ratings;
            f.rating_sum += score;
          }
        }
      }
      if (o.progress && ++done % 1000 == 0) o.progress(done, total + total / 4);
    }
  }
  // Keys with nothing counted in the month are not lines of any report.
  for (auto it = out->figures.begin(); it != out->figures.end();) {
    it = it->second.Empty() ? out->figures.erase(it) : std::next(it);
  }
  return Status::Ok();
}

}  // namespace tereze::bench
