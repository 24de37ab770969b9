#include "typeset/font_config.h"

#include <fmt/format.h>

#include <filesystem>

#include "util/text.h"
#include "util/toml_reader.h"

namespace handout {

namespace {

std::vector<FontConfigEntry> named_list(const TomlReader& reader, const toml::table& table, std::string_view key,
                                    std::string_view prefix) {
  std::vector<FontConfigEntry> out;
  const toml::node* node = table.get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) reader.fail(*node, fmt::format("'{}' must be an array of strings", dotted_key(prefix, key)));
  for (const toml::node& item : *array) {
    const std::string* text = item.is_string() ? &item.as_string()->get() : nullptr;
    if (!text || trim(*text).empty())
      reader.fail(item, fmt::format("'{}' must hold non-empty strings", dotted_key(prefix, key)));
    out.push_back({*text, reader.place_of(item)});
  }
  return out;
}

}  // namespace

const std::vector<FontConfigEntry>& FontConfigFile::first_for(std::string_view language) const {
  static const std::vector<FontConfigEntry> none;
  std::string tag = lowercase_ascii(language);
  for (char& c : tag)
    if (c == '_') c = '-';
  for (std::string candidate : {tag, tag.substr(0, tag.find('-'))}) {
    auto found = languages.find(candidate);
    if (found != languages.end()) return found->second;
  }
  return none;
}

FontConfigFile read_font_config(const std::string& folder) {
  FontConfigFile config;
  std::filesystem::path path = std::filesystem::path(folder) / "fonts.toml";
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return config;
  config.path = path.string();
  TomlReader reader(config.path);
  toml::table root = reader.parse(read_file(config.path));
  reader.reject_unknown_keys(root, {"files", "fallback", "languages"}, "");
  config.files = named_list(reader, root, "files", "");
  for (FontConfigEntry& file : config.files)
    if (!std::filesystem::path(file.name).is_absolute())
      file.name = (std::filesystem::path(folder) / file.name).string();
  config.fallback = named_list(reader, root, "fallback", "");
  if (const toml::table* languages = reader.table(root, "languages", "")) {
    for (const auto& [key, node] : *languages) {
      std::string tag = lowercase_ascii(key.str());
      config.languages[tag] = named_list(reader, *languages, key.str(), "languages");
    }
  }
  return config;
}

}  // namespace handout
