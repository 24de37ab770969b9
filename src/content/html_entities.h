#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace handout {

// The UTF-8 text of an HTML entity or numeric character reference ("&amp;", "&ngE;",
// "&#8212;", "&#x2014;") as CommonMark reads it, or nothing when the name is not an HTML5
// entity or the reference is malformed.
std::optional<std::string> decode_html_entity(std::string_view entity);

// One HTML5 named character reference: its name without '&' and ';', and one or two code
// points (the second is 0 when there is one).
struct NamedEntity {
  std::string_view name;
  char32_t first = 0, second = 0;
};

// Every HTML5 named reference, sorted by name.
std::span<const NamedEntity> html_named_entities();

}  // namespace handout
