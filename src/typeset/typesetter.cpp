#include "typeset/typesetter.h"

#include <fmt/format.h>

#include <algorithm>

#include "typeset/block_selection.h"
#include "typeset/glossary_marking.h"
#include "typeset/link_policy.h"
#include "image/image_header.h"
#include "typeset/glyph_runs.h"
#include "typeset/text_layout.h"
#include "util/localised_date.h"

namespace handout {

Typesetter::Typesetter(const FontSet& fonts, const LayoutSpec& spec, const Document& document, Warnings& warnings,
                       TemplateValues variant_values, ValuePlaces value_places, FileAccess files,
                       const Glossary* glossary)
    : fonts_(fonts.for_text(document.source, document.metadata.language)),
      spec_(spec),
      strings_(document.metadata.language, spec.strings),
      right_to_left_(is_right_to_left(document.metadata.language)),
      document_(document),
      warnings_(warnings),
      variant_values_(std::move(variant_values)),
      value_places_(std::move(value_places)),
      files_(std::move(files)) {
  for (const FontChoice* font : {&spec.body_font, &spec.heading_font, &spec.code_font}) fonts_.require_family(*font);
  // The faces the layout sets text in directly must be the ones it asks for.
  fonts_.require_face(spec.body_font, false, false);
  fonts_.require_face(spec.code_font, false, false);
  fonts_.require_face(spec.body_font, spec.caption.bold, spec.caption.italic);
  if (spec.key_points.bold) fonts_.require_face(spec.body_font, true, false);
  for (const TextStyle& heading : spec.headings) fonts_.require_face(spec.heading_font, heading.bold, heading.italic);
  // From here on a family is a list in a fixed order (fonts.toml): the language's own faces, the
  // layout's, then the fallbacks, so what sets a character never depends on fontconfig's guess.
  const std::string& language = document.metadata.language;
  const FontCatalog& catalog = fonts_.catalog();
  spec_.body_font.family = catalog.family_list(spec.body_font.family, language, true);
  spec_.heading_font.family = catalog.family_list(spec.heading_font.family, language, true);
  spec_.code_font.family = catalog.family_list(spec.code_font.family, language, false);
  localise_labels();
  check_link_schemes(document.blocks, spec.link_schemes);
  selected_ = select_for_layout(document, spec, warnings);
  unlink_relative_links(selected_, spec.link_schemes, warnings);
  if (glossary) apply_glossary(selected_, *glossary, spec_.glossary, warnings, document.source);
  if (selected_.empty())
    throw HandoutError({spec.path}, fmt::format("the layout's [select] rules keep nothing of {}", document.path));
  const PageSpec& page = spec.page;
  double text_width = page.width - page.margin_left - page.margin_right;
  column_width_ = (text_width - (page.columns - 1) * page.column_gap) / page.columns;
  if (spec.title_band.enabled) {
    std::vector<FlowItem> scratch;
    emit_title_band(scratch);
    for (const FlowItem& item : scratch)
      if (const auto* rect = std::get_if<RectItem>(&item)) band_height_ = rect->height + spec.title_band.space_after;
  }
}

FrameBox Typesetter::frame(int index) const {
  const PageSpec& page = spec_.page;
  FrameBox box;
  box.page = index / page.columns;
  int column = index % page.columns;
  // Right-to-left readers start at the right-hand column.
  if (right_to_left_) column = page.columns - 1 - column;
  box.x = page.margin_left + column * (column_width_ + page.column_gap);
  box.width = column_width_;
  box.top = page.margin_top + (box.page == 0 ? band_height_ : 0);
  box.height = page.height - page.margin_top - page.margin_bottom - (box.page == 0 ? band_height_ : 0);
  return box;
}

Typesetter::Trial Typesetter::trial(double body_size, int max_frames) const {
  return run_trial(body_size, max_frames, TextSetter{&fonts_, nullptr});
}

Typesetter::Trial Typesetter::predicted_trial(double body_size, int max_frames, TextModel& model) const {
  return run_trial(body_size, max_frames, TextSetter{&fonts_, &model});
}

Typesetter::Trial Typesetter::run_trial(double body_size, int max_frames, const TextSetter& texts) const {
  Trial result;
  result.body_size = body_size;
  // The first page's columns are the shortest (a title band sits above them).
  FlowSettings settings{fonts_, spec_, document_.metadata.language, body_size, frame(0).height,
                        document_.path, document_.source, texts};
  result.flow = build_flow(selected_, settings, column_width_, result.warnings);
  std::vector<BlockMetrics> metrics;
  metrics.reserve(result.flow.size());
  for (const FlowBlock& block : result.flow) metrics.push_back(block.metrics());
  PaginationOptions options{[this](int index) { return frame(index).height; }, max_frames};
  result.pagination = paginate(metrics, options);
  result.pages = (result.pagination.frames_used + frames_per_page() - 1) / frames_per_page();
  return result;
}

// Shortens the last page's columns as far as it can without adding a page or a column, so the
// columns end level instead of one full and one short.
void Typesetter::balance_last_page(Trial& trial) const {
  const int columns = frames_per_page();
  if (columns < 2 || !spec_.page.balance_columns) return;
  const int last_page = trial.pages - 1;
  std::vector<BlockMetrics> metrics;
  for (const FlowBlock& block : trial.flow) metrics.push_back(block.metrics());
  auto paginate_capped = [&](double cap) {
    PaginationOptions options{[&](int index) {
                                FrameBox box = frame(index);
                                return box.page == last_page ? std::min(box.height, cap) : box.height;
                              },
                              -1};
    return paginate(metrics, options);
  };
  double low = 0, high = frame(last_page * columns).height;
  for (int step = 0; step < 14; ++step) {
    double middle = (low + high) / 2;
    Pagination capped = paginate_capped(middle);
    if ((capped.frames_used + columns - 1) / columns == trial.pages)
      high = middle;
    else
      low = middle;
  }
  trial.pagination = paginate_capped(high);
}

Pages Typesetter::typeset(double body_size) const { return typeset(trial(body_size)); }

Pages Typesetter::typeset(Trial trial) const {
  for (const Diagnostic& warning : trial.warnings.items()) warnings_.add(warning.place, warning.message);
  balance_last_page(trial);
  Pages pages;
  pages.body_size = trial.body_size;
  std::vector<DraftPage> drafts(static_cast<std::size_t>(std::max(1, trial.pages)));
  // The whole document is one structure element; running heads, added after it, stay outside.
  drafts.front().items.push_back(StructBegin{"Document", {}});
  if (spec_.title_band.enabled) emit_title_band(drafts.front().items);
  emit_blocks(trial, drafts, pages);
  drafts.back().items.push_back(StructEnd{});
  emit_repeated_lines(trial, drafts);
  TemplateValues values = template_values();
  values["pages"] = std::to_string(drafts.size());
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    values["page"] = std::to_string(i + 1);
    add_strings(values);
    std::vector<FlowItem>& items = drafts[i].items;
    double header_baseline = spec_.page.margin_top - 0.6 * spec_.header.size - 4;
    double footer_baseline = spec_.page.height - spec_.page.margin_bottom + 1.6 * spec_.footer.size + 4;
    emit_running_text(spec_.header, header_baseline, items, values, "header");
    emit_running_text(spec_.footer, footer_baseline, items, values, "footer");
    if (spec_.header.rule) {
      items.push_back(ArtifactBegin{ArtifactKind::layout, "header rule"});
      items.push_back(RuleItem{spec_.page.margin_left, spec_.page.margin_top - 6,
                               spec_.page.width - spec_.page.margin_left - spec_.page.margin_right, 0.5,
                               spec_.rule_colour});
      items.push_back(ArtifactEnd{});
    }
    if (spec_.footer.rule) {
      items.push_back(ArtifactBegin{ArtifactKind::layout, "footer rule"});
      items.push_back(RuleItem{spec_.page.margin_left, spec_.page.height - spec_.page.margin_bottom + 6,
                               spec_.page.width - spec_.page.margin_left - spec_.page.margin_right, 0.5,
                               spec_.rule_colour});
      items.push_back(ArtifactEnd{});
    }
  }
  // Only the chosen pages become glyph runs: the fit search's other trials never get here.
  GlyphRunMaker runs(pages.fonts, fonts_.folder());
  pages.pages.resize(drafts.size());
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    Page& page = pages.pages[i];
    page.width = spec_.page.width;
    page.height = spec_.page.height;
    page.source = SourcePlace{document_.path};
    page.items.reserve(drafts[i].items.size());
    for (const FlowItem& item : drafts[i].items) {
      if (const auto* line = std::get_if<TextLineItem>(&item))
        runs.convert(*line, page.items);
      else
        std::visit(
            [&](const auto& plain) {
              if constexpr (!std::is_same_v<std::decay_t<decltype(plain)>, TextLineItem>) page.items.push_back(plain);
            },
            item);
    }
  }
  link_outline(pages.outline);
  pages.page_labels.push_back(PageLabel{0, PageLabel::Style::decimal, "", 1});
  const DocumentMetadata& meta = document_.metadata;
  pages.info.title = meta.title;
  pages.info.author = meta.organisation;
  pages.info.subject = spec_.description.empty() ? meta.title : spec_.description;
  for (const std::string& keyword : meta.keywords) pages.info.keywords += (pages.info.keywords.empty() ? "" : ", ") + keyword;
  pages.info.language = meta.language;
  return pages;
}

