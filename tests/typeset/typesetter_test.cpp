#include <catch2/catch.hpp>

#include "layout/layout_loader.h"
#include "typeset/block_flow.h"
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

namespace {

struct Extent {
  double left, right, baseline;
  std::string text;
  bool ellipsized;
  double origin_x;
};

// The text lines set above the text area (the header), with their extents: the glyph runs of
// one line share its origin.
std::vector<Extent> header_lines(const Page& page, double margin_top) {
  std::vector<Extent> lines;
  for (const PageItem& item : page.items) {
    const auto* run = std::get_if<GlyphRun>(&item);
    if (!run || run->y >= margin_top) continue;
    double advance = 0;
    for (const Glyph& glyph : run->glyphs) advance += glyph.advance;
    if (lines.empty() || lines.back().origin_x != run->x || lines.back().baseline != run->y)
      lines.push_back({run->x + run->dx, run->x + run->dx, run->y, "", false, run->x});
    Extent& line = lines.back();
    line.left = std::min(line.left, run->x + run->dx);
    line.right = std::max(line.right, run->x + run->dx + advance);
    line.text += run->text;
    line.ellipsized = line.ellipsized || run->text.find("\u2026") != std::string::npos;
  }
  return lines;
}

}  // namespace

TEST_CASE("running heads too long for the line are divided at a separator or shortened, never set over each other") {
  FontSet fonts(fonts_dir());
  const std::string title = "Preparing for and recovering from a total hip replacement operation at the orthopaedic centre";
  const std::string organisation = "Northfield and District University Hospitals Orthopaedic and Trauma Service";
  struct Case {
    const char* layout;
    bool divided;  // else shortened with an ellipsis
  };
  for (const Case& test : {Case{"[header]\nleft = \"{organisation}\"\nright = \"{title}\"\n", false},
                           Case{"[header]\nleft = \"{organisation}\"\ncentre = \"{audience}\"\nright = \"{title}\"\n", false},
                           Case{"[header]\nleft = \"Handout\"\nright = \"{title} · {organisation}\"\n", true}}) {
    INFO(test.layout);
    LayoutSpec spec = parse_layout(test.layout, "layouts/l.toml");
    Document document = sample_document(1);
    document.metadata.title = title;
    document.metadata.organisation = organisation;
    document.metadata.audience = "Adults waiting for a planned hip replacement, and their families";
    Warnings warnings;
    Typesetter typesetter(fonts, spec, document, warnings);
    Pages pages = typesetter.typeset(spec.body.size);
    std::vector<Extent> lines = header_lines(pages.pages.front(), spec.page.margin_top);
    REQUIRE(lines.size() >= 2);
    const double size = spec.header.size;
    bool shortened = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      INFO(lines[i].text);
      CHECK(lines[i].left >= spec.page.margin_left - 0.01);
      CHECK(lines[i].right <= spec.page.width - spec.page.margin_right + 0.5);
      CHECK(lines[i].baseline - size > 0);                    // on the page
      CHECK(lines[i].baseline < spec.page.margin_top - 0.2 * size);  // above the text, never down into it
      // Lines on the same band of the page never share any of it.
      for (std::size_t k = i + 1; k < lines.size(); ++k)
        if (std::abs(lines[i].baseline - lines[k].baseline) < size)
          CHECK((lines[i].right <= lines[k].left + 0.01 || lines[k].right <= lines[i].left + 0.01));
      shortened = shortened || lines[i].ellipsized;
    }
    int named = 0;
    for (const Diagnostic& warning : warnings.items())
      if (warning.message.find("the running head 'header.") != std::string::npos) ++named;
    if (test.divided) {
      // The title on one line, the organisation under it: every word kept, no warning.
      CHECK_FALSE(shortened);
      CHECK(named == 0);
      CHECK(lines.size() == 3);
    } else {
      CHECK(shortened);
      CHECK(named >= 1);  // each shortened slot once
      CHECK(named <= 3);
      for (const Extent& line : lines) CHECK(line.baseline == Approx(lines.front().baseline));  // one line each
    }
  }
}

TEST_CASE("running heads that fit are set whole, with no warning") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = parse_layout("[header]\nleft = \"{organisation}\"\nright = \"{title}\"\n", "layouts/l.toml");
  Document document = sample_document(1);
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  Pages pages = typesetter.typeset(spec.body.size);
  std::vector<Extent> lines = header_lines(pages.pages.front(), spec.page.margin_top);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == "Clinic");
  CHECK(lines[1].text == "Sample");
  for (const Extent& line : lines) CHECK_FALSE(line.ellipsized);
  CHECK(warnings.items().empty());
}

TEST_CASE("hyphenation asked for an article whose language has no patterns is a warning at the key") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = parse_layout("[body]\nhyphenate = true\n", "layouts/l.toml");
  Document document = sample_document(1);
  document.metadata.language = "tlh";
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  typesetter.typeset(spec.body.size);
  // One warning about hyphenation, at the key (the page furniture's words warn on their own).
  std::vector<std::string> hyphenation;
  for (const Diagnostic& warning : warnings.items())
    if (warning.message.find("hyphenation") != std::string::npos) hyphenation.push_back(warning.to_string());
  REQUIRE(hyphenation.size() == 1);
  INFO(hyphenation[0]);
  CHECK(hyphenation[0].rfind("layouts/l.toml:2:13: warning: no hyphenation patterns for the article's language 'tlh'",
                             0) == 0);
  document.metadata.language = "en";
  Warnings english;
  Typesetter(fonts, spec, document, english).typeset(spec.body.size);
  CHECK(english.items().empty());
}

TEST_CASE("a list item's short lead-in keeps with the list under it, as a heading does") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = parse_layout("", "layouts/l.toml");
  auto item = [](std::vector<Block> children) {
    Block block;
    block.kind = BlockKind::list_item;
    block.children = std::move(children);
    return block;
  };
  auto list = [](bool ordered, std::vector<Block> items) {
    Block block;
    block.kind = BlockKind::list;
    block.ordered = ordered;
    block.children = std::move(items);
    return block;
  };
  Block nested = list(false, {item({paragraph("Warfarin is usually stopped five days before surgery.")}),
                              item({paragraph("Aspirin is often continued.")})});
  Block outer = list(true, {item({paragraph("Medicines that thin the blood"), nested}),
                            item({paragraph("Herbal remedies")}),
                            item({paragraph(std::string(60, 'x') + " a long lead-in. " + std::string(800, 'y')), nested})});
  Warnings warnings;
  FlowSettings settings{fonts, spec, "en", spec.body.size, 0, "list.md", "", TextSetter{&fonts}};
  std::vector<FlowBlock> flow = build_flow({outer}, settings, 300, warnings);
  // The lead-in, the two nested items, the plain item, the long lead-in and its two nested items.
  REQUIRE(flow.size() == 7);
  CHECK(flow[0].keep_with_next);        // "Medicines that thin the blood", above its list
  CHECK_FALSE(flow[1].keep_with_next);  // a nested item's own paragraph
  CHECK_FALSE(flow[2].keep_with_next);
  CHECK_FALSE(flow[3].keep_with_next);  // "Herbal remedies": nothing under it
  REQUIRE(flow[4].lines.size() > 3);
  CHECK_FALSE(flow[4].keep_with_next);  // a long paragraph may still split across frames
}
