#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <utility>

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

TEST_CASE("content that cannot fit at the smallest size fails at the article and says by how much, and where") {
  FitCase fit(120);
  try {
    find_fitting_size(fit.typesetter, fit.spec.fit, fit.document.path, {"sample.md", 12, 1});
    FAIL("expected an overflow error");
  } catch (const FitError& error) {
    CHECK(error.diagnostic().place.path == "sample.md");
    CHECK(error.diagnostic().place.line == 12);
    CHECK(error.diagnostic().message.find("overflows by") != std::string::npos);
    CHECK(error.diagnostic().message.find("6 pt") != std::string::npos);
    // Its 30 sections and the title before them, largest first, together more than the page.
    const std::vector<SectionRoom>& sections = error.sections();
    REQUIRE(sections.size() == 31);
    double shares = 0;
    for (std::size_t i = 0; i < sections.size(); ++i) {
      shares += sections[i].share;
      if (i > 0) CHECK(sections[i - 1].height >= sections[i].height);
    }
    CHECK(shares > 1);
    CHECK(error.diagnostic().message.find("\n  Section 1 (line ") != std::string::npos);
    CHECK(error.diagnostic().message.find("\n  (before the first section heading) (line ") != std::string::npos);
  }
}

TEST_CASE("the sections of a pass are listed by the room they take, largest first") {
  FontSet fonts{fonts_dir()};
  LayoutSpec spec = parse_layout("[page]\ncolumns = 2\n", "l.toml");
  Document document = sample_document(2);
  Block short_heading = heading(2, "Short");
  short_heading.place = {"sample.md", 20, 1};
  Block long_heading = heading(2, "Long");
  long_heading.place = {"sample.md", 30, 1};
  document.blocks.push_back(short_heading);
  document.blocks.push_back(paragraph("One line."));
  document.blocks.push_back(long_heading);
  for (const Block& block : sample_document(6).blocks)
    if (block.kind == BlockKind::paragraph) document.blocks.push_back(block);
  Warnings warnings;
  Typesetter typesetter{fonts, spec, document, warnings};
  Typesetter::Trial trial = typesetter.trial(10);
  std::vector<SectionRoom> rooms = section_rooms(trial, 1000);
  REQUIRE(rooms.size() == 4);  // the title's part, "Section 1", "Short" and "Long"
  CHECK(rooms[0].heading == "Long");
  CHECK(rooms[0].place.line == 30);
  auto short_room = std::find_if(rooms.begin(), rooms.end(), [](const SectionRoom& room) { return room.heading == "Short"; });
  REQUIRE(short_room != rooms.end());
  CHECK(short_room->lines == 2);  // its heading and its one line
  for (std::size_t i = 1; i < rooms.size(); ++i) CHECK(rooms[i - 1].height >= rooms[i].height);
  double lines_height = 0;
  for (const FlowBlock& block : trial.flow)
    for (const FlowLine& line : block.lines) lines_height += line.height;
  double listed = 0;
  for (const SectionRoom& room : rooms) {
    listed += room.height;
    CHECK(room.share == Approx(room.height / 1000));
  }
  CHECK(listed >= lines_height);  // every line, and the space between blocks
}

TEST_CASE("the fit search refuses sizes that are not finite, however it is called") {
  FitCase fit(24);
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  for (auto [min_size, max_size] : {std::pair{nan, 12.0}, {6.0, nan}, {6.0, inf}, {-inf, 12.0}, {12.0, 6.0}}) {
    FitRule rule = fit.spec.fit;
    rule.min_size = min_size;
    rule.max_size = max_size;
    INFO(min_size << " to " << max_size);
    CHECK_THROWS_AS(find_fitting_size(fit.typesetter, rule, fit.document.path), HandoutError);
  }
}

TEST_CASE("the fit search ends after a bounded number of passes over the widest bounds") {
  FitCase fits(24), overflows(400);
  for (FitCase* fit : {&fits, &overflows}) {
    FitRule rule = fit->spec.fit;
    rule.min_size = 4;  // the widest bounds a layout allows
    rule.max_size = 96;
    if (fit == &overflows) {
      CHECK_THROWS_WITH(find_fitting_size(fit->typesetter, rule, fit->document.path),
                        Catch::Contains("overflows by"));
      continue;
    }
    FitOutcome outcome = find_fitting_size(fit->typesetter, rule, fit->document.path);
    // 1 pass at max_size, at most 6 estimates and min_size itself, then bisection down to 0.1 pt.
    CHECK(outcome.passes <= 1 + 7 + 1 + 10);
    CHECK(fit->typesetter.trial(outcome.body_size + 0.1, 2).pagination.overflow > 0);
  }
}
