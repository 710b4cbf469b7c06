// The printed forms' fixed texts: a table of (label, Kazakh, Russian) rows
// indexed by the form's own Label enum (R19: one language per document).
#pragma once

#include <cstddef>
#include <iterator>

namespace tereze::docs {

enum class Lang { kKk, kRu };

template <typename Label>
struct LabelText {
  Label label;
  const char* kk;
  const char* ru;
};

// True when `table` lists every label of `Label` (up to Label::kCount) once,
// in enum order, so that it can be indexed by the enum; for static_assert.
template <typename Label, size_t N>
constexpr bool LabelsInOrder(const LabelText<Label> (&table)[N]) {
  if (N != static_cast<size_t>(Label::kCount)) return false;
  for (size_t i = 0; i < N; ++i) {
    if (static_cast<size_t>(table[i].label) != i) return false;
  }
  return true;
}

template <typename Label, size_t N>
const char* LabelIn(const LabelText<Label> (&table)[N], Lang lang, Label label) {
  const LabelText<Label>& t = table[static_cast<size_t>(label)];
  return lang == Lang::kKk ? t.kk : t.ru;
}

}  // namespace tereze::docs
