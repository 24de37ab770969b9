#pragma once
// Reading a layout TOML file into a LayoutSpec. Every unknown key, wrong type and bad value is a
// HandoutError at the key's file, line and column.
#include <string>
#include <string_view>

#include "layout/layout_spec.h"

namespace handout {

LayoutSpec load_layout(const std::string& path);
LayoutSpec parse_layout(std::string_view toml_text, const std::string& path);

// The layout with every text size (and the fit bounds) multiplied by `scale`: large print.
// The README's table of layout keys, printed from the schema (layout_schema.h), with the
// defaults of an empty layout file.
std::string layout_schema_markdown();

LayoutSpec with_text_scale(LayoutSpec spec, double scale);

}  // namespace handout
