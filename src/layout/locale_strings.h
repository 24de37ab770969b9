#pragma once
// The words handout puts on a page ("Page {page} of {pages}", "Figure", "Words to know"), in the
// article's language: tables in locales/*.toml (compiled in), which a layout's [strings] and
// [strings.LANGUAGE] tables override. Templates name them as {text.KEY}.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace handout {

using StringMap = std::map<std::string, std::string, std::less<>>;

// A layout's own words: [strings] for every language, [strings.es] for one.
struct LayoutStrings {
  StringMap common;
  std::map<std::string, StringMap, std::less<>> by_language;  // by lower-case language tag
};

// The placeholder prefix of a string in a template: {text.page_of_pages}.
inline constexpr std::string_view string_placeholder_prefix = "text.";

// Nothing when `text` is a well-formed string for `key` (a template of known names, naming no
// other string; `sounds_like` may also name {sounds_like}); else what is wrong.
std::optional<std::string> check_string(std::string_view key, std::string_view text);

// Whether a language is written right to left (Arabic, Hebrew, Persian, Urdu...).
bool is_right_to_left(std::string_view language);

// The KEYs a template names as {text.KEY} (alternatives included), in order.
std::vector<std::string> string_keys_in(std::string_view text);

// The built-in table of a language ("es", "pt-BR" falls back to "pt"); null when there is none.
// English always has one, and it holds every key. Throws HandoutError at the table's own place
// when a compiled-in table is malformed.
const StringMap* builtin_strings(std::string_view language);
const StringMap& english_strings();
std::vector<std::string> builtin_languages();

// The keys a template may name as {text.KEY} in a layout with these strings.
std::set<std::string, std::less<>> known_string_keys(const LayoutStrings& layout);

// The words of one output: its article's language and its layout's overrides.
class LocaleStrings {
 public:
  LocaleStrings(std::string language, const LayoutStrings& layout);

  // The layout's [strings.LANGUAGE], else its [strings], else the language's table, else English
  // with a warning (once per key) at `place`.
  std::string get(std::string_view key, Warnings& warnings, const SourcePlace& place) const;
  std::set<std::string, std::less<>> keys() const { return known_string_keys(layout_); }

 private:
  std::string language_;
  LayoutStrings layout_;
  const StringMap* language_table_;
  mutable std::set<std::string, std::less<>> warned_;
};

}  // namespace handout
