#include "util/toml_schema.h"

namespace handout::schema {

// Four significant digits: a derived default (0.65025 em) reads as 0.6502.
std::string shown_number(double value) { return fmt::format("{:.4g}", value); }

std::string shown_string(std::string_view value) { return fmt::format("`\"{}\"`", value); }

std::string shown_strings(const std::vector<std::string>& values) {
  std::string listed;
  for (const std::string& value : values) listed += fmt::format("{}\"{}\"", listed.empty() ? "" : ", ", value);
  return fmt::format("`[{}]`", listed);
}

std::string shown_bounds(double min, double max) {
  return min == max ? fmt::format("{}", min) : fmt::format("{} to {}", min, max);
}

std::string quoted_choices(const std::vector<std::string_view>& names) {
  std::string listed;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const char* separator = i == 0 ? "" : i + 1 == names.size() ? " or " : ", ";
    listed += fmt::format("{}\"{}\"", separator, names[i]);
  }
  return listed;
}

std::string choices_as_code(const std::vector<std::string_view>& names) {
  std::string listed;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const char* separator = i == 0 ? "" : i + 1 == names.size() ? " or " : ", ";
    listed += fmt::format("{}{}", separator, shown_string(names[i]));
  }
  return listed;
}

}  // namespace handout::schema
