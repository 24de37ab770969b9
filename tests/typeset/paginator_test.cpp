#include <catch2/catch.hpp>

#include "typeset/paginator.h"

using namespace handout;

namespace {

BlockMetrics lines(int count, double height = 10) {
  BlockMetrics block;
  block.line_heights.assign(static_cast<std::size_t>(count), height);
  return block;
}

BlockMetrics heading() {
  BlockMetrics block = lines(1, 20);
  block.keep_with_next = true;
  block.keep_together = true;
  return block;
}

Pagination run(const std::vector<BlockMetrics>& blocks, double frame_height, int max_frames = -1) {
  return paginate(blocks, PaginationOptions{[frame_height](int) { return frame_height; }, max_frames});
}

}  // namespace

TEST_CASE("lines fill a frame and flow on to the next") {
  Pagination result = run({lines(15)}, 100);
  CHECK(result.frames_used == 2);
  CHECK(result.lines[0][9].frame == 0);
  CHECK(result.lines[0][9].y == Approx(90));
  CHECK(result.lines[0][10].frame == 1);
  CHECK(result.lines[0][10].y == Approx(0));
}

TEST_CASE("space between blocks collapses to the larger and vanishes at a frame's top") {
  BlockMetrics first = lines(2), second = lines(2);
  first.space_after = 6;
  second.space_before = 4;
  Pagination result = run({first, second}, 100);
  CHECK(result.lines[1][0].y == Approx(26));
  Pagination at_top = run({lines(10), second}, 100);
  CHECK(at_top.lines[1][0].frame == 1);
  CHECK(at_top.lines[1][0].y == Approx(0));
}

TEST_CASE("a heading never stands alone at the foot of a frame") {
  // 7 lines leave 30 pt: room for the heading and one line, not the two it must keep.
  Pagination result = run({lines(7), heading(), lines(5)}, 100);
  CHECK(result.lines[1][0].frame == 1);
  CHECK(result.lines[1][0].y == Approx(0));
  CHECK(result.lines[2][0].frame == 1);
}

TEST_CASE("a heading stays when two lines of what follows fit with it") {
  Pagination result = run({lines(6), heading(), lines(5)}, 100);
  CHECK(result.lines[1][0].frame == 0);
  CHECK(result.lines[2][0].frame == 0);
  CHECK(result.lines[2][1].frame == 0);
}

TEST_CASE("a heading counts two lines across short blocks that follow it") {
  // One-line list items: the heading needs the first two of them.
  Pagination result = run({lines(7), heading(), lines(1), lines(1)}, 100);
  CHECK(result.lines[1][0].frame == 1);
  Pagination fits = run({lines(6), heading(), lines(1), lines(1)}, 100);
  CHECK(fits.lines[1][0].frame == 0);
  CHECK(fits.lines[3][0].frame == 0);
}

TEST_CASE("a chain of headings needs its body's first lines, not the headings further on") {
  // A one-line introduction, two headings and a one-line paragraph (50 pt with the intro), then
  // four headings with nothing after them: the first chain fits in the first frame and starts
  // there; only the last chain, which cannot fit below it, moves on, whole.
  Pagination result = run({lines(1), heading(), heading(), lines(1), heading(), heading(), heading(), heading()}, 100);
  CHECK(result.lines[1][0].frame == 0);
  CHECK(result.lines[2][0].frame == 0);
  CHECK(result.lines[3][0].frame == 0);
  for (std::size_t i = 4; i < 8; ++i) CHECK(result.lines[i][0].frame == 1);
  // A heading after the one-line paragraph still keeps two lines of its own body with it.
  Pagination body = run({lines(1), heading(), lines(1), lines(5), heading(), lines(5)}, 100);
  CHECK(body.lines[1][0].frame == 0);
  CHECK(body.lines[4][0].frame == 1);
  CHECK(body.lines[5][0].frame == 1);
}

TEST_CASE("headings with nothing after them need only their own room") {
  Pagination result = run({lines(6), heading(), heading()}, 100);
  CHECK(result.lines[1][0].frame == 0);
  CHECK(result.lines[2][0].frame == 0);
  Pagination moves = run({lines(7), heading(), heading()}, 100);
  CHECK(moves.lines[1][0].frame == 1);
  CHECK(moves.lines[2][0].frame == 1);
}

TEST_CASE("no single line is left at the foot of a frame (orphan)") {
  Pagination result = run({lines(9), lines(4)}, 100);
  // One line would fit after the first block; the whole paragraph moves instead.
  CHECK(result.lines[1][0].frame == 1);
}

TEST_CASE("no single line is carried to the head of a frame (widow)") {
  Pagination result = run({lines(5), lines(6)}, 100);
  // Five lines would fit and leave one; four stay and two go.
  CHECK(result.lines[1][3].frame == 0);
  CHECK(result.lines[1][4].frame == 1);
  CHECK(result.lines[1][5].frame == 1);
}

TEST_CASE("a three-line paragraph cannot split without a lone line, so it moves whole") {
  Pagination result = run({lines(8), lines(3)}, 100);
  CHECK(result.lines[1][0].frame == 1);
  CHECK(result.lines[1][2].frame == 1);
}

TEST_CASE("a keep-together block moves whole, and splits only when taller than a frame") {
  BlockMetrics figure = lines(4);
  figure.keep_together = true;
  Pagination moved = run({lines(7), figure}, 100);
  CHECK(moved.lines[1][0].frame == 1);
  BlockMetrics tall = lines(15);
  tall.keep_together = true;
  Pagination split = run({lines(2), tall}, 100);
  CHECK(split.lines[1][0].frame == 1);
  CHECK(split.lines[1][9].frame == 1);
  CHECK(split.lines[1][10].frame == 2);
}

TEST_CASE("with a frame limit, pagination stops and measures the overflow") {
  Pagination result = run({lines(8), lines(8, 12.5)}, 100, 1);
  CHECK(result.frames_used == 1);
  // 80 pt fit in the frame; the second block (one line could fit, but not two) all overflows.
  CHECK(result.overflow == Approx(100));
  Pagination fits = run({lines(8)}, 100, 1);
  CHECK(fits.overflow == 0);
}
