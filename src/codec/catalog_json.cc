#include "codec/catalog_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tereze::codec {

namespace {

using Json = nlohmann::json;
using domain::CatalogError;

// Finds the line on which each element of the top-level "services" array
// starts, so that errors can say where to look in the file.
std::vector<int> ServiceLines(const std::string& text) {
  std::vector<int> lines;
  int line = 1, depth = 0;
  bool in_string = false, escaped = false, in_services = false;
  int services_depth = -1;
  std::string last_key, current;
  for (char c : text) {
    if (c == '\n') ++line;
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
        last_key = current;
      } else {
        current.push_back(c);
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        current.clear();
        break;
      case '[':
        ++depth;
        if (depth == 2 && last_key == "services") {
          in_services = true;
          services_depth = depth;
        }
        break;
      case '{':
        if (in_services && depth == services_depth) lines.push_back(line);
        ++depth;
        break;
      case '}':
        --depth;
        break;
      case ']':
        if (in_services && depth == services_depth) in_services = false;
        --depth;
        break;
      default:
        break;
    }
  }
  return lines;
}

// Reads fields with type checks, collecting errors under a path.
class Reader {
 public:
  Reader(std::vector<CatalogError>* errors, std::string where)
      : errors_(errors), where_(std::move(where)) {}

  void Fail(const std::string& field, const std::string& message) {
    errors_->push_back(CatalogError{where_ + (field.empty() ? "" : "." + field), message});
  }

  std::string String(const Json& obj, const char* field, bool required = true) {
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) {
      if (required) Fail(field, "is required");
      return "";
    }
    if (!it->is_string()) {
      Fail(field, "must be a string");
      return "";
    }
    return it->get<std::string>();
  }

  int64_t Int(const Json& obj, const char* field, int64_t fallback) {
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) return fallback;
    if (!it->is_number_integer()) {
      Fail(field, "must be an integer");
      return fallback;
    }
    return it->get<int64_t>();
  }

  bool Bool(const Json& obj, const char* field) {
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) return false;
    if (!it->is_boolean()) {
      Fail(field, "must be true or false");
      return false;
    }
    return it->get<bool>();
  }

  domain::Text TextOf(const Json& obj, const char* field) {
    domain::Text t;
    auto it = obj.find(field);
    if (it == obj.end() || !it->is_object()) {
      Fail(field, "must be an object with kk, ru and en");
      return t;
    }
    Reader inner(errors_, where_ + "." + field);
    t.kk = inner.String(*it, "kk", false);
    t.ru = inner.String(*it, "ru", false);
    t.en = inner.String(*it, "en", false);
    return t;
  }

  const Json* Array(const Json& obj, const char* field) {
    auto it = obj.find(field);
    if (it == obj.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
      Fail(field, "must be an array");
      return nullptr;
    }
    return &*it;
  }

  template <typename E>
  E Enum(const Json& obj, const char* field, std::optional<E> (*parse)(std::string_view),
         E fallback) {
    std::string text = String(obj, field, false);
    if (text.empty()) return fallback;
    auto v = parse(text);
    if (!v) {
      Fail(field, "unknown value: " + text);
      return fallback;
    }
    return *v;
  }

  std::vector<CatalogError>* errors() { return errors_; }
  const std::string& where() const { return where_; }

 private:
  std::vector<CatalogError>* errors_;
  std::string where_;
};

std::vector<domain::Payment> ReadPayments(Reader& r, const Json& obj) {
  std::vector<domain::Payment> out;
  const Json* arr = r.Array(obj, "payments");
  if (!arr) return out;
  for (size_t i = 0; i < arr->size(); ++i) {
    Reader p(r.errors(), r.where() + ".payments[" + std::to_string(i) + "]");
    const Json& j = (*arr)[i];
    if (!j.is_object()) {
      p.Fail("", "must be an object");
      continue;
    }
    domain::Payment pay;
    pay.code = p.String(j, "code");
    pay.name = p.TextOf(j, "name");
    pay.amount_mrp_milli = p.Int(j, "amount_mrp_milli", 0);
    pay.amount_tiyn = p.Int(j, "amount_tiyn", 0);
    out.push_back(std::move(pay));
  }
  return out;
}

