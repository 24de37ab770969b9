#pragma once
// Predicting how a text breaks at another size without shaping it again. Every size of a fitted
// layout follows the body size, so a text set at size s in a line w wide breaks as it does at
// size s0 in a line w·s0/s wide. Each text is set once with Pango, on one line, and recorded: the
// widths of its pieces (the stretches between two of Pango's line-break opportunities, from its
// log attrs) and the ascent and descent of the fonts that set them. A pass at any size then
// breaks those pieces greedily, as Pango's own breaker does, with the widths scaled. That is a
// prediction (Pango rounds each glyph's advance at each size): the fit search confirms its
// answer with a real pass.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "typeset/table_layout.h"
#include "typeset/text_layout.h"

namespace handout {

class TextModel {
 public:
  // Records what `layout`, set by set_text from `text` and `spec` (at any width), measured (once
  // per text).
  void record(const InlineText& text, const TextSpec& spec, PangoLayout* layout);
  // The lines `text` would take set with `spec` (no layout, no links), or nothing when no pass
  // recorded it.
  std::optional<SetText> predict(const InlineText& text, const TextSpec& spec) const;
  // A table cell's need (its widest piece, its width on one line) at `spec`'s size.
  std::optional<ColumnNeed> predict_need(const InlineText& text, const TextSpec& spec) const;
  std::size_t texts() const { return texts_.size(); }

 private:
  struct Piece {
    double width = 0;         // with the white space it ends with
    double white = 0;         // that white space: a line ending here does not count it
    double hyphen = 0;        // what a line ending here adds (a hyphen shown at a soft hyphen)
    double ascent = 0, descent = 0;
    bool forced = false;      // a line ends after it (a new paragraph, a line separator)
  };
  struct Measured {
    double size = 0;          // the font size it was set at
    std::vector<Piece> pieces;
    double empty_height = 0;  // the height of a line with nothing on it
    bool ends_with_break = false;  // the text ends with a line separator: an empty line follows
  };
  static std::string key(const InlineText& text, const TextSpec& spec);

  std::unordered_map<std::string, Measured> texts_;
};

// How a flow sets its texts: with Pango, or, given a model, predicted from its records (a text
// it has none of is first set on one line, measured and recorded).
struct TextSetter {
  const FontSet* fonts = nullptr;
  TextModel* model = nullptr;

  SetText set(const InlineText& text, const TextSpec& spec) const;
};

}  // namespace handout
