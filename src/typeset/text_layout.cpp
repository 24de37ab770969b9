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

FontDescriptionPtr font_description(const FontSpec& font, const std::string& family) {
  FontDescriptionPtr description(pango_font_description_new());
  pango_font_description_set_family(description.get(), family.c_str());
  pango_font_description_set_absolute_size(description.get(), font.size * PANGO_SCALE);
  pango_font_description_set_weight(description.get(), font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(description.get(), font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  return description;
}

// What Pango sets a text with: the family list, or its first family alone when that family's
// faces show every character of the text. Pango then takes the same face for every character,
// but asks fontconfig for the pattern it measures that face's metrics with besides, where the
// list would be a second pattern for every size and style (each one a match and a sort, on two
// new threads in Pango 1.50).
class FamilyChoice {
 public:
  FamilyChoice(const FontCatalog& catalog, const std::string& families)
      : catalog_(catalog), families_(families), first_(families.substr(0, families.find(','))) {}
  void add(std::string_view text) { first_covers_ = first_covers_ && catalog_.covers(first_, text); }
  const std::string& families() const { return first_covers_ ? first_ : families_; }

 private:
  const FontCatalog& catalog_;
  const std::string& families_;
  std::string first_;
  bool first_covers_ = true;
};

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

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t'; }

// `text` without its soft hyphens: a word as its reader wrote it.
std::string without_soft_hyphens(std::string text) {
  for (std::size_t at; (at = text.find(soft_hyphen)) != std::string::npos;) text.erase(at, soft_hyphen.size());
  return text;
}

// The word around byte `at` of `text`: from the space before to the space after.
std::string word_around(const std::string& text, std::size_t at) {
  std::size_t start = at, end = at;
  while (start > 0 && !is_space_byte(text[start - 1])) --start;
  while (end < text.size() && !is_space_byte(text[end])) ++end;
  return without_soft_hyphens(text.substr(start, end - start));
}

// Lines that start where the text has no line-break opportunity: Pango broke a word there
// because it was wider than the whole line.
void add_words_broken_inside(PangoLayout* layout, const std::string& text, std::vector<SetText::LongWord>& words) {
  int attr_count = 0;
  const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout, &attr_count);
  GSList* lines = pango_layout_get_lines_readonly(layout);
  if (!lines) return;
  for (GSList* node = lines->next; node; node = node->next) {
    const auto* line = static_cast<const PangoLayoutLine*>(node->data);
    auto byte = static_cast<std::size_t>(line->start_index);
    if (byte == 0 || byte >= text.size()) continue;
    glong offset = g_utf8_pointer_to_offset(text.c_str(), text.c_str() + byte);
    if (offset >= attr_count || attrs[offset].is_line_break) continue;
    std::string word = word_around(text, byte);
    if (words.empty() || words.back().word != word) words.push_back({word, true});
  }
}

// How far the line's ink-bearing text reaches: its width without the spaces at its end.
double visible_width(PangoLayoutLine* line, const std::string& text) {
  int start = line->start_index;
  int end = line->start_index + line->length;
  while (end > start && is_space_byte(text[static_cast<std::size_t>(end - 1)])) --end;
  if (end <= start) return 0;
  int* ranges = nullptr;
  int count = 0;
  pango_layout_line_get_x_ranges(line, start, end, &ranges, &count);
  double low = 0, high = 0;
  for (int i = 0; i < count; ++i) {
    if (i == 0 || ranges[2 * i] < low) low = ranges[2 * i];
    if (i == 0 || ranges[2 * i + 1] > high) high = ranges[2 * i + 1];
  }
  g_free(ranges);
  return (high - low) / double(PANGO_SCALE);
}

// The longest word of each line that runs past `width`, in line order.
std::vector<SetText::LongWord> words_past(PangoLayout* layout, const std::string& text, double width) {
  std::vector<SetText::LongWord> words;
  for (GSList* node = pango_layout_get_lines_readonly(layout); node; node = node->next) {
    auto* line = static_cast<PangoLayoutLine*>(node->data);
    if (visible_width(line, text) <= width + 0.01) continue;
    std::string longest;
    std::size_t end = static_cast<std::size_t>(line->start_index + line->length);
    for (std::size_t at = static_cast<std::size_t>(line->start_index); at < end;) {
      while (at < end && is_space_byte(text[at])) ++at;
      std::size_t word_end = at;
      while (word_end < end && !is_space_byte(text[word_end])) ++word_end;
      std::string word = without_soft_hyphens(text.substr(at, word_end - at));
      if (g_utf8_strlen(word.c_str(), -1) > g_utf8_strlen(longest.c_str(), -1)) longest = word;
      at = word_end;
    }
    if (!longest.empty()) words.push_back({longest, false});
  }
  return words;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// Places where a line break would part what belongs together, though Unicode allows one there:
// a number and the word hyphenated to it ("50-gram"), and a unit written with a slash ("mg/dL",
// "mL/min"; not a URL's path). Each as the byte range that must not be broken.
std::vector<std::pair<std::size_t, std::size_t>> unbreakable_ranges(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  auto token_at = [&](std::size_t at) {
    std::size_t start = at, end = at;
    while (start > 0 && !is_space_byte(text[start - 1])) --start;
    while (end < text.size() && !is_space_byte(text[end])) ++end;
    return std::string_view(text).substr(start, end - start);
  };
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '-' && is_ascii_digit(text[i - 1]) && is_ascii_letter(text[i + 1])) {
      ranges.emplace_back(i, i + 2);
    } else if (text[i] == '/' && is_ascii_letter(text[i - 1]) && is_ascii_letter(text[i + 1])) {
      std::size_t left = i, right = i + 1;
      while (left > 0 && is_ascii_letter(text[left - 1])) --left;
      while (right < text.size() && is_ascii_letter(text[right])) ++right;
      std::string_view token = token_at(i);
      bool address = token.find("://") != std::string_view::npos || token.find('.') != std::string_view::npos ||
                     std::count(token.begin(), token.end(), '/') > 1;
      if (!address && i - left <= 4 && right - i - 1 <= 4) ranges.emplace_back(i, i + 2);
    }
  }
  return ranges;
}

