#include <catch2/catch.hpp>

#include "content/glossary.h"
#include "layout/layout_loader.h"
#include "typeset/font_set.h"
#include "typeset/glossary_marking.h"
#include "typeset/test_fixtures.h"
#include "typeset/typesetter.h"

using namespace handout;
using namespace handout::testing;

namespace {

const char* glossary_text = R"(watch = ["-ectomy", "metasta", "-itis"]

[[term]]
term = "metastasis"
definition = "cancer that has spread"
forms = ["metastases", "metastatic"]

[[term]]
term = "bone scan"
sounds_like = "bone skan"
definition = "a test that shows changes in the bones"

[[term]]
term = "nephrectomy"
definition = "an operation to take out a kidney"

[[term]]
term = "radiotherapy"
definition = "treatment with high-energy rays"
)";

// The marked words of a text, in order.
std::vector<std::string> marked(const InlineText& text) {
  std::vector<std::string> words;
  for (const TextRun& run : text)
    if (run.styles & style_term) words.push_back(run.text);
  return words;
}

Block with_place(Block block, int line) {
  block.place = {"a.md", line, 1};
  return block;
}

}  // namespace

TEST_CASE("the first use of each term is marked: whole words, any form, any case") {
  Glossary glossary = parse_glossary(glossary_text, "g.toml");
  std::vector<Block> blocks{
      heading(2, "Metastasis in bone"),  // headings are not marked
      paragraph("Metastatic cancer: a Bone\nScan finds metastases; a bone scanner is a machine."),
      paragraph("Another bone scan and another metastasis."),
  };
  Warnings warnings;
  auto used = mark_glossary_terms(blocks, glossary, warnings);
  CHECK(marked(blocks[0].text).empty());
  // "Metastatic" (a form, capitalised) is the first use; "metastases" after it is not marked
  // again; "bone scanner" is not the whole word "bone scan"; the line break counts as a space.
  CHECK(marked(blocks[1].text) == std::vector<std::string>{"Metastatic", "Bone\nScan"});
  CHECK(marked(blocks[2].text).empty());
  CHECK(plain_text(blocks[1].text) == "Metastatic cancer: a Bone\nScan finds metastases; a bone scanner is a machine.");
  REQUIRE(used.size() == 2);
  CHECK(used[0]->term == "metastasis");
  CHECK(used[1]->term == "bone scan");
  CHECK(warnings.items().empty());
}

TEST_CASE("a term split across styled runs is marked, and code is never a use") {
  Glossary glossary = parse_glossary(glossary_text, "g.toml");
  Block block = paragraph("");
  block.text = {TextRun{"the ", style_plain, {}}, TextRun{"nephrectomy", style_code, {}},
                TextRun{" and a ", style_plain, {}}, TextRun{"bone", style_emphasis, {}},
                TextRun{" scan. A nephrectomy.", style_plain, {}}};
  std::vector<Block> blocks{block};
  Warnings warnings;
  auto used = mark_glossary_terms(blocks, glossary, warnings);
  CHECK(marked(blocks[0].text) == std::vector<std::string>{"bone", " scan", "nephrectomy"});
  // The emphasis of "bone" stays.
  for (const TextRun& run : blocks[0].text)
    if (run.text == "bone") CHECK((run.styles & style_emphasis) != 0);
  CHECK(used.size() == 2);
}

TEST_CASE("the words-to-know box lists only the terms used, in the layout's order, where it says") {
  Glossary glossary = parse_glossary(glossary_text, "g.toml");
  auto blocks_of = [] {
    return std::vector<Block>{heading(1, "Title"), heading(2, "One"), paragraph("A nephrectomy."),
                              heading(2, "Two"), paragraph("A bone scan found metastases.")};
  };
  auto terms_in = [](const Block& box) {
    std::vector<std::string> terms;
    for (const Block& item : box.children.at(1).children) terms.push_back(item.children.at(0).text.at(0).text);
    return terms;
  };
  Warnings warnings;
  GlossarySpec spec = parse_layout("[glossary]\n", "l.toml").glossary;
  REQUIRE(spec.enabled);
  std::vector<Block> at_end = blocks_of();
  apply_glossary(at_end, glossary, spec, warnings);
  REQUIRE(at_end.size() == 6);
  const Block& box = at_end.back();
  REQUIRE(box.kind == BlockKind::glossary);
  CHECK(plain_text(box.children.at(0).text) == "Words to know");
  CHECK(terms_in(box) == std::vector<std::string>{"Nephrectomy", "Bone scan", "Metastasis"});  // not radiotherapy
  CHECK(plain_text(box.children.at(1).children.at(1).children.at(0).text) ==
        "Bone scan (sounds like \u201cbone skan\u201d): a test that shows changes in the bones");

  GlossarySpec sorted =
      parse_layout("[glossary]\norder = \"alphabetical\"\nwhere = \"after_first_section\"\ntitle = \"Terms\"\n", "l.toml")
          .glossary;
  std::vector<Block> after_first = blocks_of();
  apply_glossary(after_first, glossary, sorted, warnings);
  REQUIRE(after_first.size() == 6);
  REQUIRE(after_first[3].kind == BlockKind::glossary);  // before "Two"
  CHECK(plain_text(after_first[4].text) == "Two");
  CHECK(terms_in(after_first[3]) == std::vector<std::string>{"Bone scan", "Metastasis", "Nephrectomy"});
  CHECK(plain_text(after_first[3].children.at(0).text) == "Terms");

  GlossarySpec off = parse_layout("[glossary]\nenabled = false\n", "l.toml").glossary;
  std::vector<Block> untouched = blocks_of();
  apply_glossary(untouched, glossary, off, warnings);
  CHECK(untouched.size() == 5);
  CHECK(marked(untouched[2].text).empty());
  CHECK_FALSE(parse_layout("", "l.toml").glossary.enabled);
}

