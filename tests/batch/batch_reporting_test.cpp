// Reporting: the console lines of a batch, the build state recorded as outputs are committed,
// and the JSON report.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "batch/build_report.h"
#include "batch/build_state.h"
#include "batch/console_report.h"
#include "batch/state_recorder.h"
#include "support/test_files.h"

using namespace handout;
using namespace handout::test;
namespace fs = std::filesystem;

namespace {

OutputResult built_output(const std::string& output, int pages) {
  OutputResult result;
  result.output = output;
  result.files = {output};
  result.status = OutputResult::Status::built;
  result.pages = pages;
  result.body_size = 9.5;
  result.milliseconds = 12.4;
  return result;
}

OutputResult failed_output(const std::string& output, const std::string& error) {
  OutputResult result;
  result.output = output;
  result.error = error;
  return result;
}

}  // namespace

TEST_CASE("each built output is one line; an error is printed once, however many outputs it fails") {
  std::ostringstream output, errors;
  ConsoleReport report(output, errors, false, false);
  OutputResult summary = built_output("out/a.summary.pdf", 1);
  summary.fit_passes = 3;
  report.finished(summary);
  OutputResult previews = built_output("out/a.handout.preview-1.png", 2);
  previews.files.push_back("out/a.handout.preview-2.png");
  report.finished(previews);
  CHECK(output.str() ==
        "wrote out/a.summary.pdf (1 page, body 9.50 pt, fitted in 3 passes, no readability figures, 12 ms)\n"
        "wrote out/a.handout.preview-1.png and 1 more (2 pages, body 9.50 pt, no readability figures, 12 ms)\n");

  report.error("layouts/x.toml:3:1: error: unknown key");
  report.finished(failed_output("out/b.x.pdf", "layouts/x.toml:3:1: error: unknown key"));
  report.finished(failed_output("out/c.x.pdf", "content/c.md:1:1: error: bad front matter"));
  report.finished(failed_output("out/c.x.email.pdf", "content/c.md:1:1: error: bad front matter"));
  OutputResult skipped;
  skipped.output = "out/d.x.pdf";
  skipped.status = OutputResult::Status::up_to_date;
  report.finished(skipped);
  report.lines({"content/c.md:4:2: warning: raw HTML"});
  CHECK(errors.str() ==
        "layouts/x.toml:3:1: error: unknown key\n"
        "content/c.md:1:1: error: bad front matter\n"
        "content/c.md:4:2: warning: raw HTML\n");
  CHECK(output.str().find("d.x.pdf") == std::string::npos);  // up to date: no line

  CHECK(report.first_readability_report("content/c.md", "layouts/x.toml"));
  CHECK_FALSE(report.first_readability_report("content/c.md", "layouts/x.toml"));
  CHECK(report.first_readability_report("content/c.md", "layouts/y.toml"));
}

TEST_CASE("quiet prints no line per output; a terminal gets a progress line that ends cleared") {
  std::ostringstream output, errors;
  ConsoleReport report(output, errors, true, true);
  report.set_total(2);
  report.finished(built_output("out/a.summary.pdf", 1));
  report.finished(failed_output("out/b.summary.pdf", "content/b.md: error: gone"));
  report.end();
  CHECK(output.str().empty());
  CHECK(errors.str() ==
        "\r\033[K[1/2] a.summary.pdf"
        "\r\033[Kcontent/b.md: error: gone\n[2/2] b.summary.pdf"
        "\r\033[K");
}

TEST_CASE("the summary line counts each status") {
  BatchResult result;
  result.outputs = {built_output("a", 1), built_output("b", 1), failed_output("c", "x: error: y")};
  OutputResult skipped;
  skipped.status = OutputResult::Status::up_to_date;
  result.outputs.push_back(skipped);
  result.seconds = 1.234;
  CHECK(summary_line(result) == "2 built, 1 up to date, 1 failed in 1.23 s");
  CHECK_FALSE(result.ok());
  result.outputs.erase(result.outputs.begin() + 2);
  CHECK(result.ok());
  result.errors.push_back("out/.handout-state.toml: error: No space left on device");
  CHECK_FALSE(result.ok());
}

