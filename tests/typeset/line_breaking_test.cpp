// Line breaking in narrow columns: words break only between words, at the hyphenation points
// of their language when a layout asks for hyphenation, and URLs only after a slash; no hyphen
// is ever inserted elsewhere.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "typeset/font_set.h"
#include "typeset/hyphenation.h"
#include "typeset/test_fixtures.h"
#include "typeset/text_layout.h"

using namespace handout;
using namespace handout::testing;

namespace {

constexpr double inch = 72;

TextSpec spec_of(double width) {
  TextSpec spec;
  spec.font = {"Atkinson Hyperlegible", 12, false, false};
  spec.code_family = "Noto Sans Mono";
  spec.language = "en";
  spec.width = width;
  return spec;
}

std::string without_soft_hyphens(std::string text) {
  for (std::size_t at; (at = text.find(soft_hyphen)) != std::string::npos;) text.erase(at, soft_hyphen.size());
  return text;
}

struct Line {
  std::string text;  // as written (soft hyphens removed)
  bool hyphen_shown;
};

// Each line's text, and whether Pango drew a hyphen at its end: the line is then wider than
// its own characters set alone.
std::vector<Line> lines_of(const FontSet& fonts, const SetText& set, const TextSpec& spec,
                           unsigned styles = style_plain) {
  std::vector<Line> lines;
  const char* text = pango_layout_get_text(set.layout.get());
  for (std::size_t i = 0; i < set.lines.size(); ++i) {
    PangoLayoutLine* line = pango_layout_get_line_readonly(set.layout.get(), static_cast<int>(i));
    std::string written = without_soft_hyphens(std::string(text + line->start_index, static_cast<std::size_t>(line->length)));
    TextSpec alone = spec;
    alone.width = -1;
    alone.hyphenator = nullptr;
    double plain = set_text(fonts, InlineText{TextRun{written, styles, {}}}, alone).natural_width();
    lines.push_back({written, set.lines[i].width > plain + 0.25 * spec.font.size});
  }
  return lines;
}

std::string trimmed(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string joined(const std::vector<Line>& lines) {
  std::string all;
  for (const Line& line : lines) all += line.text;
  return all;
}

}  // namespace

TEST_CASE("a one-inch column breaks between words only, with no hyphen") {
  FontSet fonts(fonts_dir());
  const std::string text = "Duration of blood tests for kidney cancer";
  const std::vector<std::string> words = {"Duration", "of", "blood", "tests", "for", "kidney", "cancer"};
  // At 12 pt every word fits; at large-print 20 pt "Duration" is wider than the inch but within
  // the room beside it, where it once was broken as "Duratio-n".
  for (double size : {12.0, 20.0}) {
    INFO(size);
    TextSpec spec = spec_of(inch);
    spec.font.size = size;
    spec.overflow = 9;
    TextSpec alone = spec;
    alone.width = -1;
    double duration = set_text(fonts, InlineText{TextRun{"Duration", style_plain, {}}}, alone).natural_width();
    INFO("Duration: " << duration << " pt");
    if (size > 12) REQUIRE((duration > inch && duration < inch + spec.overflow));
    SetText set = set_text(fonts, InlineText{TextRun{text, style_plain, {}}}, spec);
    std::vector<Line> lines = lines_of(fonts, set, spec);
    REQUIRE(lines.size() > 2);
    CHECK(joined(lines) == text);
    for (const Line& line : lines) {
      INFO(line.text);
      CHECK_FALSE(line.hyphen_shown);
      // A line ends at a word's end: its last word is whole.
      std::string last = trimmed(line.text);
      last = last.substr(last.rfind(' ') == std::string::npos ? 0 : last.rfind(' ') + 1);
      CHECK(std::find(words.begin(), words.end(), last) != words.end());
    }
    CHECK(trimmed(lines.front().text).rfind("Duration", 0) == 0);
    if (size > 12) {
      REQUIRE(set.long_words.size() == 1);
      CHECK(set.long_words[0].word == "Duration");
      CHECK_FALSE(set.long_words[0].broken);
    } else {
      CHECK(set.long_words.empty());
    }
  }
}

TEST_CASE("a URL in a narrow column breaks after a slash, never with a hyphen") {
  FontSet fonts(fonts_dir());
  InlineText text{TextRun{"See ", style_plain, {}},
                  TextRun{"cancer.gov/types/kidney", style_link, "https://www.cancer.gov/types/kidney"},
                  TextRun{" for more.", style_plain, {}}};
  for (bool hyphenate : {false, true}) {
    // "cancer.gov/" is wider than this column, within the room beside it.
    TextSpec spec = spec_of(60);
    spec.overflow = 9;
    if (hyphenate) spec.hyphenator = Hyphenator::for_language("en");
    double first_part = set_text(fonts, InlineText{TextRun{"cancer.gov/", style_link, "x"}}, spec_of(-1))
                            .natural_width();
    REQUIRE((first_part > spec.width && first_part < spec.width + spec.overflow));
    SetText set = set_text(fonts, text, spec);
    std::vector<Line> lines = lines_of(fonts, set, spec);
    CHECK(joined(lines) == "See cancer.gov/types/kidney for more.");
    bool broke_after_slash = false;
    for (const Line& line : lines) {
      INFO(line.text);
      CHECK_FALSE(line.hyphen_shown);
      std::string end = trimmed(line.text);
      broke_after_slash = broke_after_slash || end.back() == '/';
      // Inside the address, only after a slash.
      if (end.find("cancer") != std::string::npos && end.find("kidney") == std::string::npos)
        CHECK(end.back() == '/');
    }
    CHECK(broke_after_slash);
    // The link's area still covers every part of the address.
    double link_width = 0;
    for (const LineBox& box : set.lines)
      for (const LineLink& link : box.links) link_width += link.area.width;
    double address_width = set_text(fonts, InlineText{TextRun{"cancer.gov/types/kidney", style_link, "x"}},
                                    spec_of(-1))
                               .natural_width();
    CHECK(link_width == Approx(address_width).margin(0.5));
  }
}

TEST_CASE("a word wider than the column runs into the room beside it, and only past that is broken, unhyphenated") {
  FontSet fonts(fonts_dir());
  const std::string text = "Duration of blood tests";
  TextSpec spec = spec_of(36);  // half an inch: "Duration" is wider
  spec.overflow = 30;
  SetText set = set_text(fonts, InlineText{TextRun{text, style_plain, {}}}, spec);
  std::vector<Line> lines = lines_of(fonts, set, spec);
  CHECK(trimmed(lines.front().text) == "Duration");
  REQUIRE(set.long_words.size() == 1);
  CHECK(set.long_words[0].word == "Duration");
  CHECK_FALSE(set.long_words[0].broken);

  spec.overflow = 0;  // no room beside the column: the last resort
  set = set_text(fonts, InlineText{TextRun{text, style_plain, {}}}, spec);
  lines = lines_of(fonts, set, spec);
  CHECK(joined(lines) == text);
  for (const Line& line : lines) {
    INFO(line.text);
    CHECK_FALSE(line.hyphen_shown);
  }
  REQUIRE_FALSE(set.long_words.empty());
  CHECK(set.long_words[0].word == "Duration");
  CHECK(set.long_words[0].broken);
}

TEST_CASE("with hyphenation, a word breaks only at a point of its language's patterns, and shows a hyphen there") {
  FontSet fonts(fonts_dir());
  auto english = Hyphenator::for_language("en");
  REQUIRE(english);
  // The points the patterns give, as the prefixes a line may end with.
  std::string marked = english->mark("Duration");
  REQUIRE(marked != "Duration");
  std::vector<std::string> prefixes;
  for (std::size_t at = marked.find(soft_hyphen); at != std::string::npos; at = marked.find(soft_hyphen, at + 1))
    prefixes.push_back(without_soft_hyphens(marked.substr(0, at)));
  TextSpec spec = spec_of(36);
  spec.hyphenator = english;
  SetText set = set_text(fonts, InlineText{TextRun{"Duration", style_plain, {}}}, spec);
  std::vector<Line> lines = lines_of(fonts, set, spec);
  REQUIRE(lines.size() >= 2);
  CHECK(joined(lines) == "Duration");
  CHECK(std::find(prefixes.begin(), prefixes.end(), lines.front().text) != prefixes.end());
  CHECK(lines.front().hyphen_shown);
  CHECK_FALSE(lines.back().hyphen_shown);
  CHECK(set.long_words.empty());
}

TEST_CASE("hyphenation points are marked in prose words only") {
  auto english = Hyphenator::for_language("en");
  REQUIRE(english);
  CHECK(english->mark("information") != "information");
  CHECK(without_soft_hyphens(english->mark("Blood tests, information and recovery.")) ==
        "Blood tests, information and recovery.");
  for (const char* whole : {"cancer.gov/types/kidney", "https://example.org/information", "name@example.org",
                            "NSAIDS", "COVID-19", "blood", "report.pdf", "mg/dL"})
    CHECK(english->mark(whole) == whole);
  auto spanish = Hyphenator::for_language("es-MX");
  REQUIRE(spanish);
  CHECK(without_soft_hyphens(spanish->mark("información")) == "información");
  CHECK(spanish->mark("información") != "información");
  // The other languages whose patterns scripts/install-deps.sh installs.
  for (const auto& [language, word] : std::vector<std::pair<const char*, std::string>>{
           {"fr", "l\u2019information"}, {"de", "Krankenhausaufenthalt"}, {"pt-BR", "informação"}, {"pt-PT", "recuperação"}}) {
    INFO(language);
    auto hyphenator = Hyphenator::for_language(language);
    REQUIRE(hyphenator);
    CHECK(hyphenator->mark(word) != word);
    CHECK(without_soft_hyphens(hyphenator->mark(word)) == word);
  }
  CHECK_FALSE(Hyphenator::for_language("xx"));
}

TEST_CASE("code is never hyphenated, and a narrow code block breaks without an inserted hyphen") {
  FontSet fonts(fonts_dir());
  TextSpec spec = spec_of(inch);
  spec.hyphenator = Hyphenator::for_language("en");
  InlineText code{TextRun{"configuration_information", style_code, {}}};
  SetText set = set_text(fonts, code, spec);
  const std::string laid_out = pango_layout_get_text(set.layout.get());
  CHECK(laid_out == "configuration_information");  // no soft hyphen inside
  std::vector<Line> code_lines = lines_of(fonts, set, spec, style_code);
  CHECK(code_lines.size() > 1);  // wider than the column: broken, as the last resort
  for (const Line& line : code_lines) {
    INFO(line.text);
    CHECK_FALSE(line.hyphen_shown);
  }

  TextSpec block = spec_of(inch);
  block.preformatted = true;
  block.font.family = "Noto Sans Mono";
  set = set_text(fonts, InlineText{TextRun{"int main_function_name(void)", style_plain, {}}}, block);
  std::vector<Line> lines = lines_of(fonts, set, block);
  REQUIRE(lines.size() > 1);
  CHECK(joined(lines) == "int main_function_name(void)");
  for (const Line& line : lines) {
    INFO(line.text);
    CHECK_FALSE(line.hyphen_shown);
  }
}

TEST_CASE("a number and its hyphenated word, and a unit with a slash, stay on one line") {
  FontSet fonts(fonts_dir());
  for (double width = 40; width <= 160; width += 4) {
    TextSpec spec = spec_of(width);
    SetText set = set_text(fonts,
                           InlineText{TextRun{"Take a 50-gram dose when glucose is 5 mg/dL or more", style_plain, {}}}, spec);
    for (const Line& line : lines_of(fonts, set, spec)) {
      INFO(width << ": " << line.text);
      std::string end = trimmed(line.text);
      CHECK(end.substr(end.size() >= 3 ? end.size() - 3 : 0) != "50-");
      CHECK(end.substr(end.size() >= 3 ? end.size() - 3 : 0) != "mg/");
    }
  }
}
