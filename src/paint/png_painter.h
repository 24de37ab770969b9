#pragma once
// Painting one page into a PNG image at a resolution, through a Cairo image surface.
#include <string>

#include "typeset/pages.h"

namespace handout {

// Returns the PNG's bytes; `path` names the file they are for, in messages.
std::string paint_png_page(const Page& page, double dpi, const std::string& path);

}  // namespace handout