TEST_CASE("the state records committed outputs, saves them while building, and forgets failed ones") {
  Folder folder;
  const std::string a = (folder.path / "a.pdf").string(), b = (folder.path / "b.pdf").string();
  write(a, "%PDF a");
  write(b, "%PDF b");
  OutputResult first = built_output(a, 1), second = built_output(b, 1);
  first.inputs_hash = "hash-a";
  second.inputs_hash = "hash-b";
  {
    StateRecorder state(folder.path.string());
    CHECK_FALSE(state.up_to_date(a, "hash-a"));
    state.start_saving();
    state.record_committed(first);
    state.record_committed(second);
    state.stop_saving();  // the saver's last save covers both
    BuildState saved = BuildState::load(BuildState::path_in(folder.path.string()));
    CHECK(saved.up_to_date(a, "hash-a"));
    CHECK(saved.up_to_date(b, "hash-b"));
    state.forget(b);
    CHECK(state.save_remaining().empty());
  }
  StateRecorder again(folder.path.string());
  CHECK(again.up_to_date(a, "hash-a"));
  CHECK_FALSE(again.up_to_date(a, "hash-other"));
  CHECK_FALSE(again.up_to_date(b, "hash-b"));
}

TEST_CASE("a state that cannot be saved is reported, and the last save is kept") {
  Folder folder;
  const std::string a = (folder.path / "a.pdf").string();
  write(a, "%PDF a");
  OutputResult first = built_output(a, 1);
  first.inputs_hash = "hash-a";
  StateRecorder state(folder.path.string());
  state.record_committed(first);
  CHECK(state.save_remaining().empty());
  const std::string saved = read(BuildState::path_in(folder.path.string()));
  first.inputs_hash = "hash-a2";
  state.record_committed(first);
  std::string error;
  {
    FullDiskAfter disk(10);
    error = state.save_remaining();
  }
  CHECK(error.find(".handout-state.toml") != std::string::npos);
  CHECK(error.find("No space left on device") != std::string::npos);
  CHECK(read(BuildState::path_in(folder.path.string())) == saved);
  CHECK(state.save_remaining().empty());  // tried again, with room
  CHECK(BuildState::load(BuildState::path_in(folder.path.string())).up_to_date(a, "hash-a2"));
}

TEST_CASE("the JSON report has one entry per output with its status, inputs and error") {
  Folder folder;
  BatchResult result;
  OutputResult built = built_output("out/a.summary.pdf", 1);
  built.content = "content/a.md";
  built.layout = "layouts/summary.toml";
  built.profile = "print";
  built.inputs_hash = "abc";
  result.outputs = {built, failed_output("out/b.summary.pdf", "content/b.md:2:1: error: bad")};
  result.seconds = 0.5;
  const std::string path = (folder.path / "report.json").string();
  write_report(result, path);
  const std::string json = read(path);
  CHECK(json.find("\"built\" : 1") != std::string::npos);
  CHECK(json.find("\"failed\" : 1") != std::string::npos);
  CHECK(json.find("\"status\" : \"built\"") != std::string::npos);
  CHECK(json.find("\"status\" : \"failed\"") != std::string::npos);
  CHECK(json.find("\"content\" : \"content/a.md\"") != std::string::npos);
  CHECK(json.find("\"hash\" : \"abc\"") != std::string::npos);
  CHECK(json.find("\"error\" : \"content/b.md:2:1: error: bad\"") != std::string::npos);
  CHECK(json.find("\"pages\" : 1") != std::string::npos);  // a built output's only
  CHECK(json.find("\"pages\"") == json.rfind("\"pages\""));
}
