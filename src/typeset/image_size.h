#pragma once
// An image's pixel size, read from its header, so typesetting needs no image decoder.
#include <string>

#include "util/diagnostic.h"

namespace handout {

struct ImageSize {
  double width = 0, height = 0;
};

// Throws HandoutError at `place` when the file is missing or not a PNG.
ImageSize png_image_size(const std::string& path, const SourcePlace& place);

}  // namespace handout
