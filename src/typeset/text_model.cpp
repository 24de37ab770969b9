#include "typeset/text_model.h"

#include <hb.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace handout {

namespace {

constexpr double units = PANGO_SCALE;

// The advance of `character` in `font` (Pango units are the HarfBuzz font's), or -1.
double advance(PangoFont* font, gunichar character) {
  hb_font_t* hb_font = font ? pango_font_get_hb_font(font) : nullptr;
  hb_codepoint_t glyph = 0;
  if (!hb_font || !hb_font_get_nominal_glyph(hb_font, character, &glyph)) return -1;
  return hb_font_get_glyph_h_advance(hb_font, glyph) / units;
}

// What Pango adds for a hyphen shown at a break: the advance of U+2010, or of '-' (as its own
// breaker measures it).
double hyphen_width(PangoFont* font) {
  double width = advance(font, 0x2010);
  if (width < 0) width = advance(font, '-');
  return std::max(0.0, width);
}

bool is_separator(gunichar c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

}  // namespace

// Everything that changes how a text is shaped or where it may break; not its size, width,
// colours or alignment.
std::string TextModel::key(const InlineText& text, const TextSpec& spec) {
  std::string key;
  key.reserve(64);
  key += spec.font.family;
  key += '\x1f';
  key += spec.code_family;
  key += '\x1f';
  key += spec.language;
  key += '\x1f';
  key += static_cast<char>('0' + (spec.font.bold ? 1 : 0) + (spec.font.italic ? 2 : 0) + (spec.preformatted ? 4 : 0) +
                           (spec.keep_compounds ? 8 : 0) + (spec.term_bold ? 16 : 0) + (spec.hyphenator ? 32 : 0));
  for (const TextRun& run : text) {
    key += '\x1e';
    key += static_cast<char>('0' + run.styles);
    key += run.text;
  }
  return key;
}

void TextModel::record(const InlineText& text, const TextSpec& spec, PangoLayout* layout) {
  auto [entry, inserted] = texts_.try_emplace(key(text, spec));
  if (!inserted) return;
  Measured& measured = entry->second;
  measured.size = spec.font.size;
  const char* utf8 = pango_layout_get_text(layout);
  const std::size_t bytes = std::strlen(utf8);
  int attr_count = 0;
  const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout, &attr_count);
  const int chars = std::max(0, attr_count - 1);
  std::vector<int> char_at(bytes + 1, 0);
  std::vector<gunichar> characters;
  characters.reserve(static_cast<std::size_t>(chars));
  for (const char* at = utf8; *at; at = g_utf8_next_char(at)) {
    char_at[static_cast<std::size_t>(at - utf8)] = static_cast<int>(characters.size());
    characters.push_back(g_utf8_get_char(at));
  }
  char_at[bytes] = static_cast<int>(characters.size());
  const int count = std::min<int>(chars, static_cast<int>(characters.size()));
  std::vector<double> width(static_cast<std::size_t>(count), 0), ascent(width), descent(width);
  std::vector<PangoFont*> font(static_cast<std::size_t>(count), nullptr);
  std::vector<int> widths;
  for (GSList* node = pango_layout_get_lines_readonly(layout); node; node = node->next) {
    auto* line = static_cast<PangoLayoutLine*>(node->data);
    if (!line->runs) {  // an empty line: only an empty text, or one ending with a line separator
      PangoRectangle logical;
      pango_layout_line_get_extents(line, nullptr, &logical);
      if (measured.empty_height == 0) measured.empty_height = logical.height / units;
    }
    for (GSList* item_node = line->runs; item_node; item_node = item_node->next) {
      auto* run = static_cast<PangoGlyphItem*>(item_node->data);
      const int n = run->item->num_chars;
      widths.assign(static_cast<std::size_t>(n), 0);
      pango_glyph_item_get_logical_widths(run, utf8, widths.data());
      // Every glyph of a run has its font's ascent and descent: the first one's say them.
      PangoRectangle logical{};
      if (run->glyphs->num_glyphs > 0)
        pango_glyph_string_extents_range(run->glyphs, 0, 1, run->item->analysis.font, nullptr, &logical);
      const int first = char_at[static_cast<std::size_t>(run->item->offset)];
      PangoFont* run_font = run->item->analysis.font;
      for (int i = 0; i < n && first + i < count; ++i) {
        const auto c = static_cast<std::size_t>(first + i);
        // A soft hyphen has no width unless a line ends at it; the break adds the hyphen.
        width[c] = characters[c] == 0x00AD ? 0 : widths[static_cast<std::size_t>(i)] / units;
        // A space has its own advance: Pango gives the one at a line's end no width, and widens
        // the others of a justified line.
        if (attrs[c].is_white && !is_separator(characters[c]))
          if (double own = advance(run_font, characters[c]); own >= 0) width[c] = own;
        ascent[c] = -logical.y / units;
        descent[c] = (logical.y + logical.height) / units;
        font[c] = run_font;
      }
    }
  }
  if (count > 0) measured.ends_with_break = is_separator(characters[static_cast<std::size_t>(count - 1)]);
  Piece piece;
  double hyphen = -1;  // measured at the first soft hyphen
  for (int c = 0; c < count; ++c) {
    const auto at = static_cast<std::size_t>(c);
    if (is_separator(characters[at])) {
      // A paragraph's end: the separator takes no room, and a line ends here.
      piece.forced = true;
    } else {
      piece.width += width[at];
      piece.ascent = std::max(piece.ascent, ascent[at]);
      piece.descent = std::max(piece.descent, descent[at]);
    }
    const int next = c + 1;
    const bool end = next >= count;
    const bool breaks = !end && (spec.preformatted ? attrs[next].is_char_break : attrs[next].is_line_break);
    if (!(end || breaks || piece.forced)) continue;
    piece.white = attrs[c].is_white && !is_separator(characters[at]) ? width[at] : 0;
    if (!end && attrs[next].break_inserts_hyphen) {
      if (hyphen < 0) hyphen = hyphen_width(font[at]);
      piece.hyphen = hyphen - (attrs[next].break_removes_preceding ? width[at] : 0);
    }
    if (end) piece.white = 0;  // Pango fits a paragraph's last item whole
    measured.pieces.push_back(piece);
    piece = Piece{};
  }
}

