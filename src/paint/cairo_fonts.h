#pragma once
// The Cairo fonts of a document's font table: each font file opened once with FreeType, each
// table entry made once into a scaled font at its size. Faces and scaled fonts are kept for the
// thread's later documents, as Pango kept its fonts: Cairo's glyph caches stay warm in a batch.
#include <cairo.h>

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "typeset/pages.h"

namespace handout {

struct CairoFontFaceDestroy {
  void operator()(cairo_font_face_t* face) const { cairo_font_face_destroy(face); }
};
using CairoFontFacePtr = std::unique_ptr<cairo_font_face_t, CairoFontFaceDestroy>;

struct CairoScaledFontDestroy {
  void operator()(cairo_scaled_font_t* font) const { cairo_scaled_font_destroy(font); }
};
using CairoScaledFontPtr = std::unique_ptr<cairo_scaled_font_t, CairoScaledFontDestroy>;

class CairoFonts {
 public:
  explicit CairoFonts(const std::vector<FontFace>& table);
  CairoFonts(const CairoFonts&) = delete;
  CairoFonts& operator=(const CairoFonts&) = delete;

  // The scaled font of table entry `index`; throws HandoutError at `place` when the file cannot
  // be opened.
  cairo_scaled_font_t* scaled_font(int index, const SourcePlace& place);

  struct FreeType;

 private:
  const std::vector<FontFace>& table_;
  std::vector<cairo_scaled_font_t*> scaled_;  // by table entry; owned by the thread's cache
};

}  // namespace handout
