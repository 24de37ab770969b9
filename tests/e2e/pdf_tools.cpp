#include "e2e/pdf_tools.h"

#include <cairo.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "e2e/process.h"

namespace handout::testing {

int page_count(const std::string& pdf) {
  ProcessResult info = run_command("pdfinfo " + quote(pdf));
  REQUIRE(info.exit_code == 0);
  std::smatch match;
  REQUIRE(std::regex_search(info.out, match, std::regex(R"(Pages:\s+(\d+))")));
  return std::stoi(match[1]);
}

std::string pdf_text(const std::string& pdf, const std::string& mode) {
  ProcessResult text = run_command("pdftotext " + mode + " " + quote(pdf) + " -");
  REQUIRE(text.exit_code == 0);
  return text.out;
}

std::string uncompressed(const std::string& pdf) {
  ProcessResult qdf = run_command("qpdf --qdf --object-streams=disable " + quote(pdf) + " -");
  REQUIRE(qdf.exit_code == 0);
  return qdf.out;
}

namespace {

GreyImage read_pgm(const std::string& path) {
  std::string data = read_bytes(path);
  // "P5\n<width> <height>\n255\n" then the pixels.
  std::smatch match;
  REQUIRE(std::regex_search(data.cbegin(), data.cbegin() + std::min<std::size_t>(data.size(), 64), match,
                            std::regex(R"(^P5\s+(\d+)\s+(\d+)\s+255\s)")));
  GreyImage image;
  image.width = std::stoi(match[1]);
  image.height = std::stoi(match[2]);
  image.pixels = data.substr(static_cast<std::size_t>(match.length(0)));
  REQUIRE(image.pixels.size() == static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
  return image;
}

}  // namespace

std::vector<GreyImage> render_grey(const std::string& pdf, int dpi) {
  TempFolder folder;
  ProcessResult render = run_command("pdftoppm -r " + std::to_string(dpi) + " -gray " + quote(pdf) + " " +
                                     quote(folder / "page") + " 2>/dev/null");
  REQUIRE(render.exit_code == 0);
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder.path())) files.push_back(entry.path().string());
  // pdftoppm pads page numbers to the same width, so a name sort is a page sort.
  std::sort(files.begin(), files.end());
  std::vector<GreyImage> pages;
  for (const std::string& file : files) pages.push_back(read_pgm(file));
  return pages;
}

double share_of_pixels_differing(const GreyImage& a, const GreyImage& b, int threshold) {
  REQUIRE(a.width == b.width);
  REQUIRE(a.height == b.height);
  std::size_t differing = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    int difference = std::abs(static_cast<unsigned char>(a.pixels[i]) - static_cast<unsigned char>(b.pixels[i]));
    if (difference > threshold) ++differing;
  }
  return double(differing) / double(a.pixels.size());
}

RgbImage read_png_rgb(const std::string& path) {
  cairo_surface_t* surface = cairo_image_surface_create_from_png(path.c_str());
  REQUIRE(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
  cairo_surface_flush(surface);
  RgbImage image;
  image.width = cairo_image_surface_get_width(surface);
  image.height = cairo_image_surface_get_height(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < image.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + std::size_t(y) * std::size_t(stride));
    for (int x = 0; x < image.width; ++x) {
      // Opaque pages: the premultiplied channels are the colours themselves.
      image.rgb.push_back(static_cast<unsigned char>(row[x] >> 16));
      image.rgb.push_back(static_cast<unsigned char>(row[x] >> 8));
      image.rgb.push_back(static_cast<unsigned char>(row[x]));
    }
  }
  cairo_surface_destroy(surface);
  return image;
}

std::vector<RgbImage> render_rgb(const std::string& pdf, int dpi) {
  TempFolder folder;
  ProcessResult render = run_command("pdftoppm -r " + std::to_string(dpi) + " -png " + quote(pdf) + " " +
                                     quote(folder / "page") + " 2>/dev/null");
  REQUIRE(render.exit_code == 0);
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder.path())) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  std::vector<RgbImage> pages;
  for (const std::string& file : files) pages.push_back(read_png_rgb(file));
  return pages;
}

PngSize png_size(const std::string& path) {
  std::string data = read_bytes(path);
  REQUIRE(data.size() > 24);
  REQUIRE(data.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  auto be32 = [&](std::size_t at) {
    return (int(static_cast<unsigned char>(data[at])) << 24) | (int(static_cast<unsigned char>(data[at + 1])) << 16) |
           (int(static_cast<unsigned char>(data[at + 2])) << 8) | int(static_cast<unsigned char>(data[at + 3]));
  };
  return {be32(16), be32(20)};
}

}  // namespace handout::testing
