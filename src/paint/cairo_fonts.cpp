#include "paint/cairo_fonts.h"

#include <cairo-ft.h>
#include <fmt/format.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <mutex>

#include "util/diagnostic.h"

namespace handout {

// One FreeType library for the painter's faces. Cairo may keep a face (in its font caches) after
// the painter is gone and release it later from any thread: each face holds the library alive,
// and the mutex keeps two releases from using it at once.
struct CairoFonts::FreeType {
  FT_Library library = nullptr;
  std::mutex mutex;
  FreeType() {
    if (FT_Init_FreeType(&library) != 0) throw HandoutError({}, "FreeType could not start");
  }
  ~FreeType() { FT_Done_FreeType(library); }
};

namespace {

// Owned by the Cairo face it belongs to, released with it.
struct FaceHolder {
  std::shared_ptr<CairoFonts::FreeType> freetype;
  FT_Face face = nullptr;
};

void release_face(void* data) noexcept {
  auto* holder = static_cast<FaceHolder*>(data);
  {
    std::lock_guard<std::mutex> lock(holder->freetype->mutex);
    FT_Done_Face(holder->face);
  }
  delete holder;
}

const cairo_user_data_key_t face_key{};

// As the typesetter's Pango context: no hinting of outlines or metrics, so a page paints the same
// at every resolution.
cairo_font_options_t* unhinted_options() {
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  return options;
}

}  // namespace

CairoFonts::CairoFonts(const std::vector<FontFace>& table)
    : table_(table), freetype_(std::make_shared<FreeType>()), scaled_(table.size()) {}

CairoFonts::~CairoFonts() = default;

cairo_font_face_t* CairoFonts::face_for(const FontFace& font, const SourcePlace& place) {
  auto key = std::make_tuple(font.path, font.index, font.synthetic_bold, font.synthetic_oblique);
  auto found = faces_.find(key);
  if (found != faces_.end()) return found->second.get();
  FT_Face face = nullptr;
  {
    std::lock_guard<std::mutex> lock(freetype_->mutex);
    if (FT_New_Face(freetype_->library, font.path.c_str(), font.index, &face) != 0)
      throw HandoutError(place, fmt::format("FreeType could not open the font {} (face {})", font.path, font.index));
  }
  auto* holder = new FaceHolder{freetype_, face};
  CairoFontFacePtr cairo_face(cairo_ft_font_face_create_for_ft_face(face, 0));
  if (cairo_font_face_status(cairo_face.get()) != CAIRO_STATUS_SUCCESS ||
      cairo_font_face_set_user_data(cairo_face.get(), &face_key, holder, release_face) != CAIRO_STATUS_SUCCESS) {
    release_face(holder);
    throw HandoutError(place, fmt::format("Cairo could not use the font {}", font.path));
  }
  unsigned synthesize = 0;
  if (font.synthetic_bold) synthesize |= CAIRO_FT_SYNTHESIZE_BOLD;
  if (font.synthetic_oblique) synthesize |= CAIRO_FT_SYNTHESIZE_OBLIQUE;
  if (synthesize) cairo_ft_font_face_set_synthesize(cairo_face.get(), synthesize);
  return faces_.emplace(key, std::move(cairo_face)).first->second.get();
}

cairo_scaled_font_t* CairoFonts::scaled_font(int index, const SourcePlace& place) {
  if (index < 0 || static_cast<std::size_t>(index) >= table_.size())
    throw HandoutError(place, fmt::format("a glyph run names font {}, which the font table does not have", index));
  CairoScaledFontPtr& scaled = scaled_[static_cast<std::size_t>(index)];
  if (scaled) return scaled.get();
  const FontFace& font = table_[static_cast<std::size_t>(index)];
  cairo_font_face_t* face = face_for(font, place);
  cairo_matrix_t font_matrix, identity;
  cairo_matrix_init_scale(&font_matrix, font.size, font.size);
  cairo_matrix_init_identity(&identity);
  cairo_font_options_t* options = unhinted_options();
  scaled.reset(cairo_scaled_font_create(face, &font_matrix, &identity, options));
  cairo_font_options_destroy(options);
  if (cairo_scaled_font_status(scaled.get()) != CAIRO_STATUS_SUCCESS)
    throw HandoutError(place, fmt::format("Cairo could not set the font {} at {} pt: {}", font.path, font.size,
                                          cairo_status_to_string(cairo_scaled_font_status(scaled.get()))));
  return scaled.get();
}

}  // namespace handout
