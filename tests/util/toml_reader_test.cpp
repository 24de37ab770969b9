#include <catch2/catch.hpp>

#include "batch/project.h"
#include "content/front_matter.h"
#include "layout/layout_loader.h"
#include "util/toml_reader.h"

using namespace handout;

namespace {

template <typename Parse>
SourcePlace error_place(Parse parse) {
  try {
    parse();
  } catch (const HandoutError& error) {
    return error.diagnostic().place;
  }
  FAIL("expected an error");
  return {};
}

}  // namespace

// Found by fuzzing: toml++ places "encountered end-of-file" one column past the end of the last
// line (it counts the final newline as a column).
TEST_CASE("a TOML error at the end of the text points inside the file") {
  // An unclosed multi-line string: the text ends on line 3, which is empty.
  SourcePlace layout = error_place([] { parse_layout("\"\"\"\n\n\n", "x.toml"); });
  CHECK(layout.path == "x.toml");
  CHECK(layout.line == 3);
  CHECK(layout.column == 1);

  SourcePlace project = error_place([] { parse_project("t=\"\"\"\"\n\n", "handout.toml"); });
  CHECK(project.line == 2);
  CHECK(project.column == 1);

  // In front matter, the place is in the article: line 2 is a lone quote, one character long.
  SourcePlace article = error_place([] {
    ArticleParts parts = split_article("+++\n\"\n+++", "a.md");
    parse_front_matter(parts.front_matter, "a.md", parts.front_matter_first_line);
  });
  CHECK(article.line == 2);
  CHECK(article.column >= 1);
  CHECK(article.column <= 2);

  // A place inside the text is kept as toml++ gives it.
  SourcePlace inside = error_place([] { TomlReader("y.toml").parse("a = 1\nb = = 2\n"); });
  CHECK(inside.line == 2);
  CHECK(inside.column == 5);
}

// Found by fuzzing: std::filesystem threw "File name too long" out of the project loader.
TEST_CASE("a project naming content too long for the system is an error at the key") {
  SourcePlace place = error_place([] { parse_project("content = [\"" + std::string(300, 'c') + "\"]\n", "handout.toml"); });
  CHECK(place.path == "handout.toml");
  CHECK(place.line == 1);
  CHECK(place.column == 11);
  try {
    parse_project("content = [\"" + std::string(300, 'c') + "\"]\n", "handout.toml");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().message.find("cannot be read") != std::string::npos);
  }
}
