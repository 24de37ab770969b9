#include "layout/template_text.h"

#include <fmt/format.h>

namespace handout {

namespace {
constexpr std::string_view known_names[] = {"title", "organisation", "source", "audience", "language",
                                            "reviewed", "reviewed_iso", "page", "pages"};
}

bool is_template_name(std::string_view name) {
  if (name.find('.') != std::string_view::npos) return name.front() != '.' && name.back() != '.';
  for (std::string_view known : known_names)
    if (known == name) return true;
  return false;
}

std::string template_names_list() {
  std::string out;
  for (std::string_view known : known_names) out += (out.empty() ? "{" : ", {") + std::string(known) + "}";
  return out + ", or a project variant's value such as {clinic.phone}";
}

std::optional<std::string> check_template(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
      ++i;
      continue;
    }
    if (text[i] == '}') return "unmatched '}' (write '}}' for a brace)";
    if (text[i] != '{') continue;
    std::size_t end = text.find('}', i);
    if (end == std::string_view::npos) return "unclosed '{' (write '{{' for a brace)";
    std::string_view name = text.substr(i + 1, end - i - 1);
    if (!is_template_name(name))
      return fmt::format("unknown placeholder '{{{}}}' (known: {})", name, template_names_list());
    i = end;
  }
  return std::nullopt;
}

std::optional<std::string> missing_template_value(std::string_view text, const TemplateValues& values) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
      ++i;
      continue;
    }
    if (text[i] != '{') continue;
    std::size_t end = text.find('}', i);
    if (end == std::string_view::npos) break;
    std::string_view name = text.substr(i + 1, end - i - 1);
    if (values.find(name) == values.end()) return std::string(name);
    i = end;
  }
  return std::nullopt;
}

std::string expand_template(std::string_view text, const TemplateValues& values) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
      out += text[i];
      ++i;
      continue;
    }
    if (text[i] == '{') {
      std::size_t end = text.find('}', i);
      if (end != std::string_view::npos) {
        auto found = values.find(text.substr(i + 1, end - i - 1));
        if (found != values.end()) out += found->second;
        i = end;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace handout
