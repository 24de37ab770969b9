#include <catch2/catch.hpp>

#include <numeric>

#include "layout/layout_loader.h"
#include "typeset/font_set.h"
#include "typeset/keep_together.h"
#include "typeset/paginator.h"
#include "typeset/table_layout.h"
#include "typeset/test_fixtures.h"
#include "typeset/typesetter.h"

using namespace handout;
using namespace handout::testing;

namespace {

double total(const std::vector<double>& widths) { return std::accumulate(widths.begin(), widths.end(), 0.0); }

// The text of `text` inside each keep-together range.
std::vector<std::string> kept(const std::string& text) {
  std::vector<std::string> parts;
  for (const auto& [start, end] : keep_together_ranges(text)) parts.push_back(text.substr(start, end - start));
  return parts;
}

}  // namespace

TEST_CASE("columns that fit at their widest get it, and the spare room in proportion") {
  std::vector<double> widths = share_table_width({{10, 40}, {20, 60}}, 200);
  REQUIRE(widths.size() == 2);
  CHECK(widths[0] == Approx(40 + 100 * 40.0 / 100));
  CHECK(widths[1] == Approx(60 + 100 * 60.0 / 100));
  CHECK(total(widths) == Approx(200));
}

TEST_CASE("between narrowest and widest, a column gets room in proportion to how much it would grow") {
  // Two short columns that barely grow beside one long cell: the long one takes nearly all.
  std::vector<ColumnNeed> needs{{30, 35}, {30, 32}, {50, 600}};
  std::vector<double> widths = share_table_width(needs, 300);
  CHECK(total(widths) == Approx(300));
  const double room = 300 - 110, growth = 5 + 2 + 550;
  CHECK(widths[0] == Approx(30 + room * 5 / growth));
  CHECK(widths[1] == Approx(30 + room * 2 / growth));
  CHECK(widths[2] == Approx(50 + room * 550 / growth));
  for (std::size_t i = 0; i < needs.size(); ++i) CHECK(widths[i] >= needs[i].min);
  CHECK(fits(needs, 300));
}

TEST_CASE("columns too wide even at their narrowest keep their narrowest widths, and do not fit") {
  std::vector<ColumnNeed> needs{{100, 150}, {120, 200}};
  std::vector<double> widths = share_table_width(needs, 180);
  CHECK(widths == std::vector<double>{100, 120});
  CHECK_FALSE(fits(needs, 180));
  CHECK(fits(needs, 220));
}

TEST_CASE("empty columns share the width equally") {
  CHECK(share_table_width({{0, 0}, {0, 0}}, 100) == std::vector<double>{50, 50});
  CHECK(share_table_width({}, 100).empty());
}

TEST_CASE("numbers, with or without their unit, read as numeric; words do not") {
  for (const char* text : {"12", "-3.5", "1,200", "5\u201310 mg", "40%", "$12", "1\u00A0g", "10mg", "70 mg/dL", "3\u00D7"})
    CHECK(is_numeric_text(text));
  for (const char* text : {"", "Day 3", "Every 4 hours a day", "Once a day", "mg", "12 angry men", "v2"}) {
    INFO(text);
    CHECK_FALSE(is_numeric_text(text));
  }
}

TEST_CASE("compounds, ranges, slashed units and a number with its unit are kept together") {
  CHECK(kept("a 50-gram snack") == std::vector<std::string>{"-g"});
  CHECK(kept("follow-up") == std::vector<std::string>{"-u"});
  CHECK(kept("5\u201310 days") == std::vector<std::string>{"\u20131"});
  CHECK(kept("under 70 mg/dL now") == std::vector<std::string>{"0 m", "/d"});
  CHECK(kept("Day 10") == std::vector<std::string>{"y 1"});
  CHECK(kept("take 2 tablets").empty());      // "tablets" is no unit, "take" no label
  CHECK(kept("see https://a.org/b/c").empty());  // an address may break after its slashes
  CHECK(kept("a - b").empty());                  // a spaced dash is punctuation
}

