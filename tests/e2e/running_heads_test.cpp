// Running heads in the PDF: a long title beside a long organisation name is shortened, never
// set over it, with a warning naming the slot; a missing value takes its separator with it.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;

namespace {

std::string article(const std::string& title, const std::string& organisation, const std::string& source) {
  return "+++\ntitle = \"" + title + "\"\nlanguage = \"en\"\n" + source + "reviewed = 2026-01-01\norganisation = \"" +
         organisation + "\"\n+++\n\n# Heads\n\nA short article about running heads.\n";
}

ProcessResult build(const TempFolder& work, const std::string& layout) {
  return run_command(quote(binary) + " build --no-project " + quote(work / "heads.md") + " --layout " + layout +
                     " --out " + quote(work.path()));
}

}  // namespace

TEST_CASE("a long title beside a long organisation name is shortened with an ellipsis, with a warning") {
  TempFolder work;
  const std::string title = "Preparing for and recovering from a total hip replacement at the regional orthopaedic centre";
  const std::string organisation = "Northfield and District University Hospitals Orthopaedic and Trauma Service";
  write_text(work / "heads.md", article(title, organisation, ""));
  ProcessResult result = build(work, "patient-handout");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // The warning is at the layout's [header] table, wherever that table stands in the file.
  std::istringstream layout(read_bytes(std::string(HANDOUT_SOURCE_DIR) + "/layouts/patient-handout.toml"));
  int header_line = 0;
  for (std::string line; std::getline(layout, line);) {
    ++header_line;
    if (line == "[header]") break;
  }
  CHECK(result.err.find("patient-handout.toml:" + std::to_string(header_line) +
                        ":1: warning: the running head 'header.") != std::string::npos);
  CHECK(result.err.find("shortened with \"…\"") != std::string::npos);
  // In every painter, the head is one line at the top of the page, both slots cut with "…",
  // the body's heading below it.
  for (const char* profile : {"print", "archive"}) {
    INFO(profile);
    std::string pdf = work / (profile == std::string("print") ? "heads.patient-handout.pdf"
                                                               : "heads.patient-handout.archive.pdf");
    if (profile != std::string("print")) REQUIRE(build(work, "patient-handout --profile archive").exit_code == 0);
    std::istringstream lines(pdf_text(pdf, "-layout"));
    std::string first, second;
    std::getline(lines, first);
    while (std::getline(lines, second) && second.find_first_not_of(" ") == std::string::npos) {
    }
    INFO(first << "\n" << second);
    CHECK(first.find("Northfield") < first.find("\u2026"));
    CHECK(first.find("Preparing") != std::string::npos);
    CHECK(first.rfind("\u2026") > first.find("Preparing"));
    CHECK(first.find("Service") == std::string::npos);
    CHECK(first.find("centre") == std::string::npos);
    CHECK(second.find("Heads") != std::string::npos);
    // The document keeps the whole title.
    CHECK(run_command("pdfinfo " + quote(pdf)).out.find(title) != std::string::npos);
  }
}

TEST_CASE("a missing source leaves no empty label or stray separator in the summary's title band") {
  TempFolder work;
  write_text(work / "heads.md", article("Bone health", "Clinic", ""));
  ProcessResult result = build(work, "clinician-summary");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::string text = pdf_text(work / "heads.clinician-summary.pdf");
  CHECK(text.find("Source:") == std::string::npos);
  CHECK(text.find("reviewed January 1, 2026") != std::string::npos);
  CHECK(text.find("\u00B7 reviewed") == std::string::npos);

  write_text(work / "heads.md", article("Bone health", "Clinic", "source = \"cancer.gov\"\n"));
  REQUIRE(build(work, "clinician-summary").exit_code == 0);
  CHECK(pdf_text(work / "heads.clinician-summary.pdf").find("Source: cancer.gov \u00B7 reviewed January 1, 2026") !=
        std::string::npos);
}
