// A Cairo context in error draws nothing more: such an error must stop the document at the
// item's place, never give a blank PDF reported as built.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "paint/cairo_painter.h"
#include "paint/haru_painter.h"
#include "paint/png_painter.h"
#include "support/test_images.h"

using namespace handout;
using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

Pages two_pages_with_image(const std::string& image, double width, double height) {
  Pages pages;
  pages.info.date = "2026-01-01T00:00:00Z";
  for (int i = 0; i < 2; ++i) {
    Page page;
    page.width = 595;
    page.height = 842;
    // The image on the first page only, between two shapes: nothing after it may go unchecked.
    page.items = {RectItem{50, 50, 100, 100, Rgb{0.5, 0.5, 0.5}},
                  ImageItem{image, 100, 100, width, height, SourcePlace{"a.md", 7, 12}},
                  RectItem{50, 400, 100, 100, Rgb{0.5, 0.5, 0.5}}};
    if (i == 1) page.items.erase(page.items.begin() + 1);
    pages.pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace

TEST_CASE("an image drawn at a size Cairo or libharu cannot use is an error at its place in every painter") {
  fs::path folder = fs::temp_directory_path() / ("handout-cairo-status-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::string image = (folder / "picture.png").string();
  write_quadrants_png(image, 40, 40);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double infinity = std::numeric_limits<double>::infinity();
  for (auto [width, height] : {std::pair{nan, 100.0}, std::pair{100.0, nan}, std::pair{1e300, 1e300},
                               std::pair{0.0, 100.0}, std::pair{infinity, 100.0}}) {
    INFO("image drawn at " << width << " x " << height);
    Pages pages = two_pages_with_image(image, width, height);
    try {
      paint_cairo_pdf(pages);
      FAIL("a PDF was painted");
    } catch (const HandoutError& error) {
      CHECK(error.diagnostic().to_string().rfind("a.md:7:12: error: ", 0) == 0);
    }
    try {
      paint_haru_pdf(pages, (folder / "archive.pdf").string(), HaruOptions{false, ""});
      FAIL("an archive PDF was painted");
    } catch (const HandoutError& error) {
      CHECK(error.diagnostic().to_string().rfind("a.md:7:12: error: ", 0) == 0);
    }
    try {
      paint_png_page(pages, 0, 50, (folder / "page.png").string());
      FAIL("a PNG was painted");
    } catch (const HandoutError& error) {
      CHECK(error.diagnostic().to_string().rfind("a.md:7:12: error: ", 0) == 0);
    }
  }
  // The same pages with a usable size paint.
  CHECK(paint_cairo_pdf(two_pages_with_image(image, 100, 100)).size() > 1000);
  fs::remove_all(folder);
}

TEST_CASE("a structure tag Cairo refuses stops the PDF with an error, not a blank document") {
  Pages pages;
  pages.info.date = "2026-01-01T00:00:00Z";
  Page page;
  page.width = 595;
  page.height = 842;
  page.items = {StructBegin{"P", {}}, RectItem{50, 50, 100, 100, Rgb{0.5, 0.5, 0.5}}, StructEnd{}, StructEnd{},
                StructBegin{"no such (tag", {}}, RectItem{50, 400, 100, 100, Rgb{}}, StructEnd{}};
  page.source = SourcePlace{"article.md"};
  pages.pages.push_back(page);
  try {
    paint_cairo_pdf(pages);
    FAIL("a PDF was painted");
  } catch (const HandoutError& error) {
    INFO(error.what());
    // No item is to blame: the error names the article.
    CHECK(error.diagnostic().to_string().rfind("article.md: error: Cairo could not", 0) == 0);
  }
}
