#pragma once
// The fonts a build may use: exactly the files in fonts/, through a fontconfig configuration of
// their own, so output never depends on the fonts a machine happens to have.
//
// FontCatalog is the fontconfig side, made once and shared by every thread of a build (fontconfig
// answers queries from several threads). FontSet is one thread's Pango font map and context on
// top of it: Pango objects must not be shared between threads.
#include <pango/pango.h>

#include <memory>
#include <set>
#include <string>

#include "layout/layout_spec.h"
#include "typeset/c_handles.h"

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

 private:
  void add_font_files(const std::string& folder);

  std::string folder_;
  FcConfigPtr config_;
  std::set<std::string> families_;
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
  // Throws HandoutError at the layout's key unless the face Pango resolves for the family at
  // this weight and style is such a face (not, say, the bold file standing in for a regular one).
  void require_face(const FontChoice& choice, bool bold, bool italic) const;

 private:
  std::shared_ptr<const FontCatalog> catalog_;
  GObjectPtr<PangoFontMap> font_map_;
  GObjectPtr<PangoContext> context_;
};

}  // namespace handout
