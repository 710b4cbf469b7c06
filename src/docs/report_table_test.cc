// R37: the report as CSV (quoted fields, a row per service), XLSX (a zip) and PDF (kk|ru).
#include "docs/report_table.h"

#include <gtest/gtest.h>

#include "docs/report_pdf.h"

namespace tereze::docs {
namespace {

ReportDoc Sample() {
  ReportDoc d;
  d.number = "AST-01/MP/2026-10";
  d.month = "2026-10";
  d.branch_code = "AST-01";
  d.branch_name = "ЦОН №1";
  d.provider_code = "MP";
  d.provider_name = "Министерство, \"юстиции\"";
  d.generated_at = "01.11.2026 00:05";
  ReportDocLine l;
  l.service_code = "00803008";
  l.service_name = "Регистрация, рождения";
  l.figures.accepted = 12;
  l.figures.ratings = 2;
  l.figures.rating_sum = 9;
  l.top_missing = "id_card (2)";
  d.lines = {l, l};
  d.lines[1].service_code = "00803009";
  return d;
}

TEST(ReportCsv, QuotesFieldsAndWritesARowPerServiceR37) {
  std::string csv;
  ASSERT_TRUE(RenderReportCsv({Sample()}, &csv).ok());
  EXPECT_EQ(csv.rfind("document,number,month,branch_code,provider_code,", 0), 0u);
  EXPECT_NE(csv.find(",00803008,\"Регистрация, рождения\",12,0,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",4.5,id_card (2)\r\n"), std::string::npos) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
}

TEST(ReportXlsxPdf, WritesAZipAndAPdfInEitherLanguageR37R19) {
  std::string xlsx;
  ASSERT_TRUE(RenderReportXlsx({Sample()}, "ru", &xlsx).ok());
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
  EXPECT_EQ(RenderReportXlsx({Sample()}, "en", &xlsx).code(), "unsupported_language");
  for (const char* lang : {"kk", "ru"}) {
    std::string pdf;
    ASSERT_TRUE(RenderReportPdf(Sample(), lang, &pdf).ok()) << lang;
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  }
  std::string pdf;
  EXPECT_EQ(RenderReportPdf(Sample(), "en", &pdf).code(), "unsupported_language");
}

}  // namespace
}  // namespace tereze::docs
