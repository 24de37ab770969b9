#include "content/html_entities.h"

#include <charconv>
#include <utility>

namespace handout {

namespace {

std::string utf8_from_code_point(char32_t code) {
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

// The named entities medical writing uses; others are kept as written, with a warning.
constexpr std::pair<std::string_view, char32_t> named_entities[] = {
    {"amp", U'&'},     {"lt", U'<'},       {"gt", U'>'},      {"quot", U'"'},    {"apos", U'\''},
    {"nbsp", 0xA0},    {"shy", 0xAD},      {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122},
    {"deg", 0xB0},     {"plusmn", 0xB1},   {"micro", 0xB5},   {"middot", 0xB7},  {"times", 0xD7},
    {"divide", 0xF7},  {"ndash", 0x2013},  {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D},  {"bull", 0x2022},  {"hellip", 0x2026}, {"le", 0x2264},
    {"ge", 0x2265},    {"ne", 0x2260},     {"rarr", 0x2192},  {"larr", 0x2190},  {"alpha", 0x3B1},
    {"beta", 0x3B2},   {"gamma", 0x3B3},   {"delta", 0x3B4},  {"mu", 0x3BC},     {"euro", 0x20AC},
    {"sup2", 0xB2},    {"sup3", 0xB3},     {"frac12", 0xBD},  {"frac14", 0xBC},  {"frac34", 0xBE},
};

}  // namespace

std::optional<std::string> decode_html_entity(std::string_view entity) {
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') return std::nullopt;
  std::string_view name = entity.substr(1, entity.size() - 2);
  if (name.starts_with('#')) {
    int base = 10;
    name.remove_prefix(1);
    if (!name.empty() && (name.front() == 'x' || name.front() == 'X')) {
      base = 16;
      name.remove_prefix(1);
    }
    unsigned long code = 0;
    auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), code, base);
    if (error != std::errc() || end != name.data() + name.size()) return std::nullopt;
    // CommonMark replaces NUL, surrogates and out-of-range code points with U+FFFD.
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
    return utf8_from_code_point(static_cast<char32_t>(code));
  }
  for (const auto& [known, code] : named_entities)
    if (known == name) return utf8_from_code_point(code);
  return std::nullopt;
}

}  // namespace handout
