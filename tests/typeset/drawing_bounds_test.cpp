// Nothing is drawn outside its column: a figure taller than a column is scaled down to fit, and
// a word wider than a column is broken inside as a last resort, each with a warning at its place.
#include <catch2/catch.hpp>

#include <filesystem>

#include "layout/layout_loader.h"
#include "paint/cairo_fonts.h"
#include "support/test_images.h"
#include "typeset/font_set.h"
#include "typeset/test_fixtures.h"
#include "typeset/typesetter.h"

using namespace handout;
using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

struct Column {
  double left, right;
};

std::vector<Column> columns_of(const LayoutSpec& spec) {
  const PageSpec& page = spec.page;
  double width = (page.width - page.margin_left - page.margin_right - (page.columns - 1) * page.column_gap) / page.columns;
  std::vector<Column> columns;
  for (int c = 0; c < page.columns; ++c) {
    double left = page.margin_left + c * (width + page.column_gap);
    columns.push_back({left, left + width});
  }
  return columns;
}

// The longest word of the English language, four times over and then some: 200 characters with
// no break opportunity.
std::string long_word() {
  std::string word;
  while (word.size() < 200) word += "Pneumonoultramicroscopicsilicovolcanoconiosis";
  return word.substr(0, 200);
}

std::string temp_folder(const std::string& name) {
  fs::path folder = fs::temp_directory_path() / ("handout-" + name + "-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  return folder.string();
}

}  // namespace

TEST_CASE("no glyph of a word without break opportunities reaches past its column's right edge") {
  FontSet fonts(fonts_dir());
  for (const char* layout : {"[page]\ncolumns = 4\n", "[page]\ncolumns = 2\n[body]\nalign = \"justify\"\n",
                             "[page]\ncolumns = 3\n[h2]\nsize = 30\n"}) {
    LayoutSpec spec = parse_layout(layout, "layouts/narrow.toml");
    Document document = sample_document(2);
    Block paragraph = handout::testing::paragraph("Before " + long_word() + " after.");
    paragraph.place = {"sample.md", 30, 1};
    document.blocks.push_back(paragraph);
    document.blocks.push_back(handout::testing::paragraph("See https://example.org/" + long_word() + "/index.html"));
    document.blocks.push_back(heading(2, long_word()));
    Block table;
    table.kind = BlockKind::table;
    table.place = {"sample.md", 40, 1};
    table.rows = {{TableCell{{TextRun{"a", style_plain, {}}}, {}}, TableCell{{TextRun{"b", style_plain, {}}}, {}}},
                  {TableCell{{TextRun{long_word(), style_plain, {}}}, {}}, TableCell{{TextRun{"x", style_plain, {}}}, {}}}};
    document.blocks.push_back(table);
    Warnings warnings;
    Typesetter typesetter(fonts, spec, document, warnings);
    Pages pages = typesetter.typeset(spec.body.size);
    std::vector<Column> columns = columns_of(spec);
    int lines = 0;
    CairoFonts cairo_fonts(pages.fonts);
    for (const Page& page : pages.pages)
      for (const PageItem& item : page.items) {
        const auto* run = std::get_if<GlyphRun>(&item);
        if (!run) continue;
        // The ink of the run's glyphs, from the font the painters use.
        std::vector<cairo_glyph_t> glyphs;
        double pen = 0;
        for (const Glyph& glyph : run->glyphs) {
          if (glyph.id != Glyph::none)
            glyphs.push_back({glyph.id, run->x + run->dx + pen + glyph.x_offset, run->y + run->dy + glyph.y_offset});
          pen += glyph.advance;
        }
        cairo_text_extents_t ink;
        cairo_scaled_font_glyph_extents(cairo_fonts.scaled_font(run->font, {}), glyphs.data(),
                                        static_cast<int>(glyphs.size()), &ink);
        if (glyphs.empty() || ink.width == 0) continue;  // spaces only
        double left = glyphs.front().x + ink.x_bearing, right = left + ink.width;  // from the first glyph's origin
        const Column* column = nullptr;
        for (const Column& c : columns)
          if (run->x >= c.left - 0.01 && run->x <= c.right) column = &c;
        INFO(layout << " run at x " << run->x << " ink " << left << " to " << right);
        REQUIRE(column);
        CHECK(left >= column->left - 1.0);  // a glyph's side bearing may reach a little left
        CHECK(right <= column->right + 0.01);
        ++lines;
      }
    CHECK(lines > 20);
    // Each word broken inside is named, at its block's place.
    bool paragraph_warned = false, table_warned = false;
    for (const Diagnostic& warning : warnings.items()) {
      if (warning.message.find("was broken inside the word") == std::string::npos) continue;
      CHECK(warning.message.find("Pneumonoultramicrosc") != std::string::npos);
      paragraph_warned = paragraph_warned || warning.place.line == 30;
      table_warned = table_warned || warning.place.line == 40;
    }
    CHECK(paragraph_warned);
    CHECK(table_warned);
  }
}

TEST_CASE("ordinary text is never broken inside a word, so no warning is given") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = parse_layout("[page]\ncolumns = 2\n", "layouts/two.toml");
  Document document = sample_document(12);
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  typesetter.typeset(spec.body.size);
  CHECK(warnings.items().empty());
}

TEST_CASE("a figure taller than a column is scaled down to fit it, with a warning at the image's place") {
  std::string folder = temp_folder("tall-figure");
  std::string image = folder + "/tall.png";
  write_quadrants_png(image, 600, 4000);
  FontSet fonts(fonts_dir());
  for (const char* layout : {"", "[page]\ncolumns = 2\n[title_band]\n", "[page]\nmargin_top = \"60mm\"\n"}) {
    LayoutSpec spec = parse_layout(layout, "layouts/l.toml");
    Document document = sample_document(1);
    Block figure;
    figure.kind = BlockKind::figure;
    figure.image_path = image;
    figure.image_place = {"sample.md", 12, 15};
    figure.place = {"sample.md", 12, 1};
    figure.text = {TextRun{"A tall picture", style_plain, {}}};
    document.blocks.push_back(figure);
    document.blocks.push_back(handout::testing::paragraph("After the figure."));
    Warnings warnings;
    Typesetter typesetter(fonts, spec, document, warnings);
    Pages pages = typesetter.typeset(spec.body.size);
    int images = 0;
    for (const Page& page : pages.pages)
      for (const PageItem& item : page.items)
        if (const auto* picture = std::get_if<ImageItem>(&item)) {
          INFO(layout << " image at y " << picture->y << " height " << picture->height);
          CHECK(picture->y >= spec.page.margin_top - 0.01);
          CHECK(picture->y + picture->height <= page.height - spec.page.margin_bottom + 0.01);
          // Scaled, not stretched: the picture keeps its proportions.
          CHECK(picture->width / picture->height == Approx(600.0 / 4000.0).epsilon(0.001));
          ++images;
        }
    CHECK(images == 1);
    REQUIRE(warnings.items().size() == 1);
    CHECK(warnings.items()[0].place.line == 12);
    CHECK(warnings.items()[0].place.column == 15);
    CHECK(warnings.items()[0].message.find("taller than the column") != std::string::npos);
  }
  fs::remove_all(folder);
}
