#include "image/image_format.h"

namespace handout {

using namespace std::string_view_literals;

std::optional<ImageFormat> image_format_of(std::string_view head) {
  if (head.starts_with("\x89PNG\r\n\x1A\n")) return ImageFormat::png;
  // Start of image, then the first marker of any JPEG (JFIF, Exif or bare).
  if (head.starts_with("\xFF\xD8\xFF")) return ImageFormat::jpeg;
  return std::nullopt;
}

std::string describe_other_format(std::string_view head) {
  // The bytes at [at, at + size), or nothing when the file is shorter.
  auto bytes = [&](std::size_t at, std::size_t size) {
    return head.size() >= at + size ? head.substr(at, size) : std::string_view();
  };
  if (head.empty()) return "an empty file";
  if (head.starts_with("GIF87a") || head.starts_with("GIF89a")) return "a GIF image";
  if (head.starts_with("RIFF") && bytes(8, 4) == "WEBP") return "a WebP image";
  if (head.starts_with("II*\0"sv) || head.starts_with("MM\0*"sv)) return "a TIFF image";
  if (head.starts_with("BM")) return "a BMP image";
  if (bytes(4, 8) == "ftypavif" || bytes(4, 8) == "ftypheic" || bytes(4, 8) == "ftypmif1")
    return "an AVIF or HEIF image";
  if (head.starts_with("%PDF")) return "a PDF document";
  if (head.starts_with("<svg") || head.starts_with("<?xml")) return "an SVG or XML file";
  return "not a PNG or JPEG image";
}

}  // namespace handout
