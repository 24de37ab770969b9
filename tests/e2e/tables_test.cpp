// End-to-end tests of tables: the header row on every page a table spans, no cell text lost,
// a table that fits the summary's column, and no break inside "mg/dL" or after "50-".
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"

using namespace handout::testing;

namespace {

const std::string binary = HANDOUT_BINARY;
const std::string fixture = "tests/data/medication-tables.md";

struct TablesBuild {
  TempFolder out;
  ProcessResult result;
  std::string handout, summary;
  TablesBuild() {
    result = run_command(quote(binary) + " build --no-project " + fixture +
                         " --layout patient-handout --layout clinician-summary --out " + quote(out.path()));
    handout = out / "medication-tables.patient-handout.pdf";
    summary = out / "medication-tables.clinician-summary.pdf";
  }
};

const TablesBuild& build() {
  static TablesBuild once;
  return once;
}

std::string page_text(const std::string& pdf, int page) {
  ProcessResult text = run_command("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                                   quote(pdf) + " -");
  REQUIRE(text.exit_code == 0);
  return text.out;
}

// The text's words, each as pdftotext gives it, in order.
std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// The fixture's table cells, row by row: every "| a | b |" line except the delimiter rows.
std::vector<std::vector<std::string>> table_cells() {
  ProcessResult source = run_command("cat " + fixture);
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(source.out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("|", 0) != 0 || line.find("---") != std::string::npos) continue;
    std::vector<std::string> cells;
    std::size_t at = 1;
    for (std::size_t bar; (bar = line.find('|', at)) != std::string::npos; at = bar + 1) {
      std::string cell = line.substr(at, bar - at);
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
    }
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("a table that runs onto more pages shows its header row at the top of each") {
  const TablesBuild& b = build();
  INFO(b.result.out << b.result.err);
  REQUIRE(b.result.exit_code == 0);
  int pages = page_count(b.handout);
  REQUIRE(pages >= 3);
  // The diary table starts on a page and runs to the last but the closing paragraph; every page
  // from "Day 1" to "Day 40" has its header line "Day  Reading  Checks  Notes".
  const std::regex header(R"(Day\s+Reading\s+Checks\s+Notes)");
  int first = 0, last = 0;
  for (int page = 1; page <= pages; ++page) {
    std::string text = page_text(b.handout, page);
    bool has_rows = std::regex_search(text, std::regex(R"(Day\s+\d+\b)"));
    if (!has_rows) continue;
    if (first == 0) first = page;
    last = page;
    INFO("page " << page << ":\n" << text);
    CHECK(std::regex_search(text, header));
  }
  CHECK(last > first);  // the table does cross a page
  // The copies are furniture: the structure tree holds each header once (4 + 4 TH cells) and one
  // TR a row (6 + 41), whatever the pages.
  std::string structure = uncompressed(b.handout);
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = structure.find(what); at != std::string::npos; at = structure.find(what, at + 1)) ++n;
    return n;
  };
  // "/S /TH" also begins "/S /THead": count the names that end there.
  CHECK(count("/S /TH") - count("/S /THead") == 8);
  CHECK(count("/S /TR") == 47);
}

TEST_CASE("no table cell's text is lost, and the header is in the text once per page") {
  const TablesBuild& b = build();
  REQUIRE(b.result.exit_code == 0);
  for (const std::string& pdf : {b.handout, b.summary}) {
    std::vector<std::string> words = words_of(pdf_text(pdf, "-raw"));
    std::string joined;
    for (const std::string& word : words) joined += word + " ";
    for (const auto& row : table_cells())
      for (const std::string& cell : row) {
        // Every word of every cell, in the cell's order (a cell may wrap, its words stay in order).
        std::size_t at = 0;
        for (const std::string& word : words_of(cell)) {
          std::size_t found = joined.find(word, at);
          INFO(pdf << ": cell '" << cell << "', word '" << word << "'");
          REQUIRE(found != std::string::npos);
          at = found + word.size();
        }
      }
  }
  // Units and compounds are set whole, never broken across lines.
  std::string text = pdf_text(b.handout, "-raw");
  CHECK(text.find("mg/\n") == std::string::npos);
  CHECK(text.find("50-\n") == std::string::npos);
  CHECK(text.find("15-\n") == std::string::npos);
  CHECK(text.find("70 mg/dL") != std::string::npos);
}

TEST_CASE("in the two-column summary a wide table fits its column without cutting words") {
  const TablesBuild& b = build();
  REQUIRE(b.result.exit_code == 0);
  CHECK(page_count(b.summary) == 1);
  CHECK(b.result.err.find("broken inside the word") == std::string::npos);
  CHECK(b.result.err.find("too wide for its column") == std::string::npos);
  // No word of the first column runs into the gap or the second column (pdftotext -bbox words,
  // below the title band).
  ProcessResult boxes = run_command("pdftotext -bbox " + quote(b.summary) + " -");
  REQUIRE(boxes.exit_code == 0);
  const std::regex word(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)")re");
  // A4 at 72 dpi with 14 mm margins and a 7 mm gap: the first column ends at about 293.4 pt.
  const double page_width = 595.28, margin = 14 * 72 / 25.4, gap = 7 * 72 / 25.4;
  const double column_end = margin + (page_width - 2 * margin - gap) / 2;
  for (auto it = std::sregex_iterator(boxes.out.begin(), boxes.out.end(), word); it != std::sregex_iterator(); ++it) {
    double x_min = std::stod((*it)[1]), y_min = std::stod((*it)[2]), x_max = std::stod((*it)[3]);
    if (y_min < 100) continue;  // the title band runs across both columns
    if (x_min < column_end) CHECK(x_max <= column_end + 0.5);
    CHECK(x_max <= page_width - margin + 0.5);
  }
}

TEST_CASE("a table wider than its column at the smallest size cuts words, with a warning at the table") {
  TempFolder folder;
  std::string article = folder / "wide.md";
  std::string layout = folder / "narrow.toml";
  ProcessResult written = run_command(
      "printf '%s\\n' '+++' 'title = \"Wide\"' 'language = \"en\"' 'reviewed = 2026-01-02' 'organisation = \"C\"' "
      "'+++' '' 'Text.' '' '| A | B | C |' '|---|---|---|' "
      "'| Supercalifragilistic | Antidisestablishmentarianism | Pneumonoultramicroscopic |' > " +
      quote(article) + " && printf '%s\\n' '[page]' 'margin_left = \"80mm\"' 'margin_right = \"80mm\"' '[table]' "
      "'min_size = 9' > " + quote(layout));
  REQUIRE(written.exit_code == 0);
  ProcessResult result =
      run_command(quote(binary) + " build --no-project " + quote(article) + " --layout " + quote(layout) + " --out " +
                  quote(folder / "out"));
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find(article + ":10:3: warning: the table is too wide for its column") != std::string::npos);
  CHECK(result.err.find("at 9.0 pt (table.min_size)") != std::string::npos);
}
