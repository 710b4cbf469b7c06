// The sign at the entrance of a branch with video surveillance (R13): a
// camera pictogram and "Видеобақылау жүргізіледі" / "Ведётся видеонаблюдение"
// in large type (R16), Kazakh above Russian, with the center's name in both
// languages. One A4 sheet, portrait.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"

namespace tereze::docs {

inline constexpr size_t kMaxSurveillanceSignCenterBytes = 320;  // each language

// Renders the sign as PDF bytes. Errors, each with its code:
//  Malformed: "surveillance_sign_field_missing" (a center name is empty),
//    "invalid_utf8";
//  TooLarge: "field_too_long", "surveillance_sign_too_long".
Status RenderSurveillanceSignPdf(const std::string& center_name_kk,
                                 const std::string& center_name_ru, std::string* pdf);

}  // namespace tereze::docs
