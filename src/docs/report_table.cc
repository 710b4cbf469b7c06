#include "docs/report_table.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tereze::docs {

namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

const char* KindName(ReportDoc::Kind k) {
  switch (k) {
    case ReportDoc::Kind::kMonthlyReport:
      return "monthly_report";
    case ReportDoc::Kind::kReconciliationAct:
      return "reconciliation_act";
    case ReportDoc::Kind::kCentralAct:
      return "central_act";
  }
  return "";
}

std::string Tenths(int64_t t) { return std::to_string(t / 10) + "." + std::to_string(t % 10); }

std::vector<int64_t> Values(const domain::ReportFigures& f) {
  return {f.accepted,     f.refused,          f.sent,      f.results_on_time,
          f.results_late, f.provider_refused, f.issued,    f.returned_unclaimed,
          f.in_storage,   f.ratings,          f.rating_sum};
}

}  // namespace

std::vector<std::string> ReportColumns(const std::string& lang) {
  const bool kk = lang == "kk";
  std::vector<std::string> c = {
      kk ? "Құжат" : "Документ",
      kk ? "Ай" : "Месяц",
      kk ? "Филиал" : "Филиал",
      kk ? "Көрсетілетін қызметті беруші" : "Услугодатель",
      kk ? "Аумақтық бөлімше" : "Территориальное подразделение",
      kk ? "Қызмет коды" : "Код услуги",
      kk ? "Қызмет" : "Услуга",
      kk ? "Қабылданды" : "Принято",
      kk ? "Қабылдаудан бас тартылды" : "Отказано в приёме",
      kk ? "Жіберілді" : "Отправлено",
      kk ? "Нәтиже уақытында" : "Результаты в срок",
      kk ? "Нәтиже кешіктірілді" : "Результаты с опозданием",
      kk ? "Беруші бас тартты" : "Отказы услугодателя",
      kk ? "Берілді" : "Выдано",
      kk ? "Талап етілмей қайтарылды" : "Возвращено невостребованными",
      kk ? "Сақтауда" : "На хранении",
      kk ? "Бағалар саны" : "Число оценок",
      kk ? "Бағалар қосындысы" : "Сумма оценок",
      kk ? "Орташа баға" : "Средняя оценка",
      kk ? "Жиі жетіспейтін құжаттар" : "Чаще всего не хватало",
  };
  return c;
}

Status RenderReportCsv(const std::vector<ReportDoc>& docs, std::string* csv) {
  std::ostringstream out;
  out << "document,number,month,branch_code,provider_code,provider_unit,service_code,service_name";
  for (const char* name : domain::kFigureNames) out << "," << name;
  out << ",rating_average,top_missing\r\n";
  size_t n = 0;
  for (const ReportDoc& d : docs) {
    for (const ReportDocLine& l : d.lines) {
      if (++n > kMaxDocLines) return Status::TooLarge("report_too_large", "too many lines");
      out << KindName(d.kind) << "," << CsvField(d.number) << "," << d.month << ","
          << CsvField(d.branch_code) << "," << CsvField(d.provider_code) << ","
          << CsvField(d.unit_name) << "," << CsvField(l.service_code) << ","
          << CsvField(l.service_name);
      for (int64_t v : Values(l.figures)) out << "," << v;
      out << "," << (l.figures.ratings ? Tenths(domain::RatingAverageTenths(l.figures)) : "") << ","
          << CsvField(l.top_missing) << "\r\n";
    }
  }
  *csv = out.str();
  return Status::Ok();
}

Status RenderReportXlsx(const std::vector<ReportDoc>& docs, const std::string& lang,
                        std::string* xlsx) {
  if (lang != "kk" && lang != "ru") {
    return Status::Malformed("unsupported_language", "lang is kk or ru");
  }
  size_t total = 0;
  for (const auto& d : docs) total += d.lines.size();
  if (total > kMaxDocLines) return Status::TooLarge("report_too_large", "too many lines");
  // libxlsxwriter writes files: a private temporary one, read back and removed.
  char path[] = "/tmp/tereze-report-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Status::Internal("cannot create a temporary file");
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  if (!wb) {
    std::remove(path);
    return Status::Internal("libxlsxwriter could not start a workbook");
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, lang == "kk" ? "Есеп" : "Отчёт");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const auto columns = ReportColumns(lang);
  for (size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), columns[c].c_str(), bold);
  }
  lxw_row_t row = 1;
  for (const ReportDoc& d : docs) {
    for (const ReportDocLine& l : d.lines) {
      lxw_col_t c = 0;
      worksheet_write_string(ws, row, c++, d.number.c_str(), nullptr);
      worksheet_write_string(ws, row, c++, d.month.c_str(), nullptr);
      worksheet_write_string(ws, row, c++, d.branch_code.c_str(), nullptr);
      worksheet_write_string(ws, row, c++, d.provider_code.c_str(), nullptr);
      worksheet_write_string(ws, row, c++, d.unit_name.c_str(), nullptr);
      worksheet_write_string(ws, row, c++, l.service_code.c_str(), nullptr);
      worksheet_write_string(ws, row, c++, l.service_name.c_str(), nullptr);
      for (int64_t v : Values(l.figures)) {
        worksheet_write_number(ws, row, c++, static_cast<double>(v), nullptr);
      }
      if (l.figures.ratings > 0) {
        worksheet_write_number(ws, row, c, domain::RatingAverageTenths(l.figures) / 10.0, nullptr);
      }
      ++c;
      worksheet_write_string(ws, row, c++, l.top_missing.c_str(), nullptr);
      ++row;
    }
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::remove(path);
    return Status::Internal(std::string("libxlsxwriter: ") + lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  *xlsx = bytes.str();
  std::remove(path);
  return Status::Ok();
}

}  // namespace tereze::docs
