// End to end: `handout build --dump-pages` writes each document's page description beside its
// PDF, one per document whatever the profiles, and it describes the pages the PDF shows.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <sstream>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {


const std::string article =
    "+++\ntitle = \"Dumped pages\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n"
    "# Dumped pages\n\nA paragraph about walking every morning.\n\n- first item\n- second item\n";

std::size_t lines_starting(const std::string& text, const std::string& start) {
  std::istringstream lines(text);
  std::size_t count = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(start, 0) == 0) ++count;
  return count;
}

}  // namespace

TEST_CASE("building with --dump-pages writes each document's page description beside its PDF") {
  TempFolder work;
  write_text(work / "dumped.md", article);
  ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(work / "dumped.md") +
                                     " --layout patient-handout --profile print --profile archive --dump-pages --out " +
                                     quote(work.path()));
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  const std::string dump_path = work / "dumped.patient-handout.pages.txt";
  REQUIRE(fs::exists(dump_path));
  // One description for both profiles: they paint the same pages.
  std::size_t dumps = 0;
  for (const auto& entry : fs::directory_iterator(work.path()))
    if (entry.path().string().find(".pages.txt") != std::string::npos) ++dumps;
  CHECK(dumps == 1);
  const std::string dump = read_bytes(dump_path);
  CHECK(dump.rfind("document title=\"Dumped pages\"", 0) == 0);
  // As many pages as the PDF, the article's words in glyph runs, and the structure it tags.
  CHECK(lines_starting(dump, "page ") == static_cast<std::size_t>(page_count(work / "dumped.patient-handout.pdf")));
  CHECK(dump.find("\"A paragraph about walking every morning.\"") != std::string::npos);
  CHECK(std::regex_search(dump, std::regex(R"(<H1>)")));
  CHECK(std::regex_search(dump, std::regex(R"(<LI>)")));
  // Nothing is left of a half-written dump.
  for (const auto& entry : fs::directory_iterator(work.path()))
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("without --dump-pages no page description is written") {
  TempFolder work;
  write_text(work / "plain.md", article);
  ProcessResult result = run_command(quote(binary) + " build --no-project " + quote(work / "plain.md") +
                                     " --layout patient-handout --out " + quote(work.path()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(fs::exists(work / "plain.patient-handout.pdf"));
  CHECK_FALSE(fs::exists(work / "plain.patient-handout.pages.txt"));
}
