#pragma once
// Choosing which of a document's blocks a layout sets (the clinician summary keeps only some).
#include <string>
#include <vector>

#include "content/document.h"
#include "layout/layout_spec.h"

namespace handout {

// Sections are level-2 headings with what follows them up to the next heading of level 1 or 2;
// a section is chosen when its heading contains one of the layout's words (ignoring case).
// `choice`, the article's own table for the layout, narrows the layout's rules: a block is set
// when both keep it. Blocks marked for another audience than the layout's are left out; the
// article's key points, when the layout's audience has them, come first.
// Nothing is left out but what the rules say, and the heading of a section they emptied.
std::vector<Block> select_blocks(const Document& document, const Selection& selection, Warnings& warnings,
                                 const LayoutChoice* choice = nullptr);

// The article's [layout.NAME] table for a layout, if it has one.
const LayoutChoice* layout_choice_for(const Document& document, const std::string& layout_name);

// select_blocks with the layout's rules and the article's table for it.
std::vector<Block> select_for_layout(const Document& document, const LayoutSpec& layout, Warnings& warnings);

// The blocks for `audience` (and for everyone), at every depth, in the article's order.
std::vector<Block> blocks_for(std::vector<Block> blocks, Audience audience);

// Warns of what no layout of a build will set: a [layout.NAME] table of the article for a layout
// the build does not have (nor `layouts/NAME.toml`: a build may leave a layout out on purpose),
// and a block for an audience none of its layouts is for.
void check_article_choices(const Document& document, const std::vector<const LayoutSpec*>& layouts,
                           Warnings& warnings);

}  // namespace handout