TEST_CASE("a table's header lines are set again at the top of each frame it continues into") {
  BlockMetrics table;
  table.line_heights = std::vector<double>(10, 20);
  table.repeat_lines = 1;
  PaginationOptions options{[](int) { return 100.0; }, -1};
  Pagination result = paginate({table}, options);
  // 5 rows in the first frame; then a 20 pt header and 4 rows a frame.
  REQUIRE(result.repeats.size() == 2);
  CHECK(result.repeats[0].frame == 1);
  CHECK(result.repeats[0].y == 0);
  CHECK(result.lines[0][5].frame == 1);
  CHECK(result.lines[0][5].y == Approx(20));
  CHECK(result.lines[0][9].frame == 2);
  CHECK(result.frames_used == 3);
  // Without repeated lines the same rows take two frames.
  table.repeat_lines = 0;
  CHECK(paginate({table}, options).repeats.empty());
  CHECK(paginate({table}, options).frames_used == 2);
}

TEST_CASE("a long cell beside near-empty columns gets the width, and no column is one word a line") {
  FontSet fonts(fonts_dir());
  LayoutSpec spec = parse_layout("[page]\ncolumns = 2\n[body]\nsize = 9\n", "layouts/two.toml");
  Document document = sample_document(1);
  Block table;
  table.kind = BlockKind::table;
  auto cell = [](const std::string& text) { return TableCell{{TextRun{text, style_plain, {}}}}; };
  table.rows = {{cell("Drug"), cell("Dose"), cell("What to watch for")},
                {cell("Metformin"), cell("500 mg"),
                 cell("Stomach upset and loose stools at first; stop and call us if you feel very weak, breathless or "
                      "sleepy, which can be a sign of lactic acidosis, a rare but serious side effect.")}};
  document.blocks.push_back(table);
  Warnings warnings;
  Typesetter typesetter(fonts, spec, document, warnings);
  Typesetter::Trial trial = typesetter.trial(spec.body.size);
  const FlowBlock& flow = trial.flow.back();
  REQUIRE(flow.lines.size() == 2);
  CHECK(flow.repeat_lines == 1);
  // The x of each cell's first text line: the columns' left edges.
  std::vector<double> starts;
  int texts = 0;
  for (const FlowItem& item : flow.lines[1].items)
    if (const auto* line = std::get_if<TextLineItem>(&item)) {
      ++texts;
      if (starts.empty() || line->x > starts.back() + 1) starts.push_back(line->x);
    }
  REQUIRE(starts.size() == 3);
  const double column = typesetter.frame(0).width;
  double last_width = column - (starts[2] - starts[0]);
  // With equal widths the long cell would have a third of the column; it gets more than half,
  // and the short cells stay on one line each (one text line for "Metformin", one for "500 mg").
  CHECK(last_width > column / 2);
  int long_cell_lines = texts - 2;
  CHECK(long_cell_lines <= 6);
  for (const Diagnostic& warning : warnings.items()) CHECK(warning.message.find("broken") == std::string::npos);
}

TEST_CASE("the table keys of a layout are read and checked") {
  LayoutSpec spec = parse_layout("[table]\nmin_size = 7.5\nnumbers = \"right\"\n", "layouts/t.toml");
  CHECK(spec.table.min_size == 7.5);
  CHECK(spec.table.numbers_right);
  CHECK_FALSE(parse_layout("", "layouts/t.toml").table.numbers_right);
  try {
    parse_layout("[table]\nnumbers = \"centre\"\n", "layouts/t.toml");
    FAIL("expected an error");
  } catch (const HandoutError& error) {
    CHECK(error.diagnostic().to_string().rfind("layouts/t.toml:2:11: error: 'table.numbers' is \"centre\"", 0) == 0);
  }
}
