// Every input the fuzz targets (fuzz/) found a problem with, replayed as the target ran it:
// tests/data/fuzz-regressions/KIND-NAME, where KIND is the target (article, layout, project or
// typeset). Each must load, or fail with a HandoutError, and every warning and error that names
// the input must point inside it. The focused tests of each finding live beside the code it was
// in; this keeps the exact inputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "batch/project.h"
#include "content/content_loader.h"
#include "layout/layout_loader.h"
#include "paint/cairo_painter.h"
#include "typeset/fit_search.h"
#include "typeset/font_set.h"
#include "typeset/test_fixtures.h"
#include "typeset/typesetter.h"
#include "util/text.h"

using namespace handout;
namespace fs = std::filesystem;

namespace {

// As the fuzz targets name their inputs: an article beside content/'s images.
const std::string article_path = HANDOUT_SOURCE_DIR "/content/fuzzed-article.md";

void check_inside(const Diagnostic& diagnostic, std::string_view text, const std::string& path) {
  const SourcePlace& place = diagnostic.place;
  if (place.path != path || place.line == 0) return;
  INFO(diagnostic.to_string());
  std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  REQUIRE(place.line >= 1);
  REQUIRE(static_cast<std::size_t>(place.line) <= lines);
  std::size_t start = 0;
  for (int line = 1; line < place.line; ++line) start = text.find('\n', start) + 1;
  std::size_t end = std::min(text.find('\n', start), text.size());
  CHECK(place.column >= 0);
  CHECK(static_cast<std::size_t>(place.column) <= end - start + 1);
}

template <typename Step>
void expecting_handout_errors(Step step, std::string_view text, const std::string& path) {
  try {
    step();
  } catch (const HandoutError& error) {
    check_inside(error.diagnostic(), text, path);
  }
}

void typeset_and_paint(const FontSet& fonts, const LayoutSpec& layout, const Document& document,
                       std::string_view text) {
  Warnings warnings;
  Typesetter typesetter(fonts, layout, document, warnings);
  Pages pages = layout.fit.enabled ? typesetter.typeset(find_fitting_size(typesetter, layout.fit, document.path).fitting)
                                   : typesetter.typeset(layout.body.size);
  pages.info.date = "2026-01-01T00:00:00Z";
  CHECK_FALSE(paint_cairo_pdf(pages).empty());
  for (const Diagnostic& warning : warnings.items()) check_inside(warning, text, document.path);
}

std::optional<Document> load_article(std::string_view text) {
  std::optional<Document> document;
  Warnings warnings;
  expecting_handout_errors([&] { document = parse_document(article_path, std::string(text), warnings); }, text, article_path);
  for (const Diagnostic& warning : warnings.items()) check_inside(warning, text, article_path);
  return document;
}

void replay(const std::string& kind, const std::string& text, const FontSet& fonts) {
  if (kind == "article") {
    load_article(text);
  } else if (kind == "typeset") {
    if (std::optional<Document> document = load_article(text))
      for (const char* name : {"patient-handout", "clinician-summary"})
        expecting_handout_errors(
            [&] {
              typeset_and_paint(fonts, load_layout(HANDOUT_SOURCE_DIR "/layouts/" + std::string(name) + ".toml"),
                                *document, text);
            },
            text, article_path);
  } else if (kind == "layout") {
    std::optional<LayoutSpec> spec;
    expecting_handout_errors([&] { spec = parse_layout(text, "fuzzed-layout.toml"); }, text, "fuzzed-layout.toml");
    if (spec) {
      std::optional<Document> document = load_article(read_file(HANDOUT_SOURCE_DIR "/tests/data/every-block.md"));
      REQUIRE(document);
      expecting_handout_errors([&] { typeset_and_paint(fonts, *spec, *document, text); }, text, "fuzzed-layout.toml");
    }
  } else if (kind == "project") {
    expecting_handout_errors([&] { parse_project(text, "handout.toml"); }, text, "handout.toml");
  } else {
    FAIL("unknown kind '" << kind << "': name the file after its fuzz target");
  }
}

}  // namespace

TEST_CASE("every input fuzzing found a problem with loads or fails with a located error") {
  FontSet fonts(testing::fonts_dir());
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(HANDOUT_SOURCE_DIR "/tests/data/fuzz-regressions"))
    if (entry.is_regular_file() && entry.path().filename() != "README.md") inputs.push_back(entry.path());
  std::sort(inputs.begin(), inputs.end());
  REQUIRE_FALSE(inputs.empty());
  for (const fs::path& input : inputs) {
    std::string name = input.filename().string();
    INFO(name);
    replay(name.substr(0, name.find('-')), read_file(input.string()), fonts);
  }
}
