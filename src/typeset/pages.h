#pragma once
// The page description: every page as positioned items, in plain data. Typesetting decides every
// position, size, glyph and tag; a painter only walks the items and paints them. Coordinates are
// points from the page's top-left corner, y downwards. No Pango, Cairo, fontconfig or libharu
// type appears here, so painters need none of them to read it.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "layout/layout_spec.h"
#include "util/diagnostic.h"

namespace handout {

// One entry of the document's font table: a face in a font file, at a size.
struct FontFace {
  std::string path;  // the font file, as the build opened it
  std::string name;  // the same file relative to the fonts folder: stable, for dumps
  int index = 0;     // the face within the file (collections hold several)
  double size = 0;   // points
  bool synthetic_bold = false;     // emboldened by the font engine: the family has no bold face
  bool synthetic_oblique = false;  // slanted by the font engine: the family has no italic face
};

struct Glyph {
  // A glyph that takes its advance but draws nothing (a line separator, a zero-width mark).
  static constexpr std::uint32_t none = 0xFFFFFFFFu;
  std::uint32_t id = none;  // the glyph's index in its font
  double advance = 0;       // to the next glyph's pen position
  double x_offset = 0, y_offset = 0;  // from the pen position
};

// How many bytes of a run's text and how many of its drawn glyphs (not counting Glyph::none)
// belong together: the text a reader copies for those glyphs.
struct Cluster {
  int bytes = 0;
  int glyphs = 0;
};

// Glyphs of one font, shown from a pen starting at (x + dx, y + dy) on the baseline: (x, y) is the
// origin of the line the run belongs to, (dx, dy) where the run starts from it. A painter whose
// coordinates have a precision of their own (Cairo's 24.8 fixed point on its device) places the
// line's origin with that precision and the run exactly from there, as Pango's renderer does.
struct GlyphRun {
  int font = 0;  // index into Pages::fonts
  double x = 0, y = 0;
  double dx = 0, dy = 0;
  std::vector<Glyph> glyphs;
  std::string text;               // the source text the glyphs show (UTF-8)
  std::vector<Cluster> clusters;  // in glyph order, covering all of `text` and every glyph
  bool backward = false;          // right-to-left: clusters run from the text's end
  Rgb colour;
};

// A filled rectangle: backgrounds, shaded boxes, a callout's border.
struct RectItem {
  double x = 0, y = 0, width = 0, height = 0;
  Rgb fill;
};

// A straight line drawn as a thin filled rectangle: rules between parts of the page, table
// rules, and the underlines and strike-throughs of text (placed by the typesetter from the
// font's metrics).
struct RuleItem {
  double x = 0, y = 0, width = 0, thickness = 0;  // (x, y) is the top-left corner
  Rgb colour;
};

struct ImageItem {
  std::string path;  // a PNG or JPEG file
  double x = 0, y = 0, width = 0, height = 0;
  SourcePlace place;  // where the image is named (the article, or a layout's template), for errors
};

// Link marks: the glyph runs between a begin and its end show a link's words on one line. A link
// set over several lines (or columns, or pages) has one piece a line, each with its own area;
// the pieces after the first continue it, so that a reader meets one link. A painter that tags
// makes the marks its link element, one annotation over the area a piece; one that cannot tag
// still makes the annotations.
struct LinkBegin {
  double x = 0, y = 0, width = 0, height = 0;  // the area a click follows the link in
  std::string uri;
  bool continued = false;  // this piece continues the link of the piece before it
};
struct LinkEnd {};

// Structure marks: the items between a begin and its end belong to one element of the
// document's logical structure (a heading, a paragraph, a list item...). They nest, follow
// reading order, and may stay open across a page break. Painters that cannot tag ignore them.
struct StructBegin {
  StructBegin(std::string role_, std::string alt_ = {}, std::string scope_ = {}, std::string language_ = {})
      : role(std::move(role_)), alt(std::move(alt_)), scope(std::move(scope_)), language(std::move(language_)) {}
  std::string role;      // a PDF standard structure type: "H1", "P", "L", "LI", "Lbl", "LBody", "Figure"...
  std::string alt;       // alternative text (figures)
  std::string scope;     // table headers: "Column" or "Row"
  std::string language;  // a span in another language than the document's (BCP 47)
};
struct StructEnd {};

// Artifact marks: the items between a begin and its end are page furniture, not content (PDF
// 14.8.2.2): running heads and page numbers (pagination), rules and decorations (layout),
// shaded backgrounds (background). They never hold structure marks and never cross a page.
enum class ArtifactKind { pagination, layout, background };
struct ArtifactBegin {
  ArtifactKind kind = ArtifactKind::layout;
  std::string what;  // "header", "footer", "rule", "background"...: for readers of a dump
};
struct ArtifactEnd {};

using PageItem = std::variant<GlyphRun, RectItem, RuleItem, ImageItem, LinkBegin, LinkEnd, StructBegin, StructEnd,
                              ArtifactBegin, ArtifactEnd>;

struct Page {
  double width = 0, height = 0;
  std::vector<PageItem> items;
  SourcePlace source;  // the article the page sets: the place of errors no item can be blamed for
};

// The document outline (bookmarks) as a tree, made once: each entry names its parent.
struct OutlineEntry {
  int level = 1;
  std::string title;
  int page = 0;      // 0-based
  double y = 0;      // top of the heading on its page
  int parent = -1;   // index of the entry it hangs under; -1 at the top
};

// Page labels: from `first_page` (0-based) on, pages are labelled prefix + number, counting
// from `start`.
struct PageLabel {
  int first_page = 0;
  enum class Style { decimal, roman_lower, roman_upper, none } style = Style::decimal;
  std::string prefix;
  int start = 1;
};

struct DocumentInfo {
  std::string title, author, subject, keywords, creator, language;
  std::string date;  // "YYYY-MM-DDThh:mm:ssZ"
};

struct Pages {
  std::vector<Page> pages;
  std::vector<FontFace> fonts;
  std::vector<std::string> figure_alts;  // alternative text of each Figure element, in order
  std::vector<OutlineEntry> outline;
  std::vector<PageLabel> page_labels;
  DocumentInfo info;
  double body_size = 0;  // the body size the pages were set at (the fit search's choice)
};

// Each entry's parent: the nearest earlier entry of a lower level.
void link_outline(std::vector<OutlineEntry>& outline);

}  // namespace handout
