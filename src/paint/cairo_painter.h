#pragma once
// Painting Pages with Cairo into a tagged PDF: embedded font subsets, metadata, outline, links
// and a structure tree in reading order.
#include <string>

#include "typeset/pages.h"

namespace handout {

// Writes to `path` directly; callers write to a temporary path and rename (see AtomicOutput).
void paint_cairo_pdf(const Pages& pages, const std::string& path);

}  // namespace handout
