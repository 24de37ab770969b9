// End-to-end tests of batch builds: the project file and its variants, incremental rebuilds,
// threads, failures among good documents and the report. Watch mode: watch_test.cpp.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "e2e/pdf_tools.h"
#include "e2e/process.h"
#include "e2e/sample_project.h"

using namespace handout::testing;
namespace fs = std::filesystem;

TEST_CASE("the project file builds every article in every layout and variant, with its values") {
  SampleProject project;
  ProcessResult result = project.build();
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  // Two articles x two layouts x (plain + two variants).
  Counts first = counts(result);
  CHECK(first.built == 12);
  CHECK(first.failed == 0);
  CHECK(fs::exists(project.file("bone.patient-handout.pdf")));
  CHECK(fs::exists(project.file("short.clinician-summary.south.pdf")));
  std::string north = pdf_text(project.file("bone.patient-handout.north.pdf"));
  CHECK(north.find("North Clinic") != std::string::npos);
  CHECK(north.find("0100 000 001") != std::string::npos);
  // A variant's summary is its clinic's too: its footer names the clinic, not the article's organisation.
  std::string south_summary = pdf_text(project.file("short.clinician-summary.south.pdf"));
  CHECK(south_summary.find("South Clinic \u00B7 clinician summary") != std::string::npos);
  // Without clinic values the plain handout leaves the clinic line out.
  CHECK(pdf_text(project.file("bone.patient-handout.pdf")).find("Clinic ·") == std::string::npos);
}

TEST_CASE("incremental builds rebuild exactly what an edit affects") {
  SampleProject project;
  REQUIRE(project.build().exit_code == 0);

  ProcessResult unchanged = project.build();
  CHECK(counts(unchanged).built == 0);
  CHECK(counts(unchanged).up_to_date == 12);

  // Touching a file without changing it rebuilds nothing: inputs are compared by content.
  fs::last_write_time(project.root / "content/bone.md", fs::file_time_type::clock::now());
  CHECK(counts(project.build()).built == 0);

  // Editing one article rebuilds only its six outputs.
  write_text(project.root / "content/short.md",
             read_bytes(project.root / "content/short.md") + "\nA sentence an editor added.\n");
  ProcessResult article = project.build();
  CHECK(counts(article).built == 6);
  CHECK(wrote(article, "short.patient-handout.north.pdf"));
  CHECK_FALSE(wrote(article, "bone.patient-handout.north.pdf"));
  CHECK(pdf_text(project.file("short.patient-handout.pdf")).find("A sentence an editor added.") != std::string::npos);

  // Editing a layout rebuilds only the documents that use it.
  write_text(project.root / "layouts/clinician-summary.toml",
             read_bytes(project.root / "layouts/clinician-summary.toml") + "\n[links]\ncolour = \"#004488\"\n");
  ProcessResult layout = project.build();
  CHECK(counts(layout).built == 6);
  CHECK(wrote(layout, "bone.clinician-summary.pdf"));
  CHECK_FALSE(wrote(layout, "bone.patient-handout.pdf"));

  // Editing a variant's value rebuilds only that variant's documents.
  std::string toml = read_bytes(project.root / "handout.toml");
  write_text(project.root / "handout.toml", std::regex_replace(toml, std::regex("0100 000 002"), "0100 000 003"));
  ProcessResult variant = project.build();
  CHECK(counts(variant).built == 4);
  CHECK(wrote(variant, "bone.patient-handout.south.pdf"));
  CHECK_FALSE(wrote(variant, "bone.patient-handout.north.pdf"));

  // A deleted output is built again; --force builds everything.
  fs::remove(project.file("bone.patient-handout.north.pdf"));
  CHECK(counts(project.build()).built == 1);
  CHECK(counts(project.build("--force")).built == 12);
}

TEST_CASE("an edit that keeps the size and the modification time is still rebuilt, and a no-change build writes nothing") {
  SampleProject project;
  REQUIRE(project.build().exit_code == 0);
  const std::string state = project.file(".handout-state.toml");
  REQUIRE(counts(project.build()).built == 0);  // the stamps of the first build settle here
  const auto state_written = fs::last_write_time(state);
  CHECK(counts(project.build()).up_to_date == 12);
  CHECK(fs::last_write_time(state) == state_written);  // nothing changed, nothing saved
  // Within the same second, the same number of bytes, and the old modification time put back
  // (as a copy that keeps times would): the change time and the bytes still tell.
  const std::string path = project.root / "content/short.md";
  const std::string text = read_bytes(path);
  const auto modified = fs::last_write_time(path);
  std::string edited = text;
  const std::size_t last_letter = edited.find_last_of("abcdefghijklmnopqrstuvwxyz");
  REQUIRE(last_letter != std::string::npos);
  edited[last_letter] = edited[last_letter] == 'x' ? 'y' : 'x';
  write_text(path, edited);
  fs::last_write_time(path, modified);
  ProcessResult same_size = project.build();
  CHECK(counts(same_size).built == 6);
  CHECK(wrote(same_size, "short.patient-handout.pdf"));
  CHECK_FALSE(wrote(same_size, "bone.patient-handout.pdf"));
}