void lay_out(PangoLayout* layout, const TextSpec& spec, PangoWrapMode wrap) {
  if (spec.width <= 0) return;
  pango_layout_set_width(layout, static_cast<int>(spec.width * PANGO_SCALE));
  pango_layout_set_wrap(layout, wrap);
}

}  // namespace

double SetText::natural_width() const {
  double width = 0;
  for (const LineBox& line : lines) width = std::max(width, line.x + line.width);
  return width;
}

SetText set_text(const FontSet& fonts, const InlineText& text, const TextSpec& spec) {
  std::string utf8;
  FamilyChoice body_family(fonts.catalog(), spec.font.family), code_family(fonts.catalog(), spec.code_family);
  for (const TextRun& run : text)
    if (run.styles & style_code) code_family.add(run.text);  // code is never hyphenated
  AttrListPtr attributes(pango_attr_list_new());
  std::vector<LinkRange> links;
  std::vector<std::pair<std::size_t, std::size_t>> no_inserted_hyphens;  // code and links
  for (const TextRun& run : text) {
    std::size_t start = utf8.size();
    // URLs and code are never hyphenated: a hyphen there would read as part of them.
    const bool verbatim = (run.styles & (style_code | style_link)) || spec.preformatted;
    if (spec.hyphenator && !verbatim)
      utf8 += spec.hyphenator->mark(run.text);
    else
      utf8 += run.text;
    std::size_t end = utf8.size();
    if (verbatim) no_inserted_hyphens.emplace_back(start, end);
    if (!(run.styles & style_code)) body_family.add(std::string_view(utf8).substr(start, end - start));
    if (run.styles & style_strong) insert(attributes.get(), pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, end);
    if (run.styles & style_emphasis)
      insert(attributes.get(), pango_attr_style_new(spec.font.italic ? PANGO_STYLE_NORMAL : PANGO_STYLE_ITALIC), start,
             end);
    if (run.styles & style_code) {
      insert(attributes.get(), pango_attr_family_new(code_family.families().c_str()), start, end);
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

  // Pango shows a hyphen where it breaks a word between letters; here only the soft hyphens of
  // hyphenated prose (the patterns', or the author's own) may show one when a line ends there.
  PangoAttribute* no_hyphens = pango_attr_insert_hyphens_new(FALSE);
  no_hyphens->start_index = 0;
  no_hyphens->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
  pango_attr_list_insert_before(attributes.get(), no_hyphens);
  if (!spec.preformatted) {
    auto verbatim_at = [&](std::size_t at) {
      return std::any_of(no_inserted_hyphens.begin(), no_inserted_hyphens.end(),
                         [&](const auto& range) { return at >= range.first && at < range.second; });
    };
    for (std::size_t at = utf8.find(soft_hyphen); at != std::string::npos; at = utf8.find(soft_hyphen, at + 1))
      if (!verbatim_at(at)) insert(attributes.get(), pango_attr_insert_hyphens_new(TRUE), at, at + soft_hyphen.size());
    for (const auto& [start, end] : unbreakable_ranges(utf8))
      if (!verbatim_at(start)) insert(attributes.get(), pango_attr_allow_breaks_new(FALSE), start, end);
  }

  SharedLayout layout = share_layout(pango_layout_new(fonts.context()));
  FontDescriptionPtr description = font_description(spec.font, body_family.families());
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_text(layout.get(), utf8.c_str(), static_cast<int>(utf8.size()));
  pango_layout_set_attributes(layout.get(), attributes.get());
  lay_out(layout.get(), spec, spec.preformatted ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD);
  switch (spec.align) {
    case TextSpec::Align::left: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT); break;
    case TextSpec::Align::centre: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER); break;
    case TextSpec::Align::right: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT); break;
    case TextSpec::Align::justify: pango_layout_set_justify(layout.get(), TRUE); break;
  }

  SetText result;
  result.layout = layout;
  if (spec.width > 0 && !spec.preformatted) {
    result.long_words = words_past(layout.get(), utf8, spec.width);
    // Past the room beside the line, the last resort: broken between two letters.
    if (!result.long_words.empty() && !words_past(layout.get(), utf8, spec.width + spec.overflow).empty()) {
      lay_out(layout.get(), spec, PANGO_WRAP_WORD_CHAR);
      result.long_words.clear();
      add_words_broken_inside(layout.get(), utf8, result.long_words);
      for (SetText::LongWord& word : words_past(layout.get(), utf8, spec.width)) result.long_words.push_back(word);
    }
  }
  result.unknown_glyphs = pango_layout_get_unknown_glyphs_count(layout.get());
  if (result.unknown_glyphs > 0) result.characters_without_glyph = characters_without_glyph(layout.get(), utf8);
  const double pitch = spec.font.size * spec.leading;
  std::vector<bool> link_shown(links.size(), false);  // a piece of the link is on an earlier line
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
    for (std::size_t l = 0; l < links.size(); ++l) {
      const LinkRange& link = links[l];
      int start = line->start_index, end = line->start_index + line->length;
      if (static_cast<int>(link.end) <= start || static_cast<int>(link.start) >= end) continue;
      LineLink piece;
      piece.start = std::max<int>(start, static_cast<int>(link.start));
      piece.end = std::min<int>(end, static_cast<int>(link.end));
      int* ranges = nullptr;
      int count = 0;
      pango_layout_line_get_x_ranges(line, piece.start, piece.end, &ranges, &count);
      // One area a line: the ranges are several only where the link's text changes direction.
      double x0 = 0, x1 = 0;
      for (int i = 0; i < count; ++i) {
        double from = ranges[2 * i] / double(PANGO_SCALE), to = ranges[2 * i + 1] / double(PANGO_SCALE);
        if (to <= from) continue;
        if (x1 <= x0) x0 = from, x1 = to;
        x0 = std::min(x0, from), x1 = std::max(x1, to);
      }
      g_free(ranges);
      if (x1 <= x0) continue;  // nothing of the link shows on this line
      piece.area = LinkBegin{x0, 0, x1 - x0, box.height, link.uri, link_shown[l]};
      link_shown[l] = true;
      box.links.push_back(std::move(piece));
    }
    result.lines.push_back(std::move(box));
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return result;
}