TEST_CASE("words that look medical but have no definition are warnings at their block") {
  Glossary glossary = parse_glossary(glossary_text, "content/glossary.toml");
  std::vector<Block> blocks{with_place(paragraph("After a cholecystectomy, metastatic spread is rare."), 4),
                            with_place(paragraph("Arthritis and metastasectomy; arthritis again."), 9)};
  Block item;
  item.kind = BlockKind::list_item;
  item.children.push_back(with_place(paragraph("Pain from periarthritis."), 12));
  Block list;
  list.kind = BlockKind::list;
  list.children.push_back(item);
  blocks.push_back(list);
  Warnings warnings;
  mark_glossary_terms(blocks, glossary, warnings);
  std::vector<std::string> found;
  for (const Diagnostic& warning : warnings.items()) found.push_back(warning.to_string());
  // "metastatic" is a form of a term; each word is reported once, where it first appears.
  CHECK(found == std::vector<std::string>{
                     "a.md:4:1: warning: 'cholecystectomy' looks like a medical term (watch list \"-ectomy\") but "
                     "content/glossary.toml does not explain it",
                     "a.md:9:1: warning: 'arthritis' looks like a medical term (watch list \"-itis\") but "
                     "content/glossary.toml does not explain it",
                     "a.md:9:1: warning: 'metastasectomy' looks like a medical term (watch list \"-ectomy\") but "
                     "content/glossary.toml does not explain it",
                     "a.md:12:1: warning: 'periarthritis' looks like a medical term (watch list \"-itis\") but "
                     "content/glossary.toml does not explain it"});
}

TEST_CASE("with the article's text, a watched word is placed at its own line and column") {
  Glossary glossary = parse_glossary(glossary_text, "content/glossary.toml");
  const std::string source = "+++\ntitle = \"x\"\n+++\n\nIntro.\n\nPain after a\n  *tonsillectomy*, and an\n"
                             "appendectomy's scar; **splen**ectomy.\n";
  Block block = paragraph("Pain after a tonsillectomy, and an appendectomy's scar; splenectomy.");
  block.place = {"a.md", 7, 1};
  std::vector<Block> blocks{block};
  Warnings warnings;
  mark_glossary_terms(blocks, glossary, warnings, source);
  REQUIRE(warnings.items().size() == 3);
  CHECK(warnings.items()[0].to_string().rfind("a.md:8:4: warning: 'tonsillectomy'", 0) == 0);
  CHECK(warnings.items()[1].to_string().rfind("a.md:9:1: warning: 'appendectomy'", 0) == 0);
  // Markup inside the word: the paragraph's place stands in.
  CHECK(warnings.items()[2].to_string().rfind("a.md:7:1: warning: 'splenectomy'", 0) == 0);
}

TEST_CASE("the box is set as a tagged section with a list, and split only when taller than a page") {
  FontSet fonts(fonts_dir());
  Glossary glossary = parse_glossary(glossary_text, "g.toml");
  LayoutSpec spec = parse_layout("[glossary]\nbackground = \"#fdf6e3\"\n", "layouts/l.toml");
  Document document = sample_document(6);  // uses "bone scan" and "metastases"
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings, {}, {}, {}, &glossary);
  Pages pages = typesetter.typeset(spec.body.size);
  std::vector<std::string> tags;
  int box_pages = 0;
  for (const Page& page : pages.pages) {
    bool has_box = false;
    for (const PageItem& item : page.items) {
      if (const auto* begin = std::get_if<StructBegin>(&item)) tags.push_back(begin->role);
      if (const auto* rect = std::get_if<RectItem>(&item))
        has_box = has_box || rect->fill == Rgb{0xfd / 255.0, 0xf6 / 255.0, 0xe3 / 255.0};
    }
    box_pages += has_box;
  }
  auto sect = std::find(tags.begin(), tags.end(), "Sect");
  REQUIRE(sect != tags.end());
  CHECK(*(sect + 1) == "H2");
  CHECK(std::find(sect, tags.end(), "L") != tags.end());
  CHECK(box_pages == 1);  // a short box is kept on one page
}
