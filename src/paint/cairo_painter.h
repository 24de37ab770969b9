#pragma once
// Painting Pages with Cairo into a tagged PDF: embedded font subsets, metadata, outline, links
// and a structure tree in reading order.
#include <string>
#include <vector>

#include "paint/artifact_tags.h"
#include "typeset/pages.h"

namespace handout {

// The PDF's bytes, kept in memory: the finisher reads them from there rather than from a file.
// `top_level_tags`, when given, receives the elements at the top of the structure tree, which the
// finisher needs to write artifacts (artifact_tags.h).
std::string paint_cairo_pdf(const Pages& pages, std::vector<TopLevelTag>* top_level_tags = nullptr);

}  // namespace handout
