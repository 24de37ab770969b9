#pragma once
// Lengths as layouts write them ("18mm", "0.75in", "12pt", or a bare number of points).
#include <optional>
#include <string_view>

namespace handout {

constexpr double points_per_inch = 72.0;
constexpr double points_per_mm = points_per_inch / 25.4;

// Points for a length string, or nothing when the text is not a finite, non-negative length.
std::optional<double> parse_length_points(std::string_view text);

}  // namespace handout
