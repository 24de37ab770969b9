#pragma once
// What typesetting places before the pages are final: page items, and lines of Pango layouts
// that become glyph runs only once the pages are decided (the fit search sets many trials; only
// the chosen one is converted).
#include <variant>

#include <vector>

#include "typeset/c_handles.h"
#include "typeset/pages.h"
#include "typeset/text_layout.h"

namespace handout {

// One line of a Pango layout, its left end at x and its baseline at `baseline`, with the link
// pieces on it (their areas in the same coordinates as x and the baseline's line).
struct TextLineItem {
  SharedLayout layout;
  int line_index = 0;
  double x = 0, baseline = 0;
  std::vector<LineLink> links;
  // The text beside the links goes in Span elements: an element holding a link element holds
  // the text around it in elements too (Cairo marks the content of the innermost tags only).
  bool spans = false;
};

using FlowItem = std::variant<TextLineItem, RectItem, RuleItem, ImageItem, StructBegin, StructEnd, ArtifactBegin,
                              ArtifactEnd>;

// Moves an item by (dx, dy): blocks are built at the origin and placed by pagination.
FlowItem translated(const FlowItem& item, double dx, double dy);

}  // namespace handout
