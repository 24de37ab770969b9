#pragma once
// The layout file's schema, declared once: every table and key with its type, bounds, default
// and documentation, and the LayoutSpec field it fills. The loader walks it; the README's
// layout key table is printed from it.
#include "layout/layout_spec.h"
#include "util/toml_schema.h"

namespace handout {

const schema::Schema<LayoutSpec>& layout_schema();

}  // namespace handout
