#pragma once
// What a layout file asks for: page, type, spacing, running heads, selection and fit rules.
// Lengths are in points; spacing given in em is stored in em of the body size, so that the fit
// search can scale the whole type area with one factor.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/document.h"
#include "layout/output_profile.h"
#include "layout/locale_strings.h"
#include "util/diagnostic.h"
#include "util/link_target.h"

namespace handout {

struct Rgb {
  double red = 0, green = 0, blue = 0;
  bool operator==(const Rgb&) const = default;
};

struct FontChoice {
  std::string family;
  SourcePlace place;  // where the layout names it, for "not in fonts/" errors
};

struct PageSpec {
  std::string size_name = "A4";
  double width = 595.276, height = 841.89;
  double margin_top = 56.7, margin_bottom = 56.7, margin_left = 56.7, margin_right = 56.7;
  int columns = 1;
  double column_gap = 18;
  bool balance_columns = true;  // even out the columns of the last page
};

struct TextStyle {
  double size = 12;          // points at scale 1
  double leading = 1.4;      // line height as a multiple of the size
  double space_before = 0;   // em of the body size
  double space_after = 0;    // em of the body size
  Rgb colour;
  bool bold = false;
  bool italic = false;
};

struct BoxStyle {
  Rgb background{0.95, 0.95, 0.95};
  std::optional<Rgb> border;  // a bar on the left edge
  double border_width = 3;    // points
  double padding = 0.6;       // em of the body size
};

struct RunningText {
  std::string left, centre, right;  // templates
  double size = 9;
  Rgb colour{0.35, 0.35, 0.35};
  bool rule = false;  // a hairline between it and the text area
  std::string image;        // template of a PNG path (a clinic's logo) set at the left end
  double image_height = 0;  // points
  SourcePlace place;        // the table, for errors found when a variant is set
  bool empty() const { return left.empty() && centre.empty() && right.empty() && image.empty(); }
};

struct TitleBand {
  bool enabled = false;
  std::string title = "{title}";
  std::string subtitle;
  double title_size = 14;
  double subtitle_size = 8;
  Rgb background{0.12, 0.31, 0.47};
  Rgb colour{1, 1, 1};
  double padding = 8;  // points
  double space_after = 10;
  SourcePlace place;
};

// The article's key points (a `[!KEY-POINTS]` block quote): a box set first, in its own style.
struct KeyPointsStyle {
  double size = 0;  // points at scale 1; 0: the body's size
  bool bold = false;
  std::string title = "Key points";  // a first line in bold; empty: none
  BoxStyle box;                      // the callout's, unless the table sets its own
};

struct Selection {
  std::vector<std::string> sections;          // keep only level-2 sections whose heading contains one
  std::vector<std::string> exclude_sections;  // drop level-2 sections whose heading contains one
  std::vector<BlockKind> blocks;              // kinds kept (headings and list items follow their kind)
  bool drop_title = false;                    // leave out the article's level-1 heading
  Audience audience = Audience::everyone;     // blocks marked for another audience are left out
};

// How tables are set ([table]); their colours are table_header_background and rule_colour.
struct TableSpec {
  double min_size = 8;         // points: a table too wide for its column is set smaller, down to this
  bool numbers_right = false;  // columns of numbers aligned right unless the Markdown aligns them
};

struct FitRule {
  bool enabled = false;
  int pages = 1;
  double min_size = 6.5;  // body size bounds searched, in points
  double max_size = 10;
  SourcePlace place;
};

struct OutputSpec {
  OutputProfile profile = OutputProfile::print;
  double preview_dpi = 100;
  std::string icc_profile = "/usr/share/color/icc/sRGB.icc";  // archive, archive-accessible: the output intent's profile
  SourcePlace icc_place;
  double max_image_pixels = 50e6;  // an image's decoded pixels: 50 megapixels take 200 MB as RGBA
};

enum class Alignment { left, justify };

// A layout's plain-language target ([readability]); empty keys check nothing.
struct ReadabilityTarget {
  std::optional<double> max_grade;             // the set text's Flesch–Kincaid grade: a warning above it
  std::optional<double> max_grade_error;       // the hard limit: an error above it
  std::optional<int> warn_sentence_words;      // a warning at each longer sentence
  std::optional<double> warn_paragraph_grade;  // a warning at each paragraph above it (default: max_grade)
  SourcePlace max_grade_place, max_grade_error_place;
};

// The "Words to know" box: where it goes, in which order it lists the terms, and how the first
// use of each term in the text is marked.
struct GlossarySpec {
  bool enabled = false;
  enum class Where { end, after_first_section } where = Where::end;
  enum class Order { first_use, alphabetical } order = Order::first_use;
  bool mark_bold = true;
  std::optional<Rgb> mark_colour;  // the first use's colour, when not the text's own
  std::string title = "Words to know";  // unless the layout sets it: the language's words_to_know
  std::string sounds_like = "sounds like \u201c{sounds_like}\u201d";  // the language's sounds_like
  BoxStyle box;  // the callout's, unless the table sets its own
  SourcePlace place;
};

// Who a layout is for, and whether its lints are errors (see layout_lint.h).
struct LintSpec {
  bool patient = false;  // `audience = "patient"`: the patient-material rules apply
  bool strict = false;   // every lint finding is an error
  SourcePlace place;
};

struct LayoutSpec {
  std::string path;
  std::string name;  // file stem, used to name outputs
  std::string description;
  PageSpec page;
  FontChoice body_font, heading_font, code_font;
  TextStyle body;
  TextStyle headings[6];  // levels 1 to 6
  TextStyle caption;
  Alignment align = Alignment::left;
  bool hyphenate = false;  // break words at the hyphenation points of the article's language
  double list_indent = 1.6;     // em of the body size
  double list_item_space = 0.3;  // em
  std::vector<std::string> bullets{"\u2022", "\u25E6", "\u25AA"};  // by list depth, cycling when deeper
  BoxStyle callout;
  KeyPointsStyle key_points;
  BoxStyle figure_note;
  std::string figure_label = "Figure";  // unless the layout sets it: the language's string `figure`
  LayoutStrings strings;                 // [strings]: the layout's own words (see locale_strings.h)
  Rgb link_colour{0.05, 0.33, 0.62};
  std::vector<std::string> link_schemes = default_link_schemes();  // the schemes a link may have
  SourcePlace link_schemes_place;                                  // where the layout lists them
  Rgb rule_colour{0.6, 0.6, 0.6};
  Rgb table_header_background{0.9, 0.9, 0.9};
  TableSpec table;
  RunningText header, footer;
  TitleBand title_band;
  Selection select;
  FitRule fit;
  OutputSpec output;
  ReadabilityTarget readability;
  GlossarySpec glossary;
  LintSpec lint;
  // Where the file sets each key, by dotted name ("body.size"), so checks made after loading
  // (lints) can point at the key.
  std::map<std::string, SourcePlace> key_places;
};

}  // namespace handout
