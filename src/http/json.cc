#include "http/json.h"

#include <charconv>

#include "core/instant.h"

namespace tereze::http {

Status ParseObject(const std::string& body, Json* out) {
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::Malformed("invalid_json", "the body is not valid JSON");
  if (!parsed.is_object()) return Status::Malformed("invalid_body", "the body must be an object");
  *out = std::move(parsed);
  return Status::Ok();
}

namespace {
Status WrongType(const char* field, const char* want) {
  return Status::Malformed("invalid_type", std::string(field) + " must be " + want);
}
}  // namespace

Status GetString(const Json& obj, const char* field, std::optional<std::string>* out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return WrongType(field, "a string");
  *out = it->get<std::string>();
  return Status::Ok();
}

Status GetInt(const Json& obj, const char* field, std::optional<int64_t>* out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_number_integer()) return WrongType(field, "an integer");
  *out = it->get<int64_t>();
  return Status::Ok();
}

Status GetBool(const Json& obj, const char* field, std::optional<bool>* out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_boolean()) return WrongType(field, "true or false");
  *out = it->get<bool>();
  return Status::Ok();
}

Status GetStringArray(const Json& obj, const char* field,
                      std::optional<std::vector<std::string>>* out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return WrongType(field, "an array of strings");
  std::vector<std::string> values;
  for (const auto& v : *it) {
    if (!v.is_string()) return WrongType(field, "an array of strings");
    values.push_back(v.get<std::string>());
  }
  *out = std::move(values);
  return Status::Ok();
}

Status RejectUnknownFields(const Json& obj, std::initializer_list<const char*> known) {
  for (const auto& [key, value] : obj.items()) {
    bool found = false;
    for (const char* k : known) found = found || key == k;
    if (!found) return Status::Malformed("unknown_field", "unknown field: " + key);
  }
  return Status::Ok();
}

unsigned HttpStatusOf(const Status& status) {
  switch (status.kind()) {
    case Status::Kind::kOk:
      return 200;
    case Status::Kind::kMalformed:
      return 400;
    case Status::Kind::kUnauthorized:
      return 401;
    case Status::Kind::kForbidden:
      return 403;
    case Status::Kind::kNotFound:
      return 404;
    case Status::Kind::kConflict:
      return 409;
    case Status::Kind::kTooLarge:
      return 413;
    case Status::Kind::kRefused:
      return 422;
    case Status::Kind::kThrottled:
      return 429;
    case Status::Kind::kUnavailable:
      return 503;
    case Status::Kind::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Status& status, const Json& details) {
  Response r;
  r.status = HttpStatusOf(status);
  // A 500's message may name internals (SQL); the log has it, the client does not.
  std::string message =
      r.status == 500 ? "internal error; the request id is in the log" : status.message();
  Json body = {{"error", {{"code", status.code()}, {"message", message}, {"details", details}}}};
  r.body = body.dump();
  if (status.retry_after_s() > 0) {
    r.headers.emplace_back("Retry-After", std::to_string(status.retry_after_s()));
  }
  return r;
}

Response PdfResponse(std::string pdf, const std::string& filename) {
  Response r;
  r.body = std::move(pdf);
  r.content_type = "application/pdf";
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
  return r;
}

Json InstantOrNull(int64_t unix_ms) {
  return unix_ms == 0 ? Json(nullptr) : Json(FormatInstantUtc(unix_ms));
}

Response JsonResponse(unsigned status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump();
  return r;
}

namespace {
constexpr char kCursorPrefix[] = "c1.";

bool ParseInt64(std::string_view text, int64_t* out) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// The cursor is opaque to clients; inside it is a versioned hex of the last id.
std::string EncodeCursor(int64_t last_id) {
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, last_id, 16);
  return std::string(kCursorPrefix) + std::string(buf, ptr);
}
}  // namespace

