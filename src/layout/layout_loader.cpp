#include "layout/layout_loader.h"

#include <fmt/format.h>

#include <glib.h>

#include <filesystem>

#include "layout/locale_strings.h"
#include "layout/template_text.h"
#include "image/image_format.h"
#include "util/length.h"
#include "util/link_target.h"
#include "util/text.h"
#include "util/toml_reader.h"

namespace handout {

namespace {

// The largest lengths a layout may give, in points: generous for any real page, small enough
// that no sum of them can overflow (the margins and columns are then checked against the page).
constexpr double max_margin = 200 * points_per_mm;
constexpr double max_column_gap = 100 * points_per_mm;
constexpr double max_border_width = 36;
constexpr double max_image_height = 100 * points_per_mm;
constexpr double max_band_padding = 72;
constexpr double max_band_space = 144;
constexpr std::size_t max_bullets = 9;

class LayoutReader {
 public:
  LayoutReader(const TomlReader& reader, const toml::table& root) : reader_(reader), root_(root) {}

  LayoutSpec read() {
    LayoutSpec spec;
    reader_.reject_unknown_keys(root_,
                                {"description", "page", "fonts", "body", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "list",
                                 "callout", "figure", "table", "links", "header", "footer", "title_band", "select",
                                 "fit", "output", "readability", "glossary", "lint", "audience", "key_points",
                                 "strings"},
                                "");
    read_strings(spec);
    spec.description = reader_.string(root_, "description", "").value_or("");
    read_page(spec.page);
    read_fonts(spec);
    read_text_style(spec.body, "body", true);
    spec.align = read_alignment();
    spec.hyphenate = reader_.boolean(table_or_empty("body"), "hyphenate", "body").value_or(spec.hyphenate);
    spec.headings[0] = TextStyle{24, 1.15, 0, 0.5, spec.body.colour, true, false};
    spec.headings[1] = TextStyle{17, 1.2, 1.1, 0.35, spec.body.colour, true, false};
    spec.headings[2] = TextStyle{14, 1.2, 0.9, 0.25, spec.body.colour, true, false};
    spec.caption = TextStyle{spec.body.size * 0.85, spec.body.leading, 0.6, 0.6, spec.body.colour, false, true};
    read_text_style(spec.headings[0], "h1", false);
    read_text_style(spec.headings[1], "h2", false);
    read_text_style(spec.headings[2], "h3", false);
    derive_deep_headings(spec);
    read_text_style(spec.headings[3], "h4", false);
    read_text_style(spec.headings[4], "h5", false);
    read_text_style(spec.headings[5], "h6", false);
    read_text_style(spec.caption, "caption", false);
    read_list(spec);
    read_box(spec.callout, "callout", {});
    read_key_points(spec);
    read_box(spec.figure_note, "figure", {"label"});
    if (const toml::table* figure = reader_.table(root_, "figure", ""))
      spec.figure_label = reader_.string(*figure, "label", "figure").value_or(spec.figure_label);
    read_table_and_links(spec);
    read_running_text(spec.header, "header");
    read_running_text(spec.footer, "footer");
    read_title_band(spec.title_band);
    read_selection(spec.select);
    read_fit(spec.fit, spec.body.size);
    read_output(spec.output);
    read_readability(spec.readability);
    read_glossary(spec);
    read_lint(spec.lint);
    read_audience(spec);
    record_key_places(root_, "", spec.key_places);
    check_fits_page(spec);
    return spec;
  }

 private:
  const toml::table& table_or_empty(std::string_view key) {
    const toml::table* table = reader_.table(root_, key, "");
    return table ? *table : empty_;
  }

  Rgb colour(const toml::table& table, std::string_view key, std::string_view prefix, Rgb fallback) {
    auto text = reader_.string(table, key, prefix);
    if (!text) return fallback;
    auto parsed = parse_colour(*text);
    if (!parsed) reader_.fail(*table.get(key), fmt::format("'{}' must be a colour such as \"#1f4e79\"", dotted_key(prefix, key)));
    return *parsed;
  }

