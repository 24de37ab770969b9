// The clinician summary of a long article, chosen by the article's own front matter: one page at
// a readable size, its key points first, one of its two tables; and, when a summary does not
// fit, an error at the article that says which sections take the room.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <regex>
#include <set>

#include "content/content_loader.h"
#include "e2e/article_words.h"
#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "layout/layout_loader.h"
#include "typeset/block_selection.h"

using namespace handout;
using namespace handout::testing;

namespace {

const std::string binary = HANDOUT_BINARY;
const std::string fixture = "tests/data/blood-pressure-article.md";
const std::vector<std::string> bullets = {"\xE2\x80\xA2"};

Document load(const std::string& path) {
  Warnings warnings;
  return load_document(std::string(HANDOUT_SOURCE_DIR) + "/" + path, warnings);
}

const Block* key_points_of(const Document& document) {
  for (const Block& block : document.blocks)
    if (block.key_points) return &block;
  return nullptr;
}

// Figures: runs of digits, with the '/' of a reading and a '%' kept ("135/85", "20%").
std::set<std::string> figures_in(const std::string& text) {
  std::set<std::string> figures;
  static const std::regex figure(R"(\d+(?:/\d+)?%?)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), figure); it != std::sregex_iterator(); ++it)
    figures.insert(it->str());
  return figures;
}

// The article with its [layout.NAME] tables taken out of the front matter.
std::string without_layout_tables(std::string article) {
  std::size_t table = article.find("\n[layout.");
  std::size_t end = article.find("\n+++", table);
  REQUIRE(table != std::string::npos);
  return article.erase(table, end - table);
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

std::vector<double> numbers_after(const std::string& text, const std::string& key) {
  std::vector<double> numbers;
  const std::regex pattern("\"" + key + "\" : ([0-9.eE+-]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it)
    numbers.push_back(std::stod((*it)[1].str()));
  return numbers;
}

}  // namespace

TEST_CASE("the long fixture is what the summary test claims: 3,000 words, four heading levels, two tables, nested lists") {
  Document document = load(fixture);
  CHECK(document_words(document.blocks).size() >= 3000);
  int deepest = 0, tables = 0;
  bool nested_list = false;
  std::function<void(const std::vector<Block>&, int)> walk = [&](const std::vector<Block>& blocks, int lists) {
    for (const Block& block : blocks) {
      if (block.kind == BlockKind::heading) deepest = std::max(deepest, block.level);
      if (block.kind == BlockKind::table) ++tables;
      if (block.kind == BlockKind::list && lists > 0) nested_list = true;
      walk(block.children, lists + (block.kind == BlockKind::list ? 1 : 0));
    }
  };
  walk(document.blocks, 0);
  CHECK(deepest == 4);
  CHECK(tables == 2);
  CHECK(nested_list);
}

// Key points restate the article: every figure in them is one the rest of the article states.
TEST_CASE("the key points of the bundled article and of the fixture state only the article's own figures") {
  for (const std::string& path : {std::string("content/rcc-bone-metastasis.md"), fixture}) {
    Document document = load(path);
    const Block* key_points = key_points_of(document);
    REQUIRE(key_points != nullptr);
    std::vector<Block> rest;
    for (const Block& block : document.blocks)
      if (!block.key_points) rest.push_back(block);
    std::set<std::string> stated = figures_in(document_text(rest));
    std::set<std::string> used = figures_in(document_text(key_points->children));
    CHECK(used.size() >= 4);
    for (const std::string& figure : used) {
      INFO(path << ": " << figure);
      CHECK(stated.contains(figure));
    }
  }
}

TEST_CASE("front matter alone gives a long article a one-page summary at 7.5 pt or more, key points first") {
  TempFolder out;
  const std::string report = out / "report.json";
  ProcessResult result = run_command(quote(binary) + " build --no-project " + fixture +
                                         " --layout clinician-summary --layout patient-handout --out " +
                                         quote(out.path()) + " --report " + quote(report),
                                     120);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string summary = out / "blood-pressure-article.clinician-summary.pdf";
  const std::string handout = out / "blood-pressure-article.patient-handout.pdf";
  CHECK(page_count(summary) == 1);

  // The size, as the build's line and its report give it.
  std::smatch line;
  REQUIRE(std::regex_search(result.out, line,
                            std::regex(R"(clinician-summary\.pdf \(1 page, body (\d+\.\d+) pt)")));
  const double body = std::stod(line[1].str());
  CHECK(body >= 7.5);
  std::vector<double> sizes = numbers_after(read_bytes(report), "body_size");  // the handout's and the summary's
  REQUIRE(sizes.size() == 2);
  CHECK(std::min(sizes[0], sizes[1]) == Approx(body).margin(0.005));

  // The key points come first: right under the title band, their words in order.
  Document document = load(fixture);
  const Block* key_points = key_points_of(document);
  REQUIRE(key_points != nullptr);
  std::string raw = pdf_text(summary, "-raw");
  std::string body_text = without_lines_starting(raw, {"Clinician summary:", "Source:"});
  std::vector<std::string> words = words_of(body_text);
  std::erase_if(words, [](const std::string& word) { return word == bullets[0]; });
  std::vector<std::string> wanted = {"key", "points"};
  for (const std::string& word : document_words(key_points->children)) wanted.push_back(word);
  REQUIRE(words.size() > wanted.size());
  INFO("the summary begins: " << body_text.substr(0, 600));
  CHECK(first_mismatch(wanted, std::vector<std::string>(words.begin(), words.begin() + wanted.size()), {}) ==
        wanted.size());

  // Exactly one of the article's two tables: the medicines', which its chosen sections hold.
  std::string structure = uncompressed(summary);
  CHECK(count_of(structure, "/S /Table") == 1);
  CHECK(raw.find("amlodipine") != std::string::npos);
  CHECK(raw.find("119/79") == std::string::npos);
  // Only what the front matter chose: the sections it left out are not there.
  CHECK(raw.find("Eat less salt") == std::string::npos);
  // The clinician's block is in the summary; the patient's is not.
  CHECK(raw.find("Sick-day guidance") != std::string::npos);
  CHECK(raw.find("what we are here for") == std::string::npos);

  // The handout is the patient's: no key points, no clinician block, its own block kept.
  std::string handout_text = pdf_text(handout, "-raw");
  CHECK(handout_text.find("Key points") == std::string::npos);
  CHECK(handout_text.find("the first day is left out and the rest averaged") == std::string::npos);
  CHECK(handout_text.find("Sick-day guidance") == std::string::npos);
  CHECK(handout_text.find("what we are here for") != std::string::npos);
}

TEST_CASE("a summary that does not fit fails at the article, listing its sections by the room they take") {
  TempFolder folder;
  const std::string article = folder / "long.md";
  std::ofstream(article) << without_layout_tables(read_bytes(std::string(HANDOUT_SOURCE_DIR) + "/" + fixture));
  const std::string report = folder / "report.json";
  ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(article) +
                                         " --layout clinician-summary --out " + quote(folder / "out") + " --report " +
                                         quote(report),
                                     120);
  INFO(result.err);
  CHECK(result.exit_code == 1);
  // At the article's first line, with the overflow.
  CHECK(result.err.find(article + ":1:1: error: " + article + " does not fit on 1 page") != std::string::npos);
  CHECK(std::regex_search(result.err, std::regex(R"(overflows by \d+ pt of text \(\d+% of a column\))")));
  // One line per level-2 section (and the part before the first), largest first.
  const std::regex section(R"(\n  (.+) \(line (\d+)\): (\d+) lines?, (\d+)% of the page)");
  std::vector<std::string> headings;
  std::vector<int> shares;
  for (auto it = std::sregex_iterator(result.err.begin(), result.err.end(), section); it != std::sregex_iterator();
       ++it) {
    headings.push_back((*it)[1].str());
    shares.push_back(std::stoi((*it)[4].str()));
  }
  Document document = load(fixture);
  std::size_t sections = 1;
  for (const Block& block : document.blocks) sections += block.kind == BlockKind::heading && block.level == 2;
  REQUIRE(headings.size() == sections);
  CHECK(std::is_sorted(shares.rbegin(), shares.rend()));
  CHECK(std::find(headings.begin(), headings.end(), "Medicines for high blood pressure") != headings.end());

  // The JSON report carries the same list, in the same order.
  std::string json = read_bytes(report);
  CHECK(json.find("\"sections_by_room\"") != std::string::npos);
  std::vector<double> points = numbers_after(json, "points");
  REQUIRE(points.size() == sections);
  CHECK(std::is_sorted(points.rbegin(), points.rend()));
  std::size_t first = json.find("\"heading\" : \"" + headings[0] + "\"");
  std::size_t second = json.find("\"heading\" : \"" + headings[1] + "\"");
  CHECK(first != std::string::npos);
  CHECK(first < second);
}

TEST_CASE("when the article's own choice still does not fit, the error is at its [layout.NAME] table") {
  TempFolder folder;
  const std::string article = folder / "long.md";
  std::string text = without_layout_tables(read_bytes(std::string(HANDOUT_SOURCE_DIR) + "/" + fixture));
  const std::string table = "\n[layout.clinician-summary]\nexclude_sections = [\"contact\"]\n";
  std::size_t fence = text.find("\n+++", 4);
  text.insert(fence, table);
  std::ofstream(article) << text;
  // The table's first line follows the newline inserted before it.
  const int table_line =
      2 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(fence), '\n'));
  ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(article) +
                                         " --layout clinician-summary --out " + quote(folder / "out"),
                                     120);
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find(article + ":" + std::to_string(table_line) + ":1: error: ") != std::string::npos);
  CHECK(result.err.find("Medicines for high blood pressure (line") != std::string::npos);
  // The excluded section is not among those listed.
  CHECK(result.err.find("Contact us and further information (line") == std::string::npos);
}
