#include "typeset/table_layout.h"

#include <algorithm>
#include <numeric>
#include <string>

namespace handout {

namespace {

double sum(const std::vector<ColumnNeed>& columns, double ColumnNeed::*field) {
  return std::accumulate(columns.begin(), columns.end(), 0.0,
                         [field](double total, const ColumnNeed& column) { return total + column.*field; });
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The words of `text`, split at spaces (a no-break space, U+00A0, counts as one).
std::vector<std::string> words_of(std::string_view text) {
  std::string spaced;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text.compare(at, 2, "\u00A0") == 0) {
      spaced += ' ';
      ++at;
    } else {
      spaced += text[at];
    }
  }
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < spaced.size()) {
    while (at < spaced.size() && spaced[at] == ' ') ++at;
    std::size_t end = spaced.find(' ', at);
    if (end == std::string::npos) end = spaced.size();
    if (end > at) words.push_back(spaced.substr(at, end - at));
    at = end;
  }
  return words;
}

}  // namespace

bool fits(const std::vector<ColumnNeed>& columns, double available) {
  return sum(columns, &ColumnNeed::min) <= available + 1e-6;
}

std::vector<double> share_table_width(const std::vector<ColumnNeed>& columns, double available) {
  std::vector<double> widths;
  if (columns.empty()) return widths;
  const double total_min = sum(columns, &ColumnNeed::min);
  const double total_max = sum(columns, &ColumnNeed::max);
  if (total_max <= available) {
    // Everything fits on one line: the spare room goes to each column as it is wide, so the
    // table fills its column and keeps its proportions. Empty columns share it equally.
    const double spare = available - total_max;
    for (const ColumnNeed& column : columns)
      widths.push_back(total_max > 0 ? column.max + spare * column.max / total_max
                                     : available / double(columns.size()));
    return widths;
  }
  if (total_min <= available) {
    // Between the two: a column that would grow more gets more of the room, so a long cell
    // is not squeezed beside a column whose words already sit on one line.
    const double room = available - total_min;
    const double growth = total_max - total_min;  // > 0 here, as total_max > available >= total_min
    for (const ColumnNeed& column : columns)
      widths.push_back(column.min + room * (std::max(column.max, column.min) - column.min) / growth);
    return widths;
  }
  for (const ColumnNeed& column : columns) widths.push_back(column.min);
  return widths;
}

bool is_numeric_text(std::string_view text) {
  std::vector<std::string> words = words_of(text);
  if (words.empty() || words.size() > 2) return false;
  const std::string& number = words.front();
  std::size_t at = 0;
  // A sign or a currency before the digits.
  for (std::string_view prefix : {"-", "+", "\u2212", "$", "\u00A3", "\u20AC", "~", "<", ">", "\u2264", "\u2265"})
    if (number.compare(at, prefix.size(), prefix) == 0) at += prefix.size();
  if (at >= number.size() || !is_digit(number[at])) return false;
  // Then digits and what joins them: decimal points, thousands, ranges, ratios, times, a percent.
  static const std::vector<std::string_view> joiners = {".", ",", "-", "\u2013", "/", ":", "%", "\u00D7", "x"};
  while (at < number.size()) {
    if (is_digit(number[at])) {
      ++at;
      continue;
    }
    auto joiner = std::find_if(joiners.begin(), joiners.end(),
                               [&](std::string_view j) { return number.compare(at, j.size(), j) == 0; });
    if (joiner == joiners.end()) {
      // A unit written against the number ("10mg", "5mL") ends it.
      std::size_t letters = number.size() - at;
      if (words.size() == 1 && letters <= 4 &&
          std::all_of(number.begin() + static_cast<std::ptrdiff_t>(at), number.end(),
                      [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }))
        return true;
      return false;
    }
    at += joiner->size();
  }
  // A second word is a unit: short, and no sentence ("4 times" is a count, "a day" is not a unit).
  if (words.size() == 2) {
    const std::string& unit = words.back();
    std::size_t characters = static_cast<std::size_t>(
        std::count_if(unit.begin(), unit.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    return characters <= 5;
  }
  return true;
}

}  // namespace handout
