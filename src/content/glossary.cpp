#include "content/glossary.h"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <optional>

#include "util/text.h"
#include "util/toml_reader.h"

namespace handout {

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '\''; }

// Lower case, single spaces, and only letters, digits, spaces, hyphens and apostrophes: a form
// is matched as whole words, so anything else could never match.
std::optional<std::string> normalised_form(std::string_view text) {
  std::string form = lowercase_ascii(collapse_whitespace(trim(text)));
  if (form.empty()) return std::nullopt;
  for (unsigned char c : form)
    if (!is_word_byte(c) && c != ' ' && c != '-') return std::nullopt;
  if (!is_word_byte(static_cast<unsigned char>(form.front())) || !is_word_byte(static_cast<unsigned char>(form.back())))
    return std::nullopt;
  return form;
}

std::string required_text(const TomlReader& reader, const toml::table& table, std::string_view key,
                          const std::string& prefix) {
  std::string text = reader.required_string(table, key, prefix);
  if (trim(text).empty()) reader.fail(*table.get(key), fmt::format("'{}' must not be empty", dotted_key(prefix, key)));
  return trim(text);
}

}  // namespace

Glossary parse_glossary(std::string_view text, const std::string& path) {
  TomlReader reader(path);
  toml::table root = reader.parse(text);
  reader.reject_unknown_keys(root, {"watch", "term"}, "");
  Glossary glossary;
  glossary.path = path;

  if (auto watch = reader.string_array(root, "watch", "")) {
    const toml::array& array = *root.get("watch")->as_array();
    for (std::size_t i = 0; i < watch->size(); ++i) {
      std::string written = trim((*watch)[i]);
      WatchPattern pattern{lowercase_ascii(written), false, written};
      if (pattern.text.starts_with('-')) {
        pattern.suffix = true;
        pattern.text.erase(0, 1);
      }
      bool letters = pattern.text.size() >= 3;
      for (unsigned char c : pattern.text) letters = letters && (std::isalpha(c) || c >= 0x80);
      if (!letters)
        reader.fail(*array.get(i), fmt::format("'watch' has \"{}\"; expected a stem of three or more letters "
                                               "(\"metasta\") or a suffix (\"-ectomy\")", written));
      glossary.watch.push_back(std::move(pattern));
    }
  }

  const toml::node* terms = root.get("term");
  if (!terms) return glossary;
  const toml::array* array = terms->as_array();
  if (!array || !array->is_array_of_tables())
    reader.fail(*terms, "'term' must be an array of tables: write each term as [[term]]");
  std::map<std::string, std::string> owner;  // form -> the term it belongs to
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table& table = *array->get(i)->as_table();
    const std::string prefix = fmt::format("term[{}]", i + 1);
    reader.reject_unknown_keys(table, {"term", "definition", "sounds_like", "forms"}, prefix);
    GlossaryEntry entry;
    entry.place = reader.place_of(table);
    entry.term = required_text(reader, table, "term", prefix);
    entry.definition = required_text(reader, table, "definition", prefix);
    entry.sounds_like = trim(reader.string(table, "sounds_like", prefix).value_or(""));
    std::vector<std::pair<std::string, const toml::node*>> written{{entry.term, table.get("term")}};
    if (auto forms = reader.string_array(table, "forms", prefix)) {
      const toml::array& form_array = *table.get("forms")->as_array();
      for (std::size_t k = 0; k < forms->size(); ++k) written.emplace_back((*forms)[k], form_array.get(k));
    }
    for (const auto& [form_text, node] : written) {
      auto form = normalised_form(form_text);
      if (!form)
        reader.fail(*node, fmt::format("\"{}\" cannot be matched as words: a term or form is letters, digits, "
                                       "spaces, hyphens and apostrophes, beginning and ending with a letter or digit",
                                       form_text));
      auto [it, added] = owner.emplace(*form, entry.term);
      if (!added && it->second != entry.term)
        reader.fail(*node, fmt::format("\"{}\" is already a form of the term \"{}\"", form_text, it->second));
      if (added) entry.forms.push_back(*form);
    }
    glossary.entries.push_back(std::move(entry));
  }
  return glossary;
}

Glossary load_glossary(const std::string& path) { return parse_glossary(read_file(path), path); }

}  // namespace handout
