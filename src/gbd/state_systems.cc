#include "gbd/state_systems.h"

#include <nlohmann/json.hpp>

#include "core/iin.h"
#include "net/http_client.h"

namespace tereze::gbd {

namespace {

using Json = nlohmann::json;

// One person's data is a few kilobytes; a register answer ten times that is not one person.
constexpr size_t kMaxResponseBytes = size_t{256} << 10;
constexpr size_t kMaxContextBytes = 512;

Status BadResponse(const std::string& why) {
  return Status::Malformed("state_system_bad_response", why);
}

// Typed reads that never throw: a wrong type or a missing key is a bad response.
bool ReadString(const Json& object, const char* key, std::string* out) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

bool ReadOptionalString(const Json& object, const char* key, std::string* out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    out->clear();
    return true;
  }
  return ReadString(object, key, out);
}

bool ReadDate(const Json& object, const char* key, LocalDate* out) {
  std::string text;
  if (!ReadString(object, key, &text)) return false;
  std::optional<LocalDate> date = LocalDate::Parse(text);
  if (!date) return false;
  *out = *date;
  return true;
}

bool ReadArray(const Json& object, const char* key, const Json** out) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return false;
  *out = &*it;
  return true;
}

Status ParseObject(const std::string& body, Json* out) {
  Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    return BadResponse("the answer is not a JSON object");
  *out = std::move(json);
  return Status::Ok();
}

bool ParseShare(const std::string& text, int* numerator, int* denominator) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) return false;
  auto parse = [](std::string_view digits, int* out) {
    if (digits.size() > 6) return false;
    int value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    *out = value;
    return true;
  };
  int n = 0, d = 0;
  if (!parse(std::string_view(text).substr(0, slash), &n) ||
      !parse(std::string_view(text).substr(slash + 1), &d) || n < 1 || d < 1 || n > d) {
    return false;
  }
  *numerator = n;
  *denominator = d;
  return true;
}

bool ParseCivilKind(const std::string& text, CivilRecord::Kind* kind) {
  static const std::pair<const char*, CivilRecord::Kind> kKinds[] = {
      {"birth", CivilRecord::Kind::kBirth},
      {"marriage", CivilRecord::Kind::kMarriage},
      {"divorce", CivilRecord::Kind::kDivorce},
      {"death", CivilRecord::Kind::kDeath}};
  for (const auto& [name, value] : kKinds) {
    if (text == name) {
      *kind = value;
      return true;
    }
  }
  return false;
}

// The error body of the state system, {"error": {"code", "message"}}, for a Status message.
std::string ErrorMessage(const net::HttpReply& reply) {
  Json json = Json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  std::string message;
  if (json.is_object() && json.contains("error") && json["error"].is_object()) {
    ReadString(json["error"], "message", &message);
  }
  if (message.empty()) message = "HTTP " + std::to_string(reply.status);
  return message;
}

}  // namespace

const char* CivilRecordKindName(CivilRecord::Kind kind) {
  switch (kind) {
    case CivilRecord::Kind::kBirth:
      return "birth";
    case CivilRecord::Kind::kMarriage:
      return "marriage";
    case CivilRecord::Kind::kDivorce:
      return "divorce";
    case CivilRecord::Kind::kDeath:
      return "death";
  }
  return "birth";
}

Status HttpStateSystems::Get(const std::string& iin, const std::string& suffix,
                             const FetchContext& context, std::string* body) {
  // Checked here so that a typo never reaches a state system's log as someone's number.
  IdentityNumber parsed;
  Status s = ParseIin(iin, &parsed);
  if (!s.ok()) return s;
  if (context.employee_id.empty() || context.purpose.empty()) {
    return Status::Malformed("bad_fetch_context", "every request names the employee and purpose");
  }
  if (context.employee_id.size() > kMaxContextBytes || context.purpose.size() > kMaxContextBytes ||
      context.consent_reference.size() > kMaxContextBytes) {
    return Status::Malformed("bad_fetch_context", "a context field is longer than 512 bytes");
  }

  net::HttpCall call;
  call.url = base_url_ + "/persons/" + parsed.digits + suffix;
  call.timeout_ms = timeout_ms_;
  call.max_response_body_bytes = kMaxResponseBytes;
  call.headers = {{"Accept", "application/json"},
                  {"X-Employee-Id", net::UrlEncode(context.employee_id)},
                  {"X-Purpose", net::UrlEncode(context.purpose)}};
  if (!context.consent_reference.empty()) {
    call.headers.emplace_back("X-Consent-Reference", net::UrlEncode(context.consent_reference));
  }
  net::HttpReply reply;
  s = net::HttpRequest(call, &reply);
  if (s.kind() == Status::Kind::kMalformed) return Status::Internal("bad base URL: " + s.message());
  if (!s.ok()) return Status::Unavailable("state_system_unavailable", s.message());

  switch (reply.status) {
    case 200:
      *body = std::move(reply.body);
      return Status::Ok();
    case 404:
      return Status::NotFound("person_not_found", "the state system does not know this IIN");
    case 403:
      return Status::Forbidden("consent_required", ErrorMessage(reply));
    case 400:
      return Status::Malformed("state_system_bad_request", ErrorMessage(reply));
    default:
      if (reply.status >= 500) {
        return Status::Unavailable("state_system_unavailable", ErrorMessage(reply));
      }
      return BadResponse("unexpected HTTP " + std::to_string(reply.status));
  }
}

