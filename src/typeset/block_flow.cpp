#include "typeset/block_flow.h"

#include "layout/locale_strings.h"

#include <fmt/format.h>

#include <glib.h>

#include <algorithm>

#include "image/image_header.h"
#include "readability/source_locator.h"
#include "readability/syllable_counter.h"
#include "typeset/table_flow.h"
#include "typeset/text_layout.h"
#include "util/text.h"

namespace handout {

BlockMetrics FlowBlock::metrics() const {
  BlockMetrics metrics;
  for (const FlowLine& line : lines) metrics.line_heights.push_back(line.height);
  metrics.space_before = space_before;
  metrics.space_after = space_after;
  metrics.keep_with_next = keep_with_next;
  metrics.keep_together = keep_together;
  metrics.repeat_lines = repeat_lines;
  return metrics;
}

namespace {

// Puts blocks [first, last) inside one structure element: its begin goes before everything
// the first block paints, its end after everything the last block paints.
void wrap_blocks(std::vector<FlowBlock>& blocks, std::size_t first, std::size_t last, StructBegin begin) {
  if (first >= last || blocks[first].lines.empty() || blocks[last - 1].lines.empty()) return;
  auto& head = blocks[first].lines.front().items;
  head.insert(head.begin(), std::move(begin));
  blocks[last - 1].lines.back().items.push_back(StructEnd{});
}

void wrap_block(FlowBlock& block, StructBegin begin) {
  if (block.lines.empty()) return;
  auto& head = block.lines.front().items;
  head.insert(head.begin(), std::move(begin));
  block.lines.back().items.push_back(StructEnd{});
}

// "'ആ' U+0D06, 'ಫ' U+0CAB": the characters themselves, so a reader of the warning can search
// the article, and their code points, since a terminal may not show them either.
std::string named_characters(const std::vector<char32_t>& characters) {
  constexpr std::size_t shown = 8;
  std::string out;
  for (std::size_t i = 0; i < characters.size() && i < shown; ++i) {
    char utf8[8] = {};
    g_unichar_to_utf8(static_cast<gunichar>(characters[i]), utf8);
    out += fmt::format("{}'{}' U+{:04X}", i ? ", " : "", utf8, static_cast<unsigned>(characters[i]));
  }
  if (characters.size() > shown) out += fmt::format(" and {} more", characters.size() - shown);
  return out;
}

// A word for a message: at most about 40 bytes, cut at a character boundary.
std::string shortened(const std::string& word) {
  constexpr std::size_t longest = 40;
  if (word.size() <= longest) return word;
  std::size_t cut = longest;
  while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
  return word.substr(0, cut) + "…";
}

// Where `character` first appears in `source` at or after `from` (a block's place); `from`
// itself when it cannot be found there (an entity, say). Columns count characters.
SourcePlace place_of_character(std::string_view source, const SourcePlace& from, char32_t character) {
  if (source.empty() || from.line < 1) return from;
  char utf8[8] = {};
  g_unichar_to_utf8(static_cast<gunichar>(character), utf8);
  std::size_t at = 0;
  for (int line = 1; line < from.line && at != std::string_view::npos; ++line) {
    at = source.find('\n', at);
    if (at != std::string_view::npos) ++at;
  }
  if (at == std::string_view::npos) return from;
  std::size_t found = source.find(utf8, at);
  if (found == std::string_view::npos) return from;
  SourcePlace place = from;
  std::size_t line_start = source.rfind('\n', found == 0 ? 0 : found - 1);
  line_start = line_start == std::string_view::npos || found == 0 ? 0 : line_start + 1;
  place.line = 1 + static_cast<int>(std::count(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
  place.column = 1 + static_cast<int>(g_utf8_strlen(source.data() + line_start, static_cast<gssize>(found - line_start)));
  return place;
}

// A figure's /Alt: the image's description, or its caption when it has none.
std::string alternative_text(const Block& figure) {
  return figure.alt_text.empty() ? plain_text(figure.text) : figure.alt_text;
}

class FlowBuilder {
 public:
  FlowBuilder(const FlowSettings& settings, Warnings& warnings)
      : settings_(settings), spec_(settings.spec), warnings_(warnings), em_(settings.body_size),
        scale_(settings.body_size / settings.spec.body.size), locator_(settings.source_path, settings.source),
        right_to_left_(is_right_to_left(settings.language)) {
    if (spec_.hyphenate) {
      hyphenator_ = Hyphenator::for_language(settings.language);
      if (!hyphenator_) {
        auto place = spec_.key_places.find("body.hyphenate");
        warnings_.add(place != spec_.key_places.end() ? place->second : SourcePlace{spec_.path},
                      fmt::format("no hyphenation patterns for the article's language '{}' in {}: words are not "
                                  "hyphenated (install its hyphen-* package)",
                                  settings.language, hyphenation_folder));
      }
    }
    // A word too long for its line may run into half the room beside the column (the margin,
    // or the gap to the next column) before it is broken between letters.
    const PageSpec& page = spec_.page;
    overflow_ = page.margin_right / 2;
    if (page.columns > 1) overflow_ = std::min(overflow_, page.column_gap / 2);
  }

  void add_blocks(const std::vector<Block>& blocks, double x, double width, std::vector<FlowBlock>& out) {
    for (const Block& block : blocks) add_block(block, x, width, out);
  }

 private:
  void add_block(const Block& block, double x, double width, std::vector<FlowBlock>& out) {
    const std::size_t first = out.size();
    add_block_kind(block, x, width, out);
    for (std::size_t i = first; i < out.size(); ++i)
      if (out[i].place.line == 0) out[i].place = block.place;
  }

  void add_block_kind(const Block& block, double x, double width, std::vector<FlowBlock>& out) {
    switch (block.kind) {
      case BlockKind::heading: out.push_back(heading(block, x, width)); break;
      case BlockKind::paragraph: out.push_back(paragraph(block, x, width)); break;
      case BlockKind::code: out.push_back(code(block, x, width)); break;
      case BlockKind::figure: out.push_back(figure(block, x, width)); break;
      case BlockKind::table: out.push_back(table(block, x, width)); break;
      case BlockKind::rule: out.push_back(rule(x, width)); break;
      case BlockKind::callout:
        out.push_back(block.key_points ? key_points(block, x, width) : boxed(block, x, width, spec_.callout, "BlockQuote"));
        break;
      // A section of its own, with its heading and a list of terms: screen readers announce both.
      case BlockKind::glossary: out.push_back(boxed(block, x, width, spec_.glossary.box, "Sect", true)); break;
      case BlockKind::list: list(block, x, width, out); break;
      case BlockKind::list_item: add_blocks(block.children, x, width, out); break;
    }
  }

  TextSpec body_text(double width) const {
    TextSpec text;
    text.font = {spec_.body_font.family, em_, bold_, false};
    text.code_family = spec_.code_font.family;
    text.colour = spec_.body.colour;
    text.link_colour = spec_.link_colour;
    text.language = settings_.language;
    text.width = width;
    text.leading = spec_.body.leading;
    text.align = spec_.align == Alignment::justify ? TextSpec::Align::justify : TextSpec::Align::left;
    text.term_bold = spec_.glossary.mark_bold;
    text.term_colour = spec_.glossary.mark_colour;
    text.hyphenator = hyphenator_;
    text.overflow = overflow_;
    return text;
  }

  TextSpec styled_text(const TextStyle& style, const std::string& family, double width) const {
    TextSpec text = body_text(width);
    text.font = {family, style.size * scale_, style.bold, style.italic};
    text.colour = style.colour;
    text.leading = style.leading;
    text.align = TextSpec::Align::left;
    return text;
  }

  // Lines of set text, as flow lines whose items stand at `x` in the column.
  std::vector<FlowLine> lines_of(const InlineText& text, const TextSpec& spec, double x, const Block& source) {
    SetText set = settings_.texts.set(text, spec);
    if (set.unknown_glyphs > 0)
      warnings_.add(set.characters_without_glyph.empty()
                        ? source.place
                        : place_of_character(settings_.source, source.place, set.characters_without_glyph.front()),
                    fmt::format("{} character(s) have no glyph in the fonts of {}: {}", set.unknown_glyphs,
                                              settings_.fonts.folder(), named_characters(set.characters_without_glyph)));
    if (!set.long_words.empty()) locator_.start_block(source.place);
    for (const SetText::LongWord& long_word : set.long_words)
      warnings_.add(locator_.find_word(long_word.word),
                    fmt::format("'{}' is wider than the column ({:.1f} pt) and {}", shortened(long_word.word),
                                spec.width,
                                long_word.broken ? "was broken inside the word" : "runs into the space beside it"));
    bool has_links = std::any_of(set.lines.begin(), set.lines.end(), [](const LineBox& box) { return !box.links.empty(); });
    std::vector<FlowLine> lines;
    for (std::size_t i = 0; i < set.lines.size(); ++i) {
      const LineBox& box = set.lines[i];
      FlowLine line;
      line.height = box.height;
      TextLineItem shown{set.layout, static_cast<int>(i), x + box.x, box.baseline, box.links, has_links};
      // The link areas are measured from the layout's left edge, not the line's.
      for (LineLink& link : shown.links) link.area.x += x;
      line.items.push_back(std::move(shown));
      lines.push_back(std::move(line));
    }
    return lines;
  }

  FlowBlock heading(const Block& block, double x, double width) {
    const TextStyle& style = spec_.headings[std::clamp(block.level, 1, 6) - 1];
    FlowBlock flow;
    TextSpec text = styled_text(style, spec_.heading_font.family, width);
    text.hyphenator = nullptr;  // a heading is read at a glance: its words stay whole
    flow.lines = lines_of(block.text, text, x, block);
    flow.space_before = style.space_before * em_;
    flow.space_after = style.space_after * em_;
    flow.keep_with_next = true;
    flow.keep_together = true;
    flow.heading_level = block.level;
    flow.heading_title = plain_text(block.text);
    wrap_block(flow, StructBegin{fmt::format("H{}", std::clamp(block.level, 1, 6)), {}});
    return flow;
  }

  FlowBlock paragraph(const Block& block, double x, double width) {
    FlowBlock flow;
    flow.lines = lines_of(block.text, body_text(width), x, block);
    flow.space_after = spec_.body.space_after * em_;
    wrap_block(flow, StructBegin{"P", {}});
    return flow;
  }

  FlowBlock code(const Block& block, double x, double width) {
    const double padding = 0.4 * em_;
    TextSpec text = body_text(width - 2 * padding);
    text.font = {spec_.code_font.family, em_ * 0.9, false, false};
    text.preformatted = true;
    text.leading = 1.3;
    text.align = TextSpec::Align::left;
    FlowBlock flow;
    flow.lines = lines_of(block.text, text, x + padding, block);
    wrap_block(flow, StructBegin{"Code", {}});
    pad_block(flow, padding);
    flow.box = BoxDecoration{x, width, spec_.figure_note.background, std::nullopt, 0};
    flow.space_before = flow.space_after = spec_.body.space_after * em_;
    return flow;
  }

  // Adds room above the first line and below the last, inside a box.
  static void pad_block(FlowBlock& flow, double padding) {
    if (flow.lines.empty()) return;
    FlowLine& first = flow.lines.front();
    first.height += padding;
    for (FlowItem& item : first.items) item = translated(item, 0, padding);
    flow.lines.back().height += padding;
  }

  FlowBlock figure(const Block& block, double x, double width) {
    FlowBlock flow;
    flow.keep_together = true;
    flow.space_before = flow.space_after = spec_.body.space_after * em_;
    if (!block.image_path.empty()) {
      ImageHeader size = read_image_header(block.image_path, block.image_place);
      check_image_pixels(size, spec_.output.max_image_pixels, block.image_path, block.image_place);
      TextSpec caption = styled_text(spec_.caption, spec_.body_font.family, width);
      caption.align = TextSpec::Align::centre;  // under the centred image
      FlowBlock caption_block;
      caption_block.lines = lines_of(block.text, caption, x, block);
      wrap_block(caption_block, StructBegin{"Caption", {}});
      // Images are set at 150 dpi at most, and never wider than the column.
      double w = std::min(width, size.width * 72.0 / 150.0);
      double h = size.height * w / size.width;
      const double gap = 0.3 * em_;
      // Nor taller than the shortest column, with their caption when it leaves the picture at
      // least half a column; a picture drawn past the column's foot would cover the footer.
      if (settings_.frame_height > 0) {
        double caption_height = 0;
        for (const FlowLine& line : caption_block.lines) caption_height += line.height;
        double room = settings_.frame_height - gap;
        if (room - caption_height >= settings_.frame_height / 2) room -= caption_height;
        if (h > room && room > 0) {
          double shrink = room / h;
          warnings_.add(block.image_place,
                        fmt::format("the image ({} x {} px) is taller than the column: scaled down to {:.0f}% to fit",
                                    size.width, size.height, 100 * shrink));
          w *= shrink;
          h = room;
        }
      }
      FlowLine image;
      image.height = h + gap;
      image.items.push_back(StructBegin{"Figure", alternative_text(block)});
      image.items.push_back(ImageItem{block.image_path, x + (width - w) / 2, 0, w, h, block.image_place});
      image.items.push_back(StructEnd{});
      flow.lines.push_back(std::move(image));
      for (FlowLine& line : caption_block.lines) flow.lines.push_back(std::move(line));
      return flow;
    }
    // No image file: the caption is set as a note, so its words still reach the reader.
    const BoxStyle& note = spec_.figure_note;
    const double padding = note.padding * em_;
    const double border = note.border ? note.border_width : 0;
    InlineText text{TextRun{spec_.figure_label + ": ", style_strong, {}}};
    text.insert(text.end(), block.text.begin(), block.text.end());
    TextSpec caption = styled_text(spec_.caption, spec_.body_font.family, width - 2 * padding - border);
    flow.lines = lines_of(text, caption, x + border + padding, block);
    wrap_block(flow, StructBegin{"Figure", alternative_text(block)});
    pad_block(flow, padding);
    flow.box = BoxDecoration{x, width, note.background, note.border, border};
    return flow;
  }

  // Lines set one under the other as one line: the paginator cannot split them.
  static FlowLine joined(std::vector<FlowLine>::iterator first, std::vector<FlowLine>::iterator last) {
    FlowLine whole;
    for (auto line = first; line != last; ++line) {
      for (FlowItem& item : line->items) whole.items.push_back(translated(item, 0, whole.height));
      whole.height += line->height;
    }
    return whole;
  }

  // A box around the blocks inside it. A callout is kept whole (split only when taller than a
  // frame); with `split_between_blocks` (the words-to-know box, often longer than a page) the
  // box may split, but only between its blocks, and never right after its heading.
  FlowBlock boxed(const Block& block, double x, double width, const BoxStyle& style, const char* tag,
                  bool split_between_blocks = false) {
    const double padding = style.padding * em_;
    const double border = style.border ? style.border_width : 0;
    std::vector<FlowBlock> inner;
    add_blocks(block.children, x + border + padding, width - border - 2 * padding, inner);
    FlowBlock flow;
    std::vector<std::size_t> starts;  // where each inner block's lines begin in flow.lines
    // The box's blocks become one block; the space between them rides on their first lines.
    for (std::size_t i = 0; i < inner.size(); ++i) {
      starts.push_back(flow.lines.size());
      double gap = i == 0 ? 0 : std::max(inner[i - 1].space_after, inner[i].space_before);
      for (std::size_t k = 0; k < inner[i].lines.size(); ++k) {
        FlowLine line = std::move(inner[i].lines[k]);
        if (k == 0 && gap > 0) {
          line.height += gap;
          for (FlowItem& item : line.items) item = translated(item, 0, gap);
        }
        flow.lines.push_back(std::move(line));
      }
    }
    if (split_between_blocks && starts.size() > 1) {
      starts.erase(starts.begin() + 1);  // the heading goes with the first block after it
      std::vector<FlowLine> units;
      for (std::size_t i = 0; i < starts.size(); ++i) {
        auto first = flow.lines.begin() + static_cast<std::ptrdiff_t>(starts[i]);
        auto last = i + 1 < starts.size() ? flow.lines.begin() + static_cast<std::ptrdiff_t>(starts[i + 1])
                                          : flow.lines.end();
        units.push_back(joined(first, last));
      }
      flow.lines = std::move(units);
    }
    wrap_block(flow, StructBegin{tag, {}});
    pad_block(flow, padding);
    flow.box = BoxDecoration{x, width, style.background, style.border, border};
    flow.space_before = flow.space_after = spec_.body.space_after * em_;
    flow.keep_together = !split_between_blocks;
    return flow;
  }

  // The article's key points: a box in the layout's [key_points] style, under its title. Every
  // size and space inside follows the box's own text size.
  FlowBlock key_points(const Block& block, double x, double width) {
    const KeyPointsStyle& style = spec_.key_points;
    Block box = block;
    if (!trim(style.title).empty()) {
      Block title;
      title.kind = BlockKind::paragraph;
      title.text = {TextRun{style.title, style_strong, {}, {}}};
      title.place = block.place;
      box.children.insert(box.children.begin(), std::move(title));
    }
    const double body_em = em_;
    if (style.size > 0) em_ = style.size * scale_;
    bold_ = style.bold;
    FlowBlock flow = boxed(box, x, width, style.box, "Sect");
    em_ = body_em;
    bold_ = false;
    flow.space_before = flow.space_after = spec_.body.space_after * em_;
    return flow;
  }

  void list(const Block& block, double x, double width, std::vector<FlowBlock>& out) {
    const double indent = spec_.list_indent * em_;
    const double item_space = spec_.list_item_space * em_;
    const std::size_t first_index = out.size();
    int number = block.start_number;
    // Bullets by depth, as in HTML: a list inside any list is one level deeper.
    const std::string& bullet = spec_.bullets[list_depth_ % spec_.bullets.size()];
    for (const Block& item : block.children) {
      std::size_t item_start = out.size();
      ++list_depth_;
      for (std::size_t c = 0; c < item.children.size(); ++c) {
        const std::size_t child_start = out.size();
        add_block(item.children[c], right_to_left_ ? x : x + indent, width - indent, out);
        // A short lead-in ("Medicines that thin the blood") introduces the list under it: like
        // a heading, it never stands alone at a frame's foot.
        const bool introduces_list = c + 1 < item.children.size() && item.children[c + 1].kind == BlockKind::list;
        if (introduces_list && item.children[c].kind == BlockKind::paragraph && out.size() == child_start + 1 &&
            out.back().lines.size() <= 3)
          out.back().keep_with_next = true;
      }
      --list_depth_;
      for (std::size_t i = item_start; i < out.size(); ++i) {
        if (out[i].heading_level == 0) {
          out[i].space_before = std::min(out[i].space_before, item_space);
          out[i].space_after = std::min(out[i].space_after, item_space);
        }
      }
      std::string label = block.ordered ? fmt::format("{}.", number++) : bullet;
      if (item_start == out.size() || out[item_start].lines.empty()) {
        FlowBlock empty;  // an empty item still shows its number
        empty.lines.push_back(FlowLine{em_ * spec_.body.leading, {}});
        out.push_back(std::move(empty));
      }
      wrap_blocks(out, item_start, out.size(), StructBegin{"LBody", {}});
      add_label(out[item_start].lines.front(), label, right_to_left_ ? x + width - indent : x, indent);
      wrap_blocks(out, item_start, out.size(), StructBegin{"LI", {}});
    }
    wrap_blocks(out, first_index, out.size(), StructBegin{"L", {}});
    if (out.size() > first_index) {
      out[first_index].space_before = std::max(out[first_index].space_before, spec_.body.space_after * em_);
      out.back().space_after = std::max(out.back().space_after, spec_.body.space_after * em_);
    }
  }

  // A list label, right-aligned in the indent, on the baseline of the item's first line.
  void add_label(FlowLine& line, const std::string& label, double x, double indent) {
    double baseline = em_;
    for (const FlowItem& item : line.items)
      if (const auto* text = std::get_if<TextLineItem>(&item)) {
        baseline = text->baseline;
        break;
      }
    TextSpec spec = body_text(-1);
    SetText set = settings_.texts.set(InlineText{TextRun{label, style_plain, {}}}, spec);
    double label_width = set.natural_width();
    // Right-aligned in the indent; in right-to-left text, the indent is at the right and the
    // label starts at its left edge, next to the item's text.
    double label_x = right_to_left_ ? x + 0.45 * em_ : x + indent - 0.45 * em_ - label_width;
    // The label comes first in reading order: before the item's body.
    std::vector<FlowItem> label_items{StructBegin{"Lbl", {}},
                                      TextLineItem{set.layout, 0, label_x, baseline, {}, false}, StructEnd{}};
    line.items.insert(line.items.begin(), label_items.begin(), label_items.end());
  }

  FlowBlock table(const Block& block, double x, double width) {
    TableSettings table;
    table.texts = settings_.texts;
    table.text = body_text(-1);
    table.text.align = TextSpec::Align::left;
    table.min_size = spec_.table.min_size;
    table.numbers_right = spec_.table.numbers_right;
    table.header_background = spec_.table_header_background;
    table.rule_colour = spec_.rule_colour;
    table.frame_height = settings_.frame_height;
    table.right_to_left = right_to_left_;
    SetLines set_lines = [&](const InlineText& text, const TextSpec& spec, double cell_x) {
      return lines_of(text, spec, cell_x, block);
    };
    FlowBlock flow = table_flow(block, x, width, table, set_lines, warnings_);
    flow.space_before = flow.space_after = spec_.body.space_after * em_;
    wrap_block(flow, StructBegin{"Table", {}});
    return flow;
  }

  FlowBlock rule(double x, double width) {
    FlowBlock flow;
    FlowLine line;
    line.height = em_;
    line.items.push_back(ArtifactBegin{ArtifactKind::layout, "rule"});
    line.items.push_back(RuleItem{x, em_ / 2 - 0.25, width, 0.5, spec_.rule_colour});
    line.items.push_back(ArtifactEnd{});
    flow.lines.push_back(std::move(line));
    flow.space_before = flow.space_after = spec_.body.space_after * em_;
    return flow;
  }

  const FlowSettings& settings_;
  const LayoutSpec& spec_;
  Warnings& warnings_;
  double em_;  // the body size; the key points box sets its own while it is built
  bool bold_ = false;  // body text in bold (the key points box, when its style says so)
  const double scale_;
  SourceLocator locator_;
  std::shared_ptr<const Hyphenator> hyphenator_;
  double overflow_ = 0;
  std::size_t list_depth_ = 0;
  const bool right_to_left_;  // lists hang from the right, table columns run from the right
};

}  // namespace

std::vector<FlowBlock> build_flow(const std::vector<Block>& blocks, const FlowSettings& settings,
                                  double column_width, Warnings& warnings) {
  std::vector<FlowBlock> flow;
  FlowBuilder(settings, warnings).add_blocks(blocks, 0, column_width, flow);
  return flow;
}

}  // namespace handout
