#pragma once
// Shaping and breaking one run of styled text with Pango, and reading back its lines.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/document.h"
#include "typeset/c_handles.h"
#include "typeset/font_set.h"
#include "typeset/hyphenation.h"
#include "typeset/pages.h"

namespace handout {

struct FontSpec {
  std::string family;
  double size = 12;  // points
  bool bold = false;
  bool italic = false;
};

struct TextSpec {
  FontSpec font;
  std::string code_family;  // for code spans
  Rgb colour;
  Rgb link_colour;
  std::string language;
  double width = -1;  // points; -1 sets one line of natural width
  double leading = 1.3;  // line pitch as a multiple of the size
  enum class Align { left, centre, right, justify } align = Align::left;
  bool preformatted = false;  // keep spaces and break anywhere (code blocks)
  // Lines break between words, and inside a word only where `hyphenator` (when set) finds a
  // hyphenation point. A word too long for the line runs past it by up to `overflow` points
  // (into the margin or the gap beside the column); one longer still is broken between two
  // letters, never with an inserted hyphen.
  std::shared_ptr<const Hyphenator> hyphenator;
  double overflow = 0;
  // No break after the hyphen of a compound, inside "mg/dL" or between a number and its unit,
  // unless the word is wider than the line (table cells; see keep_together.h).
  bool keep_compounds = false;
  bool term_bold = true;             // how a glossary term's first use (style_term) is marked
  std::optional<Rgb> term_colour;
};

// The piece of a link on one line: the bytes of the layout's text it covers and its area,
// relative to the line's top-left.
struct LineLink {
  int start = 0, end = 0;
  LinkBegin area;
};

// One line as placed: its pitch (distance to the next line's top) and where its baseline and
// left end sit, relative to the line's top and the layout's left edge.
struct LineBox {
  double height = 0;
  double baseline = 0;
  double x = 0;
  double width = 0;
  std::vector<LineLink> links;  // the link pieces on this line, in text order
};

struct SetText {
  SharedLayout layout;
  std::vector<LineBox> lines;
  int unknown_glyphs = 0;
  std::vector<char32_t> characters_without_glyph;  // each once, in text order
  // Words too long for the width, in text order: each as written, and whether it was broken
  // between two letters (else it runs past the line's end). Code blocks are not counted: they
  // break anywhere by design.
  struct LongWord {
    std::string word;
    bool broken = false;
  };
  std::vector<LongWord> long_words;
  double natural_width() const;
};

SetText set_text(const FontSet& fonts, const InlineText& text, const TextSpec& spec);

// `text` cut short with "…" so that, set on one line with `spec`, it is at most `limit` points
// wide: at a space when that keeps most of it, else between two characters. The cut is made in
// the text itself, so that every painter shows, and every reader extracts, the same words.
std::string shortened_to_fit(const FontSet& fonts, const std::string& text, const TextSpec& spec, double limit);

}  // namespace handout
