#include "paint/cairo_image.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>

#include "image/image_format.h"
#include "image/image_header.h"
#include "image/jpeg_codec.h"

namespace handout {

namespace {

struct ByteReader {
  const std::string& bytes;
  std::size_t offset = 0;
};

cairo_status_t read_bytes(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<ByteReader*>(closure);
  if (reader->bytes.size() - reader->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, reader->bytes.data() + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

CairoSurfacePtr png_surface(const std::string& bytes, const std::string& path, const SourcePlace& place) {
  ByteReader reader{bytes};
  CairoSurfacePtr surface(cairo_image_surface_create_from_png_stream(read_bytes, &reader));
  cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS)
    throw HandoutError(place, fmt::format("image '{}' is not a readable PNG file: {}", path,
                                          cairo_status_to_string(status)));
  return surface;
}

void free_string(void* bytes) { delete static_cast<std::string*>(bytes); }

CairoSurfacePtr jpeg_surface(std::string bytes, const std::string& path, const SourcePlace& place) {
  RgbPixels pixels = decode_jpeg(bytes, path, place);
  CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, pixels.width, pixels.height));
  cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS)
    throw HandoutError(place, fmt::format("image '{}' ({} × {} pixels) cannot be painted: {}", path, pixels.width,
                                          pixels.height, cairo_status_to_string(status)));
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < pixels.height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + std::size_t(y) * std::size_t(stride));
    const unsigned char* rgb = pixels.rgb.data() + std::size_t(y) * std::size_t(pixels.width) * 3;
    for (int x = 0; x < pixels.width; ++x, rgb += 3)
      row[x] = 0xFF000000u | (std::uint32_t(rgb[0]) << 16) | (std::uint32_t(rgb[1]) << 8) | rgb[2];
  }
  cairo_surface_mark_dirty(surface.get());
  // Cairo keeps the bytes as long as the surface and frees them with it.
  auto* kept = new std::string(std::move(bytes));
  status = cairo_surface_set_mime_data(surface.get(), CAIRO_MIME_TYPE_JPEG,
                                       reinterpret_cast<const unsigned char*>(kept->data()), kept->size(),
                                       free_string, kept);
  if (status != CAIRO_STATUS_SUCCESS) {
    delete kept;
    throw HandoutError(place, fmt::format("image '{}' cannot be attached as JPEG: {}", path,
                                          cairo_status_to_string(status)));
  }
  return surface;
}

}  // namespace

CairoSurfacePtr load_cairo_image(const std::string& path, const SourcePlace& place) {
  return cairo_image_from_bytes(read_image_bytes(path, place), path, place);
}

CairoSurfacePtr cairo_image_from_bytes(std::string bytes, const std::string& path, const SourcePlace& place) {
  auto format = image_format_of(std::string_view(bytes).substr(0, image_magic_size));
  if (!format)
    throw HandoutError(place, fmt::format("image '{}' is {}; only PNG and JPEG images are supported", path,
                                          describe_other_format(std::string_view(bytes).substr(0, image_magic_size))));
  return *format == ImageFormat::png ? png_surface(bytes, path, place) : jpeg_surface(std::move(bytes), path, place);
}

}  // namespace handout
