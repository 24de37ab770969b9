#pragma once
// Painting one page into a PNG image at a resolution, through a Cairo image surface.
#include <cstddef>
#include <string>

#include "typeset/pages.h"

namespace handout {

// Returns the PNG's bytes; `path` names the file they are for, in messages.
// Page `index` of `pages` (whose font table its glyph runs name).
std::string paint_png_page(const Pages& pages, std::size_t index, double dpi, const std::string& path);

}  // namespace handout
