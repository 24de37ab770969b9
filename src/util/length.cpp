#include "util/length.h"

#include <charconv>
#include <cmath>
#include <string>

namespace handout {

std::optional<double> parse_length_points(std::string_view text) {
  struct Unit {
    std::string_view suffix;
    double points;
  };
  static constexpr Unit units[] = {
      {"mm", points_per_mm}, {"cm", 10 * points_per_mm}, {"in", points_per_inch}, {"pt", 1.0}};
  double factor = 1.0;
  for (const Unit& unit : units) {
    if (text.size() > unit.suffix.size() && text.ends_with(unit.suffix)) {
      factor = unit.points;
      text.remove_suffix(unit.suffix.size());
      break;
    }
  }
  double value = 0;
  // from_chars parses in the classic locale whatever the machine's locale is.
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  // from_chars reads "nan" and "inf" too: a length must be a finite number of points.
  if (error != std::errc() || end != text.data() + text.size() || !(value >= 0)) return std::nullopt;
  if (!std::isfinite(value * factor)) return std::nullopt;
  return value * factor;
}

}  // namespace handout
