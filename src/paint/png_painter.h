#pragma once
// Painting one page into a PNG image at a resolution, through a Cairo image surface.
#include <cstddef>
#include <string>

#include "paint/cairo_fonts.h"
#include "typeset/pages.h"

namespace handout {

// Returns the PNG's bytes; `path` names the file they are for, in messages.
// Paints the pages of one document, opening their fonts once for all of them.
class PngPainter {
 public:
  explicit PngPainter(const Pages& pages) : pages_(pages), fonts_(pages.fonts) {}
  // Page `index`, as PNG bytes; `path` names the file they are for, in messages.
  std::string paint(std::size_t index, double dpi, const std::string& path);

 private:
  const Pages& pages_;
  CairoFonts fonts_;
};

// One page of `pages`.
std::string paint_png_page(const Pages& pages, std::size_t index, double dpi, const std::string& path);

}  // namespace handout
