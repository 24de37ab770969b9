// Every number a layout gives is finite and within its bounds, refused at its key's line and
// column otherwise: TOML allows nan and inf, and a length string can say "nanpt" or "1e308in".
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "layout/layout_loader.h"

using namespace handout;

namespace {

struct NumericKey {
  std::string table, key;
};

// Every key a layout reads as a number (sizes, leadings, spacing in em, paddings, dpi...).
const std::vector<NumericKey> numbers = {
    {"body", "size"},          {"body", "leading"},        {"body", "space_after"},    {"h1", "size"},
    {"h1", "leading"},         {"h1", "space_before"},     {"h1", "space_after"},      {"h2", "size"},
    {"h3", "space_before"},    {"caption", "size"},        {"caption", "leading"},     {"list", "indent"},
    {"list", "item_space"},    {"callout", "padding"},     {"figure", "padding"},      {"header", "size"},
    {"footer", "size"},        {"title_band", "title_size"}, {"title_band", "subtitle_size"}, {"fit", "min_size"},
    {"fit", "max_size"},       {"output", "preview_dpi"},  {"output", "max_image_megapixels"},
};

// Every key a layout reads as a length.
const std::vector<NumericKey> lengths = {
    {"page", "margin_top"},     {"page", "margin_bottom"},  {"page", "margin_left"}, {"page", "margin_right"},
    {"page", "column_gap"},     {"callout", "border_width"}, {"figure", "border_width"}, {"header", "image_height"},
    {"footer", "image_height"}, {"title_band", "padding"},  {"title_band", "space_after"},
};

// Whole numbers: a float, even a finite one, is refused.
const std::vector<NumericKey> integers = {{"page", "columns"}, {"fit", "pages"}};

Diagnostic error_of(const NumericKey& key, const std::string& value) {
  const std::string toml = "[" + key.table + "]\n" + key.key + " = " + value + "\n";
  INFO(toml);
  try {
    parse_layout(toml, "layouts/x.toml");
  } catch (const HandoutError& error) {
    return error.diagnostic();
  }
  FAIL("expected an error for " + toml);
  return {};
}

// The error is at the value: line 2, the column after "key = ", and names the dotted key.
void check_refused(const NumericKey& key, const std::string& value) {
  Diagnostic error = error_of(key, value);
  INFO(key.table << "." << key.key << " = " << value << ": " << error.to_string());
  CHECK(error.place.path == "layouts/x.toml");
  CHECK(error.place.line == 2);
  CHECK(error.place.column == static_cast<int>(key.key.size()) + 4);
  CHECK(error.message.rfind("'" + key.table + "." + key.key + "'", 0) == 0);
}

}  // namespace

TEST_CASE("a layout's nan and inf are refused at every numeric key") {
  for (const NumericKey& key : numbers)
    for (const char* value : {"nan", "+nan", "-nan", "inf", "-inf", "1e308", "-1e308"}) check_refused(key, value);
}

TEST_CASE("a layout's lengths are finite, not negative and within their bounds") {
  for (const NumericKey& key : lengths) {
    for (const char* value : {"nan", "-nan", "inf", "-1", "1e308", "\"nanpt\"", "\"infmm\"", "\"-infin\"",
                              "\"1e400pt\"", "\"1e308in\"", "\"2000mm\"", "\"-0.1pt\""})
      check_refused(key, value);
  }
  // The bounds leave room for any real page: half an A4 page's width is a valid margin.
  CHECK(parse_layout("[page]\nmargin_left = \"100mm\"\n", "x.toml").page.margin_left == Approx(283.46).epsilon(1e-3));
}

TEST_CASE("a layout's whole numbers are refused when out of range, fractional or not finite") {
  for (const NumericKey& key : integers)
    for (const char* value : {"nan", "inf", "1.5", "0", "9223372036854775807", "-9223372036854775808"})
      check_refused(key, value);
}
