#include "typeset/text_layout.h"

#include <algorithm>

#include "typeset/keep_together.h"

namespace handout {

namespace {

guint16 channel(double value) { return static_cast<guint16>(std::clamp(value, 0.0, 1.0) * 65535.0 + 0.5); }

void insert(PangoAttrList* list, PangoAttribute* attribute, std::size_t start, std::size_t end) {
  attribute->start_index = static_cast<guint>(start);
  attribute->end_index = static_cast<guint>(end);
  pango_attr_list_insert(list, attribute);
}

FontDescriptionPtr font_description(const FontSpec& font) {
  FontDescriptionPtr description(pango_font_description_new());
  pango_font_description_set_family(description.get(), font.family.c_str());
  pango_font_description_set_absolute_size(description.get(), font.size * PANGO_SCALE);
  pango_font_description_set_weight(description.get(), font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(description.get(), font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  return description;
}

struct LinkRange {
  std::size_t start, end;
  std::string uri;
};

// The characters Pango drew as hex boxes because no font has them, each once, in text order.
// A box carries no text into the PDF, so a warning must name what it stands for.
std::vector<char32_t> characters_without_glyph(PangoLayout* layout, const std::string& text) {
  std::vector<char32_t> found;
  for (GSList* line = pango_layout_get_lines_readonly(layout); line; line = line->next)
    for (GSList* node = static_cast<PangoLayoutLine*>(line->data)->runs; node; node = node->next) {
      const auto* run = static_cast<const PangoGlyphItem*>(node->data);
      for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
        if (!(run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)) continue;
        std::size_t at = static_cast<std::size_t>(run->item->offset + run->glyphs->log_clusters[i]);
        if (at >= text.size()) continue;
        auto character = static_cast<char32_t>(g_utf8_get_char(text.c_str() + at));
        if (std::find(found.begin(), found.end(), character) == found.end()) found.push_back(character);
      }
    }
  return found;
}

// The word around byte `at` of `text`: from the space before to the space after, at most about
// 40 bytes, cut at a character boundary.
std::string word_around(const std::string& text, std::size_t at) {
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  std::size_t start = at, end = at;
  while (start > 0 && !is_space(text[start - 1])) --start;
  while (end < text.size() && !is_space(text[end])) ++end;
  constexpr std::size_t longest = 40;
  if (end - start <= longest) return text.substr(start, end - start);
  std::size_t cut = start + longest;
  while (cut > start && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(start, cut - start) + "…";
}

// Lines that start where the text has no line-break opportunity: Pango broke a word there
// because it was wider than the whole line.
std::vector<std::string> words_broken_inside(PangoLayout* layout, const std::string& text) {
  std::vector<std::string> words;
  int attr_count = 0;
  const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout, &attr_count);
  GSList* lines = pango_layout_get_lines_readonly(layout);
  if (!lines) return words;
  for (GSList* node = lines->next; node; node = node->next) {
    const auto* line = static_cast<const PangoLayoutLine*>(node->data);
    auto byte = static_cast<std::size_t>(line->start_index);
    if (byte == 0 || byte >= text.size()) continue;
    glong offset = g_utf8_pointer_to_offset(text.c_str(), text.c_str() + byte);
    if (offset >= attr_count || attrs[offset].is_line_break) continue;
    std::string word = word_around(text, byte);
    if (words.empty() || words.back() != word) words.push_back(word);
  }
  return words;
}

}  // namespace

double SetText::natural_width() const {
  double width = 0;
  for (const LineBox& line : lines) width = std::max(width, line.x + line.width);
  return width;
}

SetText set_text(PangoContext* context, const InlineText& text, const TextSpec& spec) {
  std::string utf8;
  AttrListPtr attributes(pango_attr_list_new());
  std::vector<LinkRange> links;
  for (const TextRun& run : text) {
    std::size_t start = utf8.size();
    utf8 += run.text;
    std::size_t end = utf8.size();
    if (run.styles & style_strong) insert(attributes.get(), pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, end);
    if (run.styles & style_emphasis)
      insert(attributes.get(), pango_attr_style_new(spec.font.italic ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC), start,
             end);
    if (run.styles & style_code) {
      insert(attributes.get(), pango_attr_family_new(spec.code_family.c_str()), start, end);
      insert(attributes.get(), pango_attr_size_new_absolute(static_cast<int>(spec.font.size * 0.9 * PANGO_SCALE)),
             start, end);
    }
    if ((run.styles & style_term) && spec.term_bold)
      insert(attributes.get(), pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, end);
    if ((run.styles & style_term) && spec.term_colour && !(run.styles & style_link)) {
      const Rgb& c = *spec.term_colour;
      insert(attributes.get(), pango_attr_foreground_new(channel(c.red), channel(c.green), channel(c.blue)), start,
             end);
    }
    if (run.styles & style_strike) insert(attributes.get(), pango_attr_strikethrough_new(TRUE), start, end);
    if (run.styles & style_link) {
      const Rgb& c = spec.link_colour;
      insert(attributes.get(), pango_attr_foreground_new(channel(c.red), channel(c.green), channel(c.blue)), start,
             end);
      insert(attributes.get(), pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, end);
      links.push_back({start, end, run.link_target});
    }
  }
  // The base colour goes in before every other attribute, so that the colours of links and
  // marked terms, inserted above, win where they overlap (pango_attr_list_change would replace
  // them).
  PangoAttribute* colour =
      pango_attr_foreground_new(channel(spec.colour.red), channel(spec.colour.green), channel(spec.colour.blue));
  colour->start_index = 0;
  colour->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
  pango_attr_list_insert_before(attributes.get(), colour);
  if (!spec.language.empty()) {
    PangoAttribute* language = pango_attr_language_new(pango_language_from_string(spec.language.c_str()));
    language->start_index = 0;
    language->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
    pango_attr_list_insert_before(attributes.get(), language);
  }
  if (spec.keep_compounds && !spec.preformatted)
    for (const auto& [start, end] : keep_together_ranges(utf8))
      insert(attributes.get(), pango_attr_allow_breaks_new(FALSE), start, end);

  SharedLayout layout = share_layout(pango_layout_new(context));
  FontDescriptionPtr description = font_description(spec.font);
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_text(layout.get(), utf8.c_str(), static_cast<int>(utf8.size()));
  pango_layout_set_attributes(layout.get(), attributes.get());
  if (spec.width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(spec.width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), spec.preformatted ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
  }
  switch (spec.align) {
    case TextSpec::Align::left: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT); break;
    case TextSpec::Align::centre: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER); break;
    case TextSpec::Align::right: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT); break;
    case TextSpec::Align::justify: pango_layout_set_justify(layout.get(), TRUE); break;
  }

  SetText result;
  result.layout = layout;
  result.unknown_glyphs = pango_layout_get_unknown_glyphs_count(layout.get());
  if (result.unknown_glyphs > 0) result.characters_without_glyph = characters_without_glyph(layout.get(), utf8);
  if (spec.width > 0 && !spec.preformatted) result.broken_words = words_broken_inside(layout.get(), utf8);
  const double pitch = spec.font.size * spec.leading;
  PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
    double layout_top = logical.y / double(PANGO_SCALE);
    double baseline_in_layout = pango_layout_iter_get_baseline(iter) / double(PANGO_SCALE);
    double ascent = baseline_in_layout - layout_top;
    double content = logical.height / double(PANGO_SCALE);
    LineBox box;
    // A line is at least one pitch tall; a taller line (a fallback font, a large code span)
    // grows rather than overlapping its neighbours.
    box.height = std::max(pitch, content);
    box.baseline = (box.height - content) / 2 + ascent;
    box.x = logical.x / double(PANGO_SCALE);
    box.width = logical.width / double(PANGO_SCALE);
    for (const LinkRange& link : links) {
      int start = line->start_index, end = line->start_index + line->length;
      if (static_cast<int>(link.end) <= start || static_cast<int>(link.start) >= end) continue;
      int* ranges = nullptr;
      int count = 0;
      pango_layout_line_get_x_ranges(line, std::max<int>(start, static_cast<int>(link.start)),
                                     std::min<int>(end, static_cast<int>(link.end)), &ranges, &count);
      for (int i = 0; i < count; ++i) {
        double x0 = ranges[2 * i] / double(PANGO_SCALE), x1 = ranges[2 * i + 1] / double(PANGO_SCALE);
        if (x1 > x0) box.links.push_back(LinkItem{x0, 0, x1 - x0, box.height, link.uri});
      }
      g_free(ranges);
    }
    result.lines.push_back(std::move(box));
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return result;
}

}  // namespace handout
