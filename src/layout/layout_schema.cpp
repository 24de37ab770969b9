#include "layout/layout_schema.h"

#include <fmt/format.h>

#include <glib.h>

#include <algorithm>
#include <cmath>

#include "image/image_format.h"
#include "layout/locale_strings.h"
#include "layout/template_text.h"
#include "util/length.h"
#include "util/link_target.h"
#include "util/text.h"

namespace handout {

namespace {

using schema::Key;

// The largest lengths a layout may give, in points: generous for any real page, small enough
// that no sum of them can overflow (the margins and columns are then checked against the page).
constexpr double max_margin = 200 * points_per_mm;
constexpr double max_column_gap = 100 * points_per_mm;
constexpr double max_border_width = 36;
constexpr double max_image_height = 100 * points_per_mm;
constexpr double max_band_padding = 72;
constexpr double max_band_space = 144;
constexpr std::size_t max_bullets = 9;

// Grades are Flesch–Kincaid school grades; 0 to 30 covers every text the formula can score
// sensibly (a legal contract scores about 20).
constexpr double max_grade = 30;

std::optional<Rgb> parse_colour(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  int channels[3];
  for (int i = 0; i < 3; ++i) {
    int value = 0;
    for (char c : text.substr(1 + 2 * i, 2)) {
      int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : (c >= 'a' && c <= 'f')                   ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F')                   ? c - 'A' + 10
                                                             : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + digit;
    }
    channels[i] = value;
  }
  return Rgb{channels[0] / 255.0, channels[1] / 255.0, channels[2] / 255.0};
}

Rgb read_colour(const TomlReader& reader, const toml::table& table, std::string_view key, std::string_view prefix) {
  auto parsed = parse_colour(*reader.string(table, key, prefix));
  if (!parsed)
    reader.fail(*table.get(key), fmt::format("'{}' must be a colour such as \"#1f4e79\"", dotted_key(prefix, key)));
  return *parsed;
}

std::string shown_colour(const Rgb& colour) {
  auto channel = [](double value) { return static_cast<int>(std::lround(value * 255)); };
  return fmt::format("`\"#{:02x}{:02x}{:02x}\"`", channel(colour.red), channel(colour.green), channel(colour.blue));
}

template <class T>
Key<T> colour(std::string name, Rgb T::*member, std::string meaning) {
  return {name, "colour `\"#rrggbb\"`", std::move(meaning),
          [name, member](const TomlReader& reader, const toml::table& table, std::string_view prefix, T& target) {
            if (table.get(name)) target.*member = read_colour(reader, table, name, prefix);
          },
          [member](const T& target) { return shown_colour(target.*member); }};
}

template <class T>
Key<T> colour(std::string name, std::optional<Rgb> T::*member, std::string meaning) {
  return {name, "colour `\"#rrggbb\"`", std::move(meaning),
          [name, member](const TomlReader& reader, const toml::table& table, std::string_view prefix, T& target) {
            if (table.get(name)) target.*member = read_colour(reader, table, name, prefix);
          },
          [member](const T& target) { return target.*member ? shown_colour(*(target.*member)) : "none"; }};
}

// A template of running text (see template_text.h), checked when the layout is read.
template <class T>
Key<T> template_text(std::string name, std::string T::*member, std::string meaning) {
  Key<T> key = schema::string(name, member, std::move(meaning));
  key.type = "template";
  key.read = [name, member](const TomlReader& reader, const toml::table& table, std::string_view prefix, T& target) {
    auto text = reader.string(table, name, prefix);
    if (!text) return;
    if (auto problem = check_template(*text))
      reader.fail(*table.get(name), fmt::format("'{}': {}", dotted_key(prefix, name), *problem));
    target.*member = *text;
  };
  return key;
}

Key<LayoutSpec> font(std::string name, FontChoice LayoutSpec::*member, std::string family, std::string meaning) {
  return {name, "font family", std::move(meaning),
          [name, member, family](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                                 LayoutSpec& spec) {
            FontChoice choice{family, {reader.path()}};
            if (auto given = reader.string(table, name, prefix)) {
              choice.family = *given;
              choice.place = reader.place_of(*table.get(name));
            }
            spec.*member = choice;
          },
          [member](const LayoutSpec& spec) { return schema::shown_string((spec.*member).family); }};
}

Key<PageSpec> page_size() {
  return {"size", "`\"A4\"` or `\"Letter\"` (any case)", "the paper size",
          [](const TomlReader& reader, const toml::table& table, std::string_view prefix, PageSpec& page) {
            auto size = reader.string(table, "size", prefix);
            if (!size) return;
            if (lowercase_ascii(*size) == "a4") {
              page.size_name = "A4";
              page.width = 595.276;
              page.height = 841.89;
            } else if (lowercase_ascii(*size) == "letter") {
              page.size_name = "Letter";
              page.width = 612;
              page.height = 792;
            } else {
              reader.fail(*table.get("size"),
                          fmt::format("'{}' is \"{}\"; expected \"A4\" or \"Letter\"", dotted_key(prefix, "size"), *size));
            }
          },
          [](const PageSpec& page) { return schema::shown_string(page.size_name); }};
}

std::vector<Key<TextStyle>> text_style_keys(bool is_body) {
  std::vector<Key<TextStyle>> keys{
      schema::number("size", &TextStyle::size, 4, 96, "points", "type size; a fitted layout scales every size with the body's"),
      schema::number("leading", &TextStyle::leading, 0.8, 3, "", "line pitch as a multiple of the size")};
  if (!is_body)
    keys.push_back(schema::number("space_before", &TextStyle::space_before, 0, 10, "em",
                                  "space above; dropped at the top of a column"));
  keys.push_back(schema::number("space_after", &TextStyle::space_after, 0, 10, "em",
                                is_body ? "space between paragraphs" : "space below"));
  keys.push_back(colour("colour", &TextStyle::colour, "text colour"));
  if (!is_body) {
    keys.push_back(schema::boolean("bold", &TextStyle::bold, "bold type"));
    keys.push_back(schema::boolean("italic", &TextStyle::italic, "italic type"));
  }
  return keys;
}

std::vector<Key<BoxStyle>> box_keys() {
  return {colour("background", &BoxStyle::background, "fill colour"),
          colour("border", &BoxStyle::border, "colour of a bar on the box's left edge"),
          schema::length("border_width", &BoxStyle::border_width, max_border_width, "width of the bar"),
          schema::number("padding", &BoxStyle::padding, 0, 5, "em", "space between the box's edge and its text")};
}

std::vector<Key<LayoutSpec>> link_keys() {
  Key<LayoutSpec> schemes =
      schema::strings("schemes", &LayoutSpec::link_schemes,
                      "the URI schemes links may have (lower case); `javascript`, `vbscript`, `file`, `data`, `launch`, "
                      "`smb` and other schemes that run code or open local files are refused here");
  schemes.read = [](const TomlReader& reader, const toml::table& table, std::string_view prefix, LayoutSpec& spec) {
    auto given = reader.string_array(table, "schemes", prefix);
    if (!given) return;
    const toml::array& array = *table.get("schemes")->as_array();
    spec.link_schemes.clear();
    for (std::size_t i = 0; i < given->size(); ++i) {
      const std::string& scheme = (*given)[i];
      if (auto problem = allowed_scheme_problem(scheme)) reader.fail(*array.get(i), fmt::format("'{}' {}", dotted_key(prefix, "schemes"), *problem));
      spec.link_schemes.push_back(scheme);
    }
    spec.link_schemes_place = reader.place_of(*table.get("schemes"));
  };
  return {colour("colour", &LayoutSpec::link_colour, "link text colour (links are also underlined)"),
          std::move(schemes)};
}

const char* const template_names =
    "one line each, never over each other: a slot too long for the room beside the others is divided at a separator "
    "of its template onto two lines (away from the text, when the margin has room), else cut short with \"…\" and a "
    "warning naming it (`header.left`); the full title stays in the PDF's metadata. Templates: `{title}`, "
    "`{organisation}`, `{source}`, `{audience}`, `{language}`, `{reviewed}` (the article's date in its language, "
    "by ICU: \"November 20, 2026\", \"20 de noviembre de 2026\"), `{text.KEY}` (a [string](#languages) in the "
    "article's language: `{text.page_of_pages}`), `{reviewed_iso}`, `{page}`, `{pages}`, and the project's values (`{clinic.phone}`); `{{` and `}}` for braces; a "
    "part between separators (` · `, ` | `, ` — `, ` – `, ` • `) that names an absent or empty value is left out with "
    "its separator (an article without `source` gives \"reviewed …\", not \"Source:  · reviewed …\"). Document "
    "facts, of the whole article's text for patients (not the layout's selection, nor blocks marked for clinicians, "
    "so a summary tells how hard the patient version reads): `{readability}` (\"grade level 12.6 (FK)\", \"INFLESZ "
    "58.3 (normal)\"; empty for a language without a formula), and for English `{grade}` (Flesch–Kincaid, "
    "\"12.6\"), `{reading_ease}` (\"33\"), `{smog}` (\"14.0\")";

std::vector<Key<RunningText>> running_text_keys() {
  Key<RunningText> image_height =
      schema::length("image_height", &RunningText::image_height, max_image_height, "height of the image");
  image_height.read = [](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                         RunningText& running) {
    running.image_height = reader.length(table, "image_height", prefix, max_image_height).value_or(running.size * 2);
  };
  return {template_text("left", &RunningText::left, template_names),
          template_text("centre", &RunningText::centre, "template, as `left`"),
          template_text("right", &RunningText::right, "template, as `left`"),
          schema::number("size", &RunningText::size, 4, 24, "points", "type size, not scaled by the fit search"),
          colour("colour", &RunningText::colour, "text colour"),
          schema::boolean("rule", &RunningText::rule, "a hairline between the running head and the text"),
          template_text("image", &RunningText::image,
                        "template of a PNG or JPEG path set at the left end, e.g. `\"{clinic.logo}\"`; left out when "
                        "the build has no such value"),
          std::move(image_height).defaults("2 × `size`")};
}

Key<Selection> selected_blocks() {
  Key<Selection> key{
      "blocks", "array of `\"heading\"`, `\"paragraph\"`, `\"list\"`, `\"callout\"`, `\"figure\"`, `\"table\"`, "
                "`\"code\"` or `\"rule\"`",
      "the kinds of block kept; a heading is left out with its section when these rules left out everything in that "
      "section; a heading whose section is empty in the article itself (an article of headings only, say) is always set",
      [](const TomlReader& reader, const toml::table& table, std::string_view prefix, Selection& select) {
        auto names = reader.string_array(table, "blocks", prefix);
        if (!names) {
          for (const char* name : {"heading", "paragraph", "list", "callout", "figure", "table", "code", "rule"})
            select.blocks.push_back(*block_kind_named(name));
          return;
        }
        const toml::array& array = *table.get("blocks")->as_array();
        for (std::size_t i = 0; i < names->size(); ++i) {
          auto kind = block_kind_named((*names)[i]);
          if (!kind)
            reader.fail(*array.get(i), fmt::format("'{}' has unknown kind \"{}\" (expected {})",
                                                   dotted_key(prefix, "blocks"), (*names)[i], block_kind_names));
          select.blocks.push_back(*kind);
        }
      }};
  return std::move(key).defaults("all kinds");
}

std::vector<Key<OutputSpec>> output_keys() {
  Key<OutputSpec> profile{
      "profile", "`\"print\"`, `\"email\"`, `\"archive\"`, `\"archive-accessible\"` or `\"preview\"`",
      "the output profile (see [Output profiles](#output-profiles)); `--profile` overrides it",
      [](const TomlReader& reader, const toml::table& table, std::string_view prefix, OutputSpec& output) {
        auto name = reader.string(table, "profile", prefix);
        if (!name) return;
        auto given = profile_from_name(*name);
        if (!given)
          reader.fail(*table.get("profile"), fmt::format("'{}' is \"{}\"; expected {}", dotted_key(prefix, "profile"), *name, profile_names));
        output.profile = *given;
      },
      [](const OutputSpec& output) { return schema::shown_string(profile_name(output.profile)); }};
  Key<OutputSpec> icc = schema::string(
      "icc_profile", &OutputSpec::icc_profile,
      "the sRGB profile of the output intent of the `archive` and `archive-accessible` profiles; it must be an ICC profile (its header's size matching "
      "the file, the `acsp` signature, a tag table that fits) for `RGB` colour of the monitor (`mntr`) or output "
      "(`prtr`) class, of ICC version 4 or below, inside the allowed folders; anything else is an error at this key");
  icc.type = "path";
  icc.read = [](const TomlReader& reader, const toml::table& table, std::string_view prefix, OutputSpec& output) {
    output.icc_place = {reader.path()};
    if (auto path = reader.string(table, "icc_profile", prefix)) {
      output.icc_profile = *path;
      output.icc_place = reader.place_of(*table.get("icc_profile"));
    }
  };
  const double most_megapixels = double(most_image_pixels) / 1e6;
  Key<OutputSpec> megapixels{
      "max_image_megapixels", fmt::format("number, 0.01 to {}", most_megapixels),
      "the most pixels an image may have, in millions: decoding takes 4 bytes a pixel",
      [most_megapixels](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                        OutputSpec& output) {
        if (auto value = reader.number(table, "max_image_megapixels", prefix, 0.01, most_megapixels))
          output.max_image_pixels = *value * 1e6;
      },
      [](const OutputSpec& output) { return fmt::format("`{}`", schema::shown_number(output.max_image_pixels / 1e6)); }};
  return {std::move(profile),
          schema::number("preview_dpi", &OutputSpec::preview_dpi, 10, 1200, "dots per inch",
                         "resolution of preview PNGs; `--dpi` overrides it"),
          std::move(icc), std::move(megapixels)};
}

std::vector<Key<GlossarySpec>> glossary_keys() {
  std::vector<Key<GlossarySpec>> keys;
  for (Key<GlossarySpec>& key : schema::within(&GlossarySpec::box, box_keys()))
    keys.push_back(std::move(key).defaults("the `[callout]`'s"));
  keys.push_back(schema::boolean("enabled", &GlossarySpec::enabled, "`false` turns a present table off").defaults("`true`"));
  keys.push_back(schema::choice("where", &GlossarySpec::where,
                                {{"end", GlossarySpec::Where::end},
                                 {"after_first_section", GlossarySpec::Where::after_first_section}},
                                "where the box goes: after the text, or before the second level-2 heading"));
  keys.push_back(schema::choice("order", &GlossarySpec::order,
                                {{"first_use", GlossarySpec::Order::first_use},
                                 {"alphabetical", GlossarySpec::Order::alphabetical}},
                                "the order of the terms in the box"));
  keys.push_back(schema::boolean("mark_bold", &GlossarySpec::mark_bold, "the first use of each term is set in bold"));
  keys.push_back(colour("mark_colour", &GlossarySpec::mark_colour, "the first use of each term is set in this colour"));
  Key<GlossarySpec> title = schema::string("title", &GlossarySpec::title, "the box's heading");
  title.read = [](const TomlReader& reader, const toml::table& table, std::string_view prefix, GlossarySpec& glossary) {
    auto given = reader.string(table, "title", prefix);
    if (!given) return;
    if (trim(*given).empty()) reader.fail(*table.get("title"), fmt::format("'{}' must not be empty", dotted_key(prefix, "title")));
    glossary.title = *given;
  };
  keys.push_back(std::move(title));
  return keys;
}

// The place of a table in the file, or the file when the table is absent.
SourcePlace table_place(const TomlReader& reader, const toml::table* table) {
  return table ? reader.place_of(*table) : SourcePlace{reader.path()};
}

// Levels 4 to 6 are set at the body's size, told apart from level 3 (larger) and from each
// other by weight and slant: h4 bold, h5 bold italic, h6 italic. Each keeps level 3's colour.
void derive_deep_headings(LayoutSpec& spec) {
  const TextStyle& h3 = spec.headings[2];
  TextStyle h4 = h3;
  h4.size = spec.body.size;
  h4.leading = spec.body.leading;
  h4.bold = true;
  h4.italic = false;
  h4.space_before = h3.space_before * 0.85;
  h4.space_after = std::min(h3.space_after, 0.25);
  TextStyle h5 = h4;
  h5.italic = true;
  h5.space_before = h4.space_before * 0.85;
  TextStyle h6 = h5;
  h6.bold = false;
  spec.headings[3] = h4;
  spec.headings[4] = h5;
  spec.headings[5] = h6;
}

// A bullet is a short visible mark: from 1 to 3 characters, not only spaces.
void check_bullet(const TomlReader& reader, const std::string& bullet, const toml::node& node, std::string_view key) {
  glong characters = g_utf8_strlen(bullet.c_str(), static_cast<gssize>(bullet.size()));
  bool blank = bullet.find_first_not_of(" \t") == std::string::npos;
  if (characters < 1 || characters > 3 || blank)
    reader.fail(node, fmt::format("'{}' has the bullet \"{}\"; a bullet is 1 to 3 characters and not blank", key,
                                  bullet));
}

std::vector<Key<LayoutSpec>> list_keys() {
  Key<LayoutSpec> bullets = schema::strings(
      "bullets", &LayoutSpec::bullets,
      "the label of unordered items by list depth (a list inside any list is one deeper), repeated from the first "
      "when deeper: 1 to 9 bullets of 1 to 3 characters, not blank");
  bullets.read = [](const TomlReader& reader, const toml::table& table, std::string_view prefix, LayoutSpec& spec) {
    auto given = reader.string_array(table, "bullets", prefix);
    if (!given) return;
    const std::string key = dotted_key(prefix, "bullets");
    if (given->empty() || given->size() > max_bullets)
      reader.fail(*table.get("bullets"),
                  fmt::format("'{}' has {} entries; give 1 to {} (one per list depth, repeated when deeper)", key,
                              given->size(), max_bullets));
    for (const std::string& bullet : *given) check_bullet(reader, bullet, *table.get("bullets"), key);
    spec.bullets = *given;
  };
  // `bullet`, the older key, is the outermost level's bullet; the deeper levels keep theirs.
  Key<LayoutSpec> bullet{
      "bullet", "string", "older single key: the outermost level's bullet (an error together with `bullets`)",
      [](const TomlReader& reader, const toml::table& table, std::string_view prefix, LayoutSpec& spec) {
        auto given = reader.string(table, "bullet", prefix);
        if (!given) return;
        check_bullet(reader, *given, *table.get("bullet"), dotted_key(prefix, "bullet"));
        spec.bullets.front() = *given;
      }};
  return {schema::number("indent", &LayoutSpec::list_indent, 0.5, 10, "em", "the hanging indent of each level"),
          schema::number("item_space", &LayoutSpec::list_item_space, 0, 5, "em", "space between items"),
          std::move(bullets), std::move(bullet)};
}

std::vector<Key<KeyPointsStyle>> key_points_keys() {
  std::vector<Key<KeyPointsStyle>> keys{
      schema::number("size", &KeyPointsStyle::size, 4, 96, "points",
                     "points at scale 1; the fit search scales it with the body")
          .defaults("`body.size`"),
      schema::boolean("bold", &KeyPointsStyle::bold, "the box's text in bold"),
      schema::string("title", &KeyPointsStyle::title, "a first line in bold; `\"\"` for none")};
  for (Key<KeyPointsStyle>& key : schema::within(&KeyPointsStyle::box, box_keys()))
    keys.push_back(std::move(key).defaults("the `[callout]`'s"));
  return keys;
}

// Who the layout is for; `"patient"` also applies the patient-material lints.
Key<LayoutSpec> audience_key() {
  Key<Selection> choice = schema::choice(
      "audience", &Selection::audience,
      {{"clinician", Audience::clinician}, {"patient", Audience::patient}, {"everyone", Audience::everyone}},
      "who the layout is for: `\"clinician\"`, `\"patient\"` or `\"everyone\"`; it sets the article's blocks for "
      "everyone and those marked for its audience (see [Articles](#articles)); `\"patient\"` also applies the "
      "patient-material lints");
  Key<LayoutSpec> key = std::move(schema::within(&LayoutSpec::select, {choice}).front());
  key.read = [read = key.read](const TomlReader& reader, const toml::table& table, std::string_view prefix,
                               LayoutSpec& spec) {
    const toml::node* node = table.get("audience");
    if (!node) return;
    read(reader, table, prefix, spec);
    // [lint] audience, read later, must agree; its own bad values are its own errors.
    const toml::table* lint = table.get("lint") ? table.get("lint")->as_table() : nullptr;
    const toml::node* said = lint ? lint->get("audience") : nullptr;
    const std::string lint_audience = said ? said->value_or(std::string()) : std::string();
    const std::string audience = node->value_or(std::string());
    if ((lint_audience == "patient" || lint_audience == "clinician") && lint_audience != audience)
      reader.fail(*node, fmt::format("'{}' is \"{}\" but '{}' says \"{}\"", dotted_key(prefix, "audience"), audience,
                                     dotted_key(prefix, "lint.audience"), lint_audience));
    spec.lint.patient = spec.select.audience == Audience::patient;
  };
  return key;
}

schema::Schema<LayoutSpec> declare_layout() {
  using schema::Hooks;
  using L = LayoutSpec;
  schema::Schema<L> declared;
  declared.keys = {schema::string("description", &L::description, "what the layout is for; the PDF's subject"),
                   audience_key()};
  auto& tables = declared.tables;

  tables.push_back(schema::table<L>(
      "page", "the paper and the type area", [](L& spec) -> PageSpec& { return spec.page; },
      std::vector<Key<PageSpec>>{
          page_size(),
          schema::length("margin_top", &PageSpec::margin_top, max_margin, "the header sits in the top margin"),
          schema::length("margin_bottom", &PageSpec::margin_bottom, max_margin, "the footer sits in the bottom margin"),
          schema::length("margin_left", &PageSpec::margin_left, max_margin, ""),
          schema::length("margin_right", &PageSpec::margin_right, max_margin, ""),
          schema::integer("columns", &PageSpec::columns, 1, 4, "text columns"),
          schema::length("column_gap", &PageSpec::column_gap, max_column_gap, "space between columns"),
          schema::boolean("balance_columns", &PageSpec::balance_columns,
                          "shorten the last page's columns so they end level")}));

  tables.push_back(schema::table<L>(
      "fonts", "each must be a family in `fonts/`, or the build stops with an error", [](L& spec) -> L& { return spec; },
      std::vector<Key<L>>{font("body", &L::body_font, "Atkinson Hyperlegible", "body text, lists, tables, running heads"),
                          font("heading", &L::heading_font, "Atkinson Hyperlegible", "headings and the title band"),
                          font("code", &L::code_font, "Noto Sans Mono", "code spans and code blocks")}));

  std::vector<Key<L>> body = schema::within(&L::body, text_style_keys(true));
  body.push_back(schema::choice("align", &L::align, {{"left", Alignment::left}, {"justify", Alignment::justify}},
                                "ragged right, or justified"));
  body.push_back(schema::boolean(
      "hyphenate", &L::hyphenate,
      "`true` breaks words at the hyphenation points of the article's language (libhyphen with Debian's `hyphen-*` "
      "patterns: en, es, fr, de, pt installed by `scripts/install-deps.sh`), a hyphen shown only where a line breaks; "
      "never in headings, links, URLs, e-mail addresses, code, words with digits or all-capital abbreviations. A "
      "language without patterns is a warning at this key. Off by default, as patient-education guidance asks"));
  Hooks<L> heading_defaults;
  heading_defaults.after = [](const TomlReader&, const toml::table*, L& spec, std::string_view) {
    spec.headings[0] = TextStyle{24, 1.15, 0, 0.5, spec.body.colour, true, false};
    spec.headings[1] = TextStyle{17, 1.2, 1.1, 0.35, spec.body.colour, true, false};
    spec.headings[2] = TextStyle{14, 1.2, 0.9, 0.25, spec.body.colour, true, false};
    spec.caption = TextStyle{spec.body.size * 0.85, spec.body.leading, 0.6, 0.6, spec.body.colour, false, true};
  };
  tables.push_back(schema::table<L>("body", "the text of paragraphs, lists and tables", [](L& spec) -> L& { return spec; },
                                    body, heading_defaults));

  const std::string headings = "heading styles; their colours default to the body's";
  for (int level = 1; level <= 3; ++level) {
    Hooks<L> hooks;
    if (level == 3)
      hooks.after = [](const TomlReader&, const toml::table*, L& spec, std::string_view) { derive_deep_headings(spec); };
    tables.push_back(schema::table<L>(
        fmt::format("h{}", level), headings, [level](L& spec) -> TextStyle& { return spec.headings[level - 1]; },
        text_style_keys(false), hooks, "", "h1-h3"));
  }
  for (int level = 4; level <= 6; ++level)
    tables.push_back(schema::table<L>(
        fmt::format("h{}", level),
        "deep headings, by default from `[h3]` and the body (shown here for the default body): at the body's size in "
        "`h3`'s colour, told apart by weight and slant: `h4` bold, `h5` bold italic, `h6` italic",
        [level](L& spec) -> TextStyle& { return spec.headings[level - 1]; }, text_style_keys(false), {}, "", "h4-h6"));

  std::vector<Key<TextStyle>> caption = text_style_keys(false);
  caption[0] = std::move(caption[0]).defaults("0.85 × `[body]` `size`");
  tables.push_back(schema::table<L>("caption", "the style of figure captions and notes",
                                    [](L& spec) -> TextStyle& { return spec.caption; }, caption));

  Hooks<L> list;
  list.before = [](const TomlReader& reader, const toml::table* table, L&, std::string_view name) {
    if (table && table->contains("bullet") && table->contains("bullets"))
      reader.fail(*table->get("bullet"),
                  fmt::format("'{0}.bullet' and '{0}.bullets' both given: keep 'bullets' alone", name));
  };
  tables.push_back(schema::table<L>("list", "ordered and unordered lists", [](L& spec) -> L& { return spec; },
                                    list_keys(), list));

  tables.push_back(schema::table<L>("callout", "the box of block quotes",
                                    [](L& spec) -> BoxStyle& { return spec.callout; }, box_keys()));
  Hooks<L> key_points;
  key_points.only_when_present = true;
  key_points.before = [](const TomlReader&, const toml::table*, L& spec, std::string_view) {
    spec.key_points.box = spec.callout;
  };
  tables.push_back(schema::table<L>("key_points", "the article's `[!KEY-POINTS]` box, set first by a clinician layout",
                                    [](L& spec) -> KeyPointsStyle& { return spec.key_points; }, key_points_keys(),
                                    key_points, "the `[callout]`'s box"));
  std::vector<Key<L>> figure = schema::within(&L::figure_note, box_keys());
  figure.push_back(schema::string("label", &L::figure_label, "the word before a caption set as a note"));
  tables.push_back(schema::table<L>("figure", "the box of image-less figures (a caption set as a note)",
                                    [](L& spec) -> L& { return spec; }, figure));

  std::vector<Key<L>> table_keys{colour("header_background", &L::table_header_background, "the header row's fill"),
                                 colour("rule_colour", &L::rule_colour, "rules under rows and `---` rules")};
  for (Key<L>& key : schema::within(
           &L::table,
           std::vector<Key<TableSpec>>{
               schema::number("min_size", &TableSpec::min_size, 4, 96, "points",
                              "a table too wide for its column even at its narrowest column widths is set smaller, "
                              "down to this (never above the body size); only then are words in its cells broken, "
                              "with a warning"),
               schema::choice("numbers", &TableSpec::numbers_right, {{"left", false}, {"right", true}},
                              "`\"right\"` aligns right a column whose body cells are all numbers (\"12\", "
                              "\"5–10 mg\", \"40%\"), unless the Markdown aligns it")}))
    table_keys.push_back(std::move(key));
  tables.push_back(schema::table<L>("table", "tables and rules", [](L& spec) -> L& { return spec; }, table_keys));
  tables.push_back(schema::table<L>("links", "links in the text", [](L& spec) -> L& { return spec; }, link_keys()));

  for (const char* name : {"header", "footer"}) {
    const bool is_header = std::string_view(name) == "header";
    Hooks<L> hooks;
    hooks.before = [is_header](const TomlReader& reader, const toml::table* table, L& spec, std::string_view) {
      (is_header ? spec.header : spec.footer).place = table_place(reader, table);
    };
    tables.push_back(schema::table<L>(
        name, "running heads on every page",
        [is_header](L& spec) -> RunningText& { return is_header ? spec.header : spec.footer; }, running_text_keys(),
        hooks, "empty", "running"));
  }

  Hooks<L> band;
  band.only_when_present = true;
  band.before = [](const TomlReader& reader, const toml::table* table, L& spec, std::string_view) {
    if (!table) return;
    spec.title_band.enabled = true;
    spec.title_band.place = reader.place_of(*table);
  };
  tables.push_back(schema::table<L>(
      "title_band", "a shaded band across the top of the first page", [](L& spec) -> TitleBand& { return spec.title_band; },
      std::vector<Key<TitleBand>>{
          template_text("title", &TitleBand::title, "template, as in `[header]`"),
          template_text("subtitle", &TitleBand::subtitle, "template, as in `[header]`"),
          schema::number("title_size", &TitleBand::title_size, 4, 72, "points", "type size of the title"),
          schema::number("subtitle_size", &TitleBand::subtitle_size, 4, 72, "points", "type size of the subtitle"),
          colour("background", &TitleBand::background, "the band's fill"),
          colour("colour", &TitleBand::colour, "text colour"),
          schema::length("padding", &TitleBand::padding, max_band_padding, "space around the text"),
          schema::length("space_after", &TitleBand::space_after, max_band_space, "space below the band")},
      band, "absent: no band"));

  tables.push_back(schema::table<L>(
      "select", "which parts of the article the layout sets; an article narrows it with its own [`[layout.NAME]`](#articles) table",
      [](L& spec) -> Selection& { return spec.select; },
      std::vector<Key<Selection>>{
          schema::strings("sections", &Selection::sections,
                          "keep only level-2 sections whose heading contains one of these words (case-insensitive); "
                          "a word that matches nothing is a warning")
              .defaults("all"),
          schema::strings("exclude_sections", &Selection::exclude_sections,
                          "leave out level-2 sections whose heading contains one of these words")
              .defaults("none"),
          selected_blocks(),
          schema::boolean("drop_title", &Selection::drop_title,
                          "leave out the article's level-1 heading (when a title band shows it)")},
      {}, "keep everything"));

  Hooks<L> fit;
  fit.only_when_present = true;
  fit.before = [](const TomlReader& reader, const toml::table* table, L& spec, std::string_view) {
    if (!table) return;
    spec.fit.enabled = true;
    spec.fit.place = reader.place_of(*table);
  };
  fit.after = [](const TomlReader& reader, const toml::table* table, L& spec, std::string_view name) {
    if (!table) return;
    FitRule& rule = spec.fit;
    if (!table->get("max_size")) rule.max_size = std::max(rule.min_size, spec.body.size);
    if (rule.min_size > rule.max_size)
      reader.fail(table->get("min_size") ? *table->get("min_size") : static_cast<const toml::node&>(*table),
                  fmt::format("'{0}.min_size' ({1}) is larger than '{0}.max_size' ({2})", name, rule.min_size, rule.max_size));
  };
  tables.push_back(schema::table<L>(
      "fit", "fit everything selected on a number of pages", [](L& spec) -> FitRule& { return spec.fit; },
      std::vector<Key<FitRule>>{
          schema::integer("pages", &FitRule::pages, 1, 1, "pages to fit on"),
          schema::number("min_size", &FitRule::min_size, 4, 96, "points", "the smallest body size the search may choose"),
          schema::number("max_size", &FitRule::max_size, 4, 96, "points", "the largest body size the search may choose")
              .defaults("`[body]` `size` (at least `min_size`)")},
      fit, "absent: set at `[body]` `size`"));

  tables.push_back(schema::table<L>("output", "what the layout's outputs are written as", [](L& spec) -> OutputSpec& { return spec.output; }, output_keys()));

  Hooks<L> readability;
  readability.after = [](const TomlReader& reader, const toml::table* table, L& spec, std::string_view name) {
    ReadabilityTarget& target = spec.readability;
    if (!target.warn_paragraph_grade) target.warn_paragraph_grade = target.max_grade;
    auto place = [&](const char* key) {
      return table && table->get(key) ? reader.place_of(*table->get(key)) : SourcePlace{reader.path()};
    };
    target.max_grade_place = place("max_grade");
    target.max_grade_error_place = place("max_grade_error");
    if (target.max_grade && target.max_grade_error && *target.max_grade > *target.max_grade_error)
      reader.fail(*table->get("max_grade"),
                  fmt::format("'{0}.max_grade' ({1}) is above '{0}.max_grade_error' ({2}): the target must not be "
                              "harder than the limit",
                              name, *target.max_grade, *target.max_grade_error));
  };
  tables.push_back(schema::table<L>(
      "readability",
      "the layout's plain-language target (see [Readability](#readability)); the patient handout sets "
      "`max_grade = 8`, `warn_sentence_words = 20`",
      [](L& spec) -> ReadabilityTarget& { return spec.readability; },
      std::vector<Key<ReadabilityTarget>>{
          schema::number("max_grade", &ReadabilityTarget::max_grade, 0, max_grade, "grade",
                         "Flesch–Kincaid grade of the set text: above it, a warning at the article"),
          schema::number("max_grade_error", &ReadabilityTarget::max_grade_error, 0, max_grade, "grade",
                         "the hard limit: above it, an error; the document is not built and `handout check` exits 1 "
                         "(not below `max_grade`)"),
          schema::integer("warn_sentence_words", &ReadabilityTarget::warn_sentence_words, 3, 200,
                          "a warning at each sentence with more words"),
          schema::number("warn_paragraph_grade", &ReadabilityTarget::warn_paragraph_grade, 0, max_grade, "grade",
                         "a warning at each paragraph whose own grade is above it")
              .defaults("`max_grade`")},
      readability, "absent: figures only"));

  Hooks<L> glossary;
  glossary.only_when_present = true;
  glossary.before = [](const TomlReader& reader, const toml::table* table, L& spec, std::string_view) {
    spec.glossary.box = spec.callout;
    if (!table) return;
    spec.glossary.place = reader.place_of(*table);
    spec.glossary.enabled = true;
  };
  tables.push_back(schema::table<L>(
      "glossary", "the [words-to-know](#words-to-know) box and the marking of first uses",
      [](L& spec) -> GlossarySpec& { return spec.glossary; }, glossary_keys(), glossary, "absent: no box, no marks"));

  // [strings] holds words for every language, [strings.es] (a table per language tag) for one.
  schema::Table<L> strings = schema::free_table<L>(
      "strings",
      "the page furniture's words (`{text.KEY}` in templates), overriding `locales/LANG.toml`: a key here is for "
      "every language, a key in `[strings.LANG]` for one (`[strings.es] page_of_pages = \"Pág. {page}/{pages}\"`)",
      "the article language's table");
  strings.read = [](const TomlReader& reader, const toml::table* table, L& spec, std::string_view prefix) {
    if (!table) return;
    const std::string dotted = dotted_key(prefix, "strings");
    auto entry = [&](const toml::table& from, const std::string& key, const std::string& at, StringMap& into) {
      std::string text = reader.required_string(from, key, at);
      if (auto problem = check_string(key, text))
        reader.fail(*from.get(key), fmt::format("'{}': {}", dotted_key(at, key), *problem));
      into[key] = text;
    };
    for (const auto& [key, node] : *table) {
      std::string name(key.str());
      if (const toml::table* language = node.as_table()) {
        std::string tag = lowercase_ascii(name);
        for (char& c : tag)
          if (c == '_') c = '-';
        if (tag.empty() || tag.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
          reader.fail(node, fmt::format("'{}.{}' must be a language tag such as es or pt-BR", dotted, name));
        for (const auto& [inner, inner_node] : *language)
          entry(*language, std::string(inner.str()), dotted + "." + name, spec.strings.by_language[tag]);
      } else {
        entry(*table, name, dotted, spec.strings.common);
      }
    }
  };
  tables.push_back(std::move(strings));

  Hooks<L> lint;
  lint.only_when_present = true;
  lint.before = [](const TomlReader& reader, const toml::table* table, L& spec, std::string_view) {
    if (table) spec.lint.place = reader.place_of(*table);
  };
  // [lint] audience alone also says whom the layout is for (the top-level one agrees when given).
  lint.after = [](const TomlReader&, const toml::table* table, L& spec, std::string_view) {
    if (table && table->get("audience")) spec.select.audience = spec.lint.patient ? Audience::patient : Audience::clinician;
  };
  tables.push_back(schema::table<L>(
      "lint", "see [Layout lints](#layout-lints)", [](L& spec) -> LintSpec& { return spec.lint; },
      std::vector<Key<LintSpec>>{
          schema::choice("audience", &LintSpec::patient, {{"patient", true}, {"clinician", false}},
                         "`\"patient\"` applies the patient-material rules; `\"clinician\"` says they do not apply; it "
                         "must agree with the top-level `audience` when both are given")
              .defaults("the top-level `audience`"),
          schema::boolean("strict", &LintSpec::strict, "every lint finding is an error that fails the layout's outputs")},
      lint));
  return declared;
}

}  // namespace

const schema::Schema<LayoutSpec>& layout_schema() {
  static const schema::Schema<LayoutSpec> declared = declare_layout();
  return declared;
}

}  // namespace handout
