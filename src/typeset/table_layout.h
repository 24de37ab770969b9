#pragma once
// How a table shares its column's width among its columns, the way HTML and CSS set a table
// with automatic layout: from each column's narrowest and widest sensible width. Pure
// arithmetic, so the rules can be tested without fonts.
#include <string_view>
#include <vector>

namespace handout {

// What one column of a table needs, in points, its cells' padding included.
struct ColumnNeed {
  double min = 0;  // its widest unbreakable word: narrower, a word would be cut
  double max = 0;  // its widest cell set on one line: wider, nothing changes
};

// The width of each column, adding up to `available`:
// - when every column fits at its widest, each gets its widest, and the spare room is spread in
//   proportion to those widths;
// - else, when every column fits at its narrowest, each gets its narrowest plus a share of the
//   rest in proportion to how much it would grow from narrowest to widest (max - min);
// - else each gets its narrowest, and the widths add up to more than `available`: the caller
//   must set the table smaller (see `fits`).
std::vector<double> share_table_width(const std::vector<ColumnNeed>& columns, double available);

// Whether a table whose columns need `columns` fits in `available` points without cutting a word.
bool fits(const std::vector<ColumnNeed>& columns, double available);

// Whether a cell's text reads as a number, perhaps with its unit: "12", "-3.5", "1,200",
// "5–10 mg", "40%", "$12", "1 g". Such columns are aligned right when a layout asks.
bool is_numeric_text(std::string_view text);

}  // namespace handout
