#include <catch2/catch.hpp>

#include "layout/layout_loader.h"
#include "typeset/fit_search.h"
#include "typeset/font_set.h"
#include "typeset/test_fixtures.h"

using namespace handout;
using namespace handout::testing;

namespace {

LayoutSpec two_column_one_page() {
  return parse_layout(
      "[page]\ncolumns = 2\n[body]\nsize = 10\n[fit]\npages = 1\nmin_size = 6\nmax_size = 12\n", "fit.toml");
}

}  // namespace

TEST_CASE("the fit search finds the largest body size at which everything fits") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = two_column_one_page();
  Document document = sample_document(24);
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  FitOutcome outcome = find_fitting_size(typesetter, spec.fit, document.path);
  CHECK(outcome.body_size > spec.fit.min_size);
  CHECK(outcome.body_size < spec.fit.max_size);
  CHECK(outcome.passes <= 10);
  // The chosen size fits; one a little larger does not.
  CHECK(typesetter.trial(outcome.body_size, 2).pagination.overflow == 0);
  CHECK(typesetter.trial(outcome.body_size + 0.1, 2).pagination.overflow > 0);
  CHECK(typesetter.typeset(outcome.body_size).pages.size() == 1);
}

TEST_CASE("a short document is set at the largest size the layout allows") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = two_column_one_page();
  Document document = sample_document(2);
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  FitOutcome outcome = find_fitting_size(typesetter, spec.fit, document.path);
  CHECK(outcome.body_size == Approx(spec.fit.max_size));
  CHECK(outcome.passes == 1);
}

TEST_CASE("content that cannot fit at the smallest size fails and says by how much") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = two_column_one_page();
  Document document = sample_document(120);
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  try {
    find_fitting_size(typesetter, spec.fit, document.path);
    FAIL("expected an overflow error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().place.path == "fit.toml");
    CHECK(error.diagnostic().place.line == 5);
    CHECK(error.diagnostic().message.find("overflows by") != std::string::npos);
    CHECK(error.diagnostic().message.find("6 pt") != std::string::npos);
  }
}
