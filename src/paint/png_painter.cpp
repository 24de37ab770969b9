#include "paint/png_painter.h"

#include <fmt/format.h>

#include <cmath>

#include "paint/cairo_page_painter.h"
#include "paint/cairo_handles.h"
#include "util/diagnostic.h"

namespace handout {

namespace {

// Called from C: must not throw. A failed allocation is reported to Cairo as a write error.
cairo_status_t append_png_bytes(void* closure, const unsigned char* data, unsigned int length) noexcept {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

}  // namespace

std::string paint_png_page(const Pages& pages, std::size_t index, double dpi, const std::string& path) {
  return PngPainter(pages).paint(index, dpi, path);
}

std::string PngPainter::paint(std::size_t index, double dpi, const std::string& path) {
  const Page& page = pages_.pages.at(index);
  const double scale = dpi / 72.0;
  int width = static_cast<int>(std::ceil(page.width * scale));
  int height = static_cast<int>(std::ceil(page.height * scale));
  CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  {
    CairoPtr cairo(cairo_create(surface.get()));
    cairo_set_source_rgb(cairo.get(), 1, 1, 1);
    cairo_paint(cairo.get());
    // The layouts were measured at 72 dpi with hinting off, so scaling paints them unchanged.
    cairo_scale(cairo.get(), scale, scale);
    CairoPagePainter(cairo.get(), false, fonts_).paint(page);
    check_cairo(cairo.get(), page.source, "the page");
  }
  cairo_surface_flush(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw HandoutError({path}, fmt::format("Cairo could not draw the page: {}",
                                           cairo_status_to_string(cairo_surface_status(surface.get()))));
  // To memory: the caller writes the bytes itself, checking every write.
  std::string png;
  cairo_status_t status = cairo_surface_write_to_png_stream(surface.get(), &append_png_bytes, &png);
  if (status != CAIRO_STATUS_SUCCESS)
    throw HandoutError({path}, fmt::format("Cairo could not write the PNG: {}", cairo_status_to_string(status)));
  return png;
}

}  // namespace handout
