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


// The thread's faces and scaled fonts. One face a file (and synthesis): Cairo then embeds one
// subset a file in a PDF, as with Pango's fonts.
struct FontCache {
  std::shared_ptr<CairoFonts::FreeType> freetype = std::make_shared<CairoFonts::FreeType>();
  std::map<std::tuple<std::string, int, bool, bool>, CairoFontFacePtr> faces;
  std::map<std::tuple<std::string, int, bool, bool, double>, CairoScaledFontPtr> scaled;

  cairo_font_face_t* face_for(const FontFace& font, const SourcePlace& place) {
    auto key = std::make_tuple(font.path, font.index, font.synthetic_bold, font.synthetic_oblique);
    auto found = faces.find(key);
    if (found != faces.end()) return found->second.get();
    FT_Face face = nullptr;
    {
      std::lock_guard<std::mutex> lock(freetype->mutex);
      if (FT_New_Face(freetype->library, font.path.c_str(), font.index, &face) != 0)
        throw HandoutError(place, fmt::format("FreeType could not open the font {} (face {})", font.path, font.index));
    }
    auto* holder = new FaceHolder{freetype, face};
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
    return faces.emplace(key, std::move(cairo_face)).first->second.get();
  }

  cairo_scaled_font_t* scaled_for(const FontFace& font, const SourcePlace& place) {
    auto key = std::make_tuple(font.path, font.index, font.synthetic_bold, font.synthetic_oblique, font.size);
    auto found = scaled.find(key);
    if (found != scaled.end()) return found->second.get();
    cairo_font_face_t* face = face_for(font, place);
    cairo_matrix_t font_matrix, identity;
    cairo_matrix_init_scale(&font_matrix, font.size, font.size);
    cairo_matrix_init_identity(&identity);
    cairo_font_options_t* options = unhinted_options();
    CairoScaledFontPtr made(cairo_scaled_font_create(face, &font_matrix, &identity, options));
    cairo_font_options_destroy(options);
    if (cairo_scaled_font_status(made.get()) != CAIRO_STATUS_SUCCESS)
      throw HandoutError(place, fmt::format("Cairo could not set the font {} at {} pt: {}", font.path, font.size,
                                            cairo_status_to_string(cairo_scaled_font_status(made.get()))));
    return scaled.emplace(key, std::move(made)).first->second.get();
  }
};

FontCache& thread_fonts() {
  thread_local FontCache cache;
  return cache;
}

}  // namespace

CairoFonts::CairoFonts(const std::vector<FontFace>& table) : table_(table), scaled_(table.size(), nullptr) {}

cairo_scaled_font_t* CairoFonts::scaled_font(int index, const SourcePlace& place) {
  if (index < 0 || static_cast<std::size_t>(index) >= table_.size())
    throw HandoutError(place, fmt::format("a glyph run names font {}, which the font table does not have", index));
  cairo_scaled_font_t*& scaled = scaled_[static_cast<std::size_t>(index)];
  if (!scaled) scaled = thread_fonts().scaled_for(table_[static_cast<std::size_t>(index)], place);
  return scaled;
}

}  // namespace handout
