#include <catch2/catch.hpp>
#include <tuple>

#include "layout/layout_loader.h"
#include "layout/locale_strings.h"
#include "layout/output_profile.h"
#include "support/layout_errors.h"

using namespace handout;
using handout::testing::layout_error_of;

TEST_CASE("the bundled layouts load") {
  LayoutSpec handout = load_layout(HANDOUT_SOURCE_DIR "/layouts/patient-handout.toml");
  CHECK(handout.name == "patient-handout");
  CHECK(handout.page.columns == 1);
  CHECK(handout.body.size >= 12);
  CHECK(handout.headings[1].size > handout.body.size);
  CHECK_FALSE(handout.fit.enabled);
  CHECK(handout.footer.right.find("{text.page_of_pages}") != std::string::npos);

  LayoutSpec summary = load_layout(HANDOUT_SOURCE_DIR "/layouts/clinician-summary.toml");
  CHECK(summary.page.columns == 2);
  CHECK(summary.fit.enabled);
  CHECK(summary.fit.pages == 1);
  CHECK(summary.fit.min_size == Approx(6.5));
  CHECK(summary.fit.max_size == Approx(10));
  CHECK(summary.title_band.enabled);
  CHECK(summary.select.drop_title);
}

TEST_CASE("page size and lengths are read in their units") {
  LayoutSpec spec = parse_layout("[page]\nsize = \"Letter\"\nmargin_left = \"1in\"\nmargin_top = \"10mm\"\n", "x.toml");
  CHECK(spec.page.width == Approx(612));
  CHECK(spec.page.height == Approx(792));
  CHECK(spec.page.margin_left == Approx(72));
  CHECK(spec.page.margin_top == Approx(28.3465).epsilon(0.001));
}

TEST_CASE("an unknown key is an error at its place, naming it") {
  Diagnostic error = layout_error_of("[page]\nsize = \"A4\"\n\n[body]\nsize = 12\n    colour_ = \"#000000\"\n");
  CHECK(error.place.path == "layouts/x.toml");
  CHECK(error.place.line == 6);
  CHECK(error.place.column == 5);
  CHECK(error.message.find("unknown key 'body.colour_'") != std::string::npos);
  CHECK(error.to_string().rfind("layouts/x.toml:6:5: error: unknown key 'body.colour_'", 0) == 0);
  CHECK(layout_error_of("pages = 2\n").message.find("unknown key 'pages'") != std::string::npos);
}

TEST_CASE("a wrong type is an error naming the key") {
  Diagnostic error = layout_error_of("[page]\ncolumns = \"two\"\n");
  CHECK(error.place.line == 2);
  CHECK(error.place.column == 11);
  CHECK(error.message == "'page.columns' must be a whole number");
  CHECK(layout_error_of("page = 3\n").message == "'page' must be a table");
}

TEST_CASE("a bad value is an error naming the key") {
  CHECK(layout_error_of("[page]\nsize = \"A5\"\n").message.find("'page.size' is \"A5\"") != std::string::npos);
  CHECK(layout_error_of("[body]\nsize = 200\n").message.find("'body.size' is 200, outside 4 to 96") != std::string::npos);
  CHECK(layout_error_of("[h1]\ncolour = \"navy\"\n").message.find("'h1.colour' must be a colour") != std::string::npos);
  CHECK(layout_error_of("[page]\nmargin_top = \"2 furlongs\"\n").message.find("'page.margin_top' must be a length") !=
        std::string::npos);
  Diagnostic placeholder = layout_error_of("[footer]\nright = \"Page {page} of {total}\"\n");
  CHECK(placeholder.place.line == 2);
  CHECK(placeholder.message.find("unknown placeholder '{total}'") != std::string::npos);
  CHECK(layout_error_of("[select]\nblocks = [\"paragraph\", \"poem\"]\n").message.find("unknown kind \"poem\"") !=
        std::string::npos);
  CHECK(layout_error_of("[fit]\nmin_size = 9\nmax_size = 8\n").message.find("larger than") != std::string::npos);
}

TEST_CASE("every output profile is named in a layout by its command-line name") {
  for (OutputProfile profile : {OutputProfile::print, OutputProfile::email, OutputProfile::archive,
                                OutputProfile::archive_accessible, OutputProfile::preview}) {
    std::string name(profile_name(profile));
    INFO(name);
    CHECK(profile_from_name(name) == profile);
    CHECK(parse_layout("[output]\nprofile = \"" + name + "\"\n", "x.toml").output.profile == profile);
    CHECK(std::string(profile_names).find(name) != std::string::npos);
  }
  CHECK(layout_error_of("[output]\nprofile = \"archive_accessible\"\n").message.find(
            "expected print, email, archive, archive-accessible or preview") != std::string::npos);
}

TEST_CASE("a TOML syntax error keeps toml++'s line and column") {
  Diagnostic error = layout_error_of("[page]\nsize = \"A4\"\ncolumns = \n");
  CHECK(error.place.line == 3);
  CHECK(error.place.column > 1);
}

TEST_CASE("margins that leave no room for text are refused") {
  CHECK(layout_error_of("[page]\nmargin_left = \"100mm\"\nmargin_right = \"100mm\"\n").message.find("too little room") !=
        std::string::npos);
}

