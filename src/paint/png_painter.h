#pragma once
// Painting one page into a PNG image at a resolution, through a Cairo image surface.
#include <string>

#include "typeset/pages.h"

namespace handout {

// Writes to `path` directly; callers write to a temporary path and rename.
void paint_png_page(const Page& page, double dpi, const std::string& path);

}  // namespace handout
