// Damaged font files are errors naming the file, and a layout gets the face it asks for or an
// error: never invisible text, nor bold standing in for regular.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "layout/layout_loader.h"
#include "typeset/font_set.h"
#include "typeset/test_fixtures.h"
#include "typeset/typesetter.h"

using namespace handout;
using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

const std::string regular_name = "atkinson-hyperlegible/AtkinsonHyperlegible_400Regular.ttf";

// A copy of the bundled fonts folder, removed when done.
struct FontsCopy {
  std::string path;
  explicit FontsCopy(const std::string& name) {
    path = (fs::temp_directory_path() / ("handout-fonts-" + name + "-" + std::to_string(::getpid()))).string();
    fs::remove_all(path);
    fs::copy(fonts_dir(), path, fs::copy_options::recursive);
  }
  ~FontsCopy() { fs::remove_all(path); }
  std::string regular() const { return path + "/" + regular_name; }
};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// The error a font set over `folder` stops with, or "" when there is none.
std::string font_error(const std::string& folder) {
  try {
    FontSet fonts(folder);
    LayoutSpec spec = parse_layout("", "layouts/l.toml");
    Document document = sample_document(1);
    Warnings warnings;
    Typesetter typesetter(fonts, spec, document, warnings);
    typesetter.typeset(spec.body.size);
  } catch (const HandoutError& error) {
    return error.diagnostic().to_string();
  }
  return "";
}

}  // namespace

TEST_CASE("the bundled fonts pass the checks") { CHECK(font_error(fonts_dir()) == ""); }

TEST_CASE("a cut-short font file is an error that names the file") {
  FontsCopy fonts("truncated");
  std::string bytes = read(fonts.regular());
  for (std::size_t length : {std::size_t(20000), bytes.size() / 2, bytes.size() - 100, std::size_t(40)}) {
    write(fonts.regular(), bytes.substr(0, length));
    std::string error = font_error(fonts.path);
    INFO("cut to " << length << " bytes: " << error);
    CHECK(error.rfind(fonts.regular() + ": error: damaged font file", 0) == 0);
  }
}

TEST_CASE("a font file with random bytes changed is an error that names the file") {
  FontsCopy fonts("flipped");
  const std::string bytes = read(fonts.regular());
  std::mt19937 random(20261125);
  for (int round = 0; round < 8; ++round) {
    std::string damaged = bytes;
    // A handful of bytes anywhere past the header (changing only those could also be caught,
    // but with messages of fontconfig's and not ours).
    std::uniform_int_distribution<std::size_t> where(64, bytes.size() - 1);
    for (int i = 0; i < 1 + round * 4; ++i) damaged[where(random)] ^= static_cast<char>(1 + random() % 255);
    write(fonts.regular(), damaged);
    std::string error = font_error(fonts.path);
    INFO("round " << round << ": " << error);
    CHECK(error.rfind(fonts.regular() + ": error: damaged font file", 0) == 0);
  }
}

TEST_CASE("a family without the face a layout asks for is an error at the layout's key, not another face") {
  FontsCopy fonts("no-regular");
  fs::remove(fonts.regular());
  std::string error = font_error(fonts.path);
  INFO(error);
  // The default layout names the family at no key: the error is at the layout file.
  CHECK(error.rfind("layouts/l.toml: error: font family 'Atkinson Hyperlegible' has no regular face", 0) == 0);
  CHECK(error.find("AtkinsonHyperlegible_700Bold") != std::string::npos);

  FontSet set(fonts.path);
  LayoutSpec spec = parse_layout("[fonts]\nbody = \"Atkinson Hyperlegible\"\n", "layouts/l.toml");
  Document document = sample_document(1);
  Warnings warnings;
  CHECK_THROWS_WITH(Typesetter(set, spec, document, warnings),
                    Catch::Contains("has no regular face"));
  try {
    Typesetter typesetter(set, spec, document, warnings);
  } catch (const HandoutError& e) {
    CHECK(e.diagnostic().place.line == 2);
  }
}
