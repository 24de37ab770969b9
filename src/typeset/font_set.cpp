#include "typeset/font_set.h"

#include <fmt/format.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <map>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "typeset/font_check.h"
#include "util/text.h"

namespace handout {

namespace {

// The font files below `folder`, in a fixed order (which keeps font matching deterministic).
std::vector<std::filesystem::path> font_files(const std::string& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    std::string extension = lowercase_ascii(it->path().extension().string());
    if (it->is_regular_file() && (extension == ".ttf" || extension == ".otf")) files.push_back(it->path());
  }
  if (error) throw HandoutError({folder}, "cannot read the fonts folder: " + error.message());
  std::sort(files.begin(), files.end());
  return files;
}

// One spelling for one file, whether fontconfig was given it relative or absolute.
std::string same_file_key(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
  return (error ? path.lexically_normal() : canonical).string();
}

}  // namespace

void FontCatalog::add_font_files(const std::string& folder) {
  for (const auto& file : font_files(folder))
    if (!FcConfigAppFontAddFile(config_.get(), reinterpret_cast<const FcChar8*>(file.c_str())))
      throw HandoutError({file.string()}, "fontconfig cannot read this font file");
}

FontCatalog::FontCatalog(const std::string& folder) : folder_(folder), config_(FcConfigCreate()) {
  load_folder(folder);
  font_config_ = read_font_config(folder);
  // What the folder's faces can show, to tell which articles need fonts.toml's files.
  coverage_.reset(FcCharSetCreate());
  FcFontSet* set = FcConfigGetFonts(config_.get(), FcSetApplication);
  for (int i = 0; set && i < set->nfont; ++i) {
    FcCharSet* characters = nullptr;
    if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &characters) == FcResultMatch)
      FcCharSetMerge(coverage_.get(), characters, nullptr);
  }
  // Cairo's FreeType backend asks the current configuration too; making ours current keeps it
  // from loading the system's fonts.
  FcConfigSetCurrent(config_.get());
}

FontCatalog::FontCatalog(const std::string& folder, const FontConfigFile& config, ExtraFiles)
    : folder_(folder), config_(FcConfigCreate()), font_config_(config), extended_already_(true) {
  load_folder(folder);
  // Named one by one (never their folder, which holds other faces too), and checked like the
  // folder's own files.
  for (const FontConfigEntry& file : config.files) {
    if (auto problem = regular_file_problem(file.name))
      throw HandoutError(file.place, fmt::format("font file '{}': {} (scripts/install-deps.sh installs it)",
                                                 file.name, *problem));
    if (!FcConfigAppFontAddFile(config_.get(), reinterpret_cast<const FcChar8*>(file.name.c_str())))
      throw HandoutError(file.place, fmt::format("fontconfig cannot read the font file '{}'", file.name));
  }
  const std::map<std::string, const FcCharSet*> claimed = application_fonts();
  for (const FontConfigEntry& file : config.files) {
    auto found = claimed.find(same_file_key(file.name));
    check_font_file(file.name, found == claimed.end() ? nullptr : found->second);
  }
  FcConfigSetCurrent(config_.get());
}

// The families of the faces fontconfig read for the catalog, kept; and by file, what each face
// says it covers, for the checks of the files.
std::map<std::string, const FcCharSet*> FontCatalog::application_fonts() {
  FcFontSet* set = FcConfigGetFonts(config_.get(), FcSetApplication);
  std::map<std::string, const FcCharSet*> claimed;
  for (int i = 0; set && i < set->nfont; ++i) {
    FcChar8* family = nullptr;
    if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &family) == FcResultMatch)
      families_.insert(reinterpret_cast<const char*>(family));
    FcChar8* file = nullptr;
    FcCharSet* characters = nullptr;
    // A face answers to each of its family names; what a family shows is what its every face does.
    if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &characters) == FcResultMatch)
      for (int n = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, n, &family) == FcResultMatch; ++n) {
        FcCharSetPtr& shown = family_coverage_[reinterpret_cast<const char*>(family)];
        shown.reset(shown ? FcCharSetIntersect(shown.get(), characters) : FcCharSetCopy(characters));
      }
    if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &characters) == FcResultMatch)
      claimed.emplace(same_file_key(reinterpret_cast<const char*>(file)), characters);
  }
  return claimed;
}

void FontCatalog::load_folder(const std::string& folder) {
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

  const std::map<std::string, const FcCharSet*> claimed = application_fonts();
  // Every file is checked, and must be one fontconfig read: a file it skipped would leave its
  // family to another face (a bold one set as regular) without a word.
  for (const auto& path : font_files(folder)) {
    std::string file = same_file_key(path);
    auto found = claimed.find(file);
    check_font_file(path.string(), found == claimed.end() ? nullptr : found->second);
    if (found == claimed.end()) throw HandoutError({path.string()}, "damaged font file: fontconfig cannot read it");
  }
  if (families_.empty()) throw HandoutError({folder}, "no fonts fontconfig can read in the fonts folder");
}

