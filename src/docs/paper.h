// The papers the desk prints on: an 80 mm thermal roll or an A4 sheet.
#pragma once

namespace tereze::docs {

enum class PaperLayout {
  kThermal80mm,  // 80 mm roll, 72 mm printable; one page, as long as needed
  kA4,
};

inline constexpr double kThermalPaperWidthMm = 80;
inline constexpr double kThermalPrintableWidthMm = 72;

}  // namespace tereze::docs
