#include <catch2/catch.hpp>

#include "typeset/block_selection.h"
#include "typeset/test_fixtures.h"

using namespace handout;
using namespace handout::testing;

TEST_CASE("sections and block kinds are selected as the layout says") {
  Document document;
  document.path = "a.md";
  Block figure = paragraph("A caption");
  figure.kind = BlockKind::figure;
  document.blocks = {heading(1, "Title"),        paragraph("intro"),      heading(2, "Symptoms"), paragraph("pain"),
                     heading(2, "Introduction"), paragraph("background"), heading(2, "Treatment"), figure};
  Selection selection;
  selection.exclude_sections = {"introduction"};
  selection.blocks = {BlockKind::heading, BlockKind::paragraph};
  selection.drop_title = true;
  Warnings warnings;
  std::vector<Block> kept = select_blocks(document, selection, warnings);
  std::vector<std::string> texts;
  for (const Block& block : kept) texts.push_back(plain_text(block.text));
  // The treatment heading goes with its only block (a figure, not selected).
  CHECK(texts == std::vector<std::string>{"intro", "Symptoms", "pain"});

  Selection only;
  only.sections = {"treat", "nothing like this"};
  only.blocks = {BlockKind::heading, BlockKind::figure};
  kept = select_blocks(document, only, warnings);
  REQUIRE(kept.size() == 2);
  CHECK(plain_text(kept[0].text) == "Treatment");
  REQUIRE(warnings.items().size() == 1);
  CHECK(warnings.items()[0].message.find("nothing like this") != std::string::npos);
}

TEST_CASE("a heading directly followed by deeper headings is kept") {
  Document document;
  document.path = "a.md";
  document.blocks = {heading(2, "Treatment"), heading(3, "Surgery"), heading(4, "Before surgery"),
                     paragraph("fasting"),    heading(4, "After"),   heading(2, "Follow-up")};
  Selection everything;
  everything.blocks = {BlockKind::heading, BlockKind::paragraph};
  Warnings warnings;
  std::vector<Block> kept = select_blocks(document, everything, warnings);
  std::vector<std::string> texts;
  for (const Block& block : kept) texts.push_back(plain_text(block.text));
  // "After" and "Follow-up" have empty sections in the article itself: nothing was left out.
  CHECK(texts == std::vector<std::string>{"Treatment", "Surgery", "Before surgery", "fasting", "After", "Follow-up"});
  CHECK(warnings.items().empty());
}

TEST_CASE("an article of headings only keeps every heading") {
  Document document;
  document.path = "a.md";
  document.blocks = {heading(1, "One"), heading(2, "Two"), heading(3, "Three"), heading(6, "Six")};
  Selection everything;
  everything.blocks = {BlockKind::heading, BlockKind::paragraph};
  Warnings warnings;
  CHECK(select_blocks(document, everything, warnings).size() == 4);
}

TEST_CASE("a heading goes only with a section that the rules emptied") {
  Document document;
  document.path = "a.md";
  Block table = paragraph("cells");
  table.kind = BlockKind::table;
  document.blocks = {heading(2, "Doses"), heading(3, "Table"), table, heading(3, "Notes"), paragraph("note")};
  Selection no_tables;
  no_tables.blocks = {BlockKind::heading, BlockKind::paragraph};
  Warnings warnings;
  std::vector<Block> kept = select_blocks(document, no_tables, warnings);
  std::vector<std::string> texts;
  for (const Block& block : kept) texts.push_back(plain_text(block.text));
  CHECK(texts == std::vector<std::string>{"Doses", "Notes", "note"});

  no_tables.blocks = {BlockKind::heading};
  CHECK(select_blocks(document, no_tables, warnings).empty());
}
