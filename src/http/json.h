// The JSON edge: parsing request bodies with clear errors, writing the
// error shape of DESIGN.md, and the JSON form of the domain's values.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/audit_chain.h"
#include "domain/branch.h"
#include "domain/roles.h"
#include "http/router.h"

namespace tereze::http {

using Json = nlohmann::json;

// 400 invalid_json for text that is not JSON, 400 invalid_body for JSON that
// is not an object.
Status ParseObject(const std::string& body, Json* out);

// Typed field readers: absent -> nullopt; present with the wrong type ->
// 400 invalid_type naming the field; null is "absent" only where allowed.
Status GetString(const Json& obj, const char* field, std::optional<std::string>* out);
Status GetInt(const Json& obj, const char* field, std::optional<int64_t>* out);
Status GetBool(const Json& obj, const char* field, std::optional<bool>* out);
Status GetStringArray(const Json& obj, const char* field,
                      std::optional<std::vector<std::string>>* out);
// Refuses fields not in `known` (400 unknown_field): a typo is an error, not a no-op.
Status RejectUnknownFields(const Json& obj, std::initializer_list<const char*> known);

// The HTTP status of a Status kind.
unsigned HttpStatusOf(const Status& status);
// {"error": {"code", "message", "details"}} with the Status's HTTP status.
Response ErrorResponse(const Status& status, const Json& details = nullptr);
Response JsonResponse(unsigned status, const Json& body);
// A printed document, shown in the browser ("inline") under `filename`.
Response PdfResponse(std::string pdf, const std::string& filename);
// An instant as ISO 8601 UTC, or null for 0 ("not yet").
Json InstantOrNull(int64_t unix_ms);

// Pagination: `limit` 1..500 (default 100) and an opaque `cursor`.
inline constexpr int kMaxPageLimit = 500;
inline constexpr int kDefaultPageLimit = 100;
struct Page {
  int limit = kDefaultPageLimit;
  int64_t after_id = 0;
};
Status ParsePage(const Request& request, Page* out);
// The cursor that continues after `last_id`, or null when the page was short.
Json NextCursor(size_t items_on_page, const Page& page, int64_t last_id);

// An id from a path segment (400 invalid_id).
Status ParseId(const std::string& text, int64_t* out);

// A whole list as one last page: {"items": [...], "next_cursor": null}.
template <typename T>
Json OnePage(const std::vector<T>& rows);

Json ToJson(const domain::Employee& e);
Json ToJson(const domain::Branch& b);
Json ToJson(const domain::Window& w);
Json ToJson(const domain::AuditRecord& r);
Json ToJson(const domain::DayException& d);
Json ToJson(const domain::Training& t);
Json ToJson(const domain::ProviderUnit& u);
Json ToJson(const domain::Direction& d);

template <typename T>
Json OnePage(const std::vector<T>& rows) {
  Json items = Json::array();
  for (const auto& row : rows) items.push_back(ToJson(row));
  return {{"items", items}, {"next_cursor", nullptr}};
}

}  // namespace tereze::http