Status ParsePage(const Request& request, Page* out) {
  *out = Page{};
  if (auto it = request.query.find("limit"); it != request.query.end()) {
    int64_t limit = 0;
    if (!ParseInt64(it->second, &limit) || limit < 1 || limit > kMaxPageLimit) {
      return Status::Malformed("invalid_limit", "limit is an integer from 1 to 500");
    }
    out->limit = static_cast<int>(limit);
  }
  if (auto it = request.query.find("cursor"); it != request.query.end()) {
    const std::string& c = it->second;
    int64_t id = 0;
    std::string_view hex = std::string_view(c).substr(std::min(c.size(), sizeof kCursorPrefix - 1));
    auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), id, 16);
    if (c.rfind(kCursorPrefix, 0) != 0 || hex.empty() || ec != std::errc() ||
        ptr != hex.data() + hex.size() || id < 0) {
      return Status::Malformed("invalid_cursor", "cursor is not one this server gave");
    }
    out->after_id = id;
  }
  return Status::Ok();
}

Json NextCursor(size_t items_on_page, const Page& page, int64_t last_id) {
  if (items_on_page < static_cast<size_t>(page.limit)) return nullptr;
  return EncodeCursor(last_id);
}

Status ParseId(const std::string& text, int64_t* out) {
  if (!ParseInt64(text, out) || *out <= 0) {
    return Status::Malformed("invalid_id", "an id is a positive integer");
  }
  return Status::Ok();
}

Json ToJson(const domain::Employee& e) {
  return {{"id", e.id},
          {"login", e.login},
          {"surname", e.surname},
          {"name", e.name},
          {"patronymic", e.patronymic.empty() ? Json(nullptr) : Json(e.patronymic)},
          {"full_name", e.FullName()},
          {"position", e.position},
          {"position_kk", e.position_kk},
          {"branch_id", e.branch_id == 0 ? Json(nullptr) : Json(e.branch_id)},
          {"roles", domain::RoleNames(e.roles)},
          {"provider_code", e.provider_code.empty() ? Json(nullptr) : Json(e.provider_code)},
          {"active", e.active}};
}

Json ToJson(const domain::Branch& b) {
  return {{"id", b.id},
          {"code", b.code},
          {"name", {{"kk", b.name_kk}, {"ru", b.name_ru}, {"en", b.name_en}}},
          {"region", b.region},
          {"address", {{"kk", b.address_kk}, {"ru", b.address_ru}}},
          {"time_zone", b.time_zone},
          {"opens_at", b.opens_at},
          {"closes_at", b.closes_at},
          {"open_weekdays", b.open_weekdays},
          {"video_surveillance", b.video_surveillance},
          {"retired", b.retired}};
}

Json ToJson(const domain::DayException& d) {
  return {{"date", d.day}, {"open", d.open}, {"reason", d.reason}};
}

Json ToJson(const domain::ProviderUnit& u) {
  return {{"id", u.id},
          {"provider_code", u.provider_code},
          {"region", u.region},
          {"name", {{"kk", u.name_kk}, {"ru", u.name_ru}}},
          {"address_ru", u.address_ru},
          {"retired", u.retired}};
}

Json ToJson(const domain::Direction& d) {
  return {{"id", d.id},
          {"branch_id", d.branch_id},
          {"name", d.name},
          {"unit_ids", d.unit_ids},
          {"retired", d.retired}};
}

Json ToJson(const domain::Training& t) {
  return {{"id", t.id},
          {"employee_id", t.employee_id},
          {"topic", t.topic},
          {"completed_on", t.completed_on},
          {"valid_until", t.valid_until.empty() ? Json(nullptr) : Json(t.valid_until)}};
}

Json ToJson(const domain::Window& w) {
  return {{"id", w.id},
          {"branch_id", w.branch_id},
          {"number", w.number},
          {"kind", w.kind},
          {"employee_id", w.employee_id == 0 ? Json(nullptr) : Json(w.employee_id)},
          {"retired", w.retired}};
}

Json ToJson(const domain::AuditRecord& r) {
  return {{"id", r.id},
          {"at", FormatInstantUtc(r.at_ms)},
          {"employee_id", r.employee_id == 0 ? Json(nullptr) : Json(r.employee_id)},
          {"role", r.role},
          {"branch_id", r.branch_id == 0 ? Json(nullptr) : Json(r.branch_id)},
          {"action", r.action},
          {"object", r.object},
          {"change_digest", r.change_digest},
          {"prev_hash", r.prev_hash},
          {"hash", r.hash}};
}

}  // namespace tereze::http
