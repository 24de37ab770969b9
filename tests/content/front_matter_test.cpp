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
