// Typesetting is tested through text dumps of small fixtures, compared with the expected dumps
// checked in under tests/data/dumps/: a layout change then shows up as a readable diff. After a
// deliberate change, rewrite them with
//     HANDOUT_UPDATE_DUMPS=1 ./build/tests/handout_unit_tests "[dump]"
// and review the diff like code.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "content/content_loader.h"
#include "layout/layout_loader.h"
#include "typeset/font_set.h"
#include "typeset/page_dump.h"
#include "typeset/test_fixtures.h"
#include "typeset/typesetter.h"

using namespace handout;
using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Compares `dump` with tests/data/dumps/NAME, naming the first line that differs.
void check_against_expected(const std::string& name, const std::string& dump) {
  const fs::path expected = fs::path(HANDOUT_SOURCE_DIR) / "tests/data/dumps" / name;
  const char* update = std::getenv("HANDOUT_UPDATE_DUMPS");
  if (update && std::string(update) == "1") {
    std::ofstream(expected, std::ios::binary) << dump;
    WARN("rewrote " << expected.string());
    return;
  }
  INFO("expected dump: " << expected.string() << " (HANDOUT_UPDATE_DUMPS=1 rewrites it)");
  REQUIRE(fs::exists(expected));
  std::vector<std::string> want = lines_of(read_file(expected)), got = lines_of(dump);
  for (std::size_t i = 0; i < std::min(want.size(), got.size()); ++i) {
    INFO("line " << i + 1 << "\n  expected: " << want[i] << "\n  typeset:  " << got[i]);
    REQUIRE(want[i] == got[i]);
  }
  CHECK(want.size() == got.size());
}

Pages typeset_fixture(const std::string& article, const std::string& layout_file) {
  static FontSet fonts(fonts_dir());
  const fs::path data = fs::path(HANDOUT_SOURCE_DIR) / "tests/data";
  Warnings warnings;
  // Relative paths, as a build from the project folder names them: the dump must not depend on
  // where the sources are checked out.
  Document document = parse_document("tests/data/" + article, read_file(data / article), warnings);
  LayoutSpec spec = parse_layout(layout_file.empty() ? "" : read_file(data / layout_file),
                                 layout_file.empty() ? "layouts/default.toml" : "tests/data/" + layout_file);
  Typesetter typesetter(fonts, spec, document, warnings);
  Pages pages = typesetter.typeset(spec.body.size);
  pages.info.creator = "test";
  return pages;
}

}  // namespace

TEST_CASE("every kind of block typesets to the expected page description", "[dump]") {
  check_against_expected("every-block.default.pages.txt", dump_pages(typeset_fixture("every-block.md", "")));
}

TEST_CASE("a two-column page with running heads typesets to the expected page description", "[dump]") {
  check_against_expected("every-block.two-columns.pages.txt",
                         dump_pages(typeset_fixture("every-block.md", "dumps/two-columns.toml")));
}

TEST_CASE("a dump is the same for the same pages and names fonts by their place in the fonts folder", "[dump]") {
  Pages pages = typeset_fixture("every-block.md", "dumps/two-columns.toml");
  std::string dump = dump_pages(pages);
  CHECK(dump == dump_pages(typeset_fixture("every-block.md", "dumps/two-columns.toml")));
  CHECK(dump.find(fonts_dir()) == std::string::npos);
  REQUIRE_FALSE(pages.fonts.empty());
  for (const FontFace& font : pages.fonts) CHECK(dump.find('"' + font.name + '"') != std::string::npos);
}

TEST_CASE("a dump shows every kind of item, one line each, with two decimals") {
  Pages pages;
  pages.info.title = "T";
  pages.info.language = "en";
  pages.body_size = 10;
  pages.fonts.push_back(FontFace{"/somewhere/fonts/a/Face.ttf", "a/Face.ttf", 0, 9.5, false, true});
  pages.outline = {OutlineEntry{1, "One", 0, 20.125, -1}, OutlineEntry{2, "Two \"quoted\"", 0, 40, 0}};
  pages.page_labels.push_back(PageLabel{0, PageLabel::Style::roman_lower, "A-", 3});
  Page page;
  page.width = 100;
  page.height = 841.889;
  GlyphRun run;
  run.font = 0;
  run.x = 10;
  run.y = 20.5;
  run.glyphs = {Glyph{36, 5.25, 0, 0}, Glyph{Glyph::none, 0, 0, 0}, Glyph{37, 5, 0.5, -1}};
  run.text = "ab\n";
  run.clusters = {Cluster{1, 1}, Cluster{1, 0}, Cluster{1, 1}};
  run.colour = Rgb{1, 0, 0};
  page.items = {StructBegin{"TH", {}, "Column"},
                run,
                StructEnd{},
                ArtifactBegin{ArtifactKind::pagination, "footer"},
                RuleItem{1, 2, 3, 0.5, Rgb{0, 0, 1}},
                RectItem{1, 2, 3, 4, Rgb{0.5, 0.5, 0.5}},
                ImageItem{"/x/logo.png", 5, 6, 7, 8, {}},
                ArtifactEnd{},
                LinkBegin{1, 1, 2, 2, "https://example.org/", false},
                run,
                LinkEnd{},
                LinkBegin{1, 3, 2, 2, "https://example.org/", true},
                LinkEnd{},
                StructBegin{"Figure", "a \"bone\" scan"},
                StructEnd{}};
  pages.pages.push_back(page);
  CHECK(dump_pages(pages) ==
        "document title=\"T\" author=\"\" language=\"en\" body=10.00\n"
        "font 0 \"a/Face.ttf\" index=0 size=9.50 synthetic-oblique\n"
        "outline 0 parent=-1 level=1 page=1 y=20.12 \"One\"\n"
        "outline 1 parent=0 level=2 page=1 y=40.00 \"Two \\\"quoted\\\"\"\n"
        "label page=1 roman prefix=\"A-\" start=3\n"
        "page 1 100.00 x 841.89\n"
        "  <TH scope=Column>\n"
        "    text 10.00 20.50 font=0 #ff0000 \"ab\\x0a\" glyphs=[36/5.25 -/0.00 37/5.00@0.50,-1.00] "
        "clusters=[1:1 1:0 1:1]\n"
        "  </>\n"
        "  <artifact pagination \"footer\">\n"
        "    rule 1.00 2.00 3.00 0.50 #0000ff\n"
        "    rect 1.00 2.00 3.00 4.00 #808080\n"
        "    image 5.00 6.00 7.00 8.00 \"logo.png\"\n"
        "  </artifact>\n"
        "  <link 1.00 1.00 2.00 2.00 \"https://example.org/\">\n"
        "    text 10.00 20.50 font=0 #ff0000 \"ab\\x0a\" glyphs=[36/5.25 -/0.00 37/5.00@0.50,-1.00] "
        "clusters=[1:1 1:0 1:1]\n"
        "  </link>\n"
        "  <link 1.00 3.00 2.00 2.00 \"https://example.org/\" continued>\n"
        "  </link>\n"
        "  <Figure alt=\"a \\\"bone\\\" scan\">\n"
        "  </>\n");
}

TEST_CASE("the outline is a tree made once: each entry hangs under the nearest earlier entry of a lower level") {
  std::vector<OutlineEntry> outline;
  for (int level : {1, 2, 3, 2, 4, 1, 3}) outline.push_back(OutlineEntry{level, "", 0, 0, 99});
  link_outline(outline);
  std::vector<int> parents;
  for (const OutlineEntry& entry : outline) parents.push_back(entry.parent);
  CHECK(parents == std::vector<int>{-1, 0, 1, 0, 3, -1, 5});
}
