// Reading a printed form back from the outside, the way the desk and the
// applicant meet it: rasterised at 300 dpi by poppler's pdftoppm and scanned
// by zbar's zbarimg, read as text by pdftotext and pdfinfo (poppler-utils,
// zbar-tools: installed by scripts/install-deps.sh; a missing tool fails the
// test rather than skip it). Shared by the tests of docs/.
#pragma once

#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace tereze::testing {

// Runs `command`, returns its standard output; the exit status goes to *status.
inline std::string Run(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *status = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int rc = pclose(pipe);
  *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// Runs of whitespace (a line wrapped on a narrow roll) read as one space.
inline std::string Squeeze(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// What the desk's scanner, the applicant's phone and a reader get from the PDF.
struct Readback {
  std::vector<std::string> code128;  // every Code 128 symbol zbar found, on every page
  std::vector<std::string> qr;       // every QR code
  std::string text;                  // pdftotext, whitespace squeezed
  std::vector<std::string> pages;    // the same, page by page
  std::string info;                  // pdfinfo
  std::string bbox;                  // pdftotext -bbox: every word with its box
};

// `scan` false: text only, without rasterising pages nobody scans.
inline Readback ReadBack(const std::string& pdf, bool scan = true) {
  std::string tmpl = ::testing::TempDir() + "/tereze_pdf_XXXXXX";
  std::vector<char> dir_buf(tmpl.begin(), tmpl.end());
  dir_buf.push_back('\0');
  Readback r;
  if (mkdtemp(dir_buf.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
    return r;
  }
  const std::string dir = dir_buf.data();
  const std::string path = dir + "/form.pdf";
  {
    std::ofstream f(path, std::ios::binary);
    f << pdf;
  }
  int status = 0;
  if (scan) {
    std::string out = Run("pdftoppm -r 300 -png '" + path + "' '" + dir + "/page' 2>&1", &status);
    EXPECT_EQ(status, 0) << "pdftoppm failed (is poppler-utils installed?): " << out;
    // zbarimg answers 4 when it finds nothing, which is a result here, not a
    // failure; one symbology at a time, so that no other decoder misreads a
    // Code 128 symbol. Its stderr carries D-Bus noise from ImageMagick: dropped.
    for (auto [symbology, into] : {std::pair{"code128", &r.code128}, std::pair{"qrcode", &r.qr}}) {
      out = Run(std::string("zbarimg --raw -q -Sdisable -S") + symbology + ".enable '" + dir +
                    "'/page*.png 2>/dev/null",
                &status);
      EXPECT_TRUE(status == 0 || status == 4) << "zbarimg failed (is zbar-tools installed?)";
      *into = Lines(out);
    }
  }
  std::string raw = Run("pdftotext '" + path + "' - 2>&1", &status);
  EXPECT_EQ(status, 0) << "pdftotext failed: " << raw;
  r.text = Squeeze(raw);
  // pdftotext ends every page with a form feed.
  std::istringstream in(raw);
  for (std::string page; std::getline(in, page, '\f');) r.pages.push_back(Squeeze(page));
  if (!r.pages.empty() && r.pages.back().empty()) r.pages.pop_back();
  r.bbox = Run("pdftotext -bbox '" + path + "' - 2>&1", &status);
  EXPECT_EQ(status, 0) << "pdftotext -bbox failed: " << r.bbox;
  r.info = Run("pdfinfo '" + path + "' 2>&1", &status);
  EXPECT_EQ(status, 0) << "pdfinfo failed: " << r.info;
  std::filesystem::remove_all(dir);
  return r;
}

// pdfinfo: "Page size:       226.772 x 732.282 pts".
inline bool PageSize(const std::string& info, double* width_pt, double* height_pt) {
  size_t at = info.find("Page size:");
  if (at == std::string::npos) return false;
  return std::sscanf(info.c_str() + at, "Page size: %lf x %lf", width_pt, height_pt) == 2;
}

inline int PageCount(const std::string& info) {
  size_t at = info.find("Pages:");
  int pages = -1;
  if (at != std::string::npos) std::sscanf(info.c_str() + at, "Pages: %d", &pages);
  return pages;
}

inline bool Has(const std::string& text, const std::string& needle) {
  return text.find(Squeeze(needle)) != std::string::npos;
}

// The footer's "i / n": pdftotext may drop the spaces of a short right-aligned line.
inline bool HasPageNumber(const std::string& text, int page, int pages) {
  const std::string i = std::to_string(page), n = std::to_string(pages);
  return Has(text, i + " / " + n) || Has(text, i + "/" + n);
}

// How many times `needle` occurs in `text`.
inline int CountOf(const std::string& text, const std::string& needle) {
  const std::string n = Squeeze(needle);
  int count = 0;
  for (size_t at = text.find(n); !n.empty() && at != std::string::npos;
       at = text.find(n, at + n.size())) {
    ++count;
  }
  return count;
}

// How many of the symbols zbar read are `value`.
inline int Scanned(const std::vector<std::string>& symbols, const std::string& value) {
  return static_cast<int>(std::count(symbols.begin(), symbols.end(), value));
}

// How tall the word `word` is printed, in pt: the tallest box pdftotext
// gives it (the type's size, roughly; a word laid out in 44 pt type is some
// 50 pt, one in 10 pt some 12 pt); 0 when the word is not there. For the
// large type of plates, signs and tickets (R16).
inline double WordHeightPt(const Readback& r, const std::string& word) {
  double tallest = 0;
  const std::string end = ">" + word + "</word>";
  for (size_t at = r.bbox.find(end); at != std::string::npos; at = r.bbox.find(end, at + 1)) {
    const size_t open = r.bbox.rfind("<word ", at);
    if (open == std::string::npos) continue;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    if (std::sscanf(r.bbox.c_str() + open,
                    "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1,
                    &y1) == 4) {
      tallest = std::max(tallest, y1 - y0);
    }
  }
  return tallest;
}

// The nine letters Kazakh has and Russian lacks.
inline const char* const kKazakhLetters[] = {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"};

}  // namespace tereze::testing
