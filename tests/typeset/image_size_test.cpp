#include <catch2/catch.hpp>

#include "typeset/image_size.h"

using namespace handout;

TEST_CASE("a PNG's size is read from its header") {
  ImageSize size = png_image_size(HANDOUT_SOURCE_DIR "/content/clinics/riverside-logo.png", {"x.toml", 3, 1});
  CHECK(size.width > 0);
  CHECK(size.height > 0);
}

TEST_CASE("an image name too long for the system is not found, at the place that names it") {
  // A running head's image comes from a template, so a project value can make it any length.
  try {
    png_image_size(std::string(300, 'i') + ".png", {"x.toml", 3, 1});
    FAIL("a name too long to exist must be an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().place.line == 3);
    CHECK(error.diagnostic().message.find("not found") != std::string::npos);
  }
}
