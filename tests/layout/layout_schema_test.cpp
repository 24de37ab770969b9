// The layout's declaration walked over a table of another file, under that table's name.
#include <catch2/catch.hpp>

#include "layout/layout_schema.h"

using namespace handout;

TEST_CASE("the layout's declaration reads a layout table nested in another file") {
  TomlReader reader("a.md", 1);
  toml::table root = reader.parse("[body]\nsize = 200\n");
  LayoutSpec spec;
  try {
    layout_schema().read(reader, root, spec, "layout.patient-handout");
    FAIL("expected an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().to_string() == "a.md:3:8: error: 'layout.patient-handout.body.size' is 200, outside 4 to 96");
  }
  toml::table fitted = reader.parse("[fit]\nmin_size = 9\nmax_size = 8\n");
  try {
    layout_schema().read(reader, fitted, spec, "layout.x");
    FAIL("expected an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().message == "'layout.x.fit.min_size' (9) is larger than 'layout.x.fit.max_size' (8)");
  }
}
