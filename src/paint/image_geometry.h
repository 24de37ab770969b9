#pragma once
// The size an image is drawn at must make a usable matrix: Cairo puts its context in error at a
// scale that is not finite or is zero (then draws nothing more), and libharu stops the page.
#include <fmt/format.h>

#include <cmath>

#include "typeset/pages.h"
#include "util/diagnostic.h"

namespace handout {

// Throws HandoutError at the image's place unless it is drawn at a finite place and size, each
// side between 10⁻⁶ pt and 10⁶ pt.
inline void require_drawable(const ImageItem& item) {
  auto usable = [](double length) { return std::isfinite(length) && length >= 1e-6 && length <= 1e6; };
  if (!usable(item.width) || !usable(item.height) || !std::isfinite(item.x) || !std::isfinite(item.y) ||
      std::fabs(item.x) > 1e6 || std::fabs(item.y) > 1e6)
    throw HandoutError(item.place, fmt::format("the image {} cannot be drawn at {} x {} pt", item.path, item.width,
                                               item.height));
}

}  // namespace handout
