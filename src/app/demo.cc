#include "app/demo.h"

#include "app/password.h"
#include "app/signing.h"
#include "store/accounts.h"
#include "store/branches.h"
#include "store/providers.h"
#include "store/tickets.h"

namespace tereze::app {

namespace {

struct DemoPerson {
  domain::Role role;
  const char* surname;
  const char* name;
  const char* patronymic;
  const char* position;  // ru
  const char* position_kk;
};

// Names are Kazakh, with the letters that fonts and encodings get wrong.
const DemoPerson kPeople[] = {
    {domain::Role::kOperator, "Сәрсенбаева", "Әйгерім", "Қайратқызы", "Оператор ЦОН",
     "ХҚКО операторы"},
    {domain::Role::kConsultant, "Нұрланов", "Ерлан", "Бекұлы", "Консультант", "Кеңесші"},
    {domain::Role::kCollection, "Өмірзақова", "Гүлнұр", "", "Специалист сектора накопления",
     "Жинақтау секторының маманы"},
    {domain::Role::kIssuance, "Жақсылықов", "Ілияс", "Серікұлы", "Специалист сектора выдачи",
     "Беру секторының маманы"},
    {domain::Role::kCourier, "Төлеуов", "Айдос", "", "Курьер", "Курьер"},
    {domain::Role::kBranchManager, "Ғабдуллина", "Салтанат", "Маратқызы", "Руководитель ЦОН",
     "ХҚКО басшысы"},
    {domain::Role::kCentralOffice, "Исабеков", "Дәулет", "Нұрғалиұлы", "Главный менеджер ЦА",
     "Орталық аппараттың бас менеджері"},
    {domain::Role::kProviderOfficer, "Һашимова", "Айгүл", "", "Специалист услугодателя",
     "Қызмет берушінің маманы"},
    {domain::Role::kAdmin, "Үсенов", "Бауыржан", "", "Системный администратор", "Жүйелік әкімші"},
    {domain::Role::kAuditor, "Оспанова", "Мөлдір", "Ержанқызы", "Аудитор", "Аудитор"},
};

constexpr int kDemoWindows = 10;
constexpr char kDemoProvider[] = "MP";
constexpr int kOperatorWindow = 1;
constexpr int kIssuanceWindow = 9;
constexpr int kConsultationWindow = 10;

}  // namespace

std::string DemoLogin(domain::Role role) {
  switch (role) {
    case domain::Role::kBranchManager:
      return "manager";
    case domain::Role::kCentralOffice:
      return "central";
    case domain::Role::kProviderOfficer:
      return "provider";
    default:
      return std::string(domain::RoleName(role));
  }
}

Status LoadDemo(App& app, DemoSummary* out) {
  int64_t foreign = 0;
  Status s = app.db().Read(
      [&](store::Connection& db) { return store::CountNonDemoEmployees(db, &foreign); });
  if (!s.ok()) return s;
  if (foreign > 0) {
    return Status::Conflict("not_demo_database",
                            "the database holds real employees; the demo will not load into it");
  }
  // Hash once: every demo account has the same password.
  std::string password_hash;
  s = HashPassword(kDemoPassword, &password_hash);
  if (!s.ok()) return s;

  *out = DemoSummary{};
  s = app.db().writer().Run([&](store::WriteTx& tx) {
    std::vector<store::Row> rows;
    Status st =
        tx.db().Execute("SELECT id FROM branches WHERE code = $1", {std::string("AST-01")}, &rows);
    if (!st.ok()) return st;
    if (!rows.empty()) {
      out->branch_id = rows[0].integer(0);
      return Status::Ok();
    }
    domain::Branch b;
    b.code = "AST-01";
    b.name_kk = "Астана қаласы бойынша №1 ХҚКО";
    b.name_ru = "ЦОН №1 города Астаны";
    b.name_en = "Public Service Center No. 1, Astana";
    b.region = "Astana";
    b.address_kk = "Астана қ., Мәңгілік Ел даңғылы, 8";
    b.address_ru = "г. Астана, проспект Мәңгілік Ел, 8";
    st = store::InsertBranch(tx.db(), b, true, &b.id);
    if (!st.ok()) return st;
    out->branch_id = b.id;
    st = tx.Audit(SystemAudit("branch.create", "branch/" + std::to_string(b.id), b.code));
    if (!st.ok()) return st;

    int64_t operator_id = 0, issuance_id = 0, consultant_id = 0;
    for (const auto& p : kPeople) {
      domain::Employee e;
      e.login = DemoLogin(p.role);
      e.surname = p.surname;
      e.name = p.name;
      e.patronymic = p.patronymic;
      e.position = p.position;
      e.position_kk = p.position_kk;
      e.roles = domain::Bit(p.role);
      bool central =
          (e.roles & (domain::kCentralRoles | domain::Bit(domain::Role::kProviderOfficer))) != 0;
      e.branch_id = central ? 0 : b.id;
      // The demo's provider officer works for the Ministry of Justice's unit in Astana.
      if (p.role == domain::Role::kProviderOfficer) e.provider_code = kDemoProvider;
      st = store::InsertEmployee(tx.db(), e, password_hash, tx.now_ms(), true, &e.id);
      if (!st.ok()) return st;
      st = tx.Audit(SystemAudit("employee.create", "employee/" + std::to_string(e.id), e.login));
      if (!st.ok()) return st;
      if (p.role == domain::Role::kOperator) operator_id = e.id;
      if (p.role == domain::Role::kIssuance) issuance_id = e.id;
      if (p.role == domain::Role::kConsultant) consultant_id = e.id;
      ++out->employees;
    }
    for (int n = 1; n <= kDemoWindows; ++n) {
      domain::Window w;
      w.branch_id = b.id;
      w.number = n;
      w.kind = n == kIssuanceWindow       ? "issuance"
               : n == kConsultationWindow ? "consultation"
                                          : "intake";
      w.employee_id = n == kOperatorWindow       ? operator_id
                      : n == kIssuanceWindow     ? issuance_id
                      : n == kConsultationWindow ? consultant_id
                                                 : 0;
      st = store::InsertWindow(tx.db(), w, &w.id);
      if (!st.ok()) return st;
    }
    // R8, R15: the queues in front of the sectors.
    const store::QueueRow queues[] = {
        {"A", "intake", "Құжаттарды қабылдау", "Приём документов"},
        {"B", "issuance", "Нәтижені беру", "Выдача результатов"},
        {"C", "consultation", "Кеңес беру", "Консультация"},
        {"D", "self_service", "Өзіне-өзі қызмет көрсету", "Самообслуживание"},
    };
    for (const auto& q : queues) {
      if (st = store::InsertQueue(tx.db(), b.id, q); !st.ok()) return st;
    }
    out->created = true;
    return tx.Audit(SystemAudit("window.create", "branch/" + std::to_string(b.id) + "/windows",
                                std::to_string(kDemoWindows)));
  });
  if (!s.ok()) return s;
  // R12, R21: the demo's employees sign with certificates of a demo authority.
  return SetUpDemoSigning(app);
}

Status LoadDemoRoute(App& app, int64_t branch_id) {
  return app.db().writer().Run([&](store::WriteTx& tx) {
    std::vector<domain::Direction> existing;
    Status st = store::ListDirections(tx.db(), branch_id, &existing);
    if (!st.ok() || !existing.empty()) return st;
    domain::Branch b;
    if (st = store::FindBranch(tx.db(), branch_id, &b); !st.ok()) return st;
    // R22, R33: one courier route serving the demo provider's unit in the branch's region.
    domain::ProviderUnit unit;
    unit.provider_code = kDemoProvider;
    unit.region = b.region;
    unit.name_kk = "Астана қаласы бойынша әділет департаменті";
    unit.name_ru = "Департамент юстиции города Астаны";
    unit.address_ru = "г. Астана, ул. Бейбітшілік, 4";
    st = store::InsertProviderUnit(tx.db(), unit, &unit.id);
    if (!st.ok()) return st;
    domain::Direction direction;
    direction.branch_id = b.id;
    direction.name = "Маршрут 1: юстиция";
    direction.unit_ids = {unit.id};
    st = store::InsertDirection(tx.db(), &direction);
    if (!st.ok()) return st;
    return tx.Audit(SystemAudit("direction.create",
                                "branch/" + std::to_string(b.id) + "/directions", direction.name));
  });
}

}  // namespace tereze::app
