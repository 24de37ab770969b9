#pragma once
// Heading levels as the document nests them: a heading that skips a level in the Markdown
// (`#` then `###`) becomes the next level down from its parent, with a warning at its place, so
// the outline and the structure tags never skip one.
#include <vector>

#include "content/document.h"
#include "util/diagnostic.h"

namespace handout {

// Rewrites the level of every heading in `blocks` (and in the blocks they contain), in document
// order.
void nest_heading_levels(std::vector<Block>& blocks, Warnings& warnings);

}  // namespace handout
