#pragma once
// Painting one page's items onto a Cairo context (a PDF page or an image).
#include <cairo.h>

#include <map>
#include <string>
#include <vector>

#include "paint/cairo_fonts.h"
#include "paint/cairo_handles.h"
#include "typeset/pages.h"

namespace handout {

// Throws HandoutError at `place` when `cairo` is in error, naming what was being drawn.
void check_cairo(cairo_t* cairo, const SourcePlace& place, const std::string& what);

class CairoPagePainter {
 public:
  // `tagged`: turn structure marks into PDF structure tags and links into link annotations.
  // `fonts`: the Cairo fonts of the document's font table, which glyph runs name.
  CairoPagePainter(cairo_t* cairo, bool tagged, CairoFonts& fonts) : cairo_(cairo), tagged_(tagged), fonts_(fonts) {}

  // Throws HandoutError, at the item's place when it has one, if Cairo fails to draw an item.
  void paint(const Page& page);

  void operator()(const GlyphRun& item);
  void operator()(const RectItem& item);
  void operator()(const RuleItem& item);
  void operator()(const ImageItem& item);
  void operator()(const LinkItem& item);
  void operator()(const StructBegin& item);
  void operator()(const StructEnd& item);
  // Artifacts are not tagged yet: their items are painted like any other.
  void operator()(const ArtifactBegin&) {}
  void operator()(const ArtifactEnd&) {}

 private:
  cairo_t* cairo_;
  bool tagged_;
  CairoFonts& fonts_;
  const Page* page_ = nullptr;
  std::vector<std::string> open_tags_;
  std::map<std::string, CairoSurfacePtr> images_;  // by path
  std::vector<cairo_glyph_t> glyphs_;                // scratch, reused run after run
  std::vector<cairo_text_cluster_t> clusters_;
};

}  // namespace handout
