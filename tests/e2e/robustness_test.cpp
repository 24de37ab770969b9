// End-to-end tests that nothing a user writes crashes a build: exceptions of any kind become the
// failure of one output, numbers are checked at their keys, and every run ends in bounded time.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

const std::string front_matter =
    "+++\ntitle = \"T\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n\n";

}  // namespace

TEST_CASE("an image name too long for the file system fails its article alone, on several threads") {
  SampleProject project;
  // Line 10, column 3: where the image's description starts.
  write_text(project.root / "content/long.md",
             front_matter + "# Long\n\n![scan](" + std::string(300, 'a') + ".png)\n\nText.\n");
  ProcessResult result = project.build("--jobs 2 --report report.json");
  INFO(result.out << result.err);
  // This ended in std::terminate (exit 134), with no state and no report.
  CHECK_FALSE(result.timed_out);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("content/long.md:10:9: error: image file 'content/" + std::string(300, 'a') +
                        ".png' File name too long") != std::string::npos);
  CHECK(counts(result).built == 12);
  CHECK(counts(result).failed == 6);
  std::string report = read_bytes(project.root / "report.json");
  CHECK(std::regex_search(report, std::regex(R"("failed"\s*:\s*6)")));
  CHECK(std::regex_search(report, std::regex(R"("error"\s*:\s*"content/long.md:10:9: error: image file)")));
  // The build state was written: a second build builds nothing but the failing article.
  CHECK(fs::exists(project.file(".handout-state.toml")));
  ProcessResult again = project.build("--jobs 2");
  CHECK(counts(again).up_to_date == 12);
  CHECK(counts(again).failed == 6);
}

TEST_CASE("a layout's nan or inf is an error at its key, not a hang") {
  SampleProject project;
  struct Case {
    std::string toml, message;
  };
  const Case cases[] = {
      {"[fit]\nmin_size = nan\n", "layouts/odd.toml:2:12: error: 'fit.min_size' is nan, outside 4 to 96"},
      {"[fit]\nmax_size = inf\n", "layouts/odd.toml:2:12: error: 'fit.max_size' is inf, outside 4 to 96"},
      {"[body]\nsize = -nan\n", "layouts/odd.toml:2:8: error: 'body.size' is"},
      {"[page]\nmargin_top = \"nanmm\"\n", "layouts/odd.toml:2:14: error: 'page.margin_top' must be a length"},
      {"[page]\nmargin_top = \"1e400pt\"\n", "layouts/odd.toml:2:14: error: 'page.margin_top' must be a length"},
      {"[page]\nmargin_top = inf\n", "layouts/odd.toml:2:14: error: 'page.margin_top' must be a length"},
      {"[output]\npreview_dpi = nan\n", "layouts/odd.toml:2:15: error: 'output.preview_dpi' is nan"},
  };
  for (const Case& c : cases) {
    write_text(project.root / "layouts/odd.toml", c.toml);
    ProcessResult result = project.build("--no-project --layout odd", 60);
    INFO(c.toml << result.out << result.err);
    CHECK_FALSE(result.timed_out);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find(c.message) != std::string::npos);
    CHECK(result.err.find("CRITICAL") == std::string::npos);
  }
}

TEST_CASE("a project file's nan, inf and large numbers are checked at their keys") {
  SampleProject project;
  write_text(project.root / "handout.toml", "content = [\"content\"]\n[variants.big]\ntext_scale = nan\n");
  ProcessResult scale = project.build();
  CHECK(scale.exit_code == 1);
  CHECK(scale.err.find("handout.toml:3:14: error: 'variants.big.text_scale' is nan, outside 0.5 to 3") !=
        std::string::npos);
  write_text(project.root / "handout.toml", "content = [\"content\"]\n[values.clinic]\nphone = inf\n");
  ProcessResult value = project.build();
  CHECK(value.exit_code == 1);
  CHECK(value.err.find("handout.toml:3:9: error: variant value 'clinic.phone' is inf") != std::string::npos);
  // A whole number is printed as written, not rounded through a double.
  write_text(project.root / "handout.toml",
             "content = [\"content\"]\nlayouts = [\"patient-handout\"]\n[values.clinic]\nname = 9007199254740993\n");
  ProcessResult exact = project.build();
  REQUIRE(exact.exit_code == 0);
  std::string text = run_command("pdftotext " + quote(project.file("short.patient-handout.pdf")) + " -").out;
  CHECK(text.find("9007199254740993") != std::string::npos);
}

TEST_CASE("a project file whose default content folder is missing is an error, not a crash") {
  TempFolder root;
  write_text(root / "handout.toml", "# no content key: content/ is meant\nout = \"x\"\n");
  ProcessResult result = run_command("cd " + quote(root.path()) + " && " + quote(binary) + " build --fonts " +
                                     quote(source_dir + "/fonts"), 60);
  INFO(result.err);
  // This dereferenced a null node (exit 139).
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("handout.toml:1:1: error: 'content' names 'content', which is neither a file nor a folder") !=
        std::string::npos);
}

TEST_CASE("a nan on the command line is a usage error") {
  ProcessResult result = run_command(quote(binary) + " build --dpi nan", 60);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--dpi takes a resolution from 10 to 1200") != std::string::npos);
}
