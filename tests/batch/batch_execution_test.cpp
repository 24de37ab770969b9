// Executing: whatever one output throws, of whatever type, fails that output alone, with a
// placed message; the threads take every article once; a whole batch goes on past a failure.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <new>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "batch/batch_builder.h"
#include "batch/batch_test_project.h"
#include "batch/build_state.h"
#include "batch/output_failure.h"
#include "batch/worker_pool.h"
#include "typeset/fit_search.h"

using namespace handout;
using namespace handout::test;
namespace fs = std::filesystem;

namespace {

std::vector<OutputResult> planned_outputs(std::size_t count) {
  std::vector<OutputResult> outputs(count);
  for (std::size_t i = 0; i < count; ++i) outputs[i].output = "out/" + std::to_string(i) + ".pdf";
  return outputs;
}

}  // namespace

TEST_CASE("an error of any type becomes the failure of the output it belongs to, placed") {
  OutputResult output;
  output.output = "out/a.pdf";
  const SourcePlace article{"content/a.md"};
  std::string expected;
  bool threw = false;
  SECTION("a located error keeps its own place") {
    threw = !fail_on_error({&output}, article, [] { throw HandoutError({"content/a.md", 7, 3}, "bad image"); });
    expected = "content/a.md:7:3: error: bad image";
  }
  SECTION("a standard exception is placed at the output's article") {
    threw = !fail_on_error({&output}, article, [] { throw std::runtime_error("library gave up"); });
    expected = "content/a.md: error: internal error: library gave up";
  }
  SECTION("memory") {
    threw = !fail_on_error({&output}, article, [] { throw std::bad_alloc(); });
    expected = "content/a.md: error: out of memory";
  }
  SECTION("a file system error") {
    threw = !fail_on_error({&output}, article, [] {
      throw fs::filesystem_error("cannot stat", fs::path("content/x.png"),
                                 std::make_error_code(std::errc::filename_too_long));
    });
    expected = "content/x.png: error: File name too long";
  }
  SECTION("something that is no exception class at all") {
    threw = !fail_on_error({&output}, article, [] { throw 42; });
    expected = "content/a.md: error: internal error: an exception of unknown type";
  }
  CHECK(threw);
  CHECK(output.status == OutputResult::Status::failed);
  CHECK_FALSE(output.pending());
  CHECK(output.error == expected);
}

TEST_CASE("an error fails only the unfinished outputs it is given, and nothing when none is thrown") {
  std::vector<OutputResult> outputs = planned_outputs(4);
  outputs[1].status = OutputResult::Status::up_to_date;
  outputs[2].error = "content/a.md:1:1: error: the first cause";
  CHECK(fail_on_error({&outputs[0], &outputs[1], &outputs[2]}, {"content/a.md"}, [] {}));
  CHECK(outputs[0].pending());
  CHECK_FALSE(fail_on_error({&outputs[0], &outputs[1], &outputs[2]}, {"content/a.md"},
                            [] { throw std::logic_error("later"); }));
  CHECK(outputs[0].error == "content/a.md: error: internal error: later");
  CHECK(outputs[1].status == OutputResult::Status::up_to_date);  // up to date stays so
  CHECK(outputs[1].error.empty());
  CHECK(outputs[2].error == "content/a.md:1:1: error: the first cause");  // the first cause is kept
  CHECK(outputs[3].pending());                                         // not given: untouched
}

TEST_CASE("a summary that does not fit fails with its sections by room for the report") {
  std::vector<OutputResult> outputs = planned_outputs(2);
  outputs[1].status = OutputResult::Status::up_to_date;
  const std::vector<SectionRoom> sections{{"Treatment", {"content/a.md", 12, 1}, 40, 520.5, 0.74},
                                          {"Follow-up", {"content/a.md", 30, 1}, 9, 117.0, 0.17}};
  CHECK_FALSE(fail_on_error({&outputs[0], &outputs[1]}, {"content/a.md"}, [&] {
    throw FitError({"content/a.md", 3, 1}, "the summary does not fit", sections);
  }));
  CHECK(outputs[0].error == "content/a.md:3:1: error: the summary does not fit");
  REQUIRE(outputs[0].fit_sections.size() == 2);
  CHECK(outputs[0].fit_sections[0].heading == "Treatment");
  CHECK(outputs[0].fit_sections[0].place.line == 12);
  CHECK(outputs[0].fit_sections[1].lines == 9);
  CHECK(outputs[1].fit_sections.empty());  // up to date: not this error's
  // Any other error carries no sections.
  std::vector<OutputResult> other = planned_outputs(1);
  CHECK_FALSE(fail_on_error({&other[0]}, {"content/a.md"}, [] { throw HandoutError({"content/a.md", 3, 1}, "x"); }));
  CHECK(other[0].fit_sections.empty());
}

