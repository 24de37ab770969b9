// Readability end to end: `handout check` (figures, warnings, exit status at a hard limit), the
// build's per-output grade, the JSON report's figures and the clinician summary's facts line.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <regex>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"

using namespace handout::testing;

namespace {

const std::string binary = HANDOUT_BINARY;
const std::string article = "content/rcc-bone-metastasis.md";

std::string write_layout(const TempFolder& folder, const std::string& name, const std::string& text) {
  std::string path = folder / name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("handout check prints each document's figures and the patient layout's warnings, and writes nothing") {
  TempFolder out;
  ProcessResult result = run_command(quote(binary) + " check " + article +
                                         " --no-project --layout patient-handout --out " + quote(out.path()),
                                     60);
  INFO(result.err);
  CHECK(result.exit_code == 0);  // the patient layout sets a target (a warning), not a hard limit
  CHECK(output_files(out.path()).empty());
  CHECK(std::regex_search(result.out, std::regex(R"(content/rcc-bone-metastasis\.md with patient-handout: grade \d+\.\d FK \(\d+ sentences, \d+ words, \d+ syllables, \d+ polysyllables; FK grade \d+\.\d, reading ease -?\d+\.\d, SMOG \d+\.\d\))")));
  // Sentences over 20 words at their line and column, paragraphs over grade 8, the document.
  CHECK(std::regex_search(result.err, std::regex(R"(content/rcc-bone-metastasis\.md:\d+:\d+: warning: sentence of \d+ words \(target 20\))")));
  CHECK(std::regex_search(result.err, std::regex(R"(content/rcc-bone-metastasis\.md:\d+:1: warning: paragraph at grade \d+\.\d \(FK; target 8\))")));
  CHECK(result.err.find("content/rcc-bone-metastasis.md: warning: the text reads at grade") != std::string::npos);
}

TEST_CASE("handout check exits 1 above a layout's max_grade_error and 0 below it") {
  TempFolder folder;
  const std::string strict = write_layout(folder, "strict.toml", "[readability]\nmax_grade = 6\nmax_grade_error = 9\n");
  const std::string lenient = write_layout(folder, "lenient.toml", "[readability]\nmax_grade_error = 25\n");
  ProcessResult failing = run_command(quote(binary) + " check " + article + " --no-project --layout " + quote(strict), 60);
  INFO(failing.err);
  CHECK(failing.exit_code == 1);
  CHECK(std::regex_search(failing.err, std::regex(R"(content/rcc-bone-metastasis\.md: error: the text reads at grade \d+\.\d \(FK\), above the layout's limit of 9 \(.*strict\.toml:3: max_grade_error\))")));
  ProcessResult passing = run_command(quote(binary) + " check " + article + " --no-project --layout " + quote(lenient), 60);
  INFO(passing.err);
  CHECK(passing.exit_code == 0);
  // No target, no sentence limit: no readability warning (the layout's own lints may still speak).
  CHECK(passing.err.find("sentence of") == std::string::npos);
  CHECK(passing.err.find("grade") == std::string::npos);

  SECTION("a build fails that document at the same limit, and writes nothing") {
    TempFolder out;
    ProcessResult build = run_command(quote(binary) + " build " + article + " --no-project --layout " + quote(strict) +
                                          " --out " + quote(out.path()),
                                      60);
    CHECK(build.exit_code == 1);
    CHECK(build.err.find("above the layout's limit of 9") != std::string::npos);
    CHECK(output_files(out.path()).empty());
  }
  SECTION("the limit is the document's one error even where its pages could not be set either") {
    // At 9 pt on one page the article overflows: a layout error, which the limit comes before.
    const std::string cramped = write_layout(folder, "cramped.toml",
                                             "[readability]\nmax_grade_error = 9\n[fit]\npages = 1\nmin_size = 9\n"
                                             "max_size = 10\n");
    TempFolder out;
    ProcessResult build = run_command(quote(binary) + " build " + article + " --no-project --layout " +
                                          quote(cramped) + " --out " + quote(out.path()),
                                      60);
    INFO(build.err);
    CHECK(build.exit_code == 1);
    CHECK(build.err.find("above the layout's limit of 9") != std::string::npos);
    CHECK(build.err.find("does not fit") == std::string::npos);
    CHECK(output_files(out.path()).empty());
  }
}

TEST_CASE("handout check refuses a bad [readability] key at its place") {
  TempFolder folder;
  const std::string bad = write_layout(folder, "bad.toml", "[readability]\nmax_grade = 8\nmax_sentence = 20\n");
  ProcessResult result = run_command(quote(binary) + " check " + article + " --no-project --layout " + quote(bad), 60);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("bad.toml:3:1: error: unknown key 'readability.max_sentence'") != std::string::npos);
}

TEST_CASE("handout check is fast: the bundled article with both layouts well under 100 ms") {
  auto started = std::chrono::steady_clock::now();
  ProcessResult result = run_command(quote(binary) + " check --no-project", 60);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("with clinician-summary: grade") != std::string::npos);
  WARN("handout check (bundled article, 2 layouts, one process through the shell): " << ms << " ms");
  CHECK(ms < 1000);  // generous for a loaded machine; bench numbers are in the README
}

