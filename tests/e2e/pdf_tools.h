#pragma once
// Reading PDFs and images back with poppler-utils, for end-to-end tests.
#include <string>
#include <vector>

namespace handout::testing {

int page_count(const std::string& pdf);              // pdfinfo's "Pages:"
std::string pdf_text(const std::string& pdf, const std::string& mode = "");  // pdftotext MODE PDF -
std::string uncompressed(const std::string& pdf);     // the PDF rewritten by qpdf in QDF form

struct GreyImage {
  int width = 0, height = 0;
  std::string pixels;  // one byte a pixel, row by row
};
// The pages of a PDF rendered grey by pdftoppm at `dpi`.
std::vector<GreyImage> render_grey(const std::string& pdf, int dpi);

// Share of pixels whose grey values differ by more than `threshold` (0 to 255).
double share_of_pixels_differing(const GreyImage& a, const GreyImage& b, int threshold);

struct RgbImage {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;  // three bytes a pixel, row by row
  const unsigned char* at(int x, int y) const { return &rgb[(std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3]; }
};
RgbImage read_png_rgb(const std::string& path);
// The pages of a PDF rendered in colour by pdftoppm at `dpi`.
std::vector<RgbImage> render_rgb(const std::string& pdf, int dpi);

struct PngSize {
  int width = 0, height = 0;
};
PngSize png_size(const std::string& path);

}  // namespace handout::testing