std::optional<SetText> TextModel::predict(const InlineText& text, const TextSpec& spec) const {
  auto found = texts_.find(key(text, spec));
  if (found == texts_.end()) return std::nullopt;
  const Measured& measured = found->second;
  const double scale = measured.size > 0 ? spec.font.size / measured.size : 1;
  const double room = spec.width > 0 && !measured.pieces.empty() ? spec.width / scale
                                                                  : std::numeric_limits<double>::infinity();
  const double beside = spec.overflow / scale;
  const double pitch = spec.font.size * spec.leading;
  SetText set;
  double width = 0, ascent = 0, descent = 0, white = 0;
  bool open = false;
  auto close = [&] {
    LineBox box;
    const double content = (ascent + descent) * scale;
    box.height = std::max(pitch, content);
    box.baseline = (box.height - content) / 2 + ascent * scale;
    box.width = (width - white) * scale;
    set.lines.push_back(box);
    width = ascent = descent = white = 0;
    open = false;
  };
  for (const Piece& piece : measured.pieces) {
    const double extra = piece.hyphen != 0 ? piece.hyphen : -piece.white;
    if (open && width + piece.width + extra > room) close();
    if (!open && piece.width - piece.white > room + beside && std::isfinite(room)) {
      // A word wider than the line and the room beside it is broken between letters.
      const double lines = std::ceil((piece.width - piece.white) / room);
      for (int i = 1; i < static_cast<int>(lines); ++i) {
        ascent = piece.ascent;
        descent = piece.descent;
        width = room;
        close();
      }
    }
    width += piece.width;
    white = piece.white;
    ascent = std::max(ascent, piece.ascent);
    descent = std::max(descent, piece.descent);
    open = true;
    if (piece.forced) close();
  }
  if (open) close();
  if (set.lines.empty() || measured.ends_with_break) {
    ascent = measured.empty_height * 0.8;
    descent = measured.empty_height * 0.2;
    close();
  }
  return set;
}

std::optional<ColumnNeed> TextModel::predict_need(const InlineText& text, const TextSpec& spec) const {
  auto found = texts_.find(key(text, spec));
  if (found == texts_.end()) return std::nullopt;
  const Measured& measured = found->second;
  const double scale = measured.size > 0 ? spec.font.size / measured.size : 1;
  ColumnNeed need;
  double line = 0;
  for (const Piece& piece : measured.pieces) {
    need.min = std::max(need.min, (piece.width - piece.white) * scale);
    line += piece.width;
    need.max = std::max(need.max, (line - piece.white) * scale);
    if (piece.forced) line = 0;
  }
  return need;
}

SetText TextSetter::set(const InlineText& text, const TextSpec& spec) const {
  if (!model) return set_text(*fonts, text, spec);
  if (std::optional<SetText> predicted = model->predict(text, spec)) return std::move(*predicted);
  // Measured on one line: Pango shapes each item once, where breaking it into lines would shape
  // each line again and the candidates for its end besides.
  TextSpec one_line = spec;
  one_line.width = -1;
  one_line.align = TextSpec::Align::left;  // one line has nothing to align
  model->record(text, spec, set_text(*fonts, text, one_line).layout.get());
  return *model->predict(text, spec);
}

}  // namespace handout