void Typesetter::emit_blocks(const Trial& trial, std::vector<DraftPage>& drafts, Pages& pages) const {
  for (std::size_t b = 0; b < trial.flow.size(); ++b) {
    const FlowBlock& block = trial.flow[b];
    const std::vector<LinePlacement>& placed = trial.pagination.lines[b];
    for (std::size_t k = 0; k < placed.size(); ++k) {
      FrameBox box = frame(placed[k].frame);
      DraftPage& page = drafts[static_cast<std::size_t>(box.page)];
      double top = box.top + placed[k].y;
      // Only a line taller than a whole column gets here (pagination moves the others on): it
      // would run past the column's foot, over the footer and off the page.
      if (placed[k].y + block.lines[k].height > box.height + 0.5)
        throw HandoutError(block.place, fmt::format("a line of this block is {:.0f} pt tall, taller than the column "
                                                    "({:.0f} pt), and would run off the page (a table with too many "
                                                    "columns for its words?)",
                                                    block.lines[k].height, box.height));
      bool starts_fragment = k == 0 || placed[k - 1].frame != placed[k].frame;
      if (block.box && starts_fragment) {
        std::size_t end = k;
        while (end + 1 < placed.size() && placed[end + 1].frame == placed[k].frame) ++end;
        double bottom = box.top + placed[end].y + block.lines[end].height;
        const BoxDecoration& decoration = *block.box;
        page.items.push_back(ArtifactBegin{ArtifactKind::background, "box"});
        page.items.push_back(RectItem{box.x + decoration.x, top, decoration.width, bottom - top, decoration.fill});
        if (decoration.border)
          page.items.push_back(
              RectItem{box.x + decoration.x, top, decoration.border_width, bottom - top, *decoration.border});
        page.items.push_back(ArtifactEnd{});
      }
      if (k == 0 && block.heading_level > 0)
        pages.outline.push_back(OutlineEntry{block.heading_level, block.heading_title, box.page, top});
      for (const FlowItem& item : block.lines[k].items) {
        if (const auto* begin = std::get_if<StructBegin>(&item); begin && begin->role == "Figure")
          pages.figure_alts.push_back(begin->alt);
        page.items.push_back(translated(item, box.x, top));
      }
    }
  }
}