TEST_CASE("a corrupted or deleted build state means a full rebuild, never a wrong skip") {
  SampleProject project;
  REQUIRE(project.build().exit_code == 0);
  write_text(project.file(".handout-state.toml"), "version = 1\n[outputs\nthis is not TOML");
  ProcessResult corrupted = project.build();
  CHECK(corrupted.exit_code == 0);
  CHECK(counts(corrupted).built == 12);
  fs::remove(project.file(".handout-state.toml"));
  CHECK(counts(project.build()).built == 12);
  // A state that names the right files with a stale fingerprint rebuilds them too.
  std::string state = read_bytes(project.file(".handout-state.toml"));
  write_text(project.file(".handout-state.toml"), std::regex_replace(state, std::regex("(=\\[\\s*')[0-9a-f]"), "$1X"));
  CHECK(counts(project.build()).built == 12);
}

TEST_CASE("one thread or four give the same bytes") {
  SampleProject one, four;
  REQUIRE(one.build("--jobs 1").exit_code == 0);
  REQUIRE(four.build("--jobs 4").exit_code == 0);
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(one.root / "out")) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(".")) continue;
    INFO(name);
    CHECK(read_bytes(entry.path().string()) == read_bytes(four.file(name)));
    ++compared;
  }
  CHECK(compared == 12);
}

TEST_CASE("a failing article does not stop the others") {
  SampleProject project;
  write_text(project.root / "content/broken.md", "+++\ntitle = \"Broken\"\nlanguage = \"en\"\n+++\n# Broken\n");
  ProcessResult result = project.build("--report report.json");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("content/broken.md:") != std::string::npos);
  CHECK(result.err.find("error: missing key 'organisation'") != std::string::npos);
  CHECK(counts(result).built == 12);
  CHECK(counts(result).failed == 6);
  CHECK(fs::exists(project.file("bone.patient-handout.pdf")));
  // The report has an entry per output, with its pages, fitted size and failures.
  std::string report = read_bytes(project.root / "report.json");
  CHECK(std::regex_search(report, std::regex(R"("failed"\s*:\s*6)")));
  CHECK(std::regex_search(report, std::regex(R"("output"\s*:\s*"out/bone.clinician-summary.north.pdf")")));
  CHECK(std::regex_search(report, std::regex(R"("fit_passes"\s*:\s*\d)")));
  CHECK(std::regex_search(report, std::regex(R"("error"\s*:\s*"content/broken.md:)")));
  // Fixed: only the broken article's outputs are built now.
  write_text(project.root / "content/broken.md",
             "+++\ntitle = \"Fixed\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n# "
             "Fixed\n\nText.\n");
  ProcessResult fixed = project.build();
  CHECK(fixed.exit_code == 0);
  CHECK(counts(fixed).built == 6);
}

TEST_CASE("project file mistakes are errors at their place") {
  SampleProject project;
  write_text(project.root / "handout.toml", "content = [\"content\"]\n[variants.north]\ntext_scale = \"big\"\n");
  ProcessResult result = project.build();
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("handout.toml:3:14: error: 'variants.north.text_scale' must be a number") !=
        std::string::npos);
  write_text(project.root / "handout.toml", "contents = [\"content\"]\n");
  CHECK(project.build().err.find("handout.toml:1:1: error: unknown key 'contents'") != std::string::npos);
}

TEST_CASE("names too long for the system are errors at their place, never a crash") {
  SampleProject project;
  const std::string long_name(300, 'n');  // longer than any file name may be
  // A value that long names no file (values are fingerprinted with the files they name).
  write_text(project.root / "handout.toml", "content = [\"content\"]\n[values]\nnote = \"" + long_name + "\"\n");
  ProcessResult values = project.build();
  INFO(values.out << values.err);
  CHECK(values.exit_code == 0);
  CHECK(counts(values).built == 4);

  // An image that long is not found, at its line; the other article is still built.
  write_text(project.root / "content/short.md",
             "+++\ntitle = \"Scan\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"Clinic\"\n+++\n"
             "# Scan\n\n![Scan](" + long_name + ".png)\n");
  ProcessResult image = project.build();
  INFO(image.out << image.err);
  CHECK(image.exit_code == 1);
  CHECK(image.err.find("content/short.md:9:") != std::string::npos);
  CHECK(image.err.find("File name too long") != std::string::npos);
  CHECK(counts(image).failed == 2);

  // A content entry that long is an error at the key.
  write_text(project.root / "handout.toml", "content = [\"" + long_name + "\"]\n");
  ProcessResult content = project.build();
  CHECK(content.exit_code == 1);
  CHECK(content.err.find("handout.toml:1:11: error: 'content' names") != std::string::npos);
}
