#include "image/image_header.h"

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "image/jpeg_codec.h"
#include "util/text.h"

namespace handout {

namespace {

std::string read_head(const std::string& path, const SourcePlace& place, std::size_t size) {
  if (auto problem = regular_file_problem(path))
    throw HandoutError(place, fmt::format("image file '{}' {}", path, *problem));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HandoutError(place, fmt::format("image file '{}' cannot be opened", path));
  std::string head(size, '\0');
  in.read(head.data(), static_cast<std::streamsize>(size));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

// A PNG begins with its signature and then the IHDR chunk: length 13, type, width, height.
ImageHeader png_header(const std::string& head, const std::string& path, const SourcePlace& place) {
  auto byte = [&](std::size_t at) { return std::uint32_t(static_cast<unsigned char>(head[at])); };
  auto be32 = [&](std::size_t at) { return (byte(at) << 24) | (byte(at + 1) << 16) | (byte(at + 2) << 8) | byte(at + 3); };
  if (head.size() < 24 || be32(8) != 13 || head.compare(12, 4, "IHDR") != 0)
    throw HandoutError(place, fmt::format("image '{}' is a damaged PNG file (no IHDR header)", path));
  ImageHeader header{ImageFormat::png, double(be32(16)), double(be32(20))};
  // The PNG specification bounds both sides at 2^31 - 1; zero has no pixels.
  if (header.width <= 0 || header.height <= 0 || header.width > 0x7FFFFFFF || header.height > 0x7FFFFFFF)
    throw HandoutError(place, fmt::format("image '{}' is a damaged PNG file ({} × {} pixels)", path, header.width,
                                          header.height));
  if (header.width * header.height > double(most_image_pixels))
    throw HandoutError(place, fmt::format("image '{}' is {} × {} pixels; at most {} pixels are supported", path,
                                          header.width, header.height, most_image_pixels));
  return header;
}

}  // namespace

ImageHeader read_image_header(const std::string& path, const SourcePlace& place) {
  std::string head = read_head(path, place, 24);
  auto format = image_format_of(head);
  if (!format)
    throw HandoutError(place, fmt::format("image '{}' is {}; only PNG and JPEG images are supported", path,
                                          describe_other_format(head)));
  if (*format == ImageFormat::png) return png_header(head, path, place);
  JpegHeader jpeg = read_jpeg_header(path, place);
  return ImageHeader{ImageFormat::jpeg, double(jpeg.width), double(jpeg.height)};
}

void check_image_pixels(const ImageHeader& header, double max_pixels, const std::string& path,
                        const SourcePlace& place) {
  if (header.width * header.height <= max_pixels) return;
  throw HandoutError(place, fmt::format("image '{}' is {} × {} pixels ({:.1f} megapixels); the layout allows at most "
                                        "{:.1f} megapixels ([output] max_image_megapixels)",
                                        path, header.width, header.height, header.width * header.height / 1e6,
                                        max_pixels / 1e6));
}

std::string read_image_bytes(const std::string& path, const SourcePlace& place) {
  read_head(path, place, 0);  // the same message as the header's for a missing file
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw HandoutError(place, fmt::format("image file '{}' cannot be read", path));
  return bytes;
}

}  // namespace handout
