// Signatures in use (R12, R21): certified e-copies and signed electronic
// requests, checked from the outside with `tereze verify-signature`.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>

#include "support/fixture.h"
#include "support/intake.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

class SignaturesTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ImportShippedCatalog();
  }

  int64_t Accept(bool electronic) {
    Json body = {
        {"service_code", "00803008"},
        {"lang", "ru"},
        {"electronic", electronic},
        {"applicant",
         {{"iin", ValidIin("87041230012")},
          {"surname", "Иванов"},
          {"name", "Пётр"},
          {"id_document", {{"type", "id_card"}, {"number", "1"}, {"valid_until", "2030-01-01"}}}}},
        {"documents", {{{"code", "application"}, {"kind", "original"}}}},
        {"consents", {{{"kind", "eds"}, {"reference", "EDS-77"}}}}};
    Client c(port_);
    auto r = c.Post("/api/v1/applications", body.dump(), Token("operator"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", int64_t{0});
  }

  std::string Save(const std::string& name, const std::string& bytes) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // Runs `tereze verify-signature` and returns its exit code.
  int Verify(const std::string& data, const std::string& signature, const std::string& ca) {
    const char* bin = std::getenv("TEREZE_BIN");
    if (!bin) {
      ADD_FAILURE() << "TEREZE_BIN is not set (ctest sets it)";
      return -1;
    }
    std::string cmd = std::string(bin) + " verify-signature --data " + data + " --signature " +
                      signature + " --ca " + ca + " >" + dir_ + "/verify.out 2>&1";
    int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }

  std::string CaFile() {
    Client c(port_);
    auto ca = c.Get("/api/v1/signing/ca.pem");
    EXPECT_EQ(ca.status, 200);
    EXPECT_NE(ca.body.find("BEGIN CERTIFICATE"), std::string::npos);
    return Save("ca.pem", ca.body);
  }
};

TEST_F(SignaturesTest, ElectronicRequestIsSignedByTheOperatorR12) {
  int64_t id = Accept(true);
  Client c(port_);
  std::string base = "/api/v1/applications/" + std::to_string(id);
  auto text = c.Get(base + "/request", Token("operator"));
  ASSERT_EQ(text.status, 200) << text.body;
  EXPECT_NE(text.body.find("service: 00803008"), std::string::npos);
  EXPECT_NE(text.body.find("certified_by: "), std::string::npos);
  auto sig = c.Get(base + "/request.p7s", Token("operator"));
  ASSERT_EQ(sig.status, 200);
  std::string ca = CaFile();
  EXPECT_EQ(Verify(Save("req.txt", text.body), Save("req.p7s", sig.body), ca), 0);
  // One changed character and the signature no longer holds.
  std::string forged = text.body;
  forged.replace(forged.find("00803008"), 8, "00803009");
  EXPECT_EQ(Verify(Save("forged.txt", forged), dir_ + "/req.p7s", ca), 2);
  // A paper application has no electronic request.
  int64_t paper = Accept(false);
  EXPECT_EQ(c.Get("/api/v1/applications/" + std::to_string(paper) + "/request", Token("operator"))
                .error_code(),
            "no_electronic_request");
}

TEST_F(SignaturesTest, ECopyIsStoredWithItsHashAndCertifiedR21) {
  int64_t id = Accept(false);
  Client c(port_);
  std::string png("\x89PNG\r\n\x1A\n", 8);
  png += std::string(5000, 'x');
  std::string url = "/api/v1/applications/" + std::to_string(id) + "/ecopies?document_code=";
  auto r = c.Request("POST", url + "application", png,
                     {{"Authorization", "Bearer " + Token("operator")},
                      {"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json copy = r.json();
  EXPECT_EQ(copy["media_type"], "image/png");
  EXPECT_EQ(copy["size_bytes"], png.size());
  EXPECT_EQ(copy["sha256"].get<std::string>().size(), 64u);
  auto content = c.Get(copy["content_url"], Token("operator"));
  ASSERT_EQ(content.status, 200);
  EXPECT_EQ(content.body, png);
  auto sig = c.Get(copy["signature_url"], Token("operator"));
  ASSERT_EQ(sig.status, 200);
  std::string ca = CaFile();
  EXPECT_EQ(Verify(Save("scan.png", png), Save("scan.p7s", sig.body), ca), 0);
  EXPECT_EQ(Verify(Save("other.png", png + "!"), dir_ + "/scan.p7s", ca), 2);

  // The type comes from the content, not the name or the header.
  auto exe = c.Request(
      "POST", url + "application", "MZ\x90 not a scan",
      {{"Authorization", "Bearer " + Token("operator")}, {"Content-Type", "application/pdf"}});
  EXPECT_EQ(exe.error_code(), "ecopy_type_unsupported");
  // The identity document is held by state systems... and the standard lists no such document.
  auto unknown =
      c.Request("POST", url + "diploma", png, {{"Authorization", "Bearer " + Token("operator")}});
  EXPECT_EQ(unknown.error_code(), "document_unknown");
  auto big = c.Request("POST", url + "application", std::string(11u << 20, 'x'),
                       {{"Authorization", "Bearer " + Token("operator")}});
  EXPECT_EQ(big.status, 413);
  // The list shows one copy; the scan's bytes are for the roles that need them (R28).
  auto list = c.Get("/api/v1/applications/" + std::to_string(id) + "/ecopies", Token("operator"));
  EXPECT_EQ(list.json()["items"].size(), 1u);
  EXPECT_EQ(c.Get(copy["content_url"], Token("central")).status, 403);
}

}  // namespace
}  // namespace tereze::testing
