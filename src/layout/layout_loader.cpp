#include "layout/layout_loader.h"

#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "layout/layout_schema.h"
#include "layout/locale_strings.h"
#include "util/text.h"
#include "util/toml_reader.h"

namespace handout {

namespace {

// Where the file sets each key, by dotted name, for checks made after loading (lints).
void record_key_places(const TomlReader& reader, const toml::table& table, const std::string& prefix,
                       std::map<std::string, SourcePlace>& places) {
  for (const auto& [key, node] : table) {
    std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    places[name] = reader.place_of(node);
    if (const toml::table* nested = node.as_table()) record_key_places(reader, *nested, name, places);
  }
}

void check_fits_page(const TomlReader& reader, const toml::table& root, const LayoutSpec& spec) {
  const PageSpec& page = spec.page;
  double text_width = page.width - page.margin_left - page.margin_right - (page.columns - 1) * page.column_gap;
  double text_height = page.height - page.margin_top - page.margin_bottom;
  if (text_width / page.columns < 72 || text_height < 144) {
    const toml::node* node = root.get("page");
    throw HandoutError(node ? reader.place_of(*node) : SourcePlace{reader.path()},
                       "the margins and columns leave too little room for text (a column needs at least "
                       "1 inch of width and the page 2 inches of height)");
  }
}

// A template may name only the strings the layout or the English table has ({text.KEY}).
void check_string_names(const TomlReader& reader, const toml::table& root, const LayoutSpec& spec) {
  const auto known = known_string_keys(spec.strings);
  for (const char* table_name : {"header", "footer", "title_band"}) {
    const toml::table* table = root.get(table_name) ? root.get(table_name)->as_table() : nullptr;
    if (!table) continue;
    for (const auto& [key, node] : *table) {
      const std::string* text = node.as_string() ? &node.as_string()->get() : nullptr;
      if (!text) continue;
      for (const std::string& name : string_keys_in(*text))
        if (!known.count(name))
          reader.fail(node, fmt::format("'{}': no string '{}' in locales/en.toml or the layout's [strings] (known: {})",
                                        dotted_key(table_name, key.str()), name, fmt::join(known, ", ")));
    }
  }
}

}  // namespace

LayoutSpec parse_layout(std::string_view toml_text, const std::string& path) {
  TomlReader reader(path);
  toml::table root = reader.parse(toml_text);
  LayoutSpec spec;
  layout_schema().read(reader, root, spec);
  check_string_names(reader, root, spec);
  record_key_places(reader, root, "", spec.key_places);
  check_fits_page(reader, root, spec);
  spec.path = path;
  spec.name = std::filesystem::path(path).stem().string();
  return spec;
}

LayoutSpec load_layout(const std::string& path) { return parse_layout(read_file(path), path); }

LayoutSpec with_text_scale(LayoutSpec spec, double scale) {
  spec.body.size *= scale;
  for (TextStyle& heading : spec.headings) heading.size *= scale;
  spec.caption.size *= scale;
  spec.key_points.size *= scale;
  spec.header.size *= scale;
  spec.footer.size *= scale;
  spec.header.image_height *= scale;
  spec.footer.image_height *= scale;
  spec.fit.min_size *= scale;
  spec.table.min_size *= scale;
  spec.fit.max_size *= scale;
  return spec;
}

std::string layout_schema_markdown() { return schema::markdown(layout_schema(), parse_layout("", "layout.toml")); }

}  // namespace handout