TEST_CASE("the workers take every article once, and one that throws fails alone") {
  for (int jobs : {1, 2, 4, 16}) {
    CAPTURE(jobs);
    const std::size_t count = 40;
    std::vector<OutputResult> outputs = planned_outputs(count);
    std::vector<std::atomic<int>> visits(count);
    std::mutex slots_mutex;
    std::set<std::size_t> slots, done;
    int done_calls = 0;
    run_workers(
        count, jobs,
        [&](std::size_t slot, std::size_t i) {
          ++visits[i];
          {
            std::lock_guard<std::mutex> lock(slots_mutex);
            slots.insert(slot);
          }
          fail_on_error({&outputs[i]}, {"content/" + std::to_string(i) + ".md"}, [&] {
            if (i == 7) throw 7;
            if (i == 21) throw std::runtime_error("twenty-one");
            outputs[i].status = OutputResult::Status::built;
          });
        },
        [&](std::size_t slot) {
          std::lock_guard<std::mutex> lock(slots_mutex);  // Catch2 checks only on this thread
          done.insert(slot);
          ++done_calls;
        });
    for (std::size_t i = 0; i < count; ++i) CHECK(visits[i] == 1);
    // One thread per job (slot 0 the caller's), each told once that it is done; a thread may
    // find every article taken.
    CHECK(done_calls == jobs);
    CHECK(done.size() == static_cast<std::size_t>(jobs));
    CHECK(*done.rbegin() == static_cast<std::size_t>(jobs - 1));
    CHECK(std::includes(done.begin(), done.end(), slots.begin(), slots.end()));
    for (std::size_t i = 0; i < count; ++i) {
      CAPTURE(i);
      if (i == 7 || i == 21) {
        CHECK(outputs[i].status == OutputResult::Status::failed);
        CHECK(outputs[i].error.starts_with("content/" + std::to_string(i) + ".md: error: internal error: "));
      } else {
        CHECK(outputs[i].status == OutputResult::Status::built);
      }
    }
  }
}

TEST_CASE("a batch builds past an article whose image name the file system refuses") {
  BatchTestProject fixture;
  // Not a HandoutError: the file system's "File name too long", thrown while the article's
  // images are fingerprinted.
  write(fixture.a, article_text("Alpha") + "\n![A picture](" + std::string(300, 'p') + ".png)\n");
  BatchOptions options;
  options.jobs = 2;
  FontPool fonts(HANDOUT_SOURCE_DIR "/fonts");
  std::ostringstream output, errors;
  BatchResult result = run_batch(fixture.project, options, fonts, output, errors);
  REQUIRE(result.outputs.size() == 2);
  CHECK(result.count(OutputResult::Status::failed) == 1);
  CHECK(result.count(OutputResult::Status::built) == 1);
  CHECK_FALSE(result.ok());
  const OutputResult& failed = result.outputs[0];
  CHECK(failed.content == fixture.a);
  CHECK(failed.error.starts_with(fixture.a));
  CHECK(errors.str().find(failed.error) != std::string::npos);
  const OutputResult& built = result.outputs[1];
  CHECK(fs::exists(built.output));
  CHECK(output.str().find("wrote " + built.output) != std::string::npos);
  // The state holds the built output and not the failed one, so a fixed article is built next.
  BuildState state = BuildState::load(BuildState::path_in(fixture.out));
  CHECK(state.up_to_date(built.output, built.inputs_hash));
  CHECK_FALSE(fs::exists(failed.output));
}
