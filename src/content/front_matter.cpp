#include "content/front_matter.h"

#include <fmt/format.h>

#include <regex>

#include "util/toml_reader.h"

namespace handout {

namespace {

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "+++";
}

std::string reviewed_date(const TomlReader& reader, const toml::table& table) {
  const toml::node* node = table.get("reviewed");
  if (!node) throw HandoutError(reader.place_of(table), "missing key 'reviewed' (the date the article was reviewed)");
  if (const auto* date = node->as_date()) {
    const toml::date& d = date->get();
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  }
  // A quoted date is accepted too, since editors often write one.
  static const std::regex iso_date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  if (node->is_string() && std::regex_match(node->as_string()->get(), iso_date)) return node->as_string()->get();
  reader.fail(*node, "'reviewed' must be a date such as 2026-11-02");
}

// `[layout.NAME]`: what the article asks of the layout named NAME (see LayoutChoice).
LayoutChoice layout_choice(const TomlReader& reader, const toml::table& table, const std::string& prefix) {
  reader.reject_unknown_keys(table, {"sections", "exclude_sections", "blocks"}, prefix);
  LayoutChoice choice;
  choice.place = reader.place_of(table);
  auto words = [&](std::string_view key, std::vector<std::string>& values, std::vector<SourcePlace>& places) {
    auto read = reader.string_array(table, key, prefix);
    if (!read) return;
    const toml::array& array = *table.get(key)->as_array();
    for (std::size_t i = 0; i < read->size(); ++i) {
      if ((*read)[i].find_first_not_of(" \t") == std::string::npos)
        reader.fail(*array.get(i), fmt::format("'{}' has an empty word, which every heading contains",
                                               dotted_key(prefix, key)));
      values.push_back((*read)[i]);
      places.push_back(reader.place_of(*array.get(i)));
    }
  };
  words("sections", choice.sections, choice.section_places);
  words("exclude_sections", choice.exclude_sections, choice.exclude_places);
  if (auto names = reader.string_array(table, "blocks", prefix)) {
    const toml::array& array = *table.get("blocks")->as_array();
    choice.blocks.emplace();
    for (std::size_t i = 0; i < names->size(); ++i) {
      auto kind = block_kind_named((*names)[i]);
      if (!kind)
        reader.fail(*array.get(i), fmt::format("'{}' has unknown kind \"{}\" (expected {})",
                                               dotted_key(prefix, "blocks"), (*names)[i], block_kind_names));
      choice.blocks->push_back(*kind);
    }
  }
  return choice;
}

std::map<std::string, LayoutChoice> layout_choices(const TomlReader& reader, const toml::table& root) {
  std::map<std::string, LayoutChoice> choices;
  const toml::table* layouts = reader.table(root, "layout", "");
  if (!layouts) return choices;
  for (const auto& [name, node] : *layouts) {
    const std::string prefix = "layout." + std::string(name.str());
    if (!node.is_table())
      reader.fail(node, fmt::format("'{}' must be a table, such as [{}] with sections = [\"treatment\"]", prefix,
                                    prefix));
    choices.emplace(std::string(name.str()), layout_choice(reader, *node.as_table(), prefix));
  }
  return choices;
}

}  // namespace

ArticleParts split_article(std::string_view text, const std::string& path) {
  ArticleParts parts;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte order mark some editors add
  std::size_t first_end = text.find('\n');
  if (first_end == std::string_view::npos || !is_fence(text.substr(0, first_end)))
    throw HandoutError({path, 1, 1}, "an article must start with TOML front matter between '+++' lines");
  std::size_t position = first_end + 1;
  int line = 2;
  while (position <= text.size()) {
    std::size_t end = text.find('\n', position);
    std::string_view current = text.substr(position, end == std::string_view::npos ? text.npos : end - position);
    if (is_fence(current)) {
      parts.front_matter = text.substr(first_end + 1, position - first_end - 1);
      parts.front_matter_first_line = 2;
      parts.body = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      parts.body_first_line = line + 1;
      return parts;
    }
    if (end == std::string_view::npos) break;
    position = end + 1;
    ++line;
  }
  throw HandoutError({path, 1, 1}, "the front matter opened here is never closed by a '+++' line");
}

DocumentMetadata parse_front_matter(std::string_view toml_text, const std::string& path, int first_line) {
  TomlReader reader(path, first_line - 1);
  toml::table table = reader.parse(toml_text);
  reader.reject_unknown_keys(table, {"title", "language", "source", "reviewed", "audience", "keywords", "organisation", "layout"},
                             "");
  DocumentMetadata metadata;
  metadata.title = reader.required_string(table, "title", "");
  metadata.language = reader.required_string(table, "language", "");
  metadata.organisation = reader.required_string(table, "organisation", "");
  metadata.reviewed = reviewed_date(reader, table);
  metadata.source = reader.string(table, "source", "").value_or("");
  metadata.audience = reader.string(table, "audience", "").value_or("");
  metadata.keywords = reader.string_array(table, "keywords", "").value_or(std::vector<std::string>{});
  metadata.layouts = layout_choices(reader, table);
  return metadata;
}

}  // namespace handout
