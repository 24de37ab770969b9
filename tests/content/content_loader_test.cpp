#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "content/content_loader.h"

using namespace handout;
namespace fs = std::filesystem;

namespace {

const std::string front_matter =
    "+++\n"
    "title = \"Empty\"\n"
    "language = \"en\"\n"
    "reviewed = 2026-03-04\n"
    "organisation = \"A Clinic\"\n"
    "+++\n";

// Loads `text` from a file and returns the error it gives, with the warnings before it.
Diagnostic error_of(const std::string& text, Warnings& warnings) {
  // A name of this process's own: CTest runs the test cases as parallel processes.
  fs::path path = fs::temp_directory_path() / ("handout-content-loader-test-" + std::to_string(::getpid()) + ".md");
  std::ofstream(path, std::ios::binary) << text;
  try {
    load_document(path.string(), warnings);
  } catch (const HandoutError& error) {
    fs::remove(path);
    return error.diagnostic();
  }
  fs::remove(path);
  FAIL("expected an error");
  return {};
}

}  // namespace

TEST_CASE("a body with nothing to set is an error at its first line, and what it holds is named") {
  Warnings warnings;
  Diagnostic error = error_of(front_matter + "\n<div>\nOnly *HTML* here.\n</div>\n", warnings);
  CHECK(error.place.line == 7);
  CHECK(error.place.column == 1);
  CHECK(error.message.find("no text to set") != std::string::npos);
  REQUIRE_FALSE(warnings.items().empty());
  CHECK(warnings.items()[0].message.find("raw HTML") != std::string::npos);
}

TEST_CASE("an empty body is an error placed inside the file, at the closing fence") {
  Warnings warnings;
  Diagnostic error = error_of(front_matter, warnings);
  CHECK(error.place.line == 6);  // the file has 6 lines; there is no line 7
  CHECK(error.place.column == 1);
  error = error_of(front_matter + "[ref]: https://example.org\n", warnings);
  CHECK(error.place.line == 7);
}
