#include "domain/call_text.h"

#include <array>
#include <cctype>
#include <string_view>

namespace tereze::domain {

namespace {

struct SeriesLetter {
  char latin;
  std::string_view cyrillic;  // UTF-8
  std::string_view spoken;    // the letter's name, as espeak-ng should read it
};

// The fixed mapping of the kiosk's Latin series to the Cyrillic letter (see call_text.h).
constexpr std::array<SeriesLetter, 5> kSeries = {{
    {'A', "А", "А"},
    {'B', "Б", "бэ"},
    {'C', "В", "вэ"},
    {'D', "Г", "гэ"},
    {'E', "Д", "дэ"},
}};

struct Ticket {
  bool parsed = false;
  std::string display_series;  // Cyrillic
  std::string spoken_series;   // letter names, space-separated
  std::string digits;          // as printed: "015"
  std::string spoken_number;   // without leading zeros: "15"
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
size_t Utf8SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

Ticket ParseTicket(const std::string& ticket) {
  Ticket t;
  size_t digits_at = ticket.size();
  while (digits_at > 0 && IsDigit(ticket[digits_at - 1])) --digits_at;
  if (digits_at == 0 || digits_at == ticket.size()) return t;  // no series or no number
  for (size_t i = 0; i < digits_at;) {
    size_t n = Utf8SequenceLength(static_cast<unsigned char>(ticket[i]));
    if (i + n > digits_at) return t;
    std::string_view letter(ticket.data() + i, n);
    i += n;
    bool ascii = n == 1;
    if (ascii && !std::isalpha(static_cast<unsigned char>(letter[0]))) {
      return t;  // a space or punctuation inside the series: not a ticket
    }
    char upper = ascii ? static_cast<char>(std::toupper(static_cast<unsigned char>(letter[0]))) : 0;
    const SeriesLetter* found = nullptr;
    for (const SeriesLetter& s : kSeries) {
      if ((ascii && upper == s.latin) || letter == s.cyrillic) found = &s;
    }
    if (!t.spoken_series.empty()) t.spoken_series += ' ';
    if (found != nullptr) {
      t.display_series += found->cyrillic;
      t.spoken_series += found->spoken;
    } else if (ascii) {
      t.display_series += upper;
      t.spoken_series += upper;
    } else {
      t.display_series += letter;
      t.spoken_series += letter;
    }
  }
  t.digits = ticket.substr(digits_at);
  size_t first = t.digits.find_first_not_of('0');
  t.spoken_number = first == std::string::npos ? "0" : t.digits.substr(first);
  t.parsed = true;
  return t;
}

constexpr std::array<std::string_view, 10> kKkUnits = {"",    "бір",  "екі",  "үш",    "төрт",
                                                       "бес", "алты", "жеті", "сегіз", "тоғыз"};
constexpr std::array<std::string_view, 10> kKkUnitsOrdinal = {
    "",        "бірінші", "екінші",  "үшінші",    "төртінші",
    "бесінші", "алтыншы", "жетінші", "сегізінші", "тоғызыншы"};
constexpr std::array<std::string_view, 10> kKkTens = {"",    "он",    "жиырма", "отыз",   "қырық",
                                                      "елу", "алпыс", "жетпіс", "сексен", "тоқсан"};
// The ordinal of a round ten: the suffix by vowel harmony, with the language's own
// irregularities (жиырма → жиырмасыншы, қырық → қырқыншы, елу → елуінші).
constexpr std::array<std::string_view, 10> kKkTensOrdinal = {
    "",        "оныншы",    "жиырмасыншы", "отызыншы",   "қырқыншы",
    "елуінші", "алпысыншы", "жетпісінші",  "сексенінші", "тоқсаныншы"};

void AppendWord(std::string* out, std::string_view word) {
  if (word.empty()) return;
  if (!out->empty()) *out += ' ';
  *out += word;
}

// "A015" as the board and the SMS show it: "А015".
std::string Shown(const std::string& ticket) {
  Ticket t = ParseTicket(ticket);
  return t.parsed ? t.display_series + t.digits : ticket;
}

}  // namespace

std::string KazakhOrdinal(int n) {
  if (n < 1 || n > 999) return "";
  int hundreds = n / 100, tens = n / 10 % 10, units = n % 10;
  std::string out;
  if (hundreds > 0) {
    // "жүз" alone for 100..199, as it is said; "екі жүз" and so on above.
    if (hundreds > 1) AppendWord(&out, kKkUnits[hundreds]);
    AppendWord(&out, tens == 0 && units == 0 ? "жүзінші" : "жүз");
  }
  if (tens > 0) AppendWord(&out, units == 0 ? kKkTensOrdinal[tens] : kKkTens[tens]);
  if (units > 0) AppendWord(&out, kKkUnitsOrdinal[units]);
  return out;
}

std::string CallText(const std::string& lang, const std::string& ticket, int window_number) {
  Ticket t = ParseTicket(ticket);
  std::string spoken_ticket = t.parsed ? t.spoken_series + " " + t.spoken_number : ticket;
  std::string window = std::to_string(window_number);
  if (lang == "kk") {
    std::string ordinal = KazakhOrdinal(window_number);
    std::string where = ordinal.empty() ? window + "-терезеге" : ordinal + " терезеге";
    return "Талон " + spoken_ticket + ", " + where + " келіңіз";
  }
  return "Талон " + spoken_ticket + ", окно " + window;
}

std::string CallDisplayText(const std::string& lang, const std::string& ticket, int window_number) {
  std::string shown = Shown(ticket);
  std::string window = std::to_string(window_number);
  if (lang == "kk") return shown + " → " + window + "-терезе";
  return shown + " → окно " + window;
}

std::string QueueSoonSms(const std::string& lang, const std::string& ticket, int ahead) {
  const std::string shown = Shown(ticket);
  if (lang == "kk") {
    if (ahead <= 0) return shown + " талоны: келесі сізсіз, терезеге жақын болыңыз.";
    return shown + " талоны: кезегіңіз жақын, алдыңызда " + std::to_string(ahead) + " адам.";
  }
  if (ahead <= 0) return "Талон " + shown + ": вы следующий, будьте рядом с окнами.";
  return "Талон " + shown + ": ваша очередь близко, перед вами " + std::to_string(ahead) + ".";
}

std::string QueueCalledSms(const std::string& lang, const std::string& ticket, int window_number) {
  const std::string shown = Shown(ticket);
  const std::string window = std::to_string(window_number);
  if (lang == "kk") return shown + " талоны: " + window + "-терезеге келіңіз.";
  return "Талон " + shown + ": подойдите к окну " + window + ".";
}

}  // namespace tereze::domain
