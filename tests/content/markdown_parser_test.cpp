#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "content/markdown_parser.h"

using namespace handout;

namespace {

std::vector<Block> parse(const std::string& markdown, Warnings& warnings, int first_line = 1,
                         const std::string& folder = ".") {
  return parse_markdown(MarkdownSource{markdown, "a.md", first_line, folder}, warnings);
}

std::vector<Block> parse(const std::string& markdown) {
  Warnings warnings;
  auto blocks = parse(markdown, warnings);
  CHECK(warnings.items().empty());
  return blocks;
}

}  // namespace

TEST_CASE("headings and paragraphs become blocks with their places") {
  Warnings warnings;
  auto blocks = parse("# Title\n\nFirst *para*\ncontinues.\n\n## Deeper\n", warnings, 10);
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].kind == BlockKind::heading);
  CHECK(blocks[0].level == 1);
  CHECK(plain_text(blocks[0].text) == "Title");
  CHECK(blocks[0].place.line == 10);
  CHECK(blocks[1].kind == BlockKind::paragraph);
  CHECK(plain_text(blocks[1].text) == "First para continues.");
  CHECK(blocks[1].place.line == 12);
  CHECK(blocks[2].level == 2);
}

TEST_CASE("a heading that skips a level nests under its parent, with a warning at its place") {
  Warnings warnings;
  // Lines: 1 "# Title", 3 "### Skipped", 5 "#### Child", 7 "## Back", 9 "#### Skipped again".
  auto blocks = parse("# Title\n\n### Skipped\n\n#### Child\n\n## Back\n\n#### Skipped again\n", warnings);
  REQUIRE(blocks.size() == 5);
  std::vector<int> levels;
  for (const Block& block : blocks) levels.push_back(block.level);
  CHECK(levels == std::vector<int>{1, 2, 3, 2, 3});
  REQUIRE(warnings.items().size() == 2);
  CHECK(warnings.items()[0].severity == Severity::warning);
  CHECK(warnings.items()[0].to_string() ==
        "a.md:3:5: warning: heading level 3 follows level 1, skipping a level: it is set as level 2");
  CHECK(warnings.items()[1].to_string() ==
        "a.md:9:6: warning: heading level 4 follows level 2, skipping a level: it is set as level 3");
}

TEST_CASE("headings inside a block quote nest with the document's headings") {
  Warnings warnings;
  auto blocks = parse("## Section\n\n> #### Note heading\n", warnings);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].level == 2);
  REQUIRE(blocks[1].children.size() == 1);
  CHECK(blocks[1].children[0].level == 3);
  CHECK(warnings.items().size() == 1);
}

TEST_CASE("heading levels 4 to 6 keep their level") {
  Warnings warnings;
  auto blocks = parse("### Three\n#### Four\n##### Five\n###### Six\n", warnings);
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[1].level == 4);
  CHECK(blocks[2].level == 5);
  CHECK(blocks[3].level == 6);
  CHECK(plain_text(blocks[3].text) == "Six");
}

TEST_CASE("inline styles and links are kept as runs") {
  auto blocks = parse("Some **strong _both_** and [a link](https://example.org/x) and `code`.\n");
  REQUIRE(blocks.size() == 1);
  const InlineText& text = blocks[0].text;
  REQUIRE(text.size() >= 6);
  CHECK(text[1].text == "strong ");
  CHECK(text[1].styles == style_strong);
  CHECK(text[2].text == "both");
  CHECK(text[2].styles == (style_strong | style_emphasis));
  auto link = std::find_if(text.begin(), text.end(), [](const TextRun& run) { return run.styles & style_link; });
  REQUIRE(link != text.end());
  CHECK(link->text == "a link");
  CHECK(link->link_target == "https://example.org/x");
  auto code = std::find_if(text.begin(), text.end(), [](const TextRun& run) { return run.styles & style_code; });
  REQUIRE(code != text.end());
  CHECK(code->text == "code");
}