domain::Term ReadTerm(Reader& r, const Json& obj) {
  domain::Term t;
  auto it = obj.find("term");
  if (it == obj.end() || !it->is_object()) {
    r.Fail("term", "must be an object with value and unit");
    return t;
  }
  Reader tr(r.errors(), r.where() + ".term");
  t.value = static_cast<int>(tr.Int(*it, "value", 0));
  t.unit = tr.Enum(*it, "unit", &domain::ParseTermUnit, domain::TermUnit::kWorkingDays);
  return t;
}

domain::Service ReadService(Reader& r, const Json& j) {
  domain::Service s;
  s.code = r.String(j, "code");
  s.name = r.TextOf(j, "name");
  s.kind = r.Enum(j, "kind", &domain::ParseServiceKind, domain::ServiceKind::kPublicService);
  s.provider_code = r.String(j, "provider");
  if (const Json* docs = r.Array(j, "documents")) {
    for (size_t i = 0; i < docs->size(); ++i) {
      Reader d(r.errors(), r.where() + ".documents[" + std::to_string(i) + "]");
      const Json& dj = (*docs)[i];
      if (!dj.is_object()) {
        d.Fail("", "must be an object");
        continue;
      }
      domain::RequiredDocument doc;
      doc.code = d.String(dj, "code");
      doc.name = d.TextOf(dj, "name");
      doc.condition = d.Enum(dj, "condition", &domain::ParseDocumentCondition,
                             domain::DocumentCondition::kAlways);
      doc.held_by_state_systems = d.Bool(dj, "held_by_state_systems");
      doc.electronic_copy_accepted = d.Bool(dj, "electronic_copy_accepted");
      s.documents.push_back(std::move(doc));
    }
  }
  s.prefilled_form = r.Bool(j, "prefilled_form");
  s.payments = ReadPayments(r, j);
  s.term = ReadTerm(r, j);
  if (const Json* urgent = r.Array(j, "urgent_terms")) {
    for (size_t i = 0; i < urgent->size(); ++i) {
      Reader u(r.errors(), r.where() + ".urgent_terms[" + std::to_string(i) + "]");
      const Json& uj = (*urgent)[i];
      if (!uj.is_object()) {
        u.Fail("", "must be an object");
        continue;
      }
      domain::UrgentTerm ut;
      ut.name = u.TextOf(uj, "name");
      ut.term = ReadTerm(u, uj);
      ut.payments = ReadPayments(u, uj);
      s.urgent_terms.push_back(std::move(ut));
    }
  }
  s.result = r.TextOf(j, "result");
  s.storage_class =
      r.Enum(j, "storage_class", &domain::ParseStorageClass, domain::StorageClass::kStandard);
  s.consent_required = r.Bool(j, "consent_required");
  s.price_tiyn = r.Int(j, "price_tiyn", 0);
  return s;
}

Json TextJson(const domain::Text& t) { return {{"kk", t.kk}, {"ru", t.ru}, {"en", t.en}}; }

Json PaymentsJson(const std::vector<domain::Payment>& payments, const domain::Catalog* catalog,
                  int year) {
  Json out = Json::array();
  for (const auto& p : payments) {
    Json j = {{"code", p.code}, {"name", TextJson(p.name)}};
    if (p.amount_mrp_milli > 0) {
      j["amount_mrp_milli"] = p.amount_mrp_milli;
    } else {
      j["amount_tiyn"] = p.amount_tiyn;
    }
    int64_t tiyn = 0;
    if (catalog && domain::PaymentTiyn(p, catalog->mrp_tiyn, year, &tiyn).ok()) {
      j["amount_tiyn"] = tiyn;
    }
    out.push_back(std::move(j));
  }
  return out;
}

Json TermJson(const domain::Term& t) {
  return {{"value", t.value}, {"unit", domain::ToString(t.unit)}};
}

Json ServiceJson(const domain::Service& s, const domain::Catalog* catalog, int year) {
  Json docs = Json::array();
  for (const auto& d : s.documents) {
    docs.push_back({{"code", d.code},
                    {"name", TextJson(d.name)},
                    {"condition", domain::ToString(d.condition)},
                    {"held_by_state_systems", d.held_by_state_systems},
                    {"electronic_copy_accepted", d.electronic_copy_accepted}});
  }
  Json urgent = Json::array();
  for (const auto& u : s.urgent_terms) {
    urgent.push_back({{"name", TextJson(u.name)},
                      {"term", TermJson(u.term)},
                      {"payments", PaymentsJson(u.payments, catalog, year)}});
  }
  return {{"code", s.code},
          {"name", TextJson(s.name)},
          {"kind", domain::ToString(s.kind)},
          {"provider", s.provider_code},
          {"documents", docs},
          {"prefilled_form", s.prefilled_form},
          {"payments", PaymentsJson(s.payments, catalog, year)},
          {"term", TermJson(s.term)},
          {"urgent_terms", urgent},
          {"result", TextJson(s.result)},
          {"storage_class", domain::ToString(s.storage_class)},
          {"consent_required", s.consent_required},
          {"price_tiyn", s.price_tiyn}};
}

}  // namespace