// A table's header row again at the top of each frame the table continues into. The copy is
// furniture, not content: a pagination artifact with no structure marks, so the structure tree
// (and a screen reader) has the header once.
void Typesetter::emit_repeated_lines(const Trial& trial, std::vector<DraftPage>& drafts) const {
  for (const RepeatedLines& repeat : trial.pagination.repeats) {
    const FlowBlock& block = trial.flow[repeat.block];
    FrameBox box = frame(repeat.frame);
    std::vector<FlowItem>& items = drafts[static_cast<std::size_t>(box.page)].items;
    double top = box.top + repeat.y;
    items.push_back(ArtifactBegin{ArtifactKind::pagination, "repeated table header"});
    for (int k = 0; k < block.repeat_lines && k < static_cast<int>(block.lines.size()); ++k) {
      const FlowLine& line = block.lines[static_cast<std::size_t>(k)];
      for (const FlowItem& item : line.items)
        if (!std::holds_alternative<StructBegin>(item) && !std::holds_alternative<StructEnd>(item) &&
            !std::holds_alternative<ArtifactBegin>(item) && !std::holds_alternative<ArtifactEnd>(item))
          items.push_back(translated(item, box.x, top));
      top += line.height;
    }
    items.push_back(ArtifactEnd{});
  }
}