std::string shortened_to_fit(const FontSet& fonts, const std::string& text, const TextSpec& spec, double limit) {
  TextSpec one_line = spec;
  one_line.width = -1;
  auto width_of = [&](const std::string& candidate) {
    return set_text(fonts, InlineText{TextRun{candidate, style_plain, {}}}, one_line).natural_width();
  };
  if (width_of(text) <= limit + 0.01) return text;
  // The first `count` characters, without the spaces and separators they end with, and "…".
  auto cut = [&](glong count) {
    std::string prefix(text.c_str(), static_cast<std::size_t>(g_utf8_offset_to_pointer(text.c_str(), count) - text.c_str()));
    while (!prefix.empty() && std::string_view(" ,;:|-").find(prefix.back()) != std::string_view::npos)
      prefix.pop_back();
    for (std::string_view tail : {std::string_view(" \u00B7"), std::string_view("\u00B7"), std::string_view(" \u2014"),
                                  std::string_view(" \u2013")})
      if (prefix.size() >= tail.size() && prefix.compare(prefix.size() - tail.size(), tail.size(), tail) == 0)
        prefix.resize(prefix.size() - tail.size());
    return prefix + "\u2026";
  };
  glong low = 0, high = g_utf8_strlen(text.c_str(), -1);  // cut(low) fits, or low is 0
  while (high - low > 1) {
    glong middle = (low + high) / 2;
    (width_of(cut(middle)) <= limit + 0.01 ? low : high) = middle;
  }
  std::string best = cut(low);
  // At the last space instead, when that keeps at least four fifths of it.
  std::size_t kept = best.size() - std::string_view("\u2026").size();
  std::size_t space = text.rfind(' ', kept);
  if (space != std::string::npos && space > 0 && space * 5 >= kept * 4) {
    std::string at_word = cut(g_utf8_pointer_to_offset(text.c_str(), text.c_str() + space));
    if (width_of(at_word) <= limit + 0.01) best = at_word;
  }
  return best;
}

}  // namespace handout
