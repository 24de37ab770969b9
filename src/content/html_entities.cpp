#include "content/html_entities.h"

#include <glib.h>

#include <algorithm>
#include <charconv>

namespace handout {

namespace {

// Generated at build time from Python's html.entities.html5 (see CMakeLists.txt).
constexpr NamedEntity named_entities[] = {
#include "content/html_entity_table.inc"
};

void append_code_point(std::string& out, gunichar code) {
  char buffer[6];
  out.append(buffer, static_cast<std::size_t>(g_unichar_to_utf8(code, buffer)));
}

// CommonMark: `&#` + 1 to 7 decimal digits + `;`, or `&#x` + 1 to 6 hex digits + `;`. NUL and
// what is not a Unicode scalar value become U+FFFD.
std::optional<std::string> decode_numeric(std::string_view digits) {
  int base = 10;
  std::size_t most = 7;
  if (!digits.empty() && (digits.front() == 'x' || digits.front() == 'X')) {
    base = 16;
    most = 6;
    digits.remove_prefix(1);
  }
  if (digits.empty() || digits.size() > most) return std::nullopt;
  std::uint32_t code = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), code, base);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (code == 0 || !g_unichar_validate(code)) code = 0xFFFD;
  std::string out;
  append_code_point(out, code);
  return out;
}

}  // namespace

std::span<const NamedEntity> html_named_entities() { return named_entities; }

std::optional<std::string> decode_html_entity(std::string_view entity) {
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') return std::nullopt;
  std::string_view name = entity.substr(1, entity.size() - 2);
  if (name.starts_with('#')) return decode_numeric(name.substr(1));
  auto found = std::lower_bound(std::begin(named_entities), std::end(named_entities), name,
                                [](const NamedEntity& known, std::string_view wanted) { return known.name < wanted; });
  if (found == std::end(named_entities) || found->name != name) return std::nullopt;
  std::string out;
  append_code_point(out, found->first);
  if (found->second) append_code_point(out, found->second);
  return out;
}

}  // namespace handout