Status HttpStateSystems::PersonByIin(const std::string& iin, const FetchContext& context,
                                     Person* person) {
  std::string body;
  Status s = Get(iin, "", context, &body);
  if (!s.ok()) return s;
  Json json;
  s = ParseObject(body, &json);
  if (!s.ok()) return s;

  Person p;
  const Json* documents = nullptr;
  if (!ReadString(json, "iin", &p.iin) || !ReadString(json, "surname", &p.surname) ||
      !ReadString(json, "name", &p.name) ||
      !ReadOptionalString(json, "patronymic", &p.patronymic) ||
      !ReadDate(json, "birth_date", &p.birth_date) || !ReadArray(json, "documents", &documents)) {
    return BadResponse("a person needs iin, surname, name, birth_date and documents");
  }
  if (p.iin != iin) return BadResponse("the answer is about another IIN");
  for (const Json& d : *documents) {
    IdDocument doc;
    if (!d.is_object() || !ReadString(d, "kind", &doc.kind) ||
        !ReadString(d, "number", &doc.number) || !ReadString(d, "issued_by", &doc.issued_by) ||
        !ReadDate(d, "issue_date", &doc.issue_date)) {
      return BadResponse("a document needs kind, number, issued_by and issue_date");
    }
    if (d.contains("expiry_date") && !d["expiry_date"].is_null()) {
      LocalDate expiry;
      if (!ReadDate(d, "expiry_date", &expiry)) return BadResponse("bad expiry_date");
      doc.expiry_date = expiry;
    }
    p.documents.push_back(std::move(doc));
  }
  *person = std::move(p);
  return Status::Ok();
}

Status HttpStateSystems::CivilRecords(const std::string& iin, const FetchContext& context,
                                      std::vector<CivilRecord>* records) {
  std::string body;
  Status s = Get(iin, "/civil-records", context, &body);
  if (!s.ok()) return s;
  Json json;
  s = ParseObject(body, &json);
  if (!s.ok()) return s;
  const Json* array = nullptr;
  if (!ReadArray(json, "records", &array)) return BadResponse("no records array");

  std::vector<CivilRecord> out;
  for (const Json& r : *array) {
    CivilRecord record;
    std::string kind;
    if (!r.is_object() || !ReadString(r, "kind", &kind) || !ParseCivilKind(kind, &record.kind) ||
        !ReadString(r, "number", &record.number) || !ReadDate(r, "date", &record.date) ||
        !ReadString(r, "registry_office", &record.registry_office)) {
      return BadResponse("a civil record needs kind, number, date and registry_office");
    }
    out.push_back(std::move(record));
  }
  *records = std::move(out);
  return Status::Ok();
}

Status HttpStateSystems::RealEstate(const std::string& iin, const FetchContext& context,
                                    std::vector<Property>* properties) {
  std::string body;
  Status s = Get(iin, "/real-estate", context, &body);
  if (!s.ok()) return s;
  Json json;
  s = ParseObject(body, &json);
  if (!s.ok()) return s;
  const Json* array = nullptr;
  if (!ReadArray(json, "properties", &array)) return BadResponse("no properties array");

  std::vector<Property> out;
  for (const Json& p : *array) {
    Property property;
    std::string share;
    if (!p.is_object() || !ReadString(p, "cadastral_number", &property.cadastral_number) ||
        !ReadString(p, "address", &property.address) || !ReadString(p, "kind", &property.kind) ||
        !ReadString(p, "share", &share) ||
        !ParseShare(share, &property.share_numerator, &property.share_denominator)) {
      return BadResponse("a property needs cadastral_number, address, kind and share \"n/d\"");
    }
    out.push_back(std::move(property));
  }
  *properties = std::move(out);
  return Status::Ok();
}

}  // namespace tereze::gbd
