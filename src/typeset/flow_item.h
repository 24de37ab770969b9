#pragma once
// What typesetting places before the pages are final: page items, and lines of Pango layouts
// that become glyph runs only once the pages are decided (the fit search sets many trials; only
// the chosen one is converted).
#include <variant>

#include "typeset/c_handles.h"
#include "typeset/pages.h"

namespace handout {

// One line of a Pango layout, its left end at x and its baseline at `baseline`.
struct TextLineItem {
  SharedLayout layout;
  int line_index = 0;
  double x = 0, baseline = 0;
};

using FlowItem = std::variant<TextLineItem, RectItem, RuleItem, ImageItem, LinkItem, StructBegin, StructEnd,
                              ArtifactBegin, ArtifactEnd>;

// Moves an item by (dx, dy): blocks are built at the origin and placed by pagination.
FlowItem translated(const FlowItem& item, double dx, double dy);

}  // namespace handout
