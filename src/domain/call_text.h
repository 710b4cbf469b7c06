// The words of a queue call (R16: audible and visual calls), in Kazakh or Russian. Pure: the
// board shows CallDisplayText, voice/ speaks CallText through espeak-ng.
//
// A ticket is a series letter and a number: "A015". The kiosk prints the series in Latin; the
// board and the voice use the Cyrillic letter, by one fixed mapping:
//
//   A → А   B → Б   C → В   D → Г   E → Д
//
// (the series in Cyrillic, "А015", is accepted as well). Any other letter is kept as it is.
//
// Written (the board's line):
//   kk  "А015 → 5-терезе"      "5-терезе" is how Kazakh writes "the 5th window": the hyphen
//                                after the digits stands for the ordinal suffix (-ші/-шы,
//                                -інші/-ыншы), so the written form is the same for every number.
//   ru  "А015 → окно 5"
//
// Spoken (the text given to espeak-ng):
//   kk  "Талон А 15, бесінші терезеге келіңіз"  ("ticket A 15, please come to the fifth
//       window"). The window's ordinal is spelled out in words, because espeak-ng reads the
//       written "5-терезеге" as the cardinal "бес терезеге"; the ordinal suffix follows the
//       last word of the number by vowel harmony (бірінші, алтыншы, оныншы, жиырмасыншы,
//       қырқыншы, жиырма бірінші, жүзінші ...). "терезеге" is the dative ("to the window").
//   ru  "Талон А 15, окно 5".
//   The series letter is spoken by its name ("А", "бэ", "вэ", "гэ", "дэ"): a lone "В" would
//   be read as the preposition "в" and a lone "Б" as "бы". The number loses its leading
//   zeros ("015" → "15", "000" → "0") so that espeak-ng reads "пятнадцать" / "он бес" rather
//   than "ноль пятнадцать"; numbers are left in digits, espeak-ng reads them in both voices.
//   Window numbers outside 1..999 are spoken in digits ("1000-терезеге").
#pragma once

#include <string>

namespace tereze::domain {

// The spoken call; `lang` is "kk" or "ru" (anything else is spoken in Russian, as the SMS
// texts are). A ticket that is not letters then digits is spoken as it is.
std::string CallText(const std::string& lang, const std::string& ticket, int window_number);

// The board's written line for the call.
std::string CallDisplayText(const std::string& lang, const std::string& ticket, int window_number);

// SMS to a holder who left a phone at the kiosk: the turn is near (`ahead`
// tickets before theirs; 0: next), or the ticket is called to a window.
std::string QueueSoonSms(const std::string& lang, const std::string& ticket, int ahead);
std::string QueueCalledSms(const std::string& lang, const std::string& ticket, int window_number);

// The Kazakh ordinal numeral in words, e.g. 1 → "бірінші", 21 → "жиырма бірінші",
// 40 → "қырқыншы"; 1..999, empty outside.
std::string KazakhOrdinal(int n);

}  // namespace tereze::domain