TEST_CASE("heading levels 4 to 6 have styles of their own, derived from level 3 and the body") {
  LayoutSpec spec = parse_layout("[body]\nsize = 12\n[h3]\nsize = 16\ncolour = \"#143d59\"\n[h6]\nsize = 11\n",
                                 "layouts/x.toml");
  // h4 bold, h5 bold italic, h6 italic, all at the body's size: unlike level 3 and each other.
  CHECK(spec.headings[3].size == Approx(12));
  CHECK(spec.headings[3].bold);
  CHECK_FALSE(spec.headings[3].italic);
  CHECK(spec.headings[4].size == Approx(12));
  CHECK(spec.headings[4].bold);
  CHECK(spec.headings[4].italic);
  CHECK(spec.headings[5].size == Approx(11));  // the layout's own value wins
  CHECK_FALSE(spec.headings[5].bold);
  CHECK(spec.headings[5].italic);
  CHECK(spec.headings[3].colour == spec.headings[2].colour);
  auto looks = [](const TextStyle& style) { return std::tuple(style.size, style.bold, style.italic); };
  for (int a = 2; a < 6; ++a)
    for (int b = a + 1; b < 6; ++b) CHECK(looks(spec.headings[a]) != looks(spec.headings[b]));
  CHECK(layout_error_of("[h5]\nshade = 1\n").to_string().rfind("layouts/x.toml:2:1: error: unknown key 'h5.shade'", 0) == 0);
}

TEST_CASE("a layout's [readability] target is read strictly") {
  LayoutSpec handout = load_layout(HANDOUT_SOURCE_DIR "/layouts/patient-handout.toml");
  REQUIRE(handout.readability.max_grade);
  CHECK(*handout.readability.max_grade == 8);
  CHECK(handout.readability.warn_sentence_words == 20);
  CHECK(handout.readability.warn_paragraph_grade == 8);  // defaults to max_grade
  CHECK_FALSE(handout.readability.max_grade_error);
  CHECK(handout.readability.max_grade_place.line > 0);
  LayoutSpec summary = load_layout(HANDOUT_SOURCE_DIR "/layouts/clinician-summary.toml");
  CHECK_FALSE(summary.readability.max_grade);
  CHECK(summary.footer.right.find("{text.source_readability}") != std::string::npos);
  CHECK(english_strings().at("source_readability").find("{readability}") != std::string::npos);

  LayoutSpec set = parse_layout("[readability]\nmax_grade = 6\nmax_grade_error = 9.5\nwarn_paragraph_grade = 7\n",
                                "layouts/x.toml");
  CHECK(*set.readability.max_grade_error == 9.5);
  CHECK(*set.readability.warn_paragraph_grade == 7);
  CHECK(set.readability.max_grade_error_place.line == 3);

  Diagnostic unknown = layout_error_of("[readability]\nmax_grade = 8\nmax_sentence = 20\n");
  CHECK(unknown.place.line == 3);
  CHECK(unknown.message.find("unknown key 'readability.max_sentence'") != std::string::npos);
  CHECK(layout_error_of("[readability]\nmax_grade = \"8\"\n").message.find("'readability.max_grade'") != std::string::npos);
  CHECK(layout_error_of("[readability]\nmax_grade = 31\n").message.find("outside 0 to 30") != std::string::npos);
  CHECK(layout_error_of("[readability]\nmax_grade = nan\n").place.line == 2);
  CHECK(layout_error_of("[readability]\nwarn_sentence_words = 12.5\n").message.find("must be a whole number") !=
        std::string::npos);
  Diagnostic order = layout_error_of("[readability]\nmax_grade = 10\nmax_grade_error = 8\n");
  CHECK(order.place.line == 2);
  CHECK(order.message.find("above 'readability.max_grade_error'") != std::string::npos);
  CHECK(layout_error_of("readability = 8\n").message == "'readability' must be a table");
}

TEST_CASE("list bullets are given per depth, checked, and the older single bullet sets the outermost") {
  LayoutSpec defaults = parse_layout("", "layouts/x.toml");
  CHECK(defaults.bullets == std::vector<std::string>{"\u2022", "\u25E6", "\u25AA"});
  CHECK(parse_layout("[list]\nbullets = [\"-\", \"+\"]\n", "layouts/x.toml").bullets == std::vector<std::string>{"-", "+"});
  CHECK(parse_layout("[list]\nbullet = \"*\"\n", "layouts/x.toml").bullets ==
        std::vector<std::string>{"*", "\u25E6", "\u25AA"});
  CHECK(layout_error_of("[list]\nbullets = []\n").message.find("'list.bullets' has 0 entries") != std::string::npos);
  CHECK(layout_error_of("[list]\nbullets = [\"-\", \"  \"]\n").message.find("not blank") != std::string::npos);
  CHECK(layout_error_of("[list]\nbullets = [\"long\"]\n").message.find("1 to 3 characters") != std::string::npos);
  CHECK(layout_error_of("[list]\nbullets = [1]\n").to_string().find("layouts/x.toml:2:") != std::string::npos);
  CHECK(layout_error_of("[list]\nbullet = \"-\"\nbullets = [\"+\"]\n").message.find("both given") != std::string::npos);
}

TEST_CASE("hyphenation is off unless the body asks for it, with a boolean") {
  CHECK_FALSE(parse_layout("", "layouts/x.toml").hyphenate);
  CHECK(parse_layout("[body]\nhyphenate = true\n", "layouts/x.toml").hyphenate);
  CHECK(layout_error_of("[body]\nhyphenate = \"yes\"\n").to_string().find("layouts/x.toml:2:") != std::string::npos);
}
