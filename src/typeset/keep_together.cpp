#include "typeset/keep_together.h"

#include <algorithm>
#include <array>

namespace handout {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_letter(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

// Units that follow a number after a space in patient and clinical text.
constexpr std::array<std::string_view, 34> units = {
    "mg", "g", "kg", "mcg", "\u00B5g", "\u03BCg", "ng", "mL", "ml", "L", "dL", "mmol", "mol", "IU", "units",
    "cm", "mm", "m", "km", "in", "ft", "lb", "lbs", "oz", "kcal", "%", "\u00B0C", "\u00B0F", "mmHg", "bpm",
    "h", "hr", "min", "mg/dL"};

// The token (run of non-space bytes) around byte `at`.
std::string_view token_at(std::string_view text, std::size_t at) {
  std::size_t start = at, end = at;
  while (start > 0 && !is_space(text[start - 1])) --start;
  while (end < text.size() && !is_space(text[end])) ++end;
  return text.substr(start, end - start);
}

// Whether the word starting at `at` is a unit, followed by a space, punctuation or the end.
bool unit_at(std::string_view text, std::size_t at) {
  for (std::string_view unit : units) {
    if (text.compare(at, unit.size(), unit) != 0) continue;
    std::size_t end = at + unit.size();
    if (end == text.size() || !is_alnum(text[end])) return true;
  }
  return false;
}

// Whether the word ending at byte `end` is a capitalised word of at most 5 letters, standing
// at the start of the text or after a space.
bool label_before(std::string_view text, std::size_t end) {
  std::size_t start = end;
  while (start > 0 && is_letter(text[start - 1])) --start;
  if (end - start < 2 || end - start > 5 || !(text[start] >= 'A' && text[start] <= 'Z')) return false;
  return start == 0 || is_space(text[start - 1]);
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> keep_together_ranges(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if (c == '-' && is_alnum(text[i - 1]) && is_alnum(text[i + 1])) {
      // A hyphenated compound: no break after its hyphen.
      ranges.emplace_back(i, i + 2);
    } else if (text.compare(i, 3, "\u2013") == 0 && is_digit(text[i - 1]) && i + 3 < text.size() &&
               is_digit(text[i + 3])) {
      // A range of numbers with an en dash ("5\u201310"): no break after the dash.
      ranges.emplace_back(i, i + 4);
    } else if (c == '/' && is_alnum(text[i - 1]) && is_alnum(text[i + 1])) {
      // A unit or ratio written with a slash, but not an address (a URL may break after '/').
      std::string_view token = token_at(text, i);
      bool address = token.find("://") != std::string_view::npos || token.find("www.") != std::string_view::npos ||
                     std::count(token.begin(), token.end(), '/') > 1;
      if (!address) ranges.emplace_back(i, i + 2);
    } else if (c == ' ' && is_digit(text[i + 1]) && label_before(text, i)) {
      // A short label and its number ("Day 10", "Week 3", "Step 2").
      ranges.emplace_back(i - 1, i + 2);
    } else if (is_space(c) && is_digit(text[i - 1]) && unit_at(text, i + 1)) {
      // A number and its unit.
      ranges.emplace_back(i - 1, i + 2);
    }
  }
  return ranges;
}

}  // namespace handout
