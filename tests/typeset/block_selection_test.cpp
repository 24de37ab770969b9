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
