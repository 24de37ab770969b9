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

bool is_heading(const Block& block) { return block.kind == BlockKind::heading; }

// Where the section a heading opens ends: at the next heading of the same or a higher level.
std::size_t section_end(const std::vector<Block>& blocks, std::size_t heading) {
  std::size_t end = heading + 1;
  while (end < blocks.size() && !(is_heading(blocks[end]) && blocks[end].level <= blocks[heading].level)) ++end;
  return end;
}

}  // namespace

std::vector<Block> select_blocks(const Document& document, const Selection& selection, Warnings& warnings) {
  const std::vector<Block>& blocks = document.blocks;

  // First, what the rules themselves keep: sections by their level-2 heading, kinds, the title.
  std::vector<bool> kept(blocks.size(), false);
  bool in_kept_section = selection.sections.empty();
  bool title_dropped = false;
  std::vector<bool> word_used(selection.sections.size(), false);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    if (is_heading(block) && block.level <= 2) {
      if (block.level == 2) {
        in_kept_section = (selection.sections.empty() || heading_matches(block, selection.sections)) &&
                          !heading_matches(block, selection.exclude_sections);
        for (std::size_t w = 0; w < selection.sections.size(); ++w)
          word_used[w] = word_used[w] || heading_matches(block, {selection.sections[w]});
      } else {
        in_kept_section = selection.sections.empty();
      }
    }
    if (!in_kept_section) continue;
    if (selection.drop_title && !title_dropped && is_heading(block) && block.level == 1) {
      title_dropped = true;
      continue;
    }
    kept[i] = std::find(selection.blocks.begin(), selection.blocks.end(), block.kind) != selection.blocks.end();
  }
  for (std::size_t w = 0; w < selection.sections.size(); ++w)
    if (!word_used[w])
      warnings.add({document.path}, fmt::format("no section heading contains '{}'", selection.sections[w]));

  // Then a heading goes with its section when the rules emptied that section: it had blocks and
  // none of them is kept. A heading whose section was empty in the article (an article of
  // headings only, a heading directly followed by one of its own level) stays, since nothing of
  // it was left out. Going from the end, a subsection's heading is settled before its parent's.
  for (std::size_t i = blocks.size(); i-- > 0;) {
    if (!kept[i] || !is_heading(blocks[i])) continue;
    std::size_t end = section_end(blocks, i);
    bool had_blocks = end > i + 1;
    bool keeps_any = std::any_of(kept.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                 kept.begin() + static_cast<std::ptrdiff_t>(end), [](bool k) { return k; });
    if (had_blocks && !keeps_any) kept[i] = false;
  }

  std::vector<Block> result;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (kept[i]) result.push_back(blocks[i]);
  return result;
}

}  // namespace handout
