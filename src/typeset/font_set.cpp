#include "typeset/font_set.h"

#include <fmt/format.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "util/text.h"

namespace handout {

FontSet::FontSet(const std::string& folder) : folder_(folder), config_(FcConfigCreate()) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    std::string extension = lowercase_ascii(it->path().extension().string());
    if (it->is_regular_file() && (extension == ".ttf" || extension == ".otf")) files.push_back(it->path());
  }
  if (error) throw HandoutError({folder}, "cannot read the fonts folder: " + error.message());
  std::sort(files.begin(), files.end());  // a fixed order keeps font matching deterministic
  for (const auto& file : files) {
    if (!FcConfigAppFontAddFile(config_.get(), reinterpret_cast<const FcChar8*>(file.c_str())))
      throw HandoutError({file.string()}, "fontconfig cannot read this font file");
  }
  if (files.empty()) throw HandoutError({folder}, "no .ttf or .otf fonts in the fonts folder");

  FcFontSet* set = FcConfigGetFonts(config_.get(), FcSetApplication);
  for (int i = 0; set && i < set->nfont; ++i) {
    FcChar8* family = nullptr;
    if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &family) == FcResultMatch)
      families_.insert(reinterpret_cast<const char*>(family));
  }

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
