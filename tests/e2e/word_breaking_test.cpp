// Narrow columns in the PDF: no hyphen the article does not have, unless the layout asks for
// hyphenation (then only at real hyphenation points); nested lists show each depth's bullet.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;

namespace {

const std::string article =
    "+++\ntitle = \"Narrow columns\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n"
    "# Narrow columns\n\n"
    "Duration of treatment, blood tests and kidney cancer information: see "
    "[cancer.gov/types/kidney](https://www.cancer.gov/types/kidney) for more. Patients take a 50-gram dose when "
    "glucose is 5 mg/dL or more. Run `configuration_information` to check. Well-known side-effects include "
    "tiredness, breathlessness and forgetfulness during rehabilitation.\n";

// Four columns of about an inch each.
const std::string narrow_layout =
    "[page]\ncolumns = 4\nmargin_left = \"40mm\"\nmargin_right = \"40mm\"\ncolumn_gap = \"4mm\"\n"
    "[body]\nsize = 12\n";

std::vector<std::vector<std::string>> lines_of_words(const std::string& text) {
  std::vector<std::vector<std::string>> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::vector<std::string> row;
    for (std::string word; words >> word;) row.push_back(word);
    if (!row.empty()) lines.push_back(row);
  }
  return lines;
}

struct LineEnd {
  std::string before, after;  // "kid-" and "ney" across a line end
};

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() > end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// Every line that ends in `mark` (a hyphen, or the soft hyphen a hyphenation break extracts
// as), with the word that starts the next line.
std::vector<LineEnd> line_ends(const std::string& text, const std::string& mark) {
  std::vector<LineEnd> ends;
  auto lines = lines_of_words(text);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    if (ends_with(lines[i].back(), mark)) ends.push_back({lines[i].back(), lines[i + 1].front()});
  return ends;
}

// The text of the narrow layout's PDF in `profile` ("print", or "archive", painted by libharu).
std::string build_narrow(const TempFolder& work, const std::string& layout, const std::string& profile = "print") {
  write_text(work / "narrow.md", article);
  write_text(work / "narrow.toml", layout);
  ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(work / "narrow.md") + " --layout " +
                                     quote(work / "narrow.toml") + " --profile " + profile + " --out " +
                                     quote(work.path()));
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  return pdf_text(work / (profile == "print" ? "narrow.narrow.pdf" : "narrow.narrow." + profile + ".pdf"));
}

}  // namespace

TEST_CASE("a narrow column shows no hyphen that is not in the article") {
  TempFolder work;
  std::string text = build_narrow(work, narrow_layout);
  REQUIRE(text.find("Duration") != std::string::npos);
  CHECK(text.find("\u00AD") == std::string::npos);  // no hyphenation break
  // Each word with a hyphen, alone or joined across a line end, is written so in the article.
  for (const auto& line : lines_of_words(text))
    for (const std::string& word : line)
      if (word.find('-') != std::string::npos && word.back() != '-') {
        INFO(word);
        CHECK(article.find(word) != std::string::npos);
      }
  for (const LineEnd& end : line_ends(text, "-")) {
    INFO(end.before << " | " << end.after);
    CHECK(article.find(end.before + end.after) != std::string::npos);
  }
  // Whole words and whole units: the address broke only after a slash. (The code span, wider
  // than the column, is broken, as checked above without a hyphen.)
  for (const char* whole : {"Duration", "information:", "cancer.gov/", "50-gram", "mg/dL", "breathlessness",
                            "rehabilitation."})
    CHECK(text.find(whole) != std::string::npos);
}

TEST_CASE("with hyphenation on, a narrow column breaks words at hyphenation points only") {
  for (const char* profile : {"print", "archive"}) {
    INFO(profile);
    TempFolder work;
    std::string text = build_narrow(work, narrow_layout + "hyphenate = true\n", profile);
    // Hyphens the article has, as before.
    for (const LineEnd& end : line_ends(text, "-")) {
      INFO(end.before << " | " << end.after);
      CHECK(article.find(end.before + end.after) != std::string::npos);
    }
    // A hyphenation break is drawn as a hyphen and extracts as the soft hyphen it stands for:
    // the two parts make a word of the article, never of the address, the code or a unit.
    int hyphenated = 0;
    for (const LineEnd& end : line_ends(text, "\u00AD")) {
      INFO(end.before << " | " << end.after);
      std::string joined = end.before.substr(0, end.before.size() - 2) + end.after;
      CHECK(article.find(joined) != std::string::npos);
      CHECK(joined.find("cancer") == std::string::npos);
      CHECK(joined.find("configuration") == std::string::npos);
      ++hyphenated;
    }
    CHECK(hyphenated > 0);
    // Nowhere else: a soft hyphen only ends a line.
    std::size_t soft = 0;
    for (std::size_t at = text.find("\u00AD"); at != std::string::npos; at = text.find("\u00AD", at + 1)) ++soft;
    CHECK(soft == static_cast<std::size_t>(hyphenated));
    for (const char* whole : {"cancer.gov/", "50-gram", "mg/dL"}) CHECK(text.find(whole) != std::string::npos);
  }
}

TEST_CASE("nested lists show the layout's bullet for each depth, repeating when deeper") {
  TempFolder work;
  write_text(work / "lists.md",
             "+++\ntitle = \"Lists\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n"
             "# Lists\n\n- Depth one\n  - Depth two\n    - Depth three\n      - Depth four\n- Depth one again\n");
  for (const auto& [layout, bullets] :
       std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"", {"\u2022", "\u25E6", "\u25AA", "\u2022", "\u2022"}},
           {"[list]\nbullets = [\"-\", \"+\"]\n", {"-", "+", "-", "+", "-"}}}) {
    write_text(work / "lists.toml", layout);
    ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(work / "lists.md") + " --layout " +
                                       quote(work / "lists.toml") + " --out " + quote(work.path()));
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<std::vector<std::string>> items;
    for (const auto& line : lines_of_words(pdf_text(work / "lists.lists.pdf", "-layout")))
      if (line.size() >= 3 && line[1] == "Depth") items.push_back(line);
    REQUIRE(items.size() == 5);
    for (std::size_t i = 0; i < items.size(); ++i) {
      INFO(i);
      CHECK(items[i][0] == bullets[i]);
    }
  }
}
