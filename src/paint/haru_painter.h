#pragma once
// Painting Pages with libharu: the archive profile (PDF/A-1b as far as libharu 2.3 goes).
// Every glyph run is placed where Pango put it; text is written as its source UTF-8 so it
// extracts as the words it shows.
#include <string>

#include "typeset/pages.h"

namespace handout {

struct HaruOptions {
  bool pdfa = true;          // PDF/A-1b conformance, XMP metadata and an sRGB output intent
  std::string icc_profile;  // the sRGB ICC profile for the output intent
};

// Returns the PDF's bytes; `path` names the file they are for, in messages.
std::string paint_haru_pdf(const Pages& pages, const std::string& path, const HaruOptions& options);

}  // namespace handout
