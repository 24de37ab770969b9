#include <catch2/catch.hpp>

#include "content/front_matter.h"

using namespace handout;

namespace {

const char* valid_article =
    "+++\n"
    "title = \"Bone health\"\n"
    "language = \"en\"\n"
    "reviewed = 2026-03-04\n"
    "organisation = \"A Clinic\"\n"
    "keywords = [\"bone\", \"pain\"]\n"
    "+++\n"
    "# Heading\n";

Diagnostic error_of(const std::string& text) {
  try {
    ArticleParts parts = split_article(text, "a.md");
    parse_front_matter(parts.front_matter, "a.md", parts.front_matter_first_line);
  } catch (const HandoutError& error) {
    return error.diagnostic();
  }
  FAIL("expected an error");
  return {};
}

}  // namespace

TEST_CASE("front matter is split from the body with the body's first line") {
  ArticleParts parts = split_article(valid_article, "a.md");
  CHECK(parts.front_matter_first_line == 2);
  CHECK(parts.body_first_line == 8);
  CHECK(parts.body == "# Heading\n");
}

TEST_CASE("front matter is read into metadata") {
  ArticleParts parts = split_article(valid_article, "a.md");
  DocumentMetadata metadata = parse_front_matter(parts.front_matter, "a.md", parts.front_matter_first_line);
  CHECK(metadata.title == "Bone health");
  CHECK(metadata.language == "en");
  CHECK(metadata.reviewed == "2026-03-04");
  CHECK(metadata.organisation == "A Clinic");
  CHECK(metadata.keywords == std::vector<std::string>{"bone", "pain"});
}

TEST_CASE("a TOML syntax error is placed at its line in the article file") {
  // Line 3 of the file is the second line of the TOML.
  Diagnostic error = error_of("+++\ntitle = \"x\"\nlanguage = = \"en\"\n+++\nbody\n");
  CHECK(error.place.path == "a.md");
  CHECK(error.place.line == 3);
  CHECK(error.place.column > 0);
  CHECK(error.to_string().rfind("a.md:3:", 0) == 0);
}

TEST_CASE("an unknown front-matter key is an error naming the key") {
  Diagnostic error = error_of(
      "+++\ntitle = \"x\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"o\"\nauthor = \"me\"\n+++\nb\n");
  CHECK(error.place.line == 6);
  CHECK(error.place.column == 1);
  CHECK(error.message.find("unknown key 'author'") != std::string::npos);
}

TEST_CASE("missing and mistyped front-matter values are errors") {
  CHECK(error_of("+++\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"o\"\n+++\nb\n").message ==
        "missing key 'title'");
  Diagnostic wrong_type =
      error_of("+++\ntitle = 3\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"o\"\n+++\nb\n");
  CHECK(wrong_type.place.line == 2);
  CHECK(wrong_type.message == "'title' must be a string");
  Diagnostic bad_date =
      error_of("+++\ntitle = \"t\"\nlanguage = \"en\"\nreviewed = \"last week\"\norganisation = \"o\"\n+++\nb\n");
  CHECK(bad_date.place.line == 4);
}

TEST_CASE("an article without front matter, or with an unclosed one, is refused") {
  CHECK(error_of("# Just Markdown\n").message.find("must start with TOML front matter") != std::string::npos);
  CHECK(error_of("+++\ntitle = \"t\"\n# Body\n").message.find("never closed") != std::string::npos);
}

namespace {

const char* article_head = "+++\ntitle = \"x\"\nlanguage = \"en\"\nreviewed = 2026-01-01\norganisation = \"o\"\n";

}  // namespace

TEST_CASE("an article's [layout.NAME] table is read with the places of its words") {
  std::string text = std::string(article_head) +
                     "[layout.clinician-summary]\n"
                     "sections = [\"treatment\", \"symptoms\"]\n"
                     "exclude_sections = [\"history\"]\n"
                     "blocks = [\"heading\", \"paragraph\", \"table\"]\n"
                     "+++\nbody\n";
  ArticleParts parts = split_article(text, "a.md");
  DocumentMetadata metadata = parse_front_matter(parts.front_matter, "a.md", parts.front_matter_first_line);
  REQUIRE(metadata.layouts.size() == 1);
  const LayoutChoice& choice = metadata.layouts.at("clinician-summary");
  CHECK(choice.place.line == 6);
  CHECK(choice.sections == std::vector<std::string>{"treatment", "symptoms"});
  REQUIRE(choice.section_places.size() == 2);
  CHECK(choice.section_places[1].line == 7);
  CHECK(choice.section_places[1].column == 26);
  CHECK(choice.exclude_sections == std::vector<std::string>{"history"});
  CHECK(choice.exclude_places[0].line == 8);
  REQUIRE(choice.blocks);
  CHECK(*choice.blocks == std::vector<BlockKind>{BlockKind::heading, BlockKind::paragraph, BlockKind::table});
}

TEST_CASE("a [layout.NAME] table is validated like the rest of the front matter") {
  Diagnostic unknown = error_of(std::string(article_head) + "[layout.summary]\nsection = [\"a\"]\n+++\nb\n");
  CHECK(unknown.place.line == 7);
  CHECK(unknown.message.find("unknown key 'layout.summary.section'") != std::string::npos);
  Diagnostic kind = error_of(std::string(article_head) + "[layout.summary]\nblocks = [\"heading\", \"box\"]\n+++\nb\n");
  CHECK(kind.place.line == 7);
  CHECK(kind.place.column == 22);
  CHECK(kind.message.find("unknown kind \"box\"") != std::string::npos);
  Diagnostic not_table = error_of(std::string(article_head) + "layout.summary = \"short\"\n+++\nb\n");
  CHECK(not_table.place.line == 6);
  CHECK(not_table.message.find("'layout.summary' must be a table") != std::string::npos);
  Diagnostic wrong_type = error_of(std::string(article_head) + "[layout.summary]\nsections = \"treatment\"\n+++\nb\n");
  CHECK(wrong_type.place.line == 7);
  Diagnostic empty = error_of(std::string(article_head) + "[layout.summary]\nsections = [\"\"]\n+++\nb\n");
  CHECK(empty.message.find("empty word") != std::string::npos);
}
