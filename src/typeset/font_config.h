#pragma once
// fonts.toml in the fonts folder: the font files a build may use beyond the folder's own (by
// path: Debian's Noto CJK, which is too large to keep in the repository), and the families
// tried, in order, for each language and for characters a layout's font lacks.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace handout {

struct FontConfigEntry {
  std::string name;   // a family, or a file's path
  SourcePlace place;  // where fonts.toml names it
};

struct FontConfigFile {
  std::string path;                // empty when the folder has no fonts.toml
  std::vector<FontConfigEntry> files;  // extra font files, loaded only for text that needs them
  std::vector<FontConfigEntry> fallback;  // after the layout's family, for every language
  // Before the layout's family for a language ("vi", "zh"): the faces made for its script.
  std::map<std::string, std::vector<FontConfigEntry>, std::less<>> languages;

  // The families set before the layout's own for `language` ("zh-Hans" uses "zh").
  const std::vector<FontConfigEntry>& first_for(std::string_view language) const;
};

// Reads FOLDER/fonts.toml strictly (errors at file:line:col); an absent file gives an empty one.
FontConfigFile read_font_config(const std::string& folder);

}  // namespace handout