TEST_CASE("ordered and nested lists keep their structure") {
  auto blocks = parse("3. three\n4. four\n   - inner a\n   - inner b\n");
  REQUIRE(blocks.size() == 1);
  const Block& list = blocks[0];
  CHECK(list.kind == BlockKind::list);
  CHECK(list.ordered);
  CHECK(list.start_number == 3);
  REQUIRE(list.children.size() == 2);
  const Block& second = list.children[1];
  REQUIRE(second.children.size() == 2);
  CHECK(plain_text(second.children[0].text) == "four");
  CHECK(second.children[1].kind == BlockKind::list);
  CHECK_FALSE(second.children[1].ordered);
  CHECK(plain_text(second.children[1].children[1].children[0].text) == "inner b");
}

TEST_CASE("block quotes become callouts and hard breaks stay breaks") {
  auto blocks = parse("> **Call us** if the pain\\\n> gets worse.\n");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].kind == BlockKind::callout);
  REQUIRE(blocks[0].children.size() == 1);
  CHECK(plain_text(blocks[0].children[0].text) == "Call us if the pain\u2028gets worse.");
}

TEST_CASE("an image alone in a paragraph is a figure with its caption") {
  auto blocks = parse("![Bone scan of the spine]()\n");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].kind == BlockKind::figure);
  CHECK(plain_text(blocks[0].text) == "Bone scan of the spine");
  CHECK(blocks[0].image_path.empty());
}

TEST_CASE("a figure's image is found beside the article, and a missing one is an error at its line") {
  namespace fs = std::filesystem;
  fs::path folder = fs::temp_directory_path() / "handout-markdown-test";
  fs::create_directories(folder);
  std::ofstream(folder / "scan.png") << "not checked here";
  std::ofstream(folder / "photo.jpeg") << "its format is read when it is typeset";
  Warnings warnings;
  auto blocks = parse("![Scan](scan.png)\n\n![Photo](photo.jpeg)\n", warnings, 1, folder.string());
  CHECK(blocks[0].image_path == (folder / "scan.png").string());
  CHECK(blocks[1].image_path == (folder / "photo.jpeg").string());
  // The image's place is where its file is named.
  CHECK(blocks[1].image_place.line == 3);
  CHECK(blocks[1].image_place.column == 10);
  // An image inside running text is set as its description; its file is not looked for.
  CHECK(parse("See: ![Scan](missing.png)\n", warnings, 20, folder.string())[0].kind == BlockKind::paragraph);
  try {
    parse("Intro.\n\n![Scan](missing.png)\n", warnings, 20, folder.string());
    FAIL("a missing image must be an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().place.line == 22);
    CHECK(error.diagnostic().place.column == 9);
    CHECK(error.diagnostic().message.find("missing.png") != std::string::npos);
  }
  fs::remove_all(folder);
}

TEST_CASE("a figure's title is its caption and its alt text its description") {
  Warnings warnings;
  auto blocks = parse("![Bone scan, front view: dark spots in two vertebrae](<> \"Figure 2: A bone scan\")\n\n"
                      "![Chest X-ray]()\n",
                      warnings);
  CHECK(warnings.items().empty());
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].kind == BlockKind::figure);
  CHECK(plain_text(blocks[0].text) == "Figure 2: A bone scan");
  CHECK(blocks[0].alt_text == "Bone scan, front view: dark spots in two vertebrae");
  // An image in an image's description is part of the description; the outer image is shown.
  auto nested = parse("![foo ![bar](inner.png)](<> \"Outer\")\n", warnings);
  CHECK(warnings.items().empty());
  REQUIRE(nested.size() == 1);
  CHECK(nested[0].kind == BlockKind::figure);
  CHECK(nested[0].alt_text == "foo bar");
  CHECK(nested[0].image_path.empty());
  // Without a title, the alt text is both.
  CHECK(plain_text(blocks[1].text) == "Chest X-ray");
  CHECK(blocks[1].alt_text == "Chest X-ray");
}