void Typesetter::emit_running_text(const RunningText& running, double baseline, std::vector<FlowItem>& items,
                                   const TemplateValues& values, const char* what) const {
  // Running heads are page furniture: one pagination artifact, when there is anything in them.
  const std::size_t start = items.size();
  items.push_back(ArtifactBegin{ArtifactKind::pagination, what});
  emit_running_slots(running, what, baseline, items, values);
  if (items.size() == start + 1)
    items.pop_back();
  else
    items.push_back(ArtifactEnd{});
}

void Typesetter::emit_running_slots(const RunningText& running, const char* head, double baseline, std::vector<FlowItem>& items,
                                    const TemplateValues& values) const {
  const double left = spec_.page.margin_left;
  const double width = spec_.page.width - spec_.page.margin_left - spec_.page.margin_right;
  TextSpec text;
  text.font = {spec_.body_font.family, running.size, false, false};
  text.colour = running.colour;
  text.language = document_.metadata.language;
  text.code_family = spec_.code_font.family;
  double text_left = left;
  // The image is optional by nature (not every clinic has a logo): no warning when it is absent.
  if (!running.image.empty() && !missing_template_value(running.image, values)) {
    std::string path = expand(running.image, values, running.place);
    if (!path.empty()) {
      // A problem with the file is the value's that names it (a project's logo), when one does.
      SourcePlace place = running.place;
      for (const auto& [name, value] : variant_values_)
        if (value == path && value_places_.count(name)) place = value_places_.at(name);
      if (auto refused = files_.refusal(path))
        throw HandoutError(place, fmt::format("running-head image '{}' {}", path, *refused));
      ImageHeader size = read_image_header(path, place);
      check_image_pixels(size, spec_.output.max_image_pixels, path, place);
      double height = running.image_height;
      double image_width = size.width * height / size.height;
      // The image sits on the running head's baseline, rising above it.
      items.push_back(
          ImageItem{path, left, baseline - height + 0.25 * running.size, image_width, height, place});
      text_left = left + image_width + 0.6 * running.size;
    }
  }
  const double text_right = left + width;
  const double gap = running.size;
  const double room = text_right - text_left;
  const bool above = std::string_view(head) == "header";  // a second line goes away from the text
  // A slot too long for its room is divided at a separator of its template (" · ") onto two
  // lines, when the margin has room for them; else it is cut short with "…" (running heads are
  // furniture; the full title is in the document's metadata), with a warning naming it.
  auto set_slot = [&](const std::string& source) -> std::optional<SetText> {
    if (source.empty() || !has_values_for(source, values, running.place)) return std::nullopt;
    std::string expanded = expand(source, values, running.place);
    if (expanded.empty()) return std::nullopt;
    text.width = -1;
    return set_text(fonts_, InlineText{TextRun{expanded, style_plain, {}}}, text);
  };
  const double pitch = running.size * text.leading;
  const bool room_for_two = above ? baseline - pitch - running.size > 0
                                  : baseline + pitch + 0.5 * running.size < spec_.page.height;
  auto on_two_lines = [&](const std::string& expanded, double limit, TextSpec::Align align) -> std::optional<SetText> {
    if (!room_for_two) return std::nullopt;
    std::optional<SetText> best;
    for (std::string_view separator : template_separators()) {
      for (std::size_t at = expanded.find(separator); at != std::string::npos; at = expanded.find(separator, at + 1)) {
        TextSpec two = text;
        two.width = -1;
        two.align = align;
        std::string divided = expanded.substr(0, at) + "\u2028" + expanded.substr(at + separator.size());
        SetText set = set_text(fonts_, InlineText{TextRun{divided, style_plain, {}}}, two);
        if (set.natural_width() <= limit + 0.01 && (!best || set.natural_width() < best->natural_width()))
          best = std::move(set);
      }
    }
    return best;
  };
  auto shorten = [&](std::optional<SetText>& set, const std::string& source, const char* slot, double limit,
                     TextSpec::Align align = TextSpec::Align::left) {
    if (!set || set->natural_width() <= limit + 0.01) return;
    const double natural = set->natural_width();
    std::string expanded = expand(source, values, running.place);
    if (auto divided = on_two_lines(expanded, limit, align)) {
      set = std::move(divided);
      return;
    }
    text.width = -1;
    std::string cut = shortened_to_fit(fonts_, expanded, text, std::max(limit, running.size));
    set = set_text(fonts_, InlineText{TextRun{cut, style_plain, {}}}, text);
    std::string key = fmt::format("{}.{}", head, slot);
    if (warned_slots_.insert(key).second)
      warnings_.add(running.place, fmt::format("the running head '{}' is {:.0f} pt wide and has {:.0f} pt beside the "
                                               "others: it is shortened with \"…\"",
                                               key, natural, limit));
  };
  // Right-to-left text mirrors the slots: the layout's left slot is where such a reader starts.
  const std::string& left_source = right_to_left_ ? running.right : running.left;
  const std::string& right_source = right_to_left_ ? running.left : running.right;
  std::optional<SetText> left_slot = set_slot(left_source);
  std::optional<SetText> right = set_slot(right_source);
  std::optional<SetText> centre = set_slot(running.centre);
  // Left and right share the line: a slot narrower than half keeps its width, and the other
  // takes the rest; two wide slots take half each.
  double left_width = left_slot ? left_slot->natural_width() : 0;
  double right_width = right ? right->natural_width() : 0;
  if (left_slot && right && left_width + gap + right_width > room) {
    double half = (room - gap) / 2;
    double right_limit = right_width <= half ? right_width : std::max(half, room - gap - left_width);
    shorten(right, right_source, "right", right_limit, TextSpec::Align::right);
    right_width = right->natural_width();
    shorten(left_slot, left_source, "left", room - gap - right_width);
  } else {
    shorten(left_slot, left_source, "left", room);
    shorten(right, right_source, "right", room, TextSpec::Align::right);
  }
  left_width = left_slot ? left_slot->natural_width() : 0;
  right_width = right ? right->natural_width() : 0;
  double left_end = left_slot ? text_left + left_width + gap : text_left;
  double right_start = right ? text_right - right_width - gap : text_right;
  if (centre && right_start - left_end < centre->natural_width() - 0.01) {
    if (right_start - left_end < running.size * 2) {
      // No room at all: the centre is left out rather than printed over its neighbours.
      std::string key = fmt::format("{}.centre", head);
      if (warned_slots_.insert(key).second)
        warnings_.add(running.place, fmt::format("the running head '{}' has no room between the others and is left "
                                                 "out",
                                                 key));
      centre.reset();
    } else {
      shorten(centre, running.centre, "centre", right_start - left_end, TextSpec::Align::centre);
    }
  }
  auto place = [&](const SetText& set, double x) {
    // The first line on the baseline, a second below it; in the header, the last line on it.
    double line_top = baseline - set.lines.front().baseline;
    if (above)
      for (std::size_t i = 0; i + 1 < set.lines.size(); ++i) line_top -= set.lines[i].height;
    for (std::size_t i = 0; i < set.lines.size(); ++i) {
      TextLineItem item{set.layout, static_cast<int>(i), x + set.lines[i].x, line_top + set.lines[i].baseline, {},
                        false};
      items.emplace_back(std::move(item));
      line_top += set.lines[i].height;
    }
  };
  if (left_slot) place(*left_slot, text_left);
  if (right) place(*right, text_right - right_width);
  if (centre) {
    // Centred on the page where it fits, else as near the centre as the other slots allow.
    double centre_width = centre->natural_width();
    double x = std::clamp(left + (width - centre_width) / 2, left_end, std::max(left_end, right_start - centre_width));
    place(*centre, x);
  }
}

