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

namespace {

Block for_audience(Block block, Audience audience) {
  block.audience = audience;
  return block;
}

std::vector<std::string> texts_of(const std::vector<Block>& blocks) {
  std::vector<std::string> texts;
  for (const Block& block : blocks) texts.push_back(plain_text(block.text));
  return texts;
}

Selection all_kinds(Audience audience) {
  Selection selection;
  selection.blocks = {BlockKind::heading, BlockKind::paragraph, BlockKind::callout, BlockKind::list};
  selection.audience = audience;
  return selection;
}

}  // namespace

TEST_CASE("an article's table narrows the layout's selection and warns at words no heading has") {
  Document document;
  document.path = "a.md";
  Block table = paragraph("a table");
  table.kind = BlockKind::table;
  document.blocks = {heading(2, "Symptoms"), paragraph("pain"),   heading(2, "Treatment"), paragraph("surgery"),
                     table,                  heading(2, "Diet"), paragraph("salt")};
  Selection layout = all_kinds(Audience::clinician);
  layout.blocks.push_back(BlockKind::table);
  layout.exclude_sections = {"diet"};
  LayoutChoice choice;
  choice.sections = {"treat", "symptom", "diet", "nothing"};
  choice.section_places = {{"a.md", 3, 13}, {"a.md", 3, 22}, {"a.md", 3, 33}, {"a.md", 3, 41}};
  choice.exclude_sections = {"symptoms"};
  choice.exclude_places = {{"a.md", 4, 21}};
  choice.blocks = std::vector<BlockKind>{BlockKind::heading, BlockKind::paragraph};
  Warnings warnings;
  std::vector<Block> kept = select_blocks(document, layout, warnings, &choice);
  // The article cannot bring back what the layout excludes (diet), and leaves out the table.
  CHECK(texts_of(kept) == std::vector<std::string>{"Treatment", "surgery"});
  REQUIRE(warnings.items().size() == 1);
  CHECK(warnings.items()[0].place.line == 3);
  CHECK(warnings.items()[0].place.column == 41);
  CHECK(warnings.items()[0].message == "no section heading contains 'nothing'");

  // A kind the layout does not set cannot be asked for.
  Selection no_tables = all_kinds(Audience::clinician);
  LayoutChoice tables;
  tables.blocks = std::vector<BlockKind>{BlockKind::table};
  tables.place = {"a.md", 5, 1};
  Warnings widened;
  select_blocks(document, no_tables, widened, &tables);
  REQUIRE(widened.items().size() == 1);
  CHECK(widened.items()[0].place.line == 5);
  CHECK(widened.items()[0].message.find("narrow") != std::string::npos);
}

TEST_CASE("a layout sets the blocks for everyone and for its audience, with the key points first") {
  Document document;
  document.path = "a.md";
  Block key_points;
  key_points.kind = BlockKind::callout;
  key_points.key_points = true;
  key_points.audience = Audience::clinician;
  key_points.children = {paragraph("the gist")};
  Block item;
  item.kind = BlockKind::list_item;
  item.children = {paragraph("for all"), for_audience(paragraph("nested for patients"), Audience::patient)};
  Block list;
  list.kind = BlockKind::list;
  list.children = {item};
  document.blocks = {heading(2, "Background"), paragraph("shared"), key_points, list,
                     heading(2, "Dosing"), for_audience(paragraph("mg per kg"), Audience::clinician),
                     for_audience(paragraph("ask your nurse"), Audience::patient)};
  Warnings warnings;

  std::vector<Block> clinician = select_blocks(document, all_kinds(Audience::clinician), warnings);
  CHECK(texts_of(clinician) == std::vector<std::string>{"", "Background", "shared", "", "Dosing", "mg per kg"});
  CHECK(clinician[0].key_points);
  REQUIRE(clinician[3].children.size() == 1);
  CHECK(clinician[3].children[0].children.size() == 1);  // the patients' nested paragraph is left out

  std::vector<Block> patient = select_blocks(document, all_kinds(Audience::patient), warnings);
  CHECK(texts_of(patient) == std::vector<std::string>{"Background", "shared", "", "Dosing", "ask your nurse"});
  CHECK(patient[2].children[0].children.size() == 2);

  // A layout for everyone sets only what is for everyone; a section left empty loses its heading.
  std::vector<Block> everyone = select_blocks(document, all_kinds(Audience::everyone), warnings);
  CHECK(texts_of(everyone) == std::vector<std::string>{"Background", "shared", ""});
  CHECK(warnings.items().empty());
}

TEST_CASE("blocks and tables no built layout sets are warned of at their places") {
  Document document;
  document.path = "a.md";
  Block marked = for_audience(paragraph("for patients"), Audience::patient);
  marked.place = {"a.md", 12, 3};
  document.blocks = {paragraph("shared"), marked};
  LayoutChoice choice;
  choice.place = {"a.md", 6, 1};
  document.metadata.layouts["clinician-sumary"] = choice;
  LayoutSpec summary;
  summary.name = "clinician-summary";
  summary.select.audience = Audience::clinician;
  Warnings warnings;
  check_article_choices(document, {&summary}, warnings);
  REQUIRE(warnings.items().size() == 2);
  CHECK(warnings.items()[0].place.line == 6);
  CHECK(warnings.items()[0].message.find("no layout named 'clinician-sumary'") != std::string::npos);
  CHECK(warnings.items()[1].place.line == 12);
  CHECK(warnings.items()[1].message.find("for patients") != std::string::npos);

  LayoutSpec handout;
  handout.name = "patient-handout";
  handout.select.audience = Audience::patient;
  document.metadata.layouts.clear();
  Warnings none;
  check_article_choices(document, {&summary, &handout}, none);
  CHECK(none.items().empty());
}
