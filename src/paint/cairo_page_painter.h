#pragma once
// Painting one page's items onto a Cairo context (a PDF page or an image).
#include <cairo.h>

#include <map>
#include <string>
#include <vector>

#include "paint/artifact_tags.h"
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
  void operator()(const LinkBegin& item);
  void operator()(const LinkEnd& item);
  void operator()(const StructBegin& item);
  void operator()(const StructEnd& item);
  void operator()(const ArtifactBegin& item);
  void operator()(const ArtifactEnd& item);

  // The elements at the top of the structure tree so far, for the finisher (artifact_tags.h).
  const std::vector<TopLevelTag>& top_level_tags() const { return top_level_tags_; }

 private:
  cairo_t* cairo_;
  bool tagged_;
  CairoFonts& fonts_;
  const Page* page_ = nullptr;
  // Opens in Cairo the structure tags not open there yet (new ones, or those an artifact
  // closed), before content is drawn.
  void open_tags();
  // The glyph of the font's space character; 0 when it has none.
  unsigned long space_glyph(cairo_scaled_font_t* font);

  struct OpenTag {
    std::string role;
    bool opened = false;  // in Cairo, before an artifact closed it
  };
  std::vector<OpenTag> open_tags_;
  std::size_t tags_in_cairo_ = 0;  // how many of open_tags_ are open in Cairo (an artifact closes them)
  bool in_artifact_ = false;
  bool in_link_ = false;  // a link's tag is open in Cairo
  std::vector<TopLevelTag> top_level_tags_;
  std::map<std::string, CairoSurfacePtr> images_;  // by path
  std::vector<cairo_glyph_t> glyphs_;                // scratch, reused run after run
  std::vector<cairo_text_cluster_t> clusters_;
  std::string text_;  // scratch: the run's text as Cairo gets it
  std::map<cairo_scaled_font_t*, unsigned long> space_glyphs_;
};

}  // namespace handout
