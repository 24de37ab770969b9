#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace handout {

// The UTF-8 text of an HTML entity ("&amp;", "&#8212;", "&#x2014;"), or nothing if unknown.
std::optional<std::string> decode_html_entity(std::string_view entity);

}  // namespace handout
