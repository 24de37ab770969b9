#include "content/front_matter.h"

#include <fmt/format.h>

#include <regex>

#include "util/toml_reader.h"
#include "util/toml_schema.h"

namespace handout {

namespace {

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "+++";
}

std::string reviewed_date(const TomlReader& reader, const toml::table& table) {
  const toml::node* node = table.get("reviewed");
  if (!node) throw HandoutError(reader.place_of(table), "missing key 'reviewed' (the date the article was reviewed)");
  if (const auto* date = node->as_date()) {
    const toml::date& d = date->get();
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  }
  // A quoted date is accepted too, since editors often write one.
  static const std::regex iso_date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  if (node->is_string() && std::regex_match(node->as_string()->get(), iso_date)) return node->as_string()->get();
  reader.fail(*node, "'reviewed' must be a date such as 2026-11-02");
}

// The words of `sections` or `exclude_sections` in a `[layout.NAME]` table, with their places.
schema::Key<LayoutChoice> choice_words(std::string name, std::vector<std::string> LayoutChoice::*values,
                                       std::vector<SourcePlace> LayoutChoice::*places, std::string meaning) {
  return {name, "array of strings", std::move(meaning),
          [name, values, places](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                                 LayoutChoice& choice) {
            auto read = reader.string_array(table, name, prefix);
            if (!read) return;
            const toml::array& array = *table.get(name)->as_array();
            for (std::size_t i = 0; i < read->size(); ++i) {
              if ((*read)[i].find_first_not_of(" \t") == std::string::npos)
                reader.fail(*array.get(i), fmt::format("'{}' has an empty word, which every heading contains",
                                                       dotted_key(prefix, name)));
              (choice.*values).push_back((*read)[i]);
              (choice.*places).push_back(reader.place_of(*array.get(i)));
            }
          }};
}

// `[layout.NAME]`: what the article asks of the layout named NAME (see LayoutChoice).
const std::vector<schema::Key<LayoutChoice>>& layout_choice_keys() {
  static const std::vector<schema::Key<LayoutChoice>> keys{
      choice_words("sections", &LayoutChoice::sections, &LayoutChoice::section_places,
                   "keep only the level-2 sections whose heading contains one of these words (case-insensitive)")
          .defaults("the layout's"),
      choice_words("exclude_sections", &LayoutChoice::exclude_sections, &LayoutChoice::exclude_places,
                   "leave out the level-2 sections whose heading contains one of these words")
          .defaults("none"),
      schema::Key<LayoutChoice>{
          "blocks", "array of strings", "kinds kept, as in `[select] blocks`",
          [](const TomlReader& reader, const toml::table& table, std::string_view prefix, LayoutChoice& choice) {
            auto names = reader.string_array(table, "blocks", prefix);
            if (!names) return;
            const toml::array& array = *table.get("blocks")->as_array();
            choice.blocks.emplace();
            for (std::size_t i = 0; i < names->size(); ++i) {
              auto kind = block_kind_named((*names)[i]);
              if (!kind)
                reader.fail(*array.get(i), fmt::format("'{}' has unknown kind \"{}\" (expected {})",
                                                       dotted_key(prefix, "blocks"), (*names)[i], block_kind_names));
              choice.blocks->push_back(*kind);
            }
          }}
          .defaults("the layout's")};
  return keys;
}

// The `layout` table: one table of choices per layout name.
schema::Table<DocumentMetadata> layout_choices() {
  schema::Table<DocumentMetadata> layouts = schema::free_table<DocumentMetadata>(
      "layout", "what the layout named NAME (`layouts/NAME.toml`) sets of this article; see below", "none");
  layouts.shown_name = "layout.NAME";
  layouts.read = [](const TomlReader& reader, const toml::table* table, DocumentMetadata& metadata,
                    std::string_view prefix) {
    if (!table) return;
    for (const auto& [name, node] : *table) {
      const std::string dotted = dotted_key(dotted_key(prefix, "layout"), name.str());
      if (!node.is_table())
        reader.fail(node, fmt::format("'{}' must be a table, such as [{}] with sections = [\"treatment\"]", dotted,
                                      dotted));
      LayoutChoice choice;
      choice.place = reader.place_of(node);
      schema::read_keys(reader, *node.as_table(), dotted, layout_choice_keys(), choice);
      metadata.layouts.emplace(std::string(name.str()), std::move(choice));
    }
  };
  layouts.rows = [](DocumentMetadata&) { return schema::rows_of(layout_choice_keys(), LayoutChoice{}); };
  return layouts;
}

schema::Schema<DocumentMetadata> declare_front_matter() {
  using M = DocumentMetadata;
  schema::Key<M> reviewed{"reviewed", "date", "the date the article was reviewed, a TOML date (`2026-11-20`) or the same as a string",
                          [](const TomlReader& reader, const toml::table& table, std::string_view, M& metadata) {
                            metadata.reviewed = reviewed_date(reader, table);
                          }};
  schema::Schema<M> declared;
  declared.keys = {
      schema::required_string("title", &M::title, "the document title (PDF metadata, running heads, title band)"),
      schema::required_string("language", &M::language,
                              "BCP 47 language of the text (`en`, `es-MX`, `zh`); guides shaping and line breaking, "
                              "and chooses the words of the page furniture, the date format, the fonts set first and "
                              "the direction (see [Languages](#languages))"),
      schema::required_string("organisation", &M::organisation, "who publishes the handout (PDF author, running heads)"),
      std::move(reviewed).defaults("required"),
      schema::string("source", &M::source, "where the article comes from; the clinician summary names it"),
      schema::string("audience", &M::audience, "who the article is for"),
      schema::strings("keywords", &M::keywords, "PDF keywords")};
  declared.tables.push_back(layout_choices());
  return declared;
}

const schema::Schema<DocumentMetadata>& front_matter_schema() {
  static const schema::Schema<DocumentMetadata> declared = declare_front_matter();
  return declared;
}

}  // namespace

ArticleParts split_article(std::string_view text, const std::string& path) {
  ArticleParts parts;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte order mark some editors add
  std::size_t first_end = text.find('\n');
  if (first_end == std::string_view::npos || !is_fence(text.substr(0, first_end)))
    throw HandoutError({path, 1, 1}, "an article must start with TOML front matter between '+++' lines");
  std::size_t position = first_end + 1;
  int line = 2;
  while (position <= text.size()) {
    std::size_t end = text.find('\n', position);
    std::string_view current = text.substr(position, end == std::string_view::npos ? text.npos : end - position);
    if (is_fence(current)) {
      parts.front_matter = text.substr(first_end + 1, position - first_end - 1);
      parts.front_matter_first_line = 2;
      parts.body = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      parts.body_first_line = line + 1;
      return parts;
    }
    if (end == std::string_view::npos) break;
    position = end + 1;
    ++line;
  }
  throw HandoutError({path, 1, 1}, "the front matter opened here is never closed by a '+++' line");
}

DocumentMetadata parse_front_matter(std::string_view toml_text, const std::string& path, int first_line) {
  TomlReader reader(path, first_line - 1);
  toml::table table = reader.parse(toml_text);
  DocumentMetadata metadata;
  front_matter_schema().read(reader, table, metadata);
  return metadata;
}

std::string front_matter_schema_markdown() { return schema::markdown(front_matter_schema(), DocumentMetadata{}); }

}  // namespace handout
