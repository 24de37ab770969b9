#pragma once
// An image's format and pixel size, read from its header, so typesetting decodes no pixels.
#include <string>

#include "image/image_format.h"
#include "util/diagnostic.h"

namespace handout {

struct ImageHeader {
  ImageFormat format = ImageFormat::png;
  double width = 0, height = 0;  // pixels
};

// Throws HandoutError at `place` when the file is missing, neither PNG nor JPEG (by its first
// bytes, whatever its name), or has a header that cannot be read.
ImageHeader read_image_header(const std::string& path, const SourcePlace& place);

// Throws HandoutError at `place` when the image has more than `max_pixels` pixels (a layout's
// [output] max_image_megapixels): decoding it would take 4 bytes a pixel.
void check_image_pixels(const ImageHeader& header, double max_pixels, const std::string& path,
                        const SourcePlace& place);

// The whole file, for painters; throws at `place` when it cannot be read.
std::string read_image_bytes(const std::string& path, const SourcePlace& place);

}  // namespace handout