TEST_CASE("an image without alt text that cannot be used is an error at its line and column") {
  // No text callback comes for it, so its place is taken from where its file name stands.
  Warnings warnings;
  try {
    parse("Intro.\n\n  ![](missing.png)\n", warnings, 20, std::filesystem::temp_directory_path().string());
    FAIL("a missing image must be an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().place.line == 22);
    CHECK(error.diagnostic().place.column == 7);
    CHECK(error.diagnostic().message.find("missing.png") != std::string::npos);
  }
}

TEST_CASE("tables keep their header, cells and alignment") {
  auto blocks = parse("| Test | Sensitive |\n|:-----|:---:|\n| CT | no |\n| PET | yes |\n");
  REQUIRE(blocks.size() == 1);
  const Block& table = blocks[0];
  CHECK(table.kind == BlockKind::table);
  REQUIRE(table.rows.size() == 3);
  CHECK(plain_text(table.rows[0][1].text) == "Sensitive");
  CHECK(plain_text(table.rows[2][0].text) == "PET");
  CHECK(table.rows[1][1].align == TableCell::Align::centre);
}

TEST_CASE("raw HTML is reported with its line, never dropped silently") {
  Warnings warnings;
  auto blocks = parse("Text.\n\n<div class=\"x\">hidden</div>\n\nMore <b>bold</b> text.\n", warnings, 5);
  REQUIRE(warnings.items().size() >= 2);
  CHECK(warnings.items()[0].place.line == 7);
  CHECK(warnings.items()[0].message.find("raw HTML") != std::string::npos);
  CHECK(warnings.items()[1].place.line == 9);
  CHECK(plain_text(blocks.back().text) == "More bold text.");
}

TEST_CASE("entities are decoded") {
  Warnings warnings;
  auto blocks = parse("5 &micro;g &amp; 2&#8211;3 days &bogus;\n", warnings);
  CHECK(plain_text(blocks[0].text) == "5 \u00B5g & 2\u20133 days &bogus;");
  REQUIRE(warnings.items().size() == 1);
  CHECK(warnings.items()[0].message.find("&bogus;") != std::string::npos);
}

TEST_CASE("text md4c hands over as strings of its own takes the place of the text before it") {
  // md4c passes the indentation of a code line, line breaks and a NUL's replacement as its own
  // strings, not as pointers into the article: none may give a place outside the file.
  Warnings warnings;
  auto blocks = parse("Para\n\n          indented code\n", warnings, 5);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[1].kind == BlockKind::code);
  CHECK(blocks[1].place.line == 7);
  CHECK(blocks[1].place.column == 11);

  auto heading = parse(std::string("# \0 title\n", 10), warnings, 3);
  REQUIRE(heading.size() == 1);
  CHECK(heading[0].place.line == 3);
  CHECK(plain_text(heading[0].text) == "\uFFFD title");

  // Found by fuzzing: raw HTML holding a NUL, on the last line of the article.
  auto html = parse(std::string("Intro.\n\n<?x \0 y\n", 16), warnings, 10);
  REQUIRE_FALSE(warnings.items().empty());
  for (const Diagnostic& warning : warnings.items()) {
    CHECK(warning.place.line >= 10);
    CHECK(warning.place.line <= 12);
  }
}

TEST_CASE("an image whose name is too long for the system is an error at its line") {
  Warnings warnings;
  try {
    parse("Intro.\n\n![Scan](" + std::string(300, 'n') + ".png)\n", warnings, 4);
    FAIL("a name too long to exist must be an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().place.line == 6);
    CHECK(error.diagnostic().message.find("File name too long") != std::string::npos);
  }
}

TEST_CASE("Markdown is read to the end of its text only, whatever follows it in memory") {
  // Found by fuzzing: md4c 0.4.8 reads a byte past the end of a link left open at the end of
  // its text, took a ')' found there for the link's end, and handed over text of a negative
  // length. An article read from memory may well be followed by more bytes.
  const std::string memory = "Intro [a](b)(more";
  Warnings warnings;
  auto blocks = parse_markdown(MarkdownSource{std::string_view(memory).substr(0, 11), "a.md", 1, "."}, warnings);
  REQUIRE(blocks.size() == 1);
  CHECK(plain_text(blocks[0].text) == "Intro [a](b");
  REQUIRE(blocks[0].text.size() == 1);
  CHECK(blocks[0].text[0].link_target.empty());
}
