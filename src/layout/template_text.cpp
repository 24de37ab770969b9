#include "layout/template_text.h"

#include <fmt/format.h>

#include <span>
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

// The separators between the parts of a template ("{organisation} · Page {page}").
constexpr std::string_view separators[] = {" \u00B7 ", " | ", " \u2014 ", " \u2013 ", " \u2022 "};

std::span<const std::string_view> template_separators() { return separators; }

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

// The first of a placeholder's alternatives that has a value (with `non_empty`, a value that
// is not empty).
const std::string* lookup(std::string_view name, const TemplateValues& values, bool non_empty = false) {
  for (std::string_view alternative : alternatives(name)) {
    auto found = values.find(alternative);
    if (found != values.end() && !(non_empty && found->second.empty())) return &found->second;
  }
  return nullptr;
}


// The first separator in `text` at or after `from`: where it starts and its length.
std::pair<std::size_t, std::size_t> next_separator(std::string_view text, std::size_t from) {
  std::pair<std::size_t, std::size_t> best{std::string_view::npos, 0};
  for (std::string_view separator : separators) {
    std::size_t at = text.find(separator, from);
    if (at < best.first) best = {at, separator.size()};
  }
  return best;
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
  struct Part {
    std::string separator;  // the one before it
    std::string text;
    bool missing = false;  // it names a value that is absent or empty
  };
  std::vector<Part> parts(1);
  for (const Piece& piece : pieces) {
    if (piece.placeholder) {
      if (const std::string* value = lookup(piece.text, values, true))
        parts.back().text += *value;
      else
        parts.back().missing = true;
      continue;
    }
    std::string_view literal = piece.text;
    for (std::size_t from = 0;;) {
      auto [at, length] = next_separator(literal, from);
      parts.back().text += literal.substr(from, at == std::string_view::npos ? literal.npos : at - from);
      if (at == std::string_view::npos) break;
      parts.push_back({std::string(literal.substr(at, length)), {}, false});
      from = at + length;
    }
  }
  // A part without its value goes, and its separator with it: no "Source:  · reviewed …".
  std::string out;
  bool first = true;
  for (const Part& part : parts) {
    if (part.missing) continue;
    out += (first ? "" : part.separator) + part.text;
    first = false;
  }
  return out;
}

}  // namespace handout
