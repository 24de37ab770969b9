#include "typeset/font_set.h"

#include <fmt/format.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <filesystem>


namespace handout {

FontSet::FontSet(const std::string& folder) : folder_(folder), config_(FcConfigCreate()) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) throw HandoutError({folder}, "the fonts folder does not exist");
  // Adding the folder (rather than file by file) lets fontconfig keep a cache of the folder's
  // fonts in the user's cache folder and skip reading every font file at each start.
  static const char* cache_config =
      R"(<?xml version="1.0"?><fontconfig><cachedir prefix="xdg">fontconfig</cachedir></fontconfig>)";
  FcConfigParseAndLoadFromMemory(config_.get(), reinterpret_cast<const FcChar8*>(cache_config), FcFalse);
  if (!FcConfigAppFontAddDir(config_.get(), reinterpret_cast<const FcChar8*>(folder.c_str())))
    throw HandoutError({folder}, "fontconfig cannot read the fonts folder");

  FcFontSet* set = FcConfigGetFonts(config_.get(), FcSetApplication);
  for (int i = 0; set && i < set->nfont; ++i) {
    FcChar8* family = nullptr;
    if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &family) == FcResultMatch)
      families_.insert(reinterpret_cast<const char*>(family));
  }
  if (families_.empty()) throw HandoutError({folder}, "no fonts fontconfig can read in the fonts folder");

  // Cairo's FreeType backend asks the current configuration too; making ours current keeps it
  // from loading the system's fonts.
  FcConfigSetCurrent(config_.get());
  font_map_.reset(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
  if (!font_map_) throw HandoutError({folder}, "Pango has no FreeType font map");
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map_.get()), config_.get());
  pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(font_map_.get()), 72.0);

  context_.reset(pango_font_map_create_context(font_map_.get()));
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context_.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context_.get(), FALSE);
}

FontSet::~FontSet() {
  // The font map refers to the configuration; release it first.
  context_.reset();
  font_map_.reset();
}

void FontSet::require_family(const FontChoice& choice) const {
  if (families_.count(choice.family)) return;
  std::string known;
  for (const std::string& family : families_) known += (known.empty() ? "" : ", ") + family;
  throw HandoutError(choice.place, fmt::format("font family '{}' is not in {} (available: {})", choice.family,
                                               folder_, known));
}

}  // namespace handout