  static std::optional<Rgb> parse_colour(std::string_view text) {
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

  void read_page(PageSpec& page) {
    const toml::table& table = table_or_empty("page");
    reader_.reject_unknown_keys(table,
                                {"size", "margin_top", "margin_bottom", "margin_left", "margin_right", "columns",
                                 "column_gap", "balance_columns"},
                                "page");
    if (auto size = reader_.string(table, "size", "page")) {
      if (lowercase_ascii(*size) == "a4") {
        page.size_name = "A4";
        page.width = 595.276;
        page.height = 841.89;
      } else if (lowercase_ascii(*size) == "letter") {
        page.size_name = "Letter";
        page.width = 612;
        page.height = 792;
      } else {
        reader_.fail(*table.get("size"), fmt::format("'page.size' is \"{}\"; expected \"A4\" or \"Letter\"", *size));
      }
    }
    page.margin_top = reader_.length(table, "margin_top", "page", max_margin).value_or(page.margin_top);
    page.margin_bottom = reader_.length(table, "margin_bottom", "page", max_margin).value_or(page.margin_bottom);
    page.margin_left = reader_.length(table, "margin_left", "page", max_margin).value_or(page.margin_left);
    page.margin_right = reader_.length(table, "margin_right", "page", max_margin).value_or(page.margin_right);
    page.columns = reader_.integer(table, "columns", "page", 1, 4).value_or(page.columns);
    page.column_gap = reader_.length(table, "column_gap", "page", max_column_gap).value_or(page.column_gap);
    page.balance_columns = reader_.boolean(table, "balance_columns", "page").value_or(page.balance_columns);
  }

  void read_fonts(LayoutSpec& spec) {
    const toml::table& table = table_or_empty("fonts");
    reader_.reject_unknown_keys(table, {"body", "heading", "code"}, "fonts");
    auto font = [&](std::string_view key, const char* fallback) {
      FontChoice choice{fallback, {reader_.path()}};
      if (auto family = reader_.string(table, key, "fonts")) {
        choice.family = *family;
        choice.place = reader_.place_of(*table.get(key));
      }
      return choice;
    };
    spec.body_font = font("body", "Atkinson Hyperlegible");
    spec.heading_font = font("heading", "Atkinson Hyperlegible");
    spec.code_font = font("code", "Noto Sans Mono");
  }

  // Levels 4 to 6 are set at the body's size, told apart from level 3 (larger) and from each
  // other by weight and slant: h4 bold, h5 bold italic, h6 italic. Each keeps level 3's colour.
  static void derive_deep_headings(LayoutSpec& spec) {
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

  void read_text_style(TextStyle& style, std::string_view key, bool is_body) {
    const toml::table& table = table_or_empty(key);
    if (is_body)
      reader_.reject_unknown_keys(table, {"size", "leading", "space_after", "colour", "align", "hyphenate"}, key);
    else
      reader_.reject_unknown_keys(table, {"size", "leading", "space_before", "space_after", "colour", "bold", "italic"},
                                  key);
    style.size = reader_.number(table, "size", key, 4, 96).value_or(style.size);
    style.leading = reader_.number(table, "leading", key, 0.8, 3).value_or(style.leading);
    style.space_before = reader_.number(table, "space_before", key, 0, 10).value_or(style.space_before);
    style.space_after = reader_.number(table, "space_after", key, 0, 10).value_or(style.space_after);
    style.colour = colour(table, "colour", key, style.colour);
    style.bold = reader_.boolean(table, "bold", key).value_or(style.bold);
    style.italic = reader_.boolean(table, "italic", key).value_or(style.italic);
  }

  Alignment read_alignment() {
    const toml::table& table = table_or_empty("body");
    auto align = reader_.string(table, "align", "body");
    if (!align || *align == "left") return Alignment::left;
    if (*align == "justify") return Alignment::justify;
    reader_.fail(*table.get("align"), fmt::format("'body.align' is \"{}\"; expected \"left\" or \"justify\"", *align));
  }

  void read_list(LayoutSpec& spec) {
    const toml::table& table = table_or_empty("list");
    reader_.reject_unknown_keys(table, {"indent", "item_space", "bullet", "bullets"}, "list");
    spec.list_indent = reader_.number(table, "indent", "list", 0.5, 10).value_or(spec.list_indent);
    spec.list_item_space = reader_.number(table, "item_space", "list", 0, 5).value_or(spec.list_item_space);
    if (table.contains("bullet") && table.contains("bullets"))
      reader_.fail(*table.get("bullet"), "'list.bullet' and 'list.bullets' both given: keep 'bullets' alone");
    // `bullet`, the older key, is the outermost level's bullet; the deeper levels keep theirs.
    if (auto bullet = reader_.string(table, "bullet", "list")) {
      check_bullet(*bullet, *table.get("bullet"), "list.bullet");
      spec.bullets.front() = *bullet;
    }
    if (auto bullets = reader_.string_array(table, "bullets", "list")) {
      if (bullets->empty() || bullets->size() > max_bullets)
        reader_.fail(*table.get("bullets"),
                     fmt::format("'list.bullets' has {} entries; give 1 to {} (one per list depth, repeated when "
                                 "deeper)",
                                 bullets->size(), max_bullets));
      for (const std::string& bullet : *bullets) check_bullet(bullet, *table.get("bullets"), "list.bullets");
      spec.bullets = *bullets;
    }
  }

  // A bullet is a short visible mark: from 1 to 3 characters, not only spaces.
  void check_bullet(const std::string& bullet, const toml::node& node, std::string_view key) {
    glong characters = g_utf8_strlen(bullet.c_str(), static_cast<gssize>(bullet.size()));
    bool blank = bullet.find_first_not_of(" \t") == std::string::npos;
    if (characters < 1 || characters > 3 || blank)
      reader_.fail(node, fmt::format("'{}' has the bullet \"{}\"; a bullet is 1 to 3 characters and not blank", key,
                                     bullet));
  }

  void read_box(BoxStyle& box, std::string_view key, std::initializer_list<std::string_view> extra_keys) {
    const toml::table& table = table_or_empty(key);
    std::vector<std::string_view> known{"background", "border", "border_width", "padding"};
    known.insert(known.end(), extra_keys.begin(), extra_keys.end());
    reader_.reject_unknown_keys(table, known, key);
    box.background = colour(table, "background", key, box.background);
    if (table.get("border")) box.border = colour(table, "border", key, Rgb{});
    box.border_width = reader_.length(table, "border_width", key, max_border_width).value_or(box.border_width);
    box.padding = reader_.number(table, "padding", key, 0, 5).value_or(box.padding);
  }

  void read_table_and_links(LayoutSpec& spec) {
    const toml::table& table = table_or_empty("table");
    reader_.reject_unknown_keys(table, {"header_background", "rule_colour", "min_size", "numbers"}, "table");
    spec.table_header_background = colour(table, "header_background", "table", spec.table_header_background);
    spec.rule_colour = colour(table, "rule_colour", "table", spec.rule_colour);
    spec.table.min_size = reader_.number(table, "min_size", "table", 4, 96).value_or(spec.table.min_size);
    if (auto numbers = reader_.string(table, "numbers", "table")) {
      if (*numbers != "left" && *numbers != "right")
        reader_.fail(*table.get("numbers"),
                     fmt::format("'table.numbers' is \"{}\"; expected \"left\" or \"right\"", *numbers));
      spec.table.numbers_right = *numbers == "right";
    }
    const toml::table& links = table_or_empty("links");
    reader_.reject_unknown_keys(links, {"colour", "schemes"}, "links");
    spec.link_colour = colour(links, "colour", "links", spec.link_colour);
    if (auto schemes = reader_.string_array(links, "schemes", "links")) {
      const toml::array& array = *links.get("schemes")->as_array();
      spec.link_schemes.clear();
      for (std::size_t i = 0; i < schemes->size(); ++i) {
        const std::string& scheme = (*schemes)[i];
        if (auto problem = allowed_scheme_problem(scheme)) reader_.fail(*array.get(i), "'links.schemes' " + *problem);
        spec.link_schemes.push_back(scheme);
      }
      spec.link_schemes_place = reader_.place_of(*links.get("schemes"));
    }
  }

  std::string template_string(const toml::table& table, std::string_view key, std::string_view prefix,
                              std::string fallback) {
    auto text = reader_.string(table, key, prefix);
    if (!text) return fallback;
    if (auto problem = check_template(*text))
      reader_.fail(*table.get(key), fmt::format("'{}': {}", dotted_key(prefix, key), *problem));
    for (const std::string& name : string_keys_in(*text))
      if (!string_keys_.count(name))
        reader_.fail(*table.get(key), fmt::format("'{}': no string '{}' in locales/en.toml or the layout's "
                                                  "[strings] (known: {})",
                                                  dotted_key(prefix, key), name, fmt::join(string_keys_, ", ")));
    return *text;
  }

  // [strings] holds words for every language, [strings.es] (a table per language tag) for one.
  void read_strings(LayoutSpec& spec) {
    if (const toml::table* table = reader_.table(root_, "strings", "")) {
      for (const auto& [key, node] : *table) {
        std::string name(key.str());
        if (const toml::table* language = node.as_table()) {
          std::string tag = lowercase_ascii(name);
          for (char& c : tag)
            if (c == '_') c = '-';
          if (tag.empty() || tag.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
            reader_.fail(node, fmt::format("'strings.{}' must be a language tag such as es or pt-BR", name));
          for (const auto& [inner, inner_node] : *language)
            read_string_entry(*language, std::string(inner.str()), "strings." + name, spec.strings.by_language[tag]);
        } else {
          read_string_entry(*table, name, "strings", spec.strings.common);
        }
      }
    }
    string_keys_ = known_string_keys(spec.strings);
  }

  void read_string_entry(const toml::table& table, const std::string& key, const std::string& prefix, StringMap& into) {
    std::string text = reader_.required_string(table, key, prefix);
    if (auto problem = check_string(key, text))
      reader_.fail(*table.get(key), fmt::format("'{}': {}", dotted_key(prefix, key), *problem));
    into[key] = text;
  }

  void read_running_text(RunningText& running, std::string_view key) {
    const toml::table& table = table_or_empty(key);
    reader_.reject_unknown_keys(table, {"left", "centre", "right", "size", "colour", "rule", "image", "image_height"},
                                key);
    running.place = root_.get(key) ? reader_.place_of(*root_.get(key)) : SourcePlace{reader_.path()};
    running.left = template_string(table, "left", key, running.left);
    running.centre = template_string(table, "centre", key, running.centre);
    running.right = template_string(table, "right", key, running.right);
    running.size = reader_.number(table, "size", key, 4, 24).value_or(running.size);
    running.colour = colour(table, "colour", key, running.colour);
    running.rule = reader_.boolean(table, "rule", key).value_or(running.rule);
    running.image = template_string(table, "image", key, running.image);
    running.image_height = reader_.length(table, "image_height", key, max_image_height).value_or(running.size * 2);
  }

  void read_title_band(TitleBand& band) {
    const toml::table* table = reader_.table(root_, "title_band", "");
    if (!table) return;
    band.enabled = true;
    band.place = reader_.place_of(*table);
    reader_.reject_unknown_keys(*table,
                                {"title", "subtitle", "title_size", "subtitle_size", "background", "colour",
                                 "padding", "space_after"},
                                "title_band");
    band.title = template_string(*table, "title", "title_band", band.title);
    band.subtitle = template_string(*table, "subtitle", "title_band", band.subtitle);
    band.title_size = reader_.number(*table, "title_size", "title_band", 4, 72).value_or(band.title_size);
    band.subtitle_size = reader_.number(*table, "subtitle_size", "title_band", 4, 72).value_or(band.subtitle_size);
    band.background = colour(*table, "background", "title_band", band.background);
    band.colour = colour(*table, "colour", "title_band", band.colour);
    band.padding = reader_.length(*table, "padding", "title_band", max_band_padding).value_or(band.padding);
    band.space_after = reader_.length(*table, "space_after", "title_band", max_band_space).value_or(band.space_after);
  }

  void read_selection(Selection& select) {
    const toml::table& table = table_or_empty("select");
    reader_.reject_unknown_keys(table, {"sections", "exclude_sections", "blocks", "drop_title"}, "select");
    select.sections = reader_.string_array(table, "sections", "select").value_or(select.sections);
    select.exclude_sections =
        reader_.string_array(table, "exclude_sections", "select").value_or(select.exclude_sections);
    select.drop_title = reader_.boolean(table, "drop_title", "select").value_or(false);
    auto names = reader_.string_array(table, "blocks", "select");
    if (!names) {
      for (const char* name : {"heading", "paragraph", "list", "callout", "figure", "table", "code", "rule"})
        select.blocks.push_back(*block_kind_named(name));
      return;
    }
    const toml::array& array = *table.get("blocks")->as_array();
    for (std::size_t i = 0; i < names->size(); ++i) {
      auto kind = block_kind_named((*names)[i]);
      if (!kind)
        reader_.fail(*array.get(i), fmt::format("'select.blocks' has unknown kind \"{}\" (expected {})", (*names)[i],
                                                block_kind_names));
      select.blocks.push_back(*kind);
    }
  }

  void read_fit(FitRule& fit, double body_size) {
    const toml::table* table = reader_.table(root_, "fit", "");
    if (!table) return;
    fit.enabled = true;
    fit.place = reader_.place_of(*table);
    reader_.reject_unknown_keys(*table, {"pages", "min_size", "max_size"}, "fit");
    fit.pages = reader_.integer(*table, "pages", "fit", 1, 1).value_or(fit.pages);
    fit.min_size = reader_.number(*table, "min_size", "fit", 4, 96).value_or(fit.min_size);
    fit.max_size = reader_.number(*table, "max_size", "fit", 4, 96).value_or(std::max(fit.min_size, body_size));
    if (fit.min_size > fit.max_size)
      reader_.fail(table->get("min_size") ? *table->get("min_size") : static_cast<const toml::node&>(*table),
                   fmt::format("'fit.min_size' ({}) is larger than 'fit.max_size' ({})", fit.min_size, fit.max_size));
  }

  void read_output(OutputSpec& output) {
    const toml::table& table = table_or_empty("output");
    reader_.reject_unknown_keys(table, {"profile", "preview_dpi", "icc_profile", "max_image_megapixels"}, "output");
    if (auto megapixels = reader_.number(table, "max_image_megapixels", "output", 0.01,
                                         double(most_image_pixels) / 1e6))
      output.max_image_pixels = *megapixels * 1e6;
    if (auto name = reader_.string(table, "profile", "output")) {
      auto profile = profile_from_name(*name);
      if (!profile)
        reader_.fail(*table.get("profile"),
                     fmt::format("'output.profile' is \"{}\"; expected {}", *name, profile_names));
      output.profile = *profile;
    }
    output.preview_dpi = reader_.number(table, "preview_dpi", "output", 10, 1200).value_or(output.preview_dpi);
    output.icc_place = {reader_.path()};
    if (auto icc = reader_.string(table, "icc_profile", "output")) {
      output.icc_profile = *icc;
      output.icc_place = reader_.place_of(*table.get("icc_profile"));
    }
  }

  // Grades are Flesch–Kincaid school grades; 0 to 30 covers every text the formula can score
  // sensibly (a legal contract scores about 20).
  void read_readability(ReadabilityTarget& target) {
    const toml::table& table = table_or_empty("readability");
    reader_.reject_unknown_keys(table, {"max_grade", "max_grade_error", "warn_sentence_words", "warn_paragraph_grade"},
                                "readability");
    target.max_grade = reader_.number(table, "max_grade", "readability", 0, 30);
    target.max_grade_error = reader_.number(table, "max_grade_error", "readability", 0, 30);
    target.warn_sentence_words = reader_.integer(table, "warn_sentence_words", "readability", 3, 200);
    target.warn_paragraph_grade = reader_.number(table, "warn_paragraph_grade", "readability", 0, 30);
    if (!target.warn_paragraph_grade) target.warn_paragraph_grade = target.max_grade;
    target.max_grade_place = table.get("max_grade") ? reader_.place_of(*table.get("max_grade")) : SourcePlace{reader_.path()};
    target.max_grade_error_place =
        table.get("max_grade_error") ? reader_.place_of(*table.get("max_grade_error")) : SourcePlace{reader_.path()};
    if (target.max_grade && target.max_grade_error && *target.max_grade > *target.max_grade_error)
      reader_.fail(*table.get("max_grade"),
                   fmt::format("'readability.max_grade' ({}) is above 'readability.max_grade_error' ({}): the target "
                               "must not be harder than the limit",
                               *target.max_grade, *target.max_grade_error));
  }

  void read_glossary(LayoutSpec& spec) {
    GlossarySpec& glossary = spec.glossary;
    glossary.box = spec.callout;
    const toml::table* table = reader_.table(root_, "glossary", "");
    if (!table) return;
    glossary.place = reader_.place_of(*table);
    read_box(glossary.box, "glossary",
             {"enabled", "where", "order", "mark_bold", "mark_colour", "title"});
    glossary.enabled = reader_.boolean(*table, "enabled", "glossary").value_or(true);
    if (auto where = reader_.string(*table, "where", "glossary")) {
      if (*where == "end") glossary.where = GlossarySpec::Where::end;
      else if (*where == "after_first_section") glossary.where = GlossarySpec::Where::after_first_section;
      else reader_.fail(*table->get("where"), fmt::format("'glossary.where' is \"{}\"; expected \"end\" or "
                                                          "\"after_first_section\"", *where));
    }
    if (auto order = reader_.string(*table, "order", "glossary")) {
      if (*order == "first_use") glossary.order = GlossarySpec::Order::first_use;
      else if (*order == "alphabetical") glossary.order = GlossarySpec::Order::alphabetical;
      else reader_.fail(*table->get("order"), fmt::format("'glossary.order' is \"{}\"; expected \"first_use\" or "
                                                          "\"alphabetical\"", *order));
    }
    glossary.mark_bold = reader_.boolean(*table, "mark_bold", "glossary").value_or(glossary.mark_bold);
    if (table->get("mark_colour")) glossary.mark_colour = colour(*table, "mark_colour", "glossary", Rgb{});
    glossary.title = reader_.string(*table, "title", "glossary").value_or(glossary.title);
    if (trim(glossary.title).empty()) reader_.fail(*table->get("title"), "'glossary.title' must not be empty");
  }

  void read_lint(LintSpec& lint) {
    const toml::table* table = reader_.table(root_, "lint", "");
    if (!table) return;
    lint.place = reader_.place_of(*table);
    reader_.reject_unknown_keys(*table, {"audience", "strict"}, "lint");
    if (auto audience = reader_.string(*table, "audience", "lint")) {
      if (*audience != "patient" && *audience != "clinician")
        reader_.fail(*table->get("audience"), fmt::format("'lint.audience' is \"{}\"; expected \"patient\" or "
                                                          "\"clinician\"", *audience));
      lint.patient = *audience == "patient";
    }
    lint.strict = reader_.boolean(*table, "strict", "lint").value_or(false);
  }

  // Who the layout is for: the top-level `audience`, or [lint]'s, which must then agree.
  void read_audience(LayoutSpec& spec) {
    const toml::table* lint = reader_.table(root_, "lint", "");
    const toml::node* lint_audience = lint ? lint->get("audience") : nullptr;
    auto audience_of = [&](const toml::node& node, std::string_view key) {
      const std::string text = node.value_or(std::string());
      if (text == "clinician") return Audience::clinician;
      if (text == "patient") return Audience::patient;
      if (text == "everyone") return Audience::everyone;
      reader_.fail(node, fmt::format("'{}' is \"{}\"; expected \"clinician\", \"patient\" or \"everyone\"", key, text));
    };
    if (lint_audience) spec.select.audience = audience_of(*lint_audience, "lint.audience");
    if (const toml::node* node = root_.get("audience")) {
      if (!node->is_string()) reader_.fail(*node, "'audience' must be a string");
      Audience audience = audience_of(*node, "audience");
      if (lint_audience && audience != spec.select.audience)
        reader_.fail(*node, fmt::format("'audience' is \"{}\" but 'lint.audience' says \"{}\"",
                                        node->value_or(std::string()), lint_audience->value_or(std::string())));
      spec.select.audience = audience;
      spec.lint.patient = audience == Audience::patient;
    }
  }

  void read_key_points(LayoutSpec& spec) {
    KeyPointsStyle& style = spec.key_points;
    style.box = spec.callout;
    const toml::table* table = reader_.table(root_, "key_points", "");
    if (!table) return;
    read_box(style.box, "key_points", {"size", "bold", "title"});
    style.size = reader_.number(*table, "size", "key_points", 4, 96).value_or(style.size);
    style.bold = reader_.boolean(*table, "bold", "key_points").value_or(style.bold);
    style.title = reader_.string(*table, "title", "key_points").value_or(style.title);
  }

  void record_key_places(const toml::table& table, const std::string& prefix,
                         std::map<std::string, SourcePlace>& places) const {
    for (const auto& [key, node] : table) {
      std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
      places[name] = reader_.place_of(node);
      if (const toml::table* nested = node.as_table()) record_key_places(*nested, name, places);
    }
  }

  void check_fits_page(const LayoutSpec& spec) {
    const PageSpec& page = spec.page;
    double text_width = page.width - page.margin_left - page.margin_right - (page.columns - 1) * page.column_gap;
    double text_height = page.height - page.margin_top - page.margin_bottom;
    if (text_width / page.columns < 72 || text_height < 144) {
      const toml::node* node = root_.get("page");
      throw HandoutError(node ? reader_.place_of(*node) : SourcePlace{reader_.path()},
                         "the margins and columns leave too little room for text (a column needs at least "
                         "1 inch of width and the page 2 inches of height)");
    }
  }

  const TomlReader& reader_;
  const toml::table& root_;
  toml::table empty_;
  std::set<std::string, std::less<>> string_keys_;  // what {text.KEY} may name
};

}  // namespace

LayoutSpec parse_layout(std::string_view toml_text, const std::string& path) {
  TomlReader reader(path);
  toml::table root = reader.parse(toml_text);
  LayoutSpec spec = LayoutReader(reader, root).read();
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

}  // namespace handout
