#pragma once
// The located error a layout's TOML gives, for tests of the layout's keys.
#include <catch2/catch.hpp>

#include <string>

#include "layout/layout_loader.h"
#include "util/diagnostic.h"

namespace handout::testing {

inline Diagnostic layout_error_of(const std::string& toml) {
  try {
    parse_layout(toml, "layouts/x.toml");
  } catch (const HandoutError& error) {
    return error.diagnostic();
  }
  FAIL("expected a layout error");
  return {};
}

}  // namespace handout::testing
