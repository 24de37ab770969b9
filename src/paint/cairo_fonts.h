#pragma once
// The Cairo fonts of a document's font table: each font file opened once with FreeType, each
// table entry made once into a scaled font at its size.
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
  ~CairoFonts();
  CairoFonts(const CairoFonts&) = delete;
  CairoFonts& operator=(const CairoFonts&) = delete;

  // The scaled font of table entry `index`; throws HandoutError at `place` when the file cannot
  // be opened.
  cairo_scaled_font_t* scaled_font(int index, const SourcePlace& place);

  struct FreeType;

 private:
  cairo_font_face_t* face_for(const FontFace& font, const SourcePlace& place);

  const std::vector<FontFace>& table_;
  std::shared_ptr<FreeType> freetype_;
  // One face a file (and synthesis): Cairo then embeds one subset a file, as Pango's fonts do.
  std::map<std::tuple<std::string, int, bool, bool>, CairoFontFacePtr> faces_;
  std::vector<CairoScaledFontPtr> scaled_;
};

}  // namespace handout
