#include <catch2/catch.hpp>

#include "util/length.h"

using handout::parse_length_points;

TEST_CASE("lengths convert to points") {
  CHECK(*parse_length_points("72") == Approx(72));
  CHECK(*parse_length_points("1in") == Approx(72));
  CHECK(*parse_length_points("25.4mm") == Approx(72));
  CHECK(*parse_length_points("2.54cm") == Approx(72));
  CHECK(*parse_length_points("12pt") == Approx(12));
}

TEST_CASE("malformed lengths are refused") {
  CHECK_FALSE(parse_length_points("12 pt"));
  CHECK_FALSE(parse_length_points("mm"));
  CHECK_FALSE(parse_length_points("-3mm"));
  CHECK_FALSE(parse_length_points("12px"));
  CHECK_FALSE(parse_length_points(""));
}

TEST_CASE("lengths that are not finite numbers of points are refused") {
  for (const char* text : {"nan", "nanpt", "-nan", "inf", "infmm", "infinity", "1e400pt", "1e308in", "-inf"}) {
    INFO(text);
    CHECK_FALSE(parse_length_points(text));
  }
  CHECK(*parse_length_points("1e3pt") == Approx(1000));
}
