#pragma once
// Words to know: the first use of each glossary term in the blocks a layout sets is marked, and
// a box listing the terms used (with how to say them and what they mean) goes where the layout
// puts it. Words that look medical (the glossary's watch list) but have no entry are warnings.
#include <string_view>
#include <vector>

#include "content/document.h"
#include "content/glossary.h"
#include "layout/layout_spec.h"

namespace handout {

// Marks first uses (style_term) in document order and returns the entries used, in that order.
// Headings and code are not marked; whole words only, any of an entry's forms, any case.
// `source`, the article's text, places a watched word at its own line and column (else at its
// block's place).
std::vector<const GlossaryEntry*> mark_glossary_terms(std::vector<Block>& blocks, const Glossary& glossary,
                                                      Warnings& warnings, std::string_view source = {});

// The "Words to know" box for `used`, in the layout's order; a block of kind `glossary`.
Block glossary_box(const std::vector<const GlossaryEntry*>& used, const GlossarySpec& spec, const std::string& path);

// Both, with the box placed where the layout says; nothing when the layout has no glossary.
void apply_glossary(std::vector<Block>& blocks, const Glossary& glossary, const GlossarySpec& spec, Warnings& warnings,
                    std::string_view source = {});

}  // namespace handout
