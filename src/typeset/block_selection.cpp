#include "typeset/block_selection.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.h"

namespace handout {

namespace {

bool heading_matches(const Block& heading, const std::vector<std::string>& words) {
  std::string title = lowercase_ascii(plain_text(heading.text));
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& word) { return title.find(lowercase_ascii(word)) != std::string::npos; });
}

}  // namespace

std::vector<Block> select_blocks(const Document& document, const Selection& selection, Warnings& warnings) {
  std::vector<Block> kept;
  bool in_kept_section = selection.sections.empty();
  bool title_dropped = false;
  std::vector<bool> word_used(selection.sections.size(), false);
  for (const Block& block : document.blocks) {
    if (block.kind == BlockKind::heading && block.level <= 2) {
      if (block.level == 2) {
        in_kept_section = (selection.sections.empty() || heading_matches(block, selection.sections)) &&
                          !heading_matches(block, selection.exclude_sections);
        for (std::size_t i = 0; i < selection.sections.size(); ++i)
          word_used[i] = word_used[i] || heading_matches(block, {selection.sections[i]});
      } else {
        in_kept_section = selection.sections.empty();
      }
    }
    if (!in_kept_section) continue;
    if (selection.drop_title && !title_dropped && block.kind == BlockKind::heading && block.level == 1) {
      title_dropped = true;
      continue;
    }
    if (std::find(selection.blocks.begin(), selection.blocks.end(), block.kind) == selection.blocks.end()) continue;
    kept.push_back(block);
  }
  for (std::size_t i = 0; i < selection.sections.size(); ++i)
    if (!word_used[i])
      warnings.add({document.path}, fmt::format("no section heading contains '{}'", selection.sections[i]));
  // A heading whose whole section was filtered out would stand alone; drop it too.
  std::vector<Block> result;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    bool is_heading = kept[i].kind == BlockKind::heading;
    bool followed_by_content = i + 1 < kept.size() && !(kept[i + 1].kind == BlockKind::heading &&
                                                        kept[i + 1].level <= kept[i].level);
    if (is_heading && !followed_by_content) continue;
    result.push_back(kept[i]);
  }
  return result;
}

}  // namespace handout
