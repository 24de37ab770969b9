#include "support/test_images.h"

#include <cairo.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <jpeglib.h>
#include <vector>

namespace handout::testing {

namespace {

Rgb8 colour_at(int x, int y, int width, int height) {
  return quadrant_colours[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
}

}  // namespace

void write_quadrants_jpeg(const std::string& path, int width, int height, JpegKind kind) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  REQUIRE(file);
  jpeg_compress_struct info{};
  jpeg_error_mgr errors{};
  info.err = jpeg_std_error(&errors);  // test pictures are always valid: libjpeg's exit is fine here
  jpeg_create_compress(&info);
  jpeg_stdio_dest(&info, file);
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  const int components = kind == JpegKind::grey ? 1 : kind == JpegKind::cmyk ? 4 : 3;
  info.input_components = components;
  info.in_color_space = kind == JpegKind::grey ? JCS_GRAYSCALE : kind == JpegKind::cmyk ? JCS_CMYK : JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 90, TRUE);
  if (kind == JpegKind::progressive) jpeg_simple_progression(&info);
  if (kind == JpegKind::arithmetic) info.arith_code = TRUE;
  jpeg_start_compress(&info, TRUE);
  std::vector<unsigned char> row(std::size_t(width) * std::size_t(components));
  while (info.next_scanline < info.image_height) {
    const int y = static_cast<int>(info.next_scanline);
    for (int x = 0; x < width; ++x) {
      Rgb8 c = colour_at(x, y, width, height);
      unsigned char* pixel = row.data() + std::size_t(x) * std::size_t(components);
      if (kind == JpegKind::grey) {
        pixel[0] = static_cast<unsigned char>((c.red * 3 + c.green * 6 + c.blue) / 10);
      } else if (kind == JpegKind::cmyk) {
        pixel[0] = static_cast<unsigned char>(255 - c.red);
        pixel[1] = static_cast<unsigned char>(255 - c.green);
        pixel[2] = static_cast<unsigned char>(255 - c.blue);
        pixel[3] = 0;
      } else {
        pixel[0] = static_cast<unsigned char>(c.red);
        pixel[1] = static_cast<unsigned char>(c.green);
        pixel[2] = static_cast<unsigned char>(c.blue);
      }
    }
    JSAMPROW pointer = row.data();
    jpeg_write_scanlines(&info, &pointer, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  REQUIRE(std::fclose(file) == 0);
}

void write_quadrants_png(const std::string& path, int width, int height, bool with_alpha) {
  cairo_surface_t* surface =
      cairo_image_surface_create(with_alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cairo = cairo_create(surface);
  for (int quadrant = 0; quadrant < 4; ++quadrant) {
    const Rgb8& c = quadrant_colours[quadrant];
    // With alpha, the picture is half transparent: flattened on white it is lighter.
    cairo_set_source_rgba(cairo, c.red / 255.0, c.green / 255.0, c.blue / 255.0, with_alpha ? 0.5 : 1.0);
    int left = quadrant % 2 ? width / 2 : 0, top = quadrant / 2 ? height / 2 : 0;
    cairo_rectangle(cairo, left, top, quadrant % 2 ? width - width / 2 : width / 2,
                    quadrant / 2 ? height - height / 2 : height / 2);
    cairo_fill(cairo);
  }
  cairo_destroy(cairo);
  cairo_status_t status = cairo_surface_write_to_png(surface, path.c_str());
  cairo_surface_destroy(surface);
  REQUIRE(status == CAIRO_STATUS_SUCCESS);
}

void write_alpha_figure_article(const std::string& folder) {
  write_quadrants_png(folder + "/soft.png", 120, 80, true);
  std::ofstream article(folder + "/alpha-figure.md", std::ios::binary);
  article << "+++\ntitle = \"A figure with transparency\"\nlanguage = \"en\"\nreviewed = 2026-11-20\n"
             "organisation = \"Test Clinic\"\n+++\n\n# A figure with transparency\n\n"
             "![Four coloured quadrants](soft.png \"A picture with an alpha channel\")\n\nAfter the figure.\n";
  REQUIRE(article.good());
}

}  // namespace handout::testing
