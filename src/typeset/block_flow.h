#pragma once
// Turning document blocks into a flow: blocks of lines with heights (for pagination) and the
// items each line paints, positioned relative to the line's top-left corner in its column.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/document.h"
#include "layout/layout_spec.h"
#include "typeset/font_set.h"
#include "typeset/flow_item.h"
#include "typeset/paginator.h"
#include "typeset/text_model.h"

namespace handout {

struct FlowLine {
  double height = 0;
  std::vector<FlowItem> items;
};

// A shaded box drawn behind each part of a block that lands in a frame.
struct BoxDecoration {
  double x = 0, width = 0;
  Rgb fill;
  std::optional<Rgb> border;
  double border_width = 0;
};

struct FlowBlock {
  std::vector<FlowLine> lines;
  double space_before = 0, space_after = 0;
  bool keep_with_next = false;
  bool keep_together = false;
  int repeat_lines = 0;  // lines set again at the top of every frame the block continues into (a table's header)
  std::optional<BoxDecoration> box;
  int heading_level = 0;  // > 0 for headings: they go into the outline
  std::string heading_title;
  SourcePlace place;  // of the article's block it sets, for errors

  BlockMetrics metrics() const;
};

struct FlowSettings {
  const FontSet& fonts;
  const LayoutSpec& spec;
  std::string language;
  double body_size;  // the size the body is set at; every em-based space follows it
  double frame_height = 0;  // the shortest column: no figure is set taller (0: no limit)
  // The Markdown file, to place a warning about a word at the word itself.
  std::string source_path;
  std::string_view source;
  // How texts are set: with the fonts (Pango) unless a fit search's model is given.
  TextSetter texts{&fonts};
};

// Sets every block at `column_width`; warnings report characters no loaded font can show.
std::vector<FlowBlock> build_flow(const std::vector<Block>& blocks, const FlowSettings& settings,
                                  double column_width, Warnings& warnings);

}  // namespace handout