void Typesetter::emit_title_band(std::vector<FlowItem>& items) const {
  const TitleBand& band = spec_.title_band;
  const double x = spec_.page.margin_left;
  const double width = spec_.page.width - spec_.page.margin_left - spec_.page.margin_right;
  TemplateValues values = template_values();
  std::vector<FlowItem> text_items;
  double y = band.padding;
  auto add = [&](const std::string& source, double size, bool bold, const char* role) {
    if (source.empty()) return;
    text_items.emplace_back(StructBegin{role, {}});
    TextSpec text;
    text.font = {spec_.heading_font.family, size, bold, false};
    text.colour = band.colour;
    text.language = document_.metadata.language;
    text.code_family = spec_.code_font.family;
    text.width = width - 2 * band.padding;
    text.leading = 1.2;
    SetText set =
        set_text(fonts_, InlineText{TextRun{expand(source, values, band.place), style_plain, {}}}, text);
    for (std::size_t i = 0; i < set.lines.size(); ++i) {
      TextLineItem item{set.layout, static_cast<int>(i), x + band.padding + set.lines[i].x,
                        spec_.page.margin_top + y + set.lines[i].baseline, {}, false};
      text_items.emplace_back(std::move(item));
      y += set.lines[i].height;
    }
    text_items.emplace_back(StructEnd{});
  };
  add(band.title, band.title_size, true, "H1");
  add(band.subtitle, band.subtitle_size, false, "P");
  y += band.padding;
  items.push_back(ArtifactBegin{ArtifactKind::background, "title band"});
  items.push_back(RectItem{x, spec_.page.margin_top, width, y, band.background});
  items.push_back(ArtifactEnd{});
  items.insert(items.end(), text_items.begin(), text_items.end());
}

