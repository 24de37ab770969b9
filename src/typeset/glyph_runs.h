#pragma once
// Pango lines -> glyph runs: the step that turns what Pango shaped into plain page items. A
// line is walked by a Pango renderer that records instead of drawing, so the runs, colours,
// underlines and strike-throughs are exactly the ones Pango would paint, in its order.
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "typeset/flow_item.h"
#include "typeset/pages.h"

namespace handout {

class GlyphRunMaker {
 public:
  // `fonts_folder`: font paths in the table are also given relative to it (FontFace::name).
  GlyphRunMaker(std::vector<FontFace>& fonts, std::string fonts_folder);

  // Appends the items that paint `line` to `out`: its link pieces' runs between link marks, and
  // when the line asks for spans, its other runs in Span elements.
  void convert(const TextLineItem& line, std::vector<PageItem>& out);

  // The font table index of a Pango font (a PangoFcFont), adding an entry on first use.
  int font_index(PangoFont* font);

 private:
  std::vector<FontFace>& fonts_;
  std::string folder_;
  std::map<PangoFont*, int> by_font_;  // Pango fonts are shared, so a pointer is a good first key
  GObjectPtr<PangoRenderer> renderer_;
  std::map<std::tuple<std::string, int, double, bool, bool>, int> by_face_;
  std::vector<PageItem> recorded_;  // scratch: one line's items, before the marks go in
  std::vector<std::pair<int, int>> shows_;  // what each of them shows, and where (glyph_runs.cpp)
};

}  // namespace handout
