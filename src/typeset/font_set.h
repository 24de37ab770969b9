#pragma once
// The fonts a build may use: exactly the files in fonts/, through a fontconfig configuration of
// their own, so output never depends on the fonts a machine happens to have.
//
// FontCatalog is the fontconfig side, made once and shared by every thread of a build (fontconfig
// answers queries from several threads). FontSet is one thread's Pango font map and context on
// top of it: Pango objects must not be shared between threads.
#include <pango/pango.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "layout/layout_spec.h"
#include "typeset/c_handles.h"
#include "typeset/font_config.h"

namespace handout {

class FontCatalog {
 public:
  // Loads every .ttf/.otf below `folder`; throws HandoutError if there are none.
  explicit FontCatalog(const std::string& folder);
  FontCatalog(const FontCatalog&) = delete;
  FontCatalog& operator=(const FontCatalog&) = delete;

  FcConfig* config() const { return config_.get(); }
  const std::set<std::string>& families() const { return families_; }
  const std::string& folder() const { return folder_; }
  // Throws HandoutError at the layout's key when the family is not among the loaded fonts.
  void require_family(const FontChoice& choice) const;

  const FontConfigFile& font_config() const { return font_config_; }
  // Whether these fonts can show every character of `text` and hold the families fonts.toml
  // sets first for `language`; if not, extended() may.
  bool suits(std::string_view text, std::string_view language) const;
  // This catalog with fonts.toml's `files` added, made on first use (they are large, and most
  // articles never need them); this catalog itself when fonts.toml names no files.
  std::shared_ptr<const FontCatalog> extended() const;
  // The Pango family list for a face of `family`: fonts.toml's families for the language first
  // (when `for_language`), then the family, then fonts.toml's fallback; only families loaded here.
  std::string family_list(const std::string& family, std::string_view language, bool for_language) const;
  // Whether every face of `family` has a glyph for each character of `text` that Pango sets with
  // a font of its own (spaces and format characters take their neighbours'). A family list that
  // starts with such a family sets all of `text` in that family's faces, as the family alone does.
  bool covers(std::string_view family, std::string_view text) const;

 private:
  struct ExtraFiles {};
  FontCatalog(const std::string& folder, const FontConfigFile& config, ExtraFiles);
  void load_folder(const std::string& folder);
  void add_font_files(const std::string& folder);
  std::map<std::string, const FcCharSet*> application_fonts();

  std::string folder_;
  FcConfigPtr config_;
  std::set<std::string> families_;
  FontConfigFile font_config_;
  FcCharSetPtr coverage_;  // every face's characters
  std::map<std::string, FcCharSetPtr, std::less<>> family_coverage_;  // the characters all faces of a family have
  bool extended_already_ = false;
  mutable std::mutex extended_mutex_;
  mutable std::shared_ptr<const FontCatalog> extended_;
};

class FontSet {
 public:
  explicit FontSet(std::shared_ptr<const FontCatalog> catalog);
  explicit FontSet(const std::string& folder);  // with a catalog of its own
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // A context at 72 dpi (one unit is one point) with hinting off, so one layout measures and
  // paints the same in a PDF and in a PNG of any resolution.
  PangoContext* context() const { return context_.get(); }
  const std::set<std::string>& families() const { return catalog_->families(); }
  const std::string& folder() const { return catalog_->folder(); }
  void require_family(const FontChoice& choice) const { catalog_->require_family(choice); }
  const FontCatalog& catalog() const { return *catalog_; }
  // These fonts, or (made on first use, kept for later articles) a set over the extended catalog
  // when the article's text or language needs fonts only fonts.toml's `files` have.
  const FontSet& for_text(std::string_view text, std::string_view language) const;
  // Throws HandoutError at the layout's key unless the face Pango resolves for the family at
  // this weight and style is such a face (not, say, the bold file standing in for a regular one).
  void require_face(const FontChoice& choice, bool bold, bool italic) const;

 private:
  std::shared_ptr<const FontCatalog> catalog_;
  mutable std::unique_ptr<FontSet> extended_;  // one thread's, like this set
  GObjectPtr<PangoFontMap> font_map_;
  GObjectPtr<PangoContext> context_;
};

}  // namespace handout
