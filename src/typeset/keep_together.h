#pragma once
// Places in running text where Unicode allows a line break but a reader would stumble over one:
// after the hyphen of a compound ("50-gram", "follow-up") or the dash of a range ("5–10"),
// inside a unit written with a slash ("mg/dL"), between a number and its unit ("10 mg") and
// between a short label and its number ("Day 10").
// Pure text rules, testable alone.
#include <string_view>
#include <utility>
#include <vector>

namespace handout {

// Byte ranges [first, second) of UTF-8 `text` inside which no line may break (a Pango
// allow-breaks attribute clears the break opportunities strictly inside each range).
std::vector<std::pair<std::size_t, std::size_t>> keep_together_ranges(std::string_view text);

}  // namespace handout
