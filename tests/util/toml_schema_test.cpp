// The declared-schema walk on a small made-up file.
#include <catch2/catch.hpp>

#include "util/toml_schema.h"

using namespace handout;

namespace {

enum class Shape { round, square };

struct Part {
  double width = 2;
  int count = 1;
  bool shiny = false;
  Shape shape = Shape::round;
};

struct Sample {
  std::string name = "none yet";
  Part front, back;
  bool front_given = false;
};

std::vector<schema::Key<Part>> part_keys() {
  return {schema::length("width", &Part::width, 72, "how wide"),
          schema::integer("count", &Part::count, 1, 9, "how many"),
          schema::boolean("shiny", &Part::shiny, "whether it shines"),
          schema::choice("shape", &Part::shape, {{"round", Shape::round}, {"square", Shape::square}}, "its outline")};
}

schema::Schema<Sample> sample_schema() {
  schema::Schema<Sample> declared;
  declared.keys = {schema::string("name", &Sample::name, "what it is called")};
  schema::Hooks<Sample> front;
  front.after = [](const TomlReader&, const toml::table* table, Sample& sample, std::string_view) {
    sample.front_given = table != nullptr;
  };
  declared.tables.push_back(schema::table<Sample>(
      "front", "the front part", [](Sample& sample) -> Part& { return sample.front; }, part_keys(), front, "", "parts"));
  declared.tables.push_back(schema::table<Sample>(
      "back", "the back part", [](Sample& sample) -> Part& { return sample.back; }, part_keys(), {}, "", "parts"));
  return declared;
}

Sample read_sample(std::string_view text, std::string_view prefix = "") {
  TomlReader reader("s.toml");
  toml::table root = reader.parse(text);
  Sample sample;
  sample.back.count = 3;  // a default that differs between the tables of a group
  sample_schema().read(reader, root, sample, prefix);
  return sample;
}

std::string error_of(std::string_view text, std::string_view prefix = "") {
  try {
    read_sample(text, prefix);
  } catch (const HandoutError& error) {
    return error.diagnostic().to_string();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a schema walk stores each given key in its field and leaves the others") {
  Sample sample = read_sample("name = \"kite\"\n[front]\nwidth = \"10mm\"\ncount = 4\nshape = \"square\"\n");
  CHECK(sample.name == "kite");
  CHECK(sample.front.width == Approx(28.3465).epsilon(1e-4));
  CHECK(sample.front.count == 4);
  CHECK(sample.front.shape == Shape::square);
  CHECK_FALSE(sample.front.shiny);
  CHECK(sample.front_given);
  CHECK(sample.back.count == 3);
  CHECK_FALSE(read_sample("").front_given);
}

TEST_CASE("a schema walk's errors are located and name the key, under any prefix") {
  CHECK(error_of("[front]\ncolour = 1\n") ==
        "s.toml:2:1: error: unknown key 'front.colour' (expected one of: width, count, shiny, shape)");
  CHECK(error_of("title = 1\n") == "s.toml:1:1: error: unknown key 'title' (expected one of: name, front, back)");
  CHECK(error_of("[back]\ncount = 10\n") == "s.toml:2:9: error: 'back.count' is 10, outside 1 to 9");
  CHECK(error_of("[back]\nshiny = 1\n") == "s.toml:2:9: error: 'back.shiny' must be true or false");
  CHECK(error_of("[back]\nshape = \"oval\"\n") ==
        "s.toml:2:9: error: 'back.shape' is \"oval\"; expected \"round\" or \"square\"");
  CHECK(error_of("front = 2\n") == "s.toml:1:9: error: 'front' must be a table");
  CHECK(error_of("[front]\nwidth = \"2in\"\n", "part.x") ==
        "s.toml:2:9: error: 'part.x.front.width' is 144 pt, outside 0 to 72 pt");
}

TEST_CASE("a schema's Markdown table gives each key's type, bounds, default and meaning") {
  Sample defaults;
  defaults.back.count = 3;
  const std::string table = schema::markdown(sample_schema(), defaults);
  CHECK(table.find("| `name` | string | `\"none yet\"` | what it is called |\n") != std::string::npos);
  // One group: the tables share their rows, and a default that differs is given per table.
  CHECK(table.find("| **`[front]`**, **`[back]`** | table |  | the front part |\n") != std::string::npos);
  CHECK(table.find("| `count` | whole number, 1 to 9 | `1` / `3` | how many |\n") != std::string::npos);
  CHECK(table.find("| `width` | length, at most 72 pt | `2pt` | how wide |\n") != std::string::npos);
  CHECK(table.find("| `shape` | `\"round\"` or `\"square\"` | `\"round\"` | its outline |\n") != std::string::npos);
}
