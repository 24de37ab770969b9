// The README's key tables are printed from the schemas the loaders walk: a key added, removed or
// changed in a declaration and not in the README (or the other way round) fails here.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/schema_command.h"
#include "util/text.h"

namespace {

// The text between "<!-- schema:NAME begin -->" and "<!-- schema:NAME end -->", with the markers.
std::string readme_block(const std::string& readme, std::string_view name) {
  const std::string begin = "<!-- schema:" + std::string(name) + " begin -->\n";
  const std::string end = "<!-- schema:" + std::string(name) + " end -->\n";
  std::size_t first = readme.find(begin);
  std::size_t last = first == std::string::npos ? first : readme.find(end, first);
  if (last == std::string::npos) return {};
  return readme.substr(first, last + end.size() - first);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The lines that differ, marked "-" (README) and "+" (declaration), each with its neighbours'
// count skipped: enough to see which key to regenerate.
std::string line_diff(const std::string& readme, const std::string& declared) {
  std::vector<std::string> old_lines = lines_of(readme), new_lines = lines_of(declared);
  std::size_t front = 0;
  while (front < old_lines.size() && front < new_lines.size() && old_lines[front] == new_lines[front]) ++front;
  std::size_t back = 0;
  while (back + front < old_lines.size() && back + front < new_lines.size() &&
         old_lines[old_lines.size() - 1 - back] == new_lines[new_lines.size() - 1 - back])
    ++back;
  std::string diff = "@@ line " + std::to_string(front + 1) + " of the block @@\n";
  for (std::size_t i = front; i + back < old_lines.size(); ++i) diff += "-" + old_lines[i] + "\n";
  for (std::size_t i = front; i + back < new_lines.size(); ++i) diff += "+" + new_lines[i] + "\n";
  return diff;
}

}  // namespace

TEST_CASE("the README's key tables are the ones the schemas print") {
  const std::string readme = handout::read_file(std::string(HANDOUT_SOURCE_DIR) + "/README.md");
  for (std::string_view name : handout::schema_names()) {
    const std::string declared = handout::schema_markdown(name);
    const std::string written = readme_block(readme, name);
    INFO("schema '" << name << "': README.md (-) against the declaration (+); "
                    << "scripts/update-readme-schemas.py rewrites the README's tables\n"
                    << line_diff(written, declared));
    CHECK(written == declared);
  }
}

TEST_CASE("each schema's table lists its keys with their bounds, defaults and meanings") {
  const std::string layout = handout::schema_table("layout");
  // A row per key, bounds and default included, read off the declaration and an empty layout.
  CHECK(layout.find("| `size` | points, 4 to 96 | `12` |") != std::string::npos);
  CHECK(layout.find("| `columns` | whole number, 1 to 4 | `1` |") != std::string::npos);
  CHECK(layout.find("| `align` | `\"left\"` or `\"justify\"` | `\"left\"` |") != std::string::npos);
  CHECK(layout.find("| **`[h1]`**, **`[h2]`**, **`[h3]`** |") != std::string::npos);
  CHECK(layout.find("| `title` | string | required |") == std::string::npos);
  CHECK(handout::schema_table("article").find("| `title` | string | required |") != std::string::npos);
  CHECK(handout::schema_table("project").find("| `text_scale` | number, 0.5 to 3 | `1` |") != std::string::npos);
  CHECK(handout::schema_table("other").empty());
}

TEST_CASE("handout schema takes --markdown and at most one schema name") {
  using handout::Command;
  using handout::parse_arguments;
  Command all = parse_arguments({"schema", "--markdown"});
  CHECK(all.kind == Command::Kind::schema);
  CHECK(all.schema.empty());
  CHECK(parse_arguments({"schema", "--markdown", "project"}).schema == "project");
  CHECK(parse_arguments({"schema", "--help"}).kind == Command::Kind::help);
  auto usage_error = [](std::vector<std::string> arguments) {
    try {
      parse_arguments(arguments);
    } catch (const handout::UsageError& error) {
      return error.message;
    }
    return std::string("no error");
  };
  CHECK(usage_error({"schema"}) == "schema needs --markdown");
  CHECK(usage_error({"schema", "--markdown", "glossary"}) ==
        "unknown schema 'glossary' (expected layout, article or project)");
  CHECK(usage_error({"schema", "--markdown", "layout", "article"}) == "schema takes one name");
  CHECK(usage_error({"schema", "--json"}) == "unknown option '--json'");
  // Without a name, every schema's block, in the order schema_names() gives.
  const std::string every = handout::schema_markdown("");
  CHECK(every.find("<!-- schema:layout begin -->") < every.find("<!-- schema:article begin -->"));
  CHECK(every.find("<!-- schema:article end -->") < every.find("<!-- schema:project begin -->"));
}
