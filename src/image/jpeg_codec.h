#pragma once
// JPEG files through libjpeg-turbo: the header, for typesetting, and the pixels, for painters
// that need them. libjpeg reports failures by longjmp, so no C++ exception ever passes through
// its frames; each failure comes back as a HandoutError at the image's place.
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace handout {

struct JpegHeader {
  int width = 0, height = 0;
  int components = 0;  // 1 (grey) or 3 (colour)
};

// Reads the header only (as far as the first scan). Throws at `place` when the file is not a
// JPEG libjpeg can read, or is one a PDF cannot carry as it is: CMYK (the archive profile's
// PDF/A-1 allows no device CMYK beside its sRGB output intent), arithmetic coding, 12 bits.
JpegHeader read_jpeg_header(const std::string& path, const SourcePlace& place);

struct RgbPixels {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;  // 3 bytes a pixel, rows from the top
};

// Decodes a whole JPEG (its file's bytes) to RGB, a grey one too. What libjpeg would only warn
// about (truncated or damaged data, which it papers over) is an error here.
RgbPixels decode_jpeg(std::string_view bytes, const std::string& path, const SourcePlace& place);

}  // namespace handout
