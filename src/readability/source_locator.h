#pragma once
// Finding where a sentence of a block's text starts in the Markdown file: the block's text has
// lost its markup (emphasis marks, link targets, line breaks), so its words are looked for in
// the file, in order, from the block's place.
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace handout {

class SourceLocator {
 public:
  SourceLocator(std::string path, std::string_view source);

  // Starts a block at `place` (its first byte in the file).
  void start_block(const SourcePlace& place);
  // The place of `word`, the next word of the block's text; the block's place when the file
  // does not show it as written (an entity, an escape) nearby.
  SourcePlace find_word(std::string_view word);

 private:
  SourcePlace place_of(std::size_t offset) const;

  std::string path_;
  std::string_view source_;
  std::vector<std::size_t> line_starts_;
  SourcePlace block_place_;
  std::size_t cursor_ = std::string_view::npos;  // npos: no usable place
};

}  // namespace handout
