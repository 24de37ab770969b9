#pragma once
// Where a layout's room goes, section by section: what a summary that does not fit reports.
#include <string>

#include "util/diagnostic.h"

namespace handout {

// One level-2 section's part of what a layout sets (the blocks before the first such heading
// are a part of their own), as set at a body size: what a failed fit lists, largest first.
struct SectionRoom {
  std::string heading;
  SourcePlace place;  // the heading's, or the first block's
  int lines = 0;
  double height = 0;  // points, with the space between its blocks
  double share = 0;   // of the room the layout's pages offer, 0 to 1 (or more)
};

}  // namespace handout
