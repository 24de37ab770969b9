#include "readability/source_locator.h"

#include <algorithm>
#include <cctype>

namespace handout {

namespace {
// A word is looked for no further than this past the previous one: markup between two words
// (a link's target, say) is shorter, and a word missing from the file is not found far away.
constexpr std::size_t search_window = 2048;
}  // namespace

SourceLocator::SourceLocator(std::string path, std::string_view source) : path_(std::move(path)), source_(source) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < source_.size(); ++i)
    if (source_[i] == '\n') line_starts_.push_back(i + 1);
}

void SourceLocator::start_block(const SourcePlace& place) {
  block_place_ = place;
  cursor_ = std::string_view::npos;
  if (source_.empty() || place.line < 1 || place.line > static_cast<int>(line_starts_.size())) return;
  cursor_ = std::min(source_.size(), line_starts_[place.line - 1] + std::max(place.column, 1) - 1);
}

SourcePlace SourceLocator::find_word(std::string_view word) {
  if (cursor_ == std::string_view::npos || word.empty()) return block_place_;
  const std::string_view window = source_.substr(0, std::min(source_.size(), cursor_ + search_window + word.size()));
  auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); };
  std::size_t found = window.find(word, cursor_);
  // The whole word, not the inside of a longer one ("a" in "and").
  while (found != std::string_view::npos &&
         ((found > 0 && letter(window[found - 1])) ||
          (found + word.size() < window.size() && letter(window[found + word.size()]))))
    found = window.find(word, found + 1);
  if (found == std::string_view::npos) return block_place_;
  cursor_ = found + word.size();
  return place_of(found);
}

SourcePlace SourceLocator::place_of(std::size_t offset) const {
  auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin();
  return SourcePlace{path_, static_cast<int>(line), static_cast<int>(offset - line_starts_[line - 1]) + 1};
}

}  // namespace handout
