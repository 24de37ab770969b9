#pragma once
// An image file as a Cairo image surface, for painting into PDF or PNG.
#include <string>

#include "paint/cairo_handles.h"
#include "util/diagnostic.h"

namespace handout {

// A PNG is decoded by Cairo (with its alpha channel); a JPEG is decoded by libjpeg-turbo for
// the pixels, and carries its own bytes as CAIRO_MIME_TYPE_JPEG, so Cairo's PDF surface embeds
// it as it is (DCTDecode) rather than re-encoding it. Throws HandoutError at `place` when the
// file cannot be read or decoded.
CairoSurfacePtr load_cairo_image(const std::string& path, const SourcePlace& place);

// The same, from the bytes of the file at `path`.
CairoSurfacePtr cairo_image_from_bytes(std::string bytes, const std::string& path, const SourcePlace& place);

}  // namespace handout
