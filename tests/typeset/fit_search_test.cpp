#include <catch2/catch.hpp>

#include "layout/layout_loader.h"
#include "typeset/fit_search.h"
#include "typeset/font_set.h"
#include "typeset/test_fixtures.h"

using namespace handout;
using namespace handout::testing;

namespace {

// A two-column, one-page layout fitted between 6 and 12 pt, set with `paragraphs` paragraphs.
struct FitCase {
  explicit FitCase(int paragraphs) : document(sample_document(paragraphs)) {}
  FontSet fonts{fonts_dir()};
  LayoutSpec spec = parse_layout(
      "[page]\ncolumns = 2\n[body]\nsize = 10\n[fit]\npages = 1\nmin_size = 6\nmax_size = 12\n", "fit.toml");
  Document document;
  Warnings warnings;
  Typesetter typesetter{fonts, spec, document, warnings};
};

}  // namespace

TEST_CASE("the fit search finds the largest body size at which everything fits") {
  FitCase fit(24);
  const LayoutSpec& spec = fit.spec;
  const Typesetter& typesetter = fit.typesetter;
  FitOutcome outcome = find_fitting_size(typesetter, spec.fit, fit.document.path);
  CHECK(outcome.body_size > spec.fit.min_size);
  CHECK(outcome.body_size < spec.fit.max_size);
  CHECK(outcome.passes <= 10);
  // The chosen size fits; one a little larger does not.
  CHECK(typesetter.trial(outcome.body_size, 2).pagination.overflow == 0);
  CHECK(typesetter.trial(outcome.body_size + 0.1, 2).pagination.overflow > 0);
  CHECK(typesetter.typeset(outcome.body_size).pages.size() == 1);
  // The search hands over its pass at the chosen size, so it need not be set again.
  CHECK(outcome.fitting.body_size == outcome.body_size);
  CHECK(outcome.fitting.pagination.overflow == 0);
  CHECK(typesetter.typeset(std::move(outcome.fitting)).pages.size() == 1);
}

TEST_CASE("a short document is set at the largest size the layout allows") {
  FitCase fit(2);
  FitOutcome outcome = find_fitting_size(fit.typesetter, fit.spec.fit, fit.document.path);
  CHECK(outcome.body_size == Approx(fit.spec.fit.max_size));
  CHECK(outcome.passes == 1);
}

TEST_CASE("content that cannot fit at the smallest size fails and says by how much") {
  FitCase fit(120);
  try {
    find_fitting_size(fit.typesetter, fit.spec.fit, fit.document.path);
    FAIL("expected an overflow error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().place.path == "fit.toml");
    CHECK(error.diagnostic().place.line == 5);
    CHECK(error.diagnostic().message.find("overflows by") != std::string::npos);
    CHECK(error.diagnostic().message.find("6 pt") != std::string::npos);
  }
}
