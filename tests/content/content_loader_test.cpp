#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "content/content_loader.h"
#include "util/text.h"

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

namespace {

Diagnostic error_in_memory(const std::string& text) {
  Warnings warnings;
  try {
    parse_document("a.md", text, warnings);
  } catch (const HandoutError& error) {
    return error.diagnostic();
  }
  FAIL("expected an error");
  return {};
}

}  // namespace

TEST_CASE("an article read from memory is the article read from its file") {
  const std::string path = HANDOUT_SOURCE_DIR "/tests/data/every-block.md";
  Warnings from_file_warnings, from_memory_warnings;
  Document from_file = load_document(path, from_file_warnings);
  Document from_memory = parse_document(path, read_file(path), from_memory_warnings);
  CHECK(from_memory.name == "every-block");
  CHECK(from_memory.metadata.title == from_file.metadata.title);
  REQUIRE(from_memory.blocks.size() == from_file.blocks.size());
  for (std::size_t i = 0; i < from_file.blocks.size(); ++i) {
    CHECK(from_memory.blocks[i].kind == from_file.blocks[i].kind);
    CHECK(from_memory.blocks[i].place.line == from_file.blocks[i].place.line);
  }
  CHECK(from_memory_warnings.items().size() == from_file_warnings.items().size());
}

TEST_CASE("an article that is not UTF-8 is an error at its first bad byte") {
  // Latin-1 'é' (0xE9) on line 7, after "# Caf": a file saved in the wrong encoding.
  Diagnostic body = error_in_memory(front_matter + "# Caf\xE9 and cake\n");
  CHECK(body.place.path == "a.md");
  CHECK(body.place.line == 7);
  CHECK(body.place.column == 6);
  CHECK(body.message.find("UTF-8") != std::string::npos);
  CHECK(body.message.find("0xE9") != std::string::npos);

  // A character cut short at the end of the file, and a bad byte on the first line.
  Diagnostic cut = error_in_memory(front_matter + "Text \xE2\x80");
  CHECK(cut.place.line == 7);
  CHECK(cut.place.column == 6);
  CHECK(error_in_memory("\xFF+++\n").place.line == 1);
  CHECK(error_in_memory("\xFF+++\n").place.column == 1);
}

TEST_CASE("a NUL character in the body is set as U+FFFD, as CommonMark asks") {
  Warnings warnings;
  Document document = parse_document("a.md", front_matter + std::string("A\0B\n", 4), warnings);
  REQUIRE(document.blocks.size() == 1);
  CHECK(plain_text(document.blocks[0].text) == "A\uFFFDB");
}

TEST_CASE("block quotes marked [!CLINICIAN], [!PATIENT] or [!KEY-POINTS] hold blocks for one audience") {
  Warnings warnings;
  Document document = parse_document("a.md", front_matter +
                                                  "Shared.\n\n"
                                                  "> [!KEY-POINTS]\n> - first point\n> - second point\n\n"
                                                  "> [!clinician]\n> Dose by weight.\n>\n> Check the kidneys.\n\n"
                                                  "> [!PATIENT] Ask your nurse.\n\n"
                                                  "> [!NOTE]\n> A quote for everyone.\n\n"
                                                  "[!PATIENT] not in a quote.\n",
                                      warnings);
  const std::vector<Block>& blocks = document.blocks;
  REQUIRE(blocks.size() == 7);
  CHECK(blocks[0].audience == Audience::everyone);
  // The key points stay a box, for clinicians, without the mark.
  CHECK(blocks[1].kind == BlockKind::callout);
  CHECK(blocks[1].key_points);
  CHECK(blocks[1].audience == Audience::clinician);
  REQUIRE(blocks[1].children.size() == 1);
  CHECK(blocks[1].children[0].kind == BlockKind::list);
  // A quote marked for an audience is only the mark's container: its blocks take its place.
  CHECK(plain_text(blocks[2].text) == "Dose by weight.");
  CHECK(blocks[2].audience == Audience::clinician);
  CHECK(blocks[2].place.line == 13);  // the quote's first paragraph began on the mark's line
  CHECK(plain_text(blocks[3].text) == "Check the kidneys.");
  CHECK(blocks[3].audience == Audience::clinician);
  CHECK(plain_text(blocks[4].text) == "Ask your nurse.");
  CHECK(blocks[4].audience == Audience::patient);
  // Other alerts are ordinary quotes, for everyone.
  CHECK(blocks[5].kind == BlockKind::callout);
  CHECK(blocks[5].audience == Audience::everyone);
  CHECK(plain_text(blocks[5].children[0].text).starts_with("[!NOTE]"));
  // A mark outside a quote marks nothing, and says so.
  CHECK(blocks[6].audience == Audience::everyone);
  REQUIRE(warnings.items().size() == 1);
  CHECK(warnings.items()[0].place.line == 23);
  CHECK(warnings.items()[0].message.find("first line of a block quote") != std::string::npos);
}
