#include <catch2/catch.hpp>

#include "layout/layout_loader.h"
#include "typeset/font_set.h"
#include "typeset/test_fixtures.h"
#include "typeset/typesetter.h"

using namespace handout;
using namespace handout::testing;

TEST_CASE("only the fonts in fonts/ are known, and a layout naming another family is an error") {
  FontSet fonts(fonts_dir());
  CHECK(fonts.families().count("Atkinson Hyperlegible") == 1);
  CHECK(fonts.families().count("DejaVu Sans") == 0);
  LayoutSpec spec = parse_layout("[fonts]\nbody = \"Comic Sans MS\"\n", "layouts/bad.toml");
  Document document = sample_document(1);
  Warnings warnings;
  try {
    Typesetter typesetter(fonts, spec, document, warnings);
    FAIL("expected an unknown-family error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().to_string().rfind("layouts/bad.toml:2:8: error: font family 'Comic Sans MS'", 0) == 0);
  }
}

TEST_CASE("pages carry running heads with page numbers and an outline of headings") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = parse_layout("[footer]\nright = \"Page {page} of {pages}\"\n", "layouts/l.toml");
  Document document = sample_document(30);
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  Pages pages = typesetter.typeset(spec.body.size);
  REQUIRE(pages.pages.size() >= 2);
  // The outline has the title and one entry per section, in page order.
  CHECK(pages.outline.size() == 1 + 8);
  CHECK(pages.outline.front().level == 1);
  for (std::size_t i = 1; i < pages.outline.size(); ++i) CHECK(pages.outline[i - 1].page <= pages.outline[i].page);
  // No text line is set outside the page's text area, except the running heads in the margins.
  for (const Page& page : pages.pages)
    for (const PageItem& item : page.items)
      if (const auto* run = std::get_if<GlyphRun>(&item)) {
        CHECK(run->y > 0);
        CHECK(run->y < page.height);
        CHECK(run->x >= spec.page.margin_left - 0.01);
      }
}

TEST_CASE("characters no font in fonts/ has are reported as a warning") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = parse_layout("", "layouts/l.toml");
  Document document = sample_document(1);
  document.blocks.push_back(paragraph("An arrow \u2192 and a snowman \u2603."));
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  typesetter.typeset(spec.body.size);
  REQUIRE(warnings.items().size() == 1);
  const std::string& message = warnings.items()[0].message;
  INFO(message);
  CHECK(message.find("have no glyph") != std::string::npos);
  // A missing glyph is drawn as a box that carries no text, so the warning names the character.
  CHECK(message.find("'\u2603' U+2603") != std::string::npos);
  CHECK(message.find("U+0041") == std::string::npos);  // characters the fonts have are not named
}

TEST_CASE("the columns of a two-column page end level") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = parse_layout("[page]\ncolumns = 2\n[body]\nsize = 9\nleading = 1.3\n", "layouts/two.toml");
  for (int paragraphs : {3, 7, 12}) {
    Document document = sample_document(paragraphs);
    Warnings warnings;
    Typesetter typesetter(fonts, spec, document, warnings);
    Pages pages = typesetter.typeset(spec.body.size);
    REQUIRE(pages.pages.size() == 1);
    const Page& page = pages.pages.front();
    double middle = page.width / 2, left_bottom = 0, right_bottom = 0;
    for (const PageItem& item : page.items)
      if (const auto* run = std::get_if<GlyphRun>(&item))
        (run->x < middle ? left_bottom : right_bottom) = std::max(run->x < middle ? left_bottom : right_bottom, run->y);
    INFO(paragraphs << " paragraphs: left column ends at " << left_bottom << ", right at " << right_bottom);
    CHECK(right_bottom > 0);
    // Level within two lines: blocks split only where the keep rules allow.
    CHECK(std::abs(left_bottom - right_bottom) <= 2 * 9 * 1.3 + 0.01);
  }
}

TEST_CASE("deep headings keep their level in the outline and the structure, with sizes that step down") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = parse_layout("", "layouts/l.toml");
  Document document = sample_document(0);
  for (int level = 2; level <= 6; ++level) {
    document.blocks.push_back(heading(level, "Level " + std::to_string(level)));
    document.blocks.push_back(paragraph("Text under a heading of level " + std::to_string(level) + "."));
  }
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  Pages pages = typesetter.typeset(spec.body.size);
  std::vector<int> levels;
  for (const OutlineEntry& entry : pages.outline) levels.push_back(entry.level);
  CHECK(levels == std::vector<int>{1, 2, 3, 4, 5, 6});
  std::vector<std::string> tags;
  for (const PageItem& item : pages.pages.front().items)
    if (const auto* begin = std::get_if<StructBegin>(&item))
      if (begin->role.size() == 2 && begin->role[0] == 'H') tags.push_back(begin->role);
  CHECK(tags == std::vector<std::string>{"H1", "H2", "H3", "H4", "H5", "H6"});
  for (int level = 1; level < 6; ++level) CHECK(spec.headings[level].size <= spec.headings[level - 1].size);
  CHECK(warnings.items().empty());
}
