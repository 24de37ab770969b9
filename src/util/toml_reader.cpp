#include "util/toml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "util/length.h"

namespace handout {

std::string dotted_key(std::string_view prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
}

namespace {

// toml++ places an error at the end of the text one column past the end of the last line (it
// counts the final newline as a column): brought back onto the line, so every place is inside
// the file.
std::pair<int, int> clamped_to_text(std::string_view text, int line, int column) {
  std::size_t start = 0;
  int current = 1;
  for (; current < line; ++current) {
    std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  std::size_t end = std::min(text.find('\n', start), text.size());
  int last_column = static_cast<int>(end - start) + 1;
  return {current, std::clamp(column, 1, last_column)};
}

}  // namespace

toml::table TomlReader::parse(std::string_view text) const {
  try {
    return toml::parse(text, path_);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    auto [line, column] = clamped_to_text(text, static_cast<int>(begin.line), static_cast<int>(begin.column));
    throw HandoutError({path_, line + line_offset_, column}, std::string(error.description()));
  }
}

SourcePlace TomlReader::place_of(const toml::node& node) const {
  const auto& begin = node.source().begin;
  if (!begin) return {path_};
  return {path_, static_cast<int>(begin.line) + line_offset_, static_cast<int>(begin.column)};
}

void TomlReader::fail(const toml::node& node, const std::string& message) const {
  throw HandoutError(place_of(node), message);
}

void TomlReader::reject_unknown_keys(const toml::table& table, const std::vector<std::string_view>& known,
                                     std::string_view prefix) const {
  for (const auto& [key, value] : table) {
    bool is_known = false;
    for (std::string_view name : known) is_known = is_known || key.str() == name;
    if (!is_known) {
      std::string choices;
      for (std::string_view name : known) choices += (choices.empty() ? "" : ", ") + std::string(name);
      // toml++ records where the key was written, which is the place a reader wants to see.
      const auto& begin = key.source().begin;
      SourcePlace place = begin ? SourcePlace{path_, static_cast<int>(begin.line) + line_offset_,
                                              static_cast<int>(begin.column)}
                                : place_of(value);
      throw HandoutError(place, fmt::format("unknown key '{}' (expected one of: {})",
                                            dotted_key(prefix, key.str()), choices));
    }
  }
}

std::optional<std::string> TomlReader::string(const toml::table& table, std::string_view key,
                                              std::string_view prefix) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (!node->is_string()) fail(*node, fmt::format("'{}' must be a string", dotted_key(prefix, key)));
  return node->as_string()->get();
}

std::string TomlReader::required_string(const toml::table& table, std::string_view key,
                                        std::string_view prefix) const {
  auto value = string(table, key, prefix);
  if (!value) throw HandoutError(place_of(table), fmt::format("missing key '{}'", dotted_key(prefix, key)));
  if (value->empty()) fail(*table.get(key), fmt::format("'{}' must not be empty", dotted_key(prefix, key)));
  return *value;
}

std::optional<double> TomlReader::number(const toml::table& table, std::string_view key, std::string_view prefix,
                                         double min, double max) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  std::optional<double> value = node->value<double>();
  if (!node->is_number() || !value)
    fail(*node, fmt::format("'{}' must be a number", dotted_key(prefix, key)));
  if (*value < min || *value > max)
    fail(*node, fmt::format("'{}' is {}, outside {} to {}", dotted_key(prefix, key), *value, min, max));
  return value;
}

std::optional<int> TomlReader::integer(const toml::table& table, std::string_view key, std::string_view prefix,
                                       int min, int max) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (!node->is_integer()) fail(*node, fmt::format("'{}' must be a whole number", dotted_key(prefix, key)));
  int64_t value = node->as_integer()->get();
  if (value < min || value > max)
    fail(*node, fmt::format("'{}' is {}, outside {} to {}", dotted_key(prefix, key), value, min, max));
  return static_cast<int>(value);
}

std::optional<bool> TomlReader::boolean(const toml::table& table, std::string_view key,
                                        std::string_view prefix) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (!node->is_boolean()) fail(*node, fmt::format("'{}' must be true or false", dotted_key(prefix, key)));
  return node->as_boolean()->get();
}

std::optional<double> TomlReader::length(const toml::table& table, std::string_view key,
                                         std::string_view prefix) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  std::optional<double> points;
  if (node->is_number()) {
    points = node->value<double>();
    if (points && *points < 0) points.reset();
  } else if (node->is_string()) {
    points = parse_length_points(node->as_string()->get());
  }
  if (!points)
    fail(*node, fmt::format("'{}' must be a length such as 18mm, 0.5in or 12pt", dotted_key(prefix, key)));
  return points;
}

std::optional<std::vector<std::string>> TomlReader::string_array(const toml::table& table, std::string_view key,
                                                                 std::string_view prefix) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  const toml::array* array = node->as_array();
  if (!array) fail(*node, fmt::format("'{}' must be an array of strings", dotted_key(prefix, key)));
  std::vector<std::string> values;
  for (const toml::node& element : *array) {
    if (!element.is_string()) fail(element, fmt::format("'{}' must hold only strings", dotted_key(prefix, key)));
    values.push_back(element.as_string()->get());
  }
  return values;
}

const toml::table* TomlReader::table(const toml::table& parent, std::string_view key,
                                     std::string_view prefix) const {
  const toml::node* node = parent.get(key);
  if (!node) return nullptr;
  if (!node->is_table()) fail(*node, fmt::format("'{}' must be a table", dotted_key(prefix, key)));
  return node->as_table();
}

}  // namespace handout
