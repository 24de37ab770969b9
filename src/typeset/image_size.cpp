#include "typeset/image_size.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>

namespace handout {

ImageSize png_image_size(const std::string& path, const SourcePlace& place) {
  std::error_code error;  // a name the system refuses (too long, say) is not found, not an exception
  if (!std::filesystem::is_regular_file(path, error))
    throw HandoutError(place, fmt::format("image file '{}' not found", path));
  std::ifstream in(path, std::ios::binary);
  unsigned char header[24] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (!in || !std::equal(signature, signature + 8, header))
    throw HandoutError(place, fmt::format("image '{}' is not a readable PNG file", path));
  auto be32 = [&](int at) {
    return double((uint32_t(header[at]) << 24) | (uint32_t(header[at + 1]) << 16) | (uint32_t(header[at + 2]) << 8) |
                  uint32_t(header[at + 3]));
  };
  ImageSize size{be32(16), be32(20)};
  if (size.width <= 0 || size.height <= 0) throw HandoutError(place, fmt::format("image '{}' has no pixels", path));
  return size;
}

}  // namespace handout
