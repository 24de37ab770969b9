#pragma once
// Setting a table: column widths from its content (table_layout.h), its text made smaller when
// even the narrowest columns are too wide, and one flow line per row, the header row marked to
// repeat at the top of every frame the table continues into.
#include <functional>
#include <vector>

#include "content/document.h"
#include "typeset/block_flow.h"
#include "typeset/text_layout.h"
#include "typeset/text_model.h"
#include "util/diagnostic.h"

namespace handout {

struct TableSettings {
  TextSetter texts;            // how its cells are measured and set
  TextSpec text;               // the body text's style; its size is the table's largest
  double min_size = 0;         // the smallest size its text may be set at before words are cut
  bool numbers_right = false;  // align columns of numbers right, unless the Markdown aligns them
  Rgb header_background, rule_colour;
  double frame_height = 0;  // the shortest column: taller rows are cut into parts (0: no limit)
  bool right_to_left = false;  // the first column at the right, as a right-to-left reader expects
};

// Sets text at a width as flow lines whose items stand at `x` (with the builder's warnings).
using SetLines = std::function<std::vector<FlowLine>(const InlineText& text, const TextSpec& spec, double x)>;

FlowBlock table_flow(const Block& table, double x, double width, const TableSettings& settings,
                     const SetLines& set_lines, Warnings& warnings);

}  // namespace handout
