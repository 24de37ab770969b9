#include "typeset/font_set.h"

#include <fmt/format.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "util/text.h"

namespace handout {

void FontCatalog::add_font_files(const std::string& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    std::string extension = lowercase_ascii(it->path().extension().string());
    if (it->is_regular_file() && (extension == ".ttf" || extension == ".otf")) files.push_back(it->path());
  }
  if (error) throw HandoutError({folder}, "cannot read the fonts folder: " + error.message());
  std::sort(files.begin(), files.end());  // a fixed order keeps font matching deterministic
  for (const auto& file : files)
    if (!FcConfigAppFontAddFile(config_.get(), reinterpret_cast<const FcChar8*>(file.c_str())))
      throw HandoutError({file.string()}, "fontconfig cannot read this font file");
}

FontCatalog::FontCatalog(const std::string& folder) : folder_(folder), config_(FcConfigCreate()) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) throw HandoutError({folder}, "the fonts folder does not exist");
  // Adding the folder lets fontconfig keep a cache of its fonts in the user's cache folder and
  // skip reading every font file at each start. Without a home there is nowhere to keep it (and
  // fontconfig would complain on every run), so then the files are read one by one.
  if (std::getenv("XDG_CACHE_HOME") || std::getenv("HOME")) {
    static const char* cache_config =
        R"(<?xml version="1.0"?><fontconfig><cachedir prefix="xdg">fontconfig</cachedir></fontconfig>)";
    FcConfigParseAndLoadFromMemory(config_.get(), reinterpret_cast<const FcChar8*>(cache_config), FcFalse);
    if (!FcConfigAppFontAddDir(config_.get(), reinterpret_cast<const FcChar8*>(folder.c_str())))
      throw HandoutError({folder}, "fontconfig cannot read the fonts folder");
  } else {
    add_font_files(folder);
  }

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
}

FontSet::FontSet(const std::string& folder) : FontSet(std::make_shared<const FontCatalog>(folder)) {}

FontSet::FontSet(std::shared_ptr<const FontCatalog> catalog) : catalog_(std::move(catalog)) {
  const std::string& folder = catalog_->folder();
  font_map_.reset(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
  if (!font_map_) throw HandoutError({folder}, "Pango has no FreeType font map");
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map_.get()), catalog_->config());
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
  // The context refers to the font map, and the font map to the catalog's configuration.
  context_.reset();
  font_map_.reset();
}

void FontCatalog::require_family(const FontChoice& choice) const {
  if (families_.count(choice.family)) return;
  std::string known;
  for (const std::string& family : families_) known += (known.empty() ? "" : ", ") + family;
  throw HandoutError(choice.place, fmt::format("font family '{}' is not in {} (available: {})", choice.family,
                                               folder_, known));
}

}  // namespace handout
