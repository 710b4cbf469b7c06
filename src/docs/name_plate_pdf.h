// The name plate on a workplace (R8): every window carries a plate with the
// employee's surname, name, patronymic (if any) and position. In both
// languages, Kazakh above Russian, in type large enough to read from the
// queue's seats (R16): the window's number ("5-терезе / Окно 5"), the full
// name, the position; the center's name small at the bottom. One A4 sheet
// turned landscape, folded or slid into the plate's holder.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"

namespace tereze::docs {

// Limits, above any real name or position; beyond them the input is a bug,
// refused before any layout work. Within them a plate fits its sheet.
inline constexpr size_t kMaxNamePlateNameBytes = 96;       // surname, name, patronymic each
inline constexpr size_t kMaxNamePlatePositionBytes = 240;  // each language
inline constexpr size_t kMaxNamePlateCenterBytes = 320;    // each language
inline constexpr int kMaxNamePlateWindow = 999;            // as windows are numbered

struct NamePlateData {
  std::string window_number;  // "5": 1 to 999, digits, no leading zero
  std::string surname, name;
  std::string patronymic;  // may be empty (R8: "if any")
  std::string position_kk, position_ru;
  std::string center_name_kk, center_name_ru;
};

// Renders the plate as PDF bytes. Errors, each with its code:
//  Malformed: "invalid_window_number" (not 1 to 999), "name_plate_field_missing"
//    (a text the plate prints is empty, save the patronymic), "invalid_utf8";
//  TooLarge: "field_too_long", "name_plate_too_long" (does not fit its sheet).
Status RenderNamePlatePdf(const NamePlateData& data, std::string* pdf);

}  // namespace tereze::docs
