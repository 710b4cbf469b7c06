// Receipts checked from the outside (R18.5, R18.6, R19): the barcode read
// back by zbarimg, the text by pdftotext.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "support/fixture.h"
#include "support/intake.h"

namespace tereze::testing {
namespace {

using Json = nlohmann::json;

std::string Shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

class ReceiptTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ImportShippedCatalog();
  }

  Json Body() {
    return {{"service_code", "00803008"},
            {"lang", "kk"},
            {"applicant",
             {{"iin", ValidIin()},
              {"surname", "Әбілқасымова"},
              {"name", "Гүлнұр"},
              {"patronymic", "Һидаятқызы"},
              {"id_document",
               {{"type", "id_card"}, {"number", "045123456"}, {"valid_until", "2030-01-01"}}}}},
            {"documents", {{{"code", "application"}, {"kind", "original"}, {"pages", 2}}}},
            {"consents", {{{"kind", "written"}, {"reference", "WC-1"}}}}};
  }

  std::string Fetch(const std::string& url, const std::string& name) {
    Client c(port_);
    auto r = c.Get(url, Token("operator"));
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/pdf");
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << r.body;
    return path;
  }

  // What a scanner at the next desk reads off the printed page.
  std::string Scan(const std::string& pdf, const char* symbology) {
    Shell("pdftoppm -r 300 -png " + pdf + " " + pdf + "-page");
    return Shell(std::string("zbarimg --raw -q -Sdisable -S") + symbology + ".enable " + pdf +
                 "-page*.png");
  }
};

TEST_F(ReceiptTest, ReceiptCarriesTheBarcodeTheDocumentsTheEmployeeAndTheDatesR18_5) {
  Client c(port_);
  auto r = c.Post("/api/v1/applications", Body().dump(), Token("operator"));
  ASSERT_EQ(r.status, 201) << r.body;
  std::string barcode = r.json()["barcode"];
  std::string url = r.json()["receipt_url"];
  for (const char* layout : {"a4", "thermal"}) {
    std::string pdf = Fetch(url + "?layout=" + layout, std::string("receipt-") + layout + ".pdf");
    EXPECT_EQ(Scan(pdf, "code128"), barcode + "\n") << layout;
    EXPECT_EQ(Scan(pdf, "qrcode"), "http://127.0.0.1:8080/#/track/" + barcode + "\n") << layout;
    std::string text = Shell("pdftotext -layout " + pdf + " -");
    for (const char* expected :
         {"Әбілқасымова Гүлнұр Һидаятқызы", "Өтініш", "15.12.2026", "24.11.2026 10:00"}) {
      EXPECT_NE(text.find(expected), std::string::npos) << layout << ": " << expected << "\n"
                                                        << text;
    }
    // The accepting employee's full name (demo operator, employee 1).
    Json me = c.Get("/api/v1/employees/1", Token("admin")).json();
    EXPECT_NE(text.find(me["surname"].get<std::string>()), std::string::npos) << text;
  }
  std::string info = Shell("pdfinfo " + dir_ + "/receipt-thermal.pdf");
  EXPECT_NE(info.find("226.772 x"), std::string::npos) << info;  // 80 mm wide
  EXPECT_EQ(c.Get(url + "?layout=letter", Token("operator")).error_code(), "invalid_field");
  // The receipt names the applicant: each print is a logged read of their data (R28).
  Json reads = c.Get("/api/v1/personal-data-reads", Token("auditor")).json()["items"];
  int prints = 0;
  for (const auto& read : reads) {
    prints += read["object"] ==
              "application/" + std::to_string(r.json()["id"].get<int64_t>()) + "/receipt";
  }
  EXPECT_EQ(prints, 2);
}

TEST_F(ReceiptTest, RefusalReceiptNamesEachMissingDocumentR18_6) {
  Client c(port_);
  Json body = Body();
  body["lang"] = "ru";
  body["documents"] = Json::array();
  auto r = c.Post("/api/v1/applications", body.dump(), Token("operator"));
  ASSERT_EQ(r.status, 422) << r.body;
  Json details = r.json()["error"]["details"];
  std::string pdf = Fetch(details["refusal_receipt_url"], "refusal.pdf");
  EXPECT_EQ(Scan(pdf, "code128"), details["refusal_barcode"].get<std::string>() + "\n");
  std::string text = Shell("pdftotext " + pdf + " -");
  EXPECT_NE(text.find("Заявление"), std::string::npos) << text;  // the missing document, in ru
  EXPECT_NE(text.find("отказ"), std::string::npos) << text;
}

TEST_F(ReceiptTest, AnotherBranchCannotPrintIt) {
  Client c(port_);
  auto r = c.Post("/api/v1/applications", Body().dump(), Token("operator"));
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(c.Get(r.json()["receipt_url"].get<std::string>(), Token("provider")).status, 403);
  EXPECT_EQ(c.Get("/api/v1/applications/999999/receipt.pdf", Token("operator")).status, 404);
}

}  // namespace
}  // namespace tereze::testing