void DecodeCatalog(const std::string& text, domain::Catalog* catalog,
                   std::vector<CatalogError>* errors) {
  *catalog = domain::Catalog{};
  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // nlohmann reports a byte offset; turn it into a line for people.
    size_t byte = std::min<size_t>(e.byte, text.size());
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + byte, '\n'));
    errors->push_back(CatalogError{"line " + std::to_string(line), "not valid JSON"});
    return;
  }
  if (!root.is_object()) {
    errors->push_back(CatalogError{"line 1", "the file must be a JSON object"});
    return;
  }
  Reader top(errors, "");
  if (auto it = root.find("mrp_tiyn"); it != root.end()) {
    if (!it->is_object()) {
      errors->push_back(CatalogError{"mrp_tiyn", "must be an object of year: tiyn"});
    } else {
      for (auto& [year, value] : it->items()) {
        int y = 0;
        try {
          y = std::stoi(year);
        } catch (...) {
        }
        if (y == 0 || !value.is_number_integer()) {
          errors->push_back(CatalogError{"mrp_tiyn." + year, "a year and an integer amount"});
          continue;
        }
        catalog->mrp_tiyn[y] = value.get<int64_t>();
      }
    }
  }
  if (const Json* providers = top.Array(root, "providers")) {
    for (size_t i = 0; i < providers->size(); ++i) {
      Reader p(errors, "providers[" + std::to_string(i) + "]");
      const Json& pj = (*providers)[i];
      if (!pj.is_object()) {
        p.Fail("", "must be an object");
        continue;
      }
      catalog->providers.push_back(domain::Provider{p.String(pj, "code"), p.TextOf(pj, "name")});
    }
  }
  std::vector<int> lines = ServiceLines(text);
  const Json* services = top.Array(root, "services");
  if (services == nullptr) {
    errors->push_back(CatalogError{"services", "is required"});
    return;
  }
  for (size_t i = 0; i < services->size(); ++i) {
    std::string where = "services[" + std::to_string(i) + "]";
    Reader r(errors, where);
    const Json& sj = (*services)[i];
    if (!sj.is_object()) {
      r.Fail("", "must be an object");
      continue;
    }
    catalog->services.push_back(ReadService(r, sj));
  }
  for (auto& e : domain::ValidateCatalog(*catalog)) errors->push_back(std::move(e));
  // Services are kept in code order: lists and their cursors rely on it.
  if (errors->empty()) {
    std::sort(catalog->services.begin(), catalog->services.end(),
              [](const domain::Service& a, const domain::Service& b) { return a.code < b.code; });
  }
  // Say on which line each service starts: "line 42: services[3].code ...".
  for (auto& e : *errors) {
    if (e.where.rfind("services[", 0) != 0) continue;
    size_t index = std::stoul(e.where.substr(9));
    if (index < lines.size()) e.where = "line " + std::to_string(lines[index]) + ": " + e.where;
  }
}

std::string EncodeCatalog(const domain::Catalog& catalog) {
  Json mrp = Json::object();
  for (const auto& [year, tiyn] : catalog.mrp_tiyn) mrp[std::to_string(year)] = tiyn;
  Json providers = Json::array();
  for (const auto& p : catalog.providers) {
    providers.push_back({{"code", p.code}, {"name", TextJson(p.name)}});
  }
  Json services = Json::array();
  // Without a catalog, amounts in МРП stay in МРП: the stored form is the source's.
  for (const auto& s : catalog.services) services.push_back(ServiceJson(s, nullptr, 0));
  return Json{{"mrp_tiyn", mrp}, {"providers", providers}, {"services", services}}.dump(1);
}

std::string EncodeService(const domain::Service& service, const domain::Catalog& catalog,
                          int year) {
  return ServiceJson(service, &catalog, year).dump();
}

}  // namespace tereze::codec
