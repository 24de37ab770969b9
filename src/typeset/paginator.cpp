#include "typeset/paginator.h"

#include <algorithm>
#include <numeric>

namespace handout {

namespace {

// Fewest lines of a block that may stand at a frame's foot: all of a block that cannot split.
std::size_t least_lines_at_foot(const BlockMetrics& block) {
  std::size_t n = block.line_heights.size();
  if (block.keep_together || block.keep_with_next) return n;
  std::size_t min_split = static_cast<std::size_t>(std::max(1, block.orphans) + std::max(1, block.widows));
  return n < min_split ? n : static_cast<std::size_t>(std::max(1, block.orphans));
}

double sum_of_lines(const BlockMetrics& block, std::size_t from, std::size_t count) {
  auto begin = block.line_heights.begin() + static_cast<std::ptrdiff_t>(from);
  return std::accumulate(begin, begin + static_cast<std::ptrdiff_t>(count), 0.0);
}

double gap_between(const BlockMetrics& previous, const BlockMetrics& next) {
  return std::max(previous.space_after, next.space_before);
}

class Paginator {
 public:
  Paginator(const std::vector<BlockMetrics>& blocks, const PaginationOptions& options)
      : blocks_(blocks), options_(options) {
    result_.lines.resize(blocks.size());
  }

  Pagination run() {
    for (std::size_t i = 0; i < blocks_.size() && !limit_reached(); ++i) place_block(i);
    result_.frames_used = frame_ + (y_ > 0 || frame_ == 0 ? 1 : 0);
    result_.used_height += y_;
    return result_;
  }

 private:
  bool limit_reached() const { return options_.max_frames >= 0 && frame_ >= options_.max_frames; }

  double height() const { return options_.frame_height(frame_); }

  void next_frame() {
    result_.used_height += y_;
    ++frame_;
    y_ = 0;
  }

  double gap_before(std::size_t i) const { return (y_ == 0 || i == 0) ? 0 : gap_between(blocks_[i - 1], blocks_[i]); }

  // What must fit below the current position for block i to start here: its own first lines
  // and, for a heading, the headings (and lead-ins) chained to it with the first two lines of the
  // body after them, counted across short blocks but not into the next heading, which asks for
  // its own room when it comes; a chain with no body after it needs only itself.
  double needed_to_start(std::size_t i) const {
    const BlockMetrics& block = blocks_[i];
    double need = gap_before(i) + sum_of_lines(block, 0, least_lines_at_foot(block));
    if (!block.keep_with_next) return need;
    int lines_wanted = 2;
    bool body_started = false;
    for (std::size_t j = i + 1; j < blocks_.size() && lines_wanted > 0; ++j) {
      const BlockMetrics& next = blocks_[j];
      if (next.keep_with_next && body_started) break;
      need += gap_between(blocks_[j - 1], next);
      if (next.keep_with_next) {
        need += sum_of_lines(next, 0, next.line_heights.size());
        continue;
      }
      body_started = true;
      std::size_t take = std::max(least_lines_at_foot(next), static_cast<std::size_t>(lines_wanted));
      take = std::min(take, next.line_heights.size());
      need += sum_of_lines(next, 0, take);
      lines_wanted -= static_cast<int>(take);
    }
    return need;
  }

  double remaining_height(std::size_t block, std::size_t from_line) const {
    double total = sum_of_lines(blocks_[block], from_line, blocks_[block].line_heights.size() - from_line);
    for (std::size_t j = block + 1; j < blocks_.size(); ++j)
      total += gap_between(blocks_[j - 1], blocks_[j]) + sum_of_lines(blocks_[j], 0, blocks_[j].line_heights.size());
    return total;
  }

  void place_block(std::size_t i) {
    const BlockMetrics& block = blocks_[i];
    const std::size_t n = block.line_heights.size();
    if (y_ > 0 && y_ + needed_to_start(i) > height()) next_frame();
    if (limit_reached()) {
      result_.overflow += remaining_height(i, 0);
      return;
    }
    y_ += gap_before(i);
    std::size_t start = 0;
    double fresh_top = 0;  // where a frame's own lines start: below the repeated lines
    while (start < n) {
      std::size_t fit = 0;
      double used = 0;
      while (start + fit < n && y_ + used + block.line_heights[start + fit] <= height() + 1e-6)
        used += block.line_heights[start + fit++];
      std::size_t take = fit;
      if (start + fit < n) take = lines_to_break_after(block, start, fit);
      // Nothing may move on from an empty frame (or one holding only the repeated lines): set
      // what fits (at least a line) and go on.
      if (take == 0 && y_ <= fresh_top) take = std::max<std::size_t>(fit, 1);
      for (std::size_t k = start; k < start + take; ++k) {
        result_.lines[i].push_back({frame_, y_});
        y_ += block.line_heights[k];
      }
      start += take;
      if (start < n) {
        next_frame();
        if (limit_reached()) {
          result_.overflow += remaining_height(i, start);
          return;
        }
        fresh_top = repeat(i, start);
      }
    }
    y_ = std::max(y_, 1e-9);  // a placed block makes the frame non-empty, even if zero-height
  }

  // Sets block i's repeated lines at the top of the new frame, when the block has some and lines
  // beyond them are still to come; returns the height they take.
  double repeat(std::size_t i, std::size_t start) {
    const BlockMetrics& block = blocks_[i];
    const std::size_t count = static_cast<std::size_t>(std::max(0, block.repeat_lines));
    if (count == 0 || start < count || count > block.line_heights.size()) return 0;
    double height = sum_of_lines(block, 0, count);
    // Only when a line of the block still fits below them; else the frame takes what it can.
    if (height + block.line_heights[start] > this->height() + 1e-6) return 0;
    result_.repeats.push_back({i, frame_, y_});
    y_ += height;
    return y_;
  }

  // How many of the `fit` lines that fit should stay in this frame, given the keep rules.
  static std::size_t lines_to_break_after(const BlockMetrics& block, std::size_t start, std::size_t fit) {
    const std::size_t n = block.line_heights.size();
    if (block.keep_together && start == 0) return 0;
    std::size_t take = fit;
    const std::size_t widows = static_cast<std::size_t>(std::max(1, block.widows));
    const std::size_t orphans = static_cast<std::size_t>(std::max(1, block.orphans));
    if (n - (start + take) < widows) take = (n - start > widows) ? n - start - widows : 0;
    if (start == 0 && take < orphans) take = 0;
    return take;
  }

  const std::vector<BlockMetrics>& blocks_;
  const PaginationOptions& options_;
  Pagination result_;
  int frame_ = 0;
  double y_ = 0;
};

}  // namespace

Pagination paginate(const std::vector<BlockMetrics>& blocks, const PaginationOptions& options) {
  return Paginator(blocks, options).run();
}

}  // namespace handout
