#pragma once
// Shaping and breaking one run of styled text with Pango, and reading back its lines.
#include <optional>
#include <string>
#include <vector>

#include "content/document.h"
#include "typeset/c_handles.h"
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
  // No break after the hyphen of a compound, inside "mg/dL" or between a number and its unit,
  // unless the word is wider than the line (table cells; see keep_together.h).
  bool keep_compounds = false;
  bool term_bold = true;             // how a glossary term's first use (style_term) is marked
  std::optional<Rgb> term_colour;
};

// One line as placed: its pitch (distance to the next line's top) and where its baseline and
// left end sit, relative to the line's top and the layout's left edge.
struct LineBox {
  double height = 0;
  double baseline = 0;
  double x = 0;
  double width = 0;
  std::vector<LinkItem> links;  // link areas on this line, relative to the line's top-left
};

struct SetText {
  SharedLayout layout;
  std::vector<LineBox> lines;
  int unknown_glyphs = 0;
  std::vector<char32_t> characters_without_glyph;  // each once, in text order
  // Words too long for the width, which Pango broke between two characters as a last resort
  // (PANGO_WRAP_WORD_CHAR); each as written, shortened when long. Code blocks are not counted:
  // they break anywhere by design.
  std::vector<std::string> broken_words;
  double natural_width() const;
};

SetText set_text(PangoContext* context, const InlineText& text, const TextSpec& spec);

}  // namespace handout
