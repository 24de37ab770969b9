#pragma once
// Choosing which of a document's blocks a layout sets (the clinician summary keeps only some).
#include <vector>

#include "content/document.h"
#include "layout/layout_spec.h"

namespace handout {

// Sections are level-2 headings with what follows them up to the next heading of level 1 or 2;
// a section is chosen when its heading contains one of the layout's words (ignoring case).
// Nothing is left out but what the rules say, and the heading of a section they emptied.
std::vector<Block> select_blocks(const Document& document, const Selection& selection, Warnings& warnings);

}  // namespace handout