TemplateValues Typesetter::template_values() const {
  const DocumentMetadata& meta = document_.metadata;
  TemplateValues values = variant_values_;
  values.merge(TemplateValues{{"title", meta.title},
                        {"organisation", meta.organisation},
                        {"source", meta.source},
                        {"audience", meta.audience},
                        {"language", meta.language},
                        {"reviewed", localised_date(meta.reviewed, meta.language)},
                        {"reviewed_iso", meta.reviewed},
                        {"page", ""},
                        {"pages", ""}});
  {
    std::lock_guard<std::mutex> lock(facts_mutex_);
    if (make_facts_) {
      facts_ = make_facts_();
      make_facts_ = nullptr;
    }
    values.merge(TemplateValues(facts_));
  }
  add_strings(values);
  return values;
}

void Typesetter::add_strings(TemplateValues& values) const {
  for (const std::string& key : used_strings_)
    values[std::string(string_placeholder_prefix) + key] =
        expand_template(strings_.get(key, warnings_, SourcePlace{document_.path}), values);
}

// The words a layout does not set itself come from the article's language.
void Typesetter::localise_labels() {
  const SourcePlace place{document_.path};
  if (!spec_.key_places.count("figure.label")) spec_.figure_label = strings_.get("figure", warnings_, place);
  if (spec_.glossary.enabled) {
    if (!spec_.key_places.count("glossary.title"))
      spec_.glossary.title = strings_.get("words_to_know", warnings_, place);
    spec_.glossary.sounds_like = strings_.get("sounds_like", warnings_, place);
  }
  for (const RunningText* running : {&spec_.header, &spec_.footer})
    for (const std::string* text : {&running->left, &running->centre, &running->right})
      for (std::string& key : string_keys_in(*text)) used_strings_.push_back(std::move(key));
  if (spec_.title_band.enabled)
    for (const std::string* text : {&spec_.title_band.title, &spec_.title_band.subtitle})
      for (std::string& key : string_keys_in(*text)) used_strings_.push_back(std::move(key));
}

bool Typesetter::has_values_for(const std::string& text, const TemplateValues& values,
                                const SourcePlace& place) const {
  auto missing = missing_template_value(text, values);
  if (!missing) return true;
  // A layout may name a project's values ({clinic.phone}) and still serve a build without them:
  // the slot is left out. Where the project gives values but not this one, that is likely a slip.
  if (!variant_values_.empty() && !warned_missing_.count(*missing)) {
    warned_missing_.insert(*missing);
    warnings_.add(place, fmt::format("'{{{}}}' has no value in this variant; the running head that uses it is "
                                     "left out",
                                     *missing));
  }
  return false;
}

std::string Typesetter::expand(const std::string& text, const TemplateValues& values, const SourcePlace& place) const {
  if (auto missing = missing_template_value(text, values))
    throw HandoutError(place, fmt::format("'{{{}}}' has no value here: give it to every variant in the project file "
                                          "(handout.toml), or remove it from the layout",
                                          *missing));
  return expand_template(text, values);
}

}  // namespace handout
