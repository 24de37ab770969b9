#pragma once
// The project file (handout.toml): which articles go through which layouts, in which variants.
// Without one, every article in content/ goes through every layout in layouts/, once.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout/template_text.h"
#include "util/diagnostic.h"

namespace handout {

// One way of printing every article: a clinic's contact details, large print... Its values
// reach layout templates by their dotted names ({clinic.name}).
struct Variant {
  std::string name;  // part of output names; empty for the single variant of a project without any
  TemplateValues values;
  ValuePlaces value_places;
  std::optional<std::vector<std::string>> layouts;  // layout names or paths; all of the project's if absent
  double text_scale = 1.0;  // multiplies every text size (large print)
  // Large print: layout lints hold its body to 18 pt and its leading to 1.5. `large_print`, or
  // by default any variant that enlarges text (text_scale above 1).
  bool large_print = false;
  SourcePlace scale_place;  // where text_scale (else the variant) is set, for those lints
  SourcePlace place;
};

struct Project {
  std::string path;  // the project file, empty when there is none
  std::vector<std::string> content;  // article files
  std::vector<std::string> content_folders;  // folders the articles were gathered from
  std::vector<std::string> layouts;  // layout files
  std::string out_dir = "out";
  std::vector<Variant> variants;     // at least one; the plain build is the variant without a name
  // Folders whose files a layout may name: the current folder, the project file's folder, the
  // system's ICC profiles and what `allow_files_from` lists.
  std::vector<std::string> allowed_folders;
  // Link schemes every layout allows beyond its own [links] schemes (`link_schemes`).
  std::vector<std::string> link_schemes;
  // The words-to-know glossary every article uses (`glossary`); when empty, each article uses
  // glossary.toml beside it if there is one.
  std::string glossary;
};

// The glossary file `article` uses under `project`, or "" when it has none.
std::string glossary_path_for(const Project& project, const std::string& article);

// The lists the command line gives in place of the project's: those are not looked up, so a
// folder without content/ or layouts/ can build the files it names.
struct GivenLists {
  bool content = false;
  bool layouts = false;
};

// Reads `path` when it exists (and is not empty), else the defaults (content/*.md,
// layouts/*.toml, out/, no variants).
Project load_project(const std::string& path, GivenLists given = {});
// The same for a project file already in memory; `path` names it in messages. Folders and files
// it names are still looked up on disk, relative to the working folder.
Project parse_project(std::string_view text, const std::string& path);

// The README's table of project file keys, printed from the schema the reader walks.
std::string project_schema_markdown();

// The layout file for a name ("patient-handout" -> layouts/patient-handout.toml) or a path.
std::string layout_path(const std::string& name_or_path);

// Every `extension` file directly in `folder`, sorted; an error when there is none, unless
// `may_be_empty`.
std::vector<std::string> files_in(const std::string& folder, const std::string& extension, bool may_be_empty = false);

}  // namespace handout
