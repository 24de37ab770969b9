// Every warning and error points inside its file: a line from 1 to the file's last line, and a
// column from 1 to one past the end of that line. Checked over articles and layouts whose
// problems sit where parsers tend to misplace them: at the end of the file, in text md4c hands
// from its own buffers (over-indented code), in front matter that ends early.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "content/content_loader.h"
#include "layout/layout_loader.h"
#include "typeset/font_set.h"
#include "typeset/test_fixtures.h"
#include "typeset/typesetter.h"
#include "util/text.h"

using namespace handout;
using namespace handout::testing;

namespace {

const std::string front_matter =
    "+++\ntitle = \"T\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n";
// A character none of the bundled fonts has, so typesetting warns at the block's place.
const std::string no_glyph = "\xE6\xBC\xA2";

// The length of each line of `text`, as an editor numbers them: a final newline ends the last
// line rather than starting another.
std::vector<std::size_t> line_lengths(const std::string& text) {
  std::vector<std::size_t> lengths{0};
  for (char c : text) {
    if (c == '\n')
      lengths.push_back(0);
    else
      ++lengths.back();
  }
  if (lengths.size() > 1 && lengths.back() == 0) lengths.pop_back();
  return lengths;
}

void check_inside(const SourcePlace& place, const std::string& text, const std::string& what) {
  INFO(what << " at " << place.path << ":" << place.line << ":" << place.column);
  if (place.line == 0) {
    CHECK(place.column == 0);  // no line, no column
    return;
  }
  std::vector<std::size_t> lengths = line_lengths(text);
  REQUIRE(place.line >= 1);
  REQUIRE(place.line <= static_cast<int>(lengths.size()));
  CHECK(place.column >= 1);
  CHECK(place.column <= static_cast<int>(lengths[place.line - 1]) + 1);
}

void check_blocks(const std::vector<Block>& blocks, const std::string& text) {
  for (const Block& block : blocks) {
    check_inside(block.place, text, "a block");
    check_blocks(block.children, text);
  }
}

struct TempFile {
  std::string path;
  TempFile(const std::string& name, const std::string& text)
      : path((std::filesystem::temp_directory_path() / ("handout-places-" + name)).string()) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("every warning and error about an article points inside the article") {
  const std::string articles[] = {
      // An indented code block whose first line is indented beyond four spaces: md4c hands the
      // extra indentation from a buffer of its own (this gave line 17 of a 16-line file).
      front_matter + "# Code\n\nText.\n\n      code " + no_glyph + "\n    more code\n",
      front_matter + "# Code\n\n\t\ttabbed code " + no_glyph,
      front_matter + "# Last\n\n        " + no_glyph,
      front_matter + "# Entity\n\nAn &nosuchentity;",
      front_matter + "# HTML\n\n<div>raw</div>",
      front_matter + "# HTML\n\nText <b>bold</b>",
      front_matter + "# Deep\n\n#### Deeper",
      front_matter + "# Empty heading\n\n####",
      front_matter + "# Image\n\nText ![alt]() more",
      front_matter + "# Table\n\n| a | b |\n|---|---|\n| " + no_glyph + " | x |",
      front_matter + "# List\n\n- item\n\n        code in item " + no_glyph + "\n",
      "+++\r\ntitle = \"T\"\r\nlanguage = \"en\"\r\nreviewed = 2026-01-01\r\norganisation = \"C\"\r\n+++\r\n\r\n"
      "# CRLF\r\n\r\n      code " + no_glyph + "\r\n",
      front_matter,                                   // no body
      front_matter + "   \n\n",                       // a body of white space
      "+++\ntitle = \"T\"\n",                         // front matter never closed
      "+++\ntitle = \"unterminated\n+++\n# H\n",       // a string that runs into the fence
      "+++\n+++\n# H\n",                              // empty front matter: missing keys
      "+++\n+++",                                     // and nothing else
      "+++\ntitle = [\"T\",\n+++\n",                  // an array cut short by the fence
      "+++\nreviewed = 2026-13-01\n+++\n# H\n",       // a date that is no date
      "no front matter",
      "",
  };
  FontSet fonts(fonts_dir());
  const std::string layout_path = HANDOUT_SOURCE_DIR "/layouts/patient-handout.toml";
  const std::string layout_text = read_file(layout_path);
  LayoutSpec layout = load_layout(layout_path);
  int index = 0;
  for (const std::string& text : articles) {
    TempFile file("article-" + std::to_string(index++) + ".md", text);
    INFO("article:\n" << text);
    Warnings warnings;
    try {
      Document document = load_document(file.path, warnings);
      check_blocks(document.blocks, text);
      Typesetter typesetter(fonts, layout, document, warnings);
      typesetter.typeset(layout.body.size);
    } catch (const HandoutError& error) {
      // Most errors are the article's; one about what the layout keeps of it is the layout's.
      const SourcePlace& place = error.diagnostic().place;
      REQUIRE((place.path == file.path || place.path == layout_path));
      check_inside(place, place.path == file.path ? text : layout_text, error.diagnostic().message);
    }
    for (const Diagnostic& warning : warnings.items()) check_inside(warning.place, text, warning.message);
  }
}

TEST_CASE("the over-indented code block's warnings point at its first line of code") {
  const std::string text = front_matter + "# Code\n\nText.\n\n      code " + no_glyph + "\n    more code\n";
  TempFile file("code.md", text);
  Warnings warnings;
  Document document = load_document(file.path, warnings);
  REQUIRE(document.blocks.size() == 3);
  CHECK(document.blocks[2].kind == BlockKind::code);
  CHECK(document.blocks[2].place.line == 12);
  CHECK(document.blocks[2].place.column == 7);  // after the indentation md4c supplies itself
}

TEST_CASE("every error in a layout points inside the layout") {
  const std::string layouts[] = {
      "a = [1,\n", "a = [1,", "[fit]\nmin_size = ", "[fit]\nmin_size = \n", "x = \"\"\"\nabc\n",
      "description = \"abc\n\n\n", "[body]\nsize = nan", "[page]\nmargin_top = \"nanpt\"\n\n\n", "[fit]\n",
      "[fit]\nmin_size = 20\nmax_size = 10", "[page]\ncolumns = 4\nmargin_left = \"80mm\"", "[[body]]\n", "",
  };
  for (const std::string& text : layouts) {
    INFO("layout:\n" << text);
    try {
      parse_layout(text, "layouts/x.toml");
    } catch (const HandoutError& error) {
      check_inside(error.diagnostic().place, text, error.diagnostic().message);
    }
  }
}