TEST_CASE("a build shows each document's grade, and the JSON report holds its figures and flagged places") {
  TempFolder out;
  const std::string report = out / "report.json";
  ProcessResult result = run_command(quote(binary) + " build --no-project --force --out " + quote(out.path()) +
                                         " --report " + quote(report),
                                     120);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(std::regex_search(result.out, std::regex(R"(wrote .*patient-handout\.pdf \(\d+ pages, body 13\.00 pt, grade \d+\.\d FK, \d+ ms\))")));
  std::string json = read_bytes(report);
  for (const char* key : {"\"readability\"", "\"flesch_kincaid_grade\"", "\"flesch_reading_ease\"", "\"smog_grade\"",
                          "\"sentences\"", "\"words\"", "\"syllables\"", "\"polysyllables\"", "\"syllables_from\"",
                          "\"flagged\""})
    CHECK(json.find(key) != std::string::npos);
  CHECK(std::regex_search(json, std::regex(R"("kind" : "sentence")")));
  CHECK(std::regex_search(json, std::regex(R"x("message" : "sentence of \d+ words \(target 20\)")x")));
  CHECK(std::regex_search(json, std::regex(R"("line" : [1-9]\d*)")));

  SECTION("the clinician summary's footer names the source's grade") {
    std::string text = pdf_text(out / "rcc-bone-metastasis.clinician-summary.pdf");
    CHECK(std::regex_search(text, std::regex(R"(Source grade level \d+\.\d \(FK\))")));
  }
}

TEST_CASE("with variants, an article's readability warnings are printed once per layout and reported for each output") {
  TempFolder out;
  const std::string report = out / "report.json";
  ProcessResult result =
      run_command(quote(binary) + " build --force --out " + quote(out.path()) + " --report " + quote(report), 120);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // handout.toml builds the patient handout plain, for Riverside and in large print.
  const std::string line = "content/rcc-bone-metastasis.md: warning: the text reads at grade";
  std::size_t printed = 0;
  for (std::size_t at = result.err.find(line); at != std::string::npos; at = result.err.find(line, at + 1)) ++printed;
  CHECK(printed == 1);
  const std::string json = read_bytes(report);
  std::size_t reported = 0;
  for (std::size_t at = json.find(line); at != std::string::npos; at = json.find(line, at + 1)) ++reported;
  CHECK(reported == 3);
}

TEST_CASE("handout check lints the layouts as a build does, and a strict layout's finding fails it") {
  TempFolder folder;
  // Grey text of 4.48:1 on white, below WCAG AA's 4.5:1, in a layout whose lints are errors.
  std::string strict = write_layout(folder, "grey.toml", "[body]\ncolour = \"#777777\"\n[lint]\nstrict = true\n");
  ProcessResult failing = run_command(quote(binary) + " check " + article + " --no-project --layout " + quote(strict), 60);
  INFO(failing.out << failing.err);
  CHECK(failing.exit_code == 1);
  CHECK(failing.err.find("grey.toml:2:10: error:") != std::string::npos);
  CHECK(failing.err.find("contrast") != std::string::npos);

  std::string lenient = write_layout(folder, "grey-warn.toml", "[body]\ncolour = \"#777777\"\n");
  ProcessResult passing = run_command(quote(binary) + " check " + article + " --no-project --layout " + quote(lenient), 60);
  INFO(passing.out << passing.err);
  CHECK(passing.exit_code == 0);
  CHECK(passing.err.find("grey-warn.toml:2:10: warning:") != std::string::npos);
}