bool FontCatalog::suits(std::string_view text, std::string_view language) const {
  if (extended_already_ || font_config_.files.empty()) return true;
  for (const FontConfigEntry& family : font_config_.first_for(language))
    if (!families_.count(family.name)) return false;
  const gchar* end = nullptr;
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), &end)) text = text.substr(0, end - text.data());
  for (const gchar* at = text.data(); at < text.data() + text.size(); at = g_utf8_next_char(at)) {
    gunichar character = g_utf8_get_char(at);
    if (character >= 0x80 && !FcCharSetHasChar(coverage_.get(), character)) return false;
  }
  return true;
}

namespace {

// Whether Pango 1.50's itemizer looks for a font that has `character` (its consider_as_space()
// says which it does not: a space, a control or format character, a separator or a variation
// selector takes the font of the characters around it).
bool takes_a_font(gunichar character) {
  switch (g_unichar_type(character)) {
    case G_UNICODE_CONTROL:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR: return false;
    case G_UNICODE_FORMAT: return (character >= 0x600 && character <= 0x6ff) || character == 0x70f || character == 0x8e2;
    case G_UNICODE_SPACE_SEPARATOR: return character == 0x1680;
    default:
      return !((character >= 0xfe00 && character <= 0xfe0f) || (character >= 0xe0100 && character <= 0xe01ef));
  }
}

}  // namespace

bool FontCatalog::covers(std::string_view family, std::string_view text) const {
  auto found = family_coverage_.find(family);
  if (found == family_coverage_.end()) return false;
  const FcCharSet* shown = found->second.get();
  // A text of spaces alone is set in the first font that has a space.
  if (!FcCharSetHasChar(shown, ' ')) return false;
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return false;
  for (const gchar* at = text.data(); at < text.data() + text.size(); at = g_utf8_next_char(at)) {
    gunichar character = g_utf8_get_char(at);
    if (takes_a_font(character) && !FcCharSetHasChar(shown, character)) return false;
  }
  return true;
}

std::shared_ptr<const FontCatalog> FontCatalog::extended() const {
  if (extended_already_ || font_config_.files.empty()) return nullptr;
  std::lock_guard<std::mutex> lock(extended_mutex_);
  if (!extended_) extended_ = std::shared_ptr<const FontCatalog>(new FontCatalog(folder_, font_config_, ExtraFiles{}));
  return extended_;
}

std::string FontCatalog::family_list(const std::string& family, std::string_view language, bool for_language) const {
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    if (families_.count(name) && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  if (for_language)
    for (const FontConfigEntry& entry : font_config_.first_for(language)) add(entry.name);
  if (std::find(names.begin(), names.end(), family) == names.end()) names.push_back(family);
  for (const FontConfigEntry& entry : font_config_.fallback) add(entry.name);
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ",") + name;
  return list;
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

const FontSet& FontSet::for_text(std::string_view text, std::string_view language) const {
  if (catalog_->suits(text, language)) return *this;
  std::shared_ptr<const FontCatalog> extended = catalog_->extended();
  if (!extended) return *this;
  if (!extended_) extended_ = std::make_unique<FontSet>(std::move(extended));
  return *extended_;
}

FontSet::~FontSet() {
  extended_.reset();
  // The context refers to the font map, and the font map to the catalog's configuration.
  context_.reset();
  font_map_.reset();
}

void FontSet::require_face(const FontChoice& choice, bool bold, bool italic) const {
  FontDescriptionPtr description(pango_font_description_new());
  pango_font_description_set_family(description.get(), choice.family.c_str());
  pango_font_description_set_absolute_size(description.get(), 12 * PANGO_SCALE);
  pango_font_description_set_weight(description.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(description.get(), italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  GObjectPtr<PangoFont> font(pango_font_map_load_font(font_map_.get(), context_.get(), description.get()));
  if (!font || !PANGO_IS_FC_FONT(font.get()))
    throw HandoutError(choice.place, fmt::format("no face of font family '{}' can be loaded", choice.family));
  FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font.get()));
  FcChar8 *file = nullptr, *family = nullptr;
  int weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
  FcPatternGetString(pattern, FC_FILE, 0, &file);
  FcPatternGetString(pattern, FC_FAMILY, 0, &family);
  FcPatternGetInteger(pattern, FC_WEIGHT, 0, &weight);
  FcPatternGetInteger(pattern, FC_SLANT, 0, &slant);
  bool found_bold = weight >= FC_WEIGHT_DEMIBOLD, found_italic = slant != FC_SLANT_ROMAN;
  bool same_family = family && choice.family == reinterpret_cast<const char*>(family);
  if (same_family && found_bold == bold && found_italic == italic) return;
  auto kind = [](bool b, bool i) { return std::string(b ? (i ? "bold italic" : "bold") : (i ? "italic" : "regular")); };
  throw HandoutError(choice.place,
                     fmt::format("font family '{}' has no {} face in {}: the closest is {} ({} {})", choice.family,
                                 kind(bold, italic), folder(), file ? reinterpret_cast<const char*>(file) : "?",
                                 family ? reinterpret_cast<const char*>(family) : "?", kind(found_bold, found_italic)));
}

void FontCatalog::require_family(const FontChoice& choice) const {
  if (families_.count(choice.family)) return;
  std::string known;
  for (const std::string& family : families_) known += (known.empty() ? "" : ", ") + family;
  throw HandoutError(choice.place, fmt::format("font family '{}' is not in {} (available: {})", choice.family,
                                               folder_, known));
}

}  // namespace handout
