#include "content/heading_levels.h"

#include <fmt/format.h>

namespace handout {

namespace {

struct OpenHeading {
  int written = 0;  // the level in the Markdown
  int nested = 0;   // the level it was given
};

void nest(std::vector<Block>& blocks, std::vector<OpenHeading>& open, Warnings& warnings) {
  for (Block& block : blocks) {
    if (block.kind == BlockKind::heading) {
      const int written = block.level;
      while (!open.empty() && open.back().written >= written) open.pop_back();
      // The first heading keeps its level: a document may start below level 1 when its title
      // comes from the front matter.
      int nested = written;
      if (!open.empty()) {
        nested = open.back().nested + 1;
        if (written > open.back().written + 1)
          warnings.add(block.place, fmt::format("heading level {} follows level {}, skipping a level: it is set as "
                                                "level {}",
                                                written, open.back().written, nested));
      }
      block.level = nested;
      open.push_back({written, nested});
    }
    nest(block.children, open, warnings);
  }
}

}  // namespace

void nest_heading_levels(std::vector<Block>& blocks, Warnings& warnings) {
  std::vector<OpenHeading> open;
  nest(blocks, open, warnings);
}

}  // namespace handout
