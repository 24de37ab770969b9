#pragma once
// Turning document blocks into a flow: blocks of lines with heights (for pagination) and the
// items each line paints, positioned relative to the line's top-left corner in its column.
#include <optional>
#include <string_view>
#include <vector>

#include "content/document.h"
#include "layout/layout_spec.h"
#include "typeset/font_set.h"
#include "typeset/pages.h"
#include "typeset/paginator.h"

namespace handout {

struct FlowLine {
  double height = 0;
  std::vector<DisplayItem> items;
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
  std::string_view source = {};  // the article's text, to place a character at its own column
};

// Sets every block at `column_width`; warnings report characters no loaded font can show.
std::vector<FlowBlock> build_flow(const std::vector<Block>& blocks, const FlowSettings& settings,
                                  double column_width, Warnings& warnings);

}  // namespace handout
