// Moving a package through the hand-overs by the API, shared by the HTTP
// tests (movement, SMS): each step asserts that the server took it.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/client.h"

namespace tereze::testing {

class MovementFlow {
 public:
  using Json = nlohmann::json;
  // `token(login)`: a session of the demo employee `login`.
  MovementFlow(uint16_t port, int64_t branch_id,
               std::function<std::string(const std::string&)> token)
      : port_(port), branch_id_(branch_id), token_(std::move(token)) {}

  HttpResult Post(const std::string& target, const Json& body, const std::string& login) {
    Client c(port_);
    return c.Post(target, body.dump(), token_(login));
  }
  HttpResult Get(const std::string& target, const std::string& login) {
    Client c(port_);
    return c.Get(target, token_(login));
  }
  HttpResult Scan(const std::string& barcode, const std::string& action, const std::string& login,
                  const std::string& shelf = "") {
    Json body = {{"barcode", barcode}, {"action", action}};
    if (!shelf.empty()) body["shelf"] = shelf;
    return Post("/api/v1/scans", body, login);
  }

  // Collected, registered, dispatched by the courier and acknowledged: at the provider.
  // Returns the outgoing register.
  Json ToProvider(const std::string& barcode) {
    EXPECT_EQ(Scan(barcode, "collect", "collection").status, 201);
    auto reg = Post("/api/v1/registers", {{"branch_id", branch_id_}, {"provider_code", "MP"}},
                    "collection");
    EXPECT_EQ(reg.status, 201) << reg.body;
    EXPECT_EQ(Scan(reg.json()["barcode"], "dispatch", "courier").status, 201);
    auto ack = Post(
        "/api/v1/registers/" + std::to_string(reg.json()["id"].get<int64_t>()) + "/acknowledge",
        Json::object(), "provider");
    EXPECT_EQ(ack.status, 200) << ack.body;
    return reg.json();
  }
  // The provider's register with the same decision for each package.
  HttpResult Results(const std::vector<std::string>& barcodes,
                     const std::string& outcome = "result") {
    Json items = Json::array();
    for (const auto& b : barcodes) {
      Json item = {{"barcode", b}, {"outcome", outcome}, {"form", "paper"}};
      if (outcome == "refusal") item["reason"] = "Мекенжай расталмады";
      items.push_back(item);
    }
    return Post("/api/v1/provider/results", {{"branch_id", branch_id_}, {"items", items}},
                "provider");
  }
  // Reception of the provider's register `results` with `scanned` barcodes.
  HttpResult Receive(const HttpResult& results, const std::vector<std::string>& scanned) {
    return Post(
        "/api/v1/registers/" + std::to_string(results.json()["id"].get<int64_t>()) + "/receive",
        {{"barcodes", scanned}}, "issuance");
  }
  // At the provider, decided with `outcome`, received in full at the center.
  // `to_provider` false: it is at the provider already.
  void ToCenter(const std::string& barcode, const std::string& outcome = "result",
                bool to_provider = true) {
    if (to_provider) ToProvider(barcode);
    auto results = Results({barcode}, outcome);
    ASSERT_EQ(results.status, 201) << results.body;
    auto rec = Receive(results, {barcode});
    ASSERT_EQ(rec.status, 200) << rec.body;
    ASSERT_EQ(rec.json()["accepted"], true);
  }

 private:
  uint16_t port_;
  int64_t branch_id_;
  std::function<std::string(const std::string&)> token_;
};

}  // namespace tereze::testing
