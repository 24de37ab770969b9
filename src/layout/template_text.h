#pragma once
// Running-head templates such as "Page {page} of {pages}".
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace handout {

using TemplateValues = std::map<std::string, std::string, std::less<>>;
// Where the project file sets each value, for messages about a value (a logo that is no image).
using ValuePlaces = std::map<std::string, SourcePlace, std::less<>>;

// The names a template may use; kept here so a layout can be checked before any page is set.
// Dotted names ({clinic.phone}) are a project variant's values, checked when a variant is set.
bool is_template_name(std::string_view name);
std::string template_names_list();

// Nothing when `text` is well formed and names only known values; else a message.
std::optional<std::string> check_template(std::string_view text);

// The first {name} in `text` that `values` has no value for, if any.
std::optional<std::string> missing_template_value(std::string_view text, const TemplateValues& values);

// The separators that divide a template into parts: " · ", " | ", " — ", " – ", " • ".
std::span<const std::string_view> template_separators();

// Replaces each {name} by its value; "{{" and "}}" stand for literal braces. A placeholder may
// list alternatives, the first with a value winning: {clinic.name|organisation}. A template's
// parts are divided by separators (" · ", " | ", " — ", " – ", " • "); a part that names a value
// that is absent or empty is left out with the separator before it (or after it, when first).
std::string expand_template(std::string_view text, const TemplateValues& values);

}  // namespace handout
