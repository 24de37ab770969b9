#pragma once
// Pagination: placing the lines of a flow of blocks into a sequence of frames (columns of
// pages). It sees only heights and keep rules, so its decisions can be tested on small cases.
#include <functional>
#include <vector>

namespace handout {

struct BlockMetrics {
  std::vector<double> line_heights;  // each line's pitch
  double space_before = 0;           // collapses with the previous block's space_after (the larger wins)
  double space_after = 0;
  bool keep_with_next = false;  // a heading: never the last thing in a frame
  bool keep_together = false;   // a figure or a short box: never split unless taller than a frame
  int orphans = 2;              // fewest lines left at a frame's foot when a block splits
  int widows = 2;               // fewest lines carried to the next frame's head
  // The first lines, set again at the top of every further frame the block runs into (a
  // table's header row); they count in that frame's height.
  int repeat_lines = 0;
};

struct LinePlacement {
  int frame = 0;
  double y = 0;  // top of the line within its frame
};

// A block's first lines set again at the top of a frame it continues into.
struct RepeatedLines {
  std::size_t block = 0;
  int frame = 0;
  double y = 0;  // top of the first repeated line within its frame
};

struct Pagination {
  std::vector<std::vector<LinePlacement>> lines;  // [block][line]
  std::vector<RepeatedLines> repeats;             // in frame order
  int frames_used = 0;
  // With a frame limit: the height of content that did not fit (0 when all fitted).
  double overflow = 0;
  // The height the placed lines take up, frame by frame, with the gaps between them.
  double used_height = 0;
};

struct PaginationOptions {
  std::function<double(int frame)> frame_height;
  int max_frames = -1;  // stop once this many frames are full (-1: no limit)
};

Pagination paginate(const std::vector<BlockMetrics>& blocks, const PaginationOptions& options);

}  // namespace handout
