#pragma once
// Painting Pages with Cairo: a PDF with embedded font subsets, metadata, outline and links.
#include <string>

#include "typeset/pages.h"

namespace handout {

// Writes the PDF to a temporary file beside `path` and renames it into place when Cairo
// reports success, so a failed build never leaves a broken PDF where a good one was.
void paint_pdf(const Pages& pages, const std::string& path);

}  // namespace handout
