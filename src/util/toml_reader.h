#pragma once
// Typed, strict reading of toml++ tables: every problem is a HandoutError that names the key
// and carries the file, line and column toml++ recorded for it.
#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace handout {

class TomlReader {
 public:
  // `line_offset` is added to toml++'s lines, for TOML embedded in a larger file.
  TomlReader(std::string path, int line_offset = 0) : path_(std::move(path)), line_offset_(line_offset) {}

  // Parses `text`; a syntax error becomes a HandoutError at its place.
  toml::table parse(std::string_view text) const;

  SourcePlace place_of(const toml::node& node) const;
  [[noreturn]] void fail(const toml::node& node, const std::string& message) const;

  // Every key of `table` must be one of `known`; `prefix` is the table's dotted name ("" at top).
  void reject_unknown_keys(const toml::table& table, const std::vector<std::string_view>& known,
                           std::string_view prefix) const;

  std::optional<std::string> string(const toml::table& table, std::string_view key,
                                    std::string_view prefix) const;
  std::string required_string(const toml::table& table, std::string_view key, std::string_view prefix) const;
  // Finite and within [min, max]: TOML's nan and inf are refused like any other bad value.
  std::optional<double> number(const toml::table& table, std::string_view key, std::string_view prefix,
                               double min, double max) const;
  std::optional<int> integer(const toml::table& table, std::string_view key, std::string_view prefix,
                             int min, int max) const;
  std::optional<bool> boolean(const toml::table& table, std::string_view key, std::string_view prefix) const;
  // A length: a number of points, or a string such as "18mm"; finite, from 0 to `max_points`.
  std::optional<double> length(const toml::table& table, std::string_view key, std::string_view prefix,
                               double max_points) const;
  std::optional<std::vector<std::string>> string_array(const toml::table& table, std::string_view key,
                                                       std::string_view prefix) const;
  // A nested table, or nothing when absent; anything else under that key is an error.
  const toml::table* table(const toml::table& parent, std::string_view key, std::string_view prefix) const;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int line_offset_;
};

// "prefix.key", or "key" at the top level.
std::string dotted_key(std::string_view prefix, std::string_view key);

}  // namespace handout
