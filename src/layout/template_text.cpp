#include "layout/template_text.h"

#include <fmt/format.h>

#include <vector>

namespace handout {

namespace {
constexpr std::string_view known_names[] = {"title", "organisation", "source", "audience", "language",
                                            "reviewed", "reviewed_iso", "page", "pages",
                                            // document facts: the article's readability
                                            "grade", "reading_ease", "smog", "readability"};
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

namespace {

struct Piece {
  bool placeholder = false;
  std::string text;  // literal text, or the placeholder's name ("clinic.name|organisation")
};

// Splits a template into literal text and placeholders; a message when it is malformed.
std::optional<std::string> split_template(std::string_view text, std::vector<Piece>& pieces) {
  std::string literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
      literal += text[i++];
      continue;
    }
    if (text[i] == '}') return "unmatched '}' (write '}}' for a brace)";
    if (text[i] != '{') {
      literal += text[i];
      continue;
    }
    std::size_t end = text.find('}', i);
    if (end == std::string_view::npos) return "unclosed '{' (write '{{' for a brace)";
    if (!literal.empty()) pieces.push_back({false, std::move(literal)});
    literal.clear();
    pieces.push_back({true, std::string(text.substr(i + 1, end - i - 1))});
    i = end;
  }
  if (!literal.empty()) pieces.push_back({false, std::move(literal)});
  return std::nullopt;
}

std::vector<std::string_view> alternatives(std::string_view name) {
  std::vector<std::string_view> names;
  for (std::size_t start = 0;;) {
    std::size_t bar = name.find('|', start);
    names.push_back(name.substr(start, bar == std::string_view::npos ? name.npos : bar - start));
    if (bar == std::string_view::npos) return names;
    start = bar + 1;
  }
}

// The first of a placeholder's alternatives that has a value.
const std::string* lookup(std::string_view name, const TemplateValues& values) {
  for (std::string_view alternative : alternatives(name)) {
    auto found = values.find(alternative);
    if (found != values.end()) return &found->second;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> check_template(std::string_view text) {
  std::vector<Piece> pieces;
  if (auto problem = split_template(text, pieces)) return problem;
  for (const Piece& piece : pieces) {
    if (!piece.placeholder) continue;
    for (std::string_view name : alternatives(piece.text))
      if (!is_template_name(name))
        return fmt::format("unknown placeholder '{{{}}}' (known: {})", name, template_names_list());
  }
  return std::nullopt;
}

std::optional<std::string> missing_template_value(std::string_view text, const TemplateValues& values) {
  std::vector<Piece> pieces;
  split_template(text, pieces);
  for (const Piece& piece : pieces)
    if (piece.placeholder && !lookup(piece.text, values)) return piece.text;
  return std::nullopt;
}

std::string expand_template(std::string_view text, const TemplateValues& values) {
  std::vector<Piece> pieces;
  split_template(text, pieces);
  std::string out;
  for (const Piece& piece : pieces) {
    if (!piece.placeholder) {
      out += piece.text;
    } else if (const std::string* value = lookup(piece.text, values)) {
      out += *value;
    }
  }
  return out;
}

}  // namespace handout
