#pragma once
// Painting Pages with Cairo into a tagged PDF: embedded font subsets, metadata, outline, links
// and a structure tree in reading order.
#include <string>

#include "typeset/pages.h"

namespace handout {

// The PDF's bytes, kept in memory: the finisher reads them from there rather than from a file.
std::string paint_cairo_pdf(const Pages& pages);

}  // namespace handout
