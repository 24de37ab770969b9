// The fit search predicts passes from one real pass's measurements, and only real passes decide.
// These tests set the bundled article and the fixtures through the bundled clinician summary and
// compare the search with an exhaustive search of real passes and with a direct typesetting.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "content/content_loader.h"
#include "layout/layout_loader.h"
#include "typeset/fit_search.h"
#include "typeset/font_set.h"
#include "typeset/page_dump.h"
#include "typeset/test_fixtures.h"
#include "typeset/text_model.h"
#include "typeset/typesetter.h"
#include "util/text.h"

using namespace handout;
using namespace handout::testing;
namespace fs = std::filesystem;

namespace {

FontSet& shared_fonts() {
  static FontSet fonts(fonts_dir());
  return fonts;
}

// An article through the bundled summary layout, its [fit] max_size replaced when given.
struct SummaryCase {
  SummaryCase(const std::string& article, std::optional<double> max_size = std::nullopt, bool justified = false)
      : document(parse_document((fs::path(HANDOUT_SOURCE_DIR) / article).string(),
                                read_file(fs::path(HANDOUT_SOURCE_DIR) / article), warnings)),
        spec(parse_layout(read_file(fs::path(HANDOUT_SOURCE_DIR) / "layouts/clinician-summary.toml"),
                          "layouts/clinician-summary.toml")) {
    if (max_size) spec.fit.max_size = *max_size;
    if (justified) {  // justified and hyphenated: the soft hyphens' breaks, and spaces Pango widens
      spec.align = Alignment::justify;
      spec.hyphenate = true;
    }
    typesetter.emplace(shared_fonts(), spec, document, warnings);
  }
  Warnings warnings;
  Document document;
  LayoutSpec spec;
  std::optional<Typesetter> typesetter;
};

// The size an exhaustive search of real passes chooses: every step of 0.1 pt from max_size down,
// the first that fits (nothing when not even min_size does).
std::optional<double> exhaustive_size(const Typesetter& typesetter, const FitRule& rule) {
  const int max_frames = rule.pages * typesetter.frames_per_page();
  for (int n = 0;; ++n) {
    double size = rule.max_size - n * 0.1;
    if (size <= rule.min_size + 1e-9) size = rule.min_size;
    if (typesetter.trial(size, max_frames).pagination.overflow == 0) return size;
    if (size == rule.min_size) return std::nullopt;
  }
}

std::optional<FitOutcome> searched(const SummaryCase& summary) {
  try {
    return find_fitting_size(*summary.typesetter, summary.spec.fit, summary.document.path);
  } catch (const FitError&) {
    return std::nullopt;
  }
}

const char* const fixtures[] = {"content/rcc-bone-metastasis.md",    "tests/data/blood-pressure-article.md",
                                "tests/data/medication-tables.md",   "tests/data/every-block.md",
                                "tests/data/long-article.md",        "tests/data/long-article-es.md",
                                "tests/data/language-ar.md",         "tests/data/language-es.md",
                                "tests/data/language-vi.md",         "tests/data/language-zh.md"};

}  // namespace

TEST_CASE("the fit search chooses the size an exhaustive search of real passes chooses", "[fit]") {
  // The bundled bounds, a larger max_size that makes the short fixtures search too, and the
  // bundled bounds with justified, hyphenated text.
  for (auto [max_size, justified] : std::initializer_list<std::pair<std::optional<double>, bool>>{
           {std::nullopt, false}, {13.0, false}, {std::nullopt, true}}) {
    for (const char* article : fixtures) {
      SummaryCase summary(article, max_size, justified);
      INFO(article << " with max_size " << summary.spec.fit.max_size << (justified ? ", justified" : ""));
      std::optional<FitOutcome> outcome = searched(summary);
      std::optional<double> expected = exhaustive_size(*summary.typesetter, summary.spec.fit);
      REQUIRE(outcome.has_value() == expected.has_value());
      if (!outcome) continue;
      CHECK(outcome->body_size == *expected);
      // One real pass, at the chosen size: the predictions were right.
      CHECK(outcome->passes == 1);
    }
  }
}

TEST_CASE("the fit search's pages are those of a direct typesetting at the chosen size", "[fit]") {
  for (const char* article : {"content/rcc-bone-metastasis.md", "tests/data/blood-pressure-article.md",
                              "tests/data/medication-tables.md"}) {
    SummaryCase summary(article);
    INFO(article);
    FitOutcome outcome = find_fitting_size(*summary.typesetter, summary.spec.fit, summary.document.path);
    CHECK(outcome.body_size < summary.spec.fit.max_size);  // the search had to predict
    CHECK(outcome.predictions > 0);
    std::string from_search = dump_pages(summary.typesetter->typeset(std::move(outcome.fitting)));
    std::string direct = dump_pages(summary.typesetter->typeset(outcome.body_size));
    CHECK(from_search == direct);
  }
}

TEST_CASE("a predicted pass sets the lines a real pass sets", "[fit]") {
  int blocks = 0, same = 0;
  for (auto [article, justified] : std::initializer_list<std::pair<const char*, bool>>{
           {"content/rcc-bone-metastasis.md", false}, {"tests/data/blood-pressure-article.md", false},
           {"tests/data/medication-tables.md", false}, {"tests/data/every-block.md", false},
           {"tests/data/language-ar.md", false}, {"tests/data/language-vi.md", false},
           {"content/rcc-bone-metastasis.md", true}, {"tests/data/blood-pressure-article.md", true}}) {
    SummaryCase summary(article, std::nullopt, justified);
    TextModel model;
    const Typesetter& typesetter = *summary.typesetter;
    typesetter.predicted_trial(summary.spec.fit.max_size, -1, model);  // measures every text
    REQUIRE(model.texts() > 0);
    for (double size : {9.7, 9.0, 8.1, 7.3}) {
      Typesetter::Trial real = typesetter.trial(size);
      Typesetter::Trial predicted = typesetter.predicted_trial(size, -1, model);
      REQUIRE(real.flow.size() == predicted.flow.size());
      for (std::size_t b = 0; b < real.flow.size(); ++b) {
        ++blocks;
        double real_height = 0, predicted_height = 0;
        for (const FlowLine& line : real.flow[b].lines) real_height += line.height;
        for (const FlowLine& line : predicted.flow[b].lines) predicted_height += line.height;
        if (real.flow[b].lines.size() == predicted.flow[b].lines.size() &&
            std::abs(real_height - predicted_height) < 0.05)  // Pango rounds each size
          ++same;
        else
          UNSCOPED_INFO(article << (justified ? " (justified)" : "") << " at " << size << " pt, the block at line " << real.flow[b].place.line << ": "
                                << real.flow[b].lines.size() << " lines, " << real_height << " pt; predicted "
                                << predicted.flow[b].lines.size() << " lines, " << predicted_height << " pt");
      }
    }
  }
  // A prediction may miss where a line's width is within Pango's rounding of the column's.
  CHECK(same >= blocks * 99 / 100);
  WARN(same << " of " << blocks << " blocks predicted exactly");
}
