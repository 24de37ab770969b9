#pragma once
// `handout schema --markdown`: the README's key tables, printed from the schemas the loaders
// walk, each between the README's marker comments so that a block can replace its old one.
#include <string>
#include <string_view>
#include <vector>

namespace handout {

// "layout", "article" and "project".
const std::vector<std::string_view>& schema_names();

// The key table of one schema, without markers.
std::string schema_table(std::string_view name);

// The tables of `name` (every schema when empty), each between "<!-- schema:NAME begin -->"
// and "<!-- schema:NAME end -->" lines.
std::string schema_markdown(std::string_view name);

}  // namespace handout
