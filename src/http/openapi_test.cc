// docs/openapi.json must describe exactly the routes the server has, with
// the roles each route allows.
#include <gtest/gtest.h>

#include <set>

#include "support/fixture.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class OpenApi : public ServerTest {};

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST_F(OpenApi, DescribesEveryRouteAndNothingElse) {
  Client c(port_);
  auto r = c.Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  Json doc = r.json();
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> described;
  for (auto& [path, ops] : doc["paths"].items()) {
    for (auto& [method, op] : ops.items()) described.insert(Lower(method) + " " + path);
  }
  std::set<std::string> served;
  for (const auto& route : service_->router().routes()) {
    std::string key = Lower(route->method) + " " + route->pattern;
    served.insert(key);
    ASSERT_TRUE(described.count(key)) << "route missing from docs/openapi.json: " << key;
    const Json& op = doc["paths"][route->pattern][Lower(route->method)];
    EXPECT_TRUE(op.contains("summary")) << key;
    if (route->access == http::Access::kPublic) {
      EXPECT_EQ(op["security"], Json::array()) << key << " is public";
    } else {
      std::set<std::string> documented_roles(op["x-roles"].begin(), op["x-roles"].end());
      std::set<std::string> route_roles;
      for (auto& name : domain::RoleNames(route->roles)) route_roles.insert(name);
      EXPECT_EQ(documented_roles, route_roles) << key;
    }
  }
  for (const auto& key : described) {
    EXPECT_TRUE(served.count(key))
        << "docs/openapi.json describes a route that does not exist: " << key;
  }
}

}  // namespace
}  // namespace tereze::testing
