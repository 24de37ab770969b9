#include "layout/locale_strings.h"

#include <fmt/format.h>

#include <algorithm>

#include "layout/template_text.h"
#include "util/text.h"
#include "util/toml_reader.h"

namespace handout {

namespace {

struct EmbeddedTable {
  const char* language;
  const char* path;
  const char* text;
};

constexpr EmbeddedTable embedded_tables[] = {
#include "layout/locale_tables.inc"
};

struct Tables {
  std::map<std::string, StringMap, std::less<>> by_language;
  std::map<std::string, std::string, std::less<>> names;  // "es" -> "Spanish", for messages
};

// Read once, on first use, and checked as strictly as a layout: a string that is not a template
// of known names, or a key English lacks, is an error at its line in locales/.
const Tables& tables() {
  static const Tables read = [] {
    Tables result;
    for (const EmbeddedTable& embedded : embedded_tables) {
      TomlReader reader(embedded.path);
      toml::table root = reader.parse(embedded.text);
      reader.reject_unknown_keys(root, {"language", "strings"}, "");
      result.names[embedded.language] = reader.required_string(root, "language", "");
      const toml::table* strings = reader.table(root, "strings", "");
      if (!strings) throw HandoutError({embedded.path}, "a string table needs a [strings] table");
      StringMap& table = result.by_language[embedded.language];
      for (const auto& [key, node] : *strings) {
        std::string name(key.str());
        std::string text = reader.required_string(*strings, name, "strings");
        if (auto problem = check_string(name, text)) reader.fail(node, fmt::format("'strings.{}': {}", name, *problem));
        table[name] = text;
      }
    }
    if (!result.by_language.count("en")) throw HandoutError({"locales/en.toml"}, "the English string table is missing");
    return result;
  }();
  return read;
}

std::string normalised_tag(std::string_view language) {
  std::string tag = lowercase_ascii(language);
  for (char& c : tag)
    if (c == '_') c = '-';
  return tag;
}

// "pt-br" then "pt".
std::vector<std::string> candidates(std::string_view language) {
  std::string tag = normalised_tag(language);
  std::vector<std::string> out{tag};
  std::size_t dash = tag.find('-');
  if (dash != std::string::npos) out.push_back(tag.substr(0, dash));
  return out;
}

}  // namespace

std::vector<std::string> string_keys_in(std::string_view text) {
  std::vector<std::string> keys;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    if (text.compare(open, 2, "{{") == 0) {
      ++open;
      continue;
    }
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    std::string_view inside = text.substr(open + 1, close - open - 1);
    for (std::size_t start = 0; start <= inside.size();) {
      std::size_t bar = std::min(inside.find('|', start), inside.size());
      std::string_view name = inside.substr(start, bar - start);
      if (name.substr(0, string_placeholder_prefix.size()) == string_placeholder_prefix)
        keys.emplace_back(name.substr(string_placeholder_prefix.size()));
      start = bar + 1;
    }
    open = close;
  }
  return keys;
}

bool is_right_to_left(std::string_view language) {
  std::string primary = candidates(language).back();
  for (std::string_view rtl : {"ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb"})
    if (primary == rtl) return true;
  return false;
}

std::optional<std::string> check_string(std::string_view key, std::string_view text) {
  std::string checked(text);
  if (key == "sounds_like")
    for (std::size_t at; (at = checked.find("{sounds_like}")) != std::string::npos;) checked.erase(at, 13);
  if (auto problem = check_template(checked)) return problem;
  if (!string_keys_in(checked).empty()) return "a string cannot name another string";
  return std::nullopt;
}

const StringMap* builtin_strings(std::string_view language) {
  const Tables& all = tables();
  for (const std::string& tag : candidates(language)) {
    auto found = all.by_language.find(tag);
    if (found != all.by_language.end()) return &found->second;
  }
  return nullptr;
}

const StringMap& english_strings() { return tables().by_language.at("en"); }

std::vector<std::string> builtin_languages() {
  std::vector<std::string> out;
  for (const auto& [language, table] : tables().by_language) out.push_back(language);
  return out;
}

std::set<std::string, std::less<>> known_string_keys(const LayoutStrings& layout) {
  std::set<std::string, std::less<>> keys;
  for (const auto& [key, text] : english_strings()) keys.insert(key);
  for (const auto& [key, text] : layout.common) keys.insert(key);
  for (const auto& [language, table] : layout.by_language)
    for (const auto& [key, text] : table) keys.insert(key);
  return keys;
}

LocaleStrings::LocaleStrings(std::string language, const LayoutStrings& layout)
    : language_(std::move(language)), layout_(layout), language_table_(builtin_strings(language_)) {}

std::string LocaleStrings::get(std::string_view key, Warnings& warnings, const SourcePlace& place) const {
  for (const std::string& tag : candidates(language_)) {
    auto table = layout_.by_language.find(tag);
    if (table == layout_.by_language.end()) continue;
    if (auto found = table->second.find(key); found != table->second.end()) return found->second;
  }
  if (auto found = layout_.common.find(key); found != layout_.common.end()) return found->second;
  if (language_table_)
    if (auto found = language_table_->find(key); found != language_table_->end()) return found->second;
  auto english = english_strings().find(key);
  if (english == english_strings().end()) return {};
  // A language without a table is said once; a key missing from a table, once per key.
  const std::string warned_as = language_table_ ? std::string(key) : std::string();
  if (!warned_.count(warned_as)) {
    warned_.insert(warned_as);
    if (language_table_)
      warnings.add(place, fmt::format("the '{}' string table has no '{}'; English used", language_, key));
    else
      warnings.add(place, fmt::format("no string table for language '{}' (locales/ has {}), nor a [strings.{}] "
                                      "table in the layout: page furniture is in English",
                                      language_, fmt::join(builtin_languages(), ", "), language_));
  }
  return english->second;
}

}  // namespace handout
