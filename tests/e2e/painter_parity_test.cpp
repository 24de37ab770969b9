// Both painters paint one page description: Cairo's PDF and libharu's PDF of the same pages,
// rendered by pdftoppm, show the same picture.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "content/content_loader.h"
#include "e2e/pdf_tools.h"
#include "layout/layout_loader.h"
#include "paint/cairo_painter.h"
#include "paint/haru_painter.h"
#include "typeset/font_set.h"
#include "typeset/typesetter.h"
#include "util/text.h"

using namespace handout;
using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

}  // namespace

TEST_CASE("one page description painted by Cairo and by libharu gives the same pixels") {
  const fs::path source = HANDOUT_SOURCE_DIR;
  FontSet fonts((source / "fonts").string());
  Warnings warnings;
  Document document =
      parse_document("every-block.md", read_file(source / "tests/data/every-block.md"), warnings);
  // Two columns with running heads and rules, shaded boxes, a table, a link and struck text.
  LayoutSpec spec = parse_layout(read_file(source / "tests/data/dumps/two-columns.toml"), "two-columns.toml");
  Pages pages = Typesetter(fonts, spec, document, warnings).typeset(spec.body.size);
  pages.info.date = "2026-05-06T00:00:00Z";
  fs::path folder = fs::temp_directory_path() / ("handout-parity-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  write_file(folder / "cairo.pdf", paint_cairo_pdf(pages));
  write_file(folder / "haru.pdf", paint_haru_pdf(pages, (folder / "haru.pdf").string(), HaruOptions{false, ""}));
  std::vector<GreyImage> cairo = render_grey((folder / "cairo.pdf").string(), 100);
  std::vector<GreyImage> haru = render_grey((folder / "haru.pdf").string(), 100);
  REQUIRE(cairo.size() == pages.pages.size());
  REQUIRE(haru.size() == cairo.size());
  for (std::size_t page = 0; page < cairo.size(); ++page) {
    // The threshold of the bundled article's parity test (profiles_test.cpp): under 0.5% of the
    // pixels may differ by more than a quarter of the grey range.
    double share = share_of_pixels_differing(cairo[page], haru[page], 64);
    INFO("page " << page + 1 << ": " << share * 100 << "% of pixels differ");
    CHECK(share < 0.005);
  }
  // And the page is not blank: text was painted by both.
  CHECK(pdf_text((folder / "haru.pdf").string()).find("Questions to ask") != std::string::npos);
  CHECK(pdf_text((folder / "cairo.pdf").string()).find("Questions to ask") != std::string::npos);
  fs::remove_all(folder);
}
