#include "typeset/block_selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "content/audience_marks.h"

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

bool for_audience(const Block& block, Audience audience) {
  return block.audience == Audience::everyone || block.audience == audience;
}

// Blocks nested in a kept block (a marked quote inside a list item) follow the same rule.
void drop_other_audiences(std::vector<Block>& blocks, Audience audience) {
  std::erase_if(blocks, [&](const Block& block) { return !for_audience(block, audience); });
  for (Block& block : blocks) drop_other_audiences(block.children, audience);
}

// A level-2 section is kept by a list of words (empty: all) unless an exclusion matches it.
bool keeps_section(const Block& heading, const std::vector<std::string>& sections,
                   const std::vector<std::string>& excluded) {
  return (sections.empty() || heading_matches(heading, sections)) && !heading_matches(heading, excluded);
}

}  // namespace

const LayoutChoice* layout_choice_for(const Document& document, const std::string& layout_name) {
  auto found = document.metadata.layouts.find(layout_name);
  return found == document.metadata.layouts.end() ? nullptr : &found->second;
}

std::vector<Block> select_blocks(const Document& document, const Selection& selection, Warnings& warnings,
                                 const LayoutChoice* choice) {
  const std::vector<Block>& blocks = document.blocks;
  static const LayoutChoice no_choice;
  const LayoutChoice& article = choice ? *choice : no_choice;

  // First, what the rules themselves keep: sections by their level-2 heading, kinds, the title,
  // the audience. The layout's rules and the article's must both keep a block.
  std::vector<bool> kept(blocks.size(), false);
  auto all_sections = [&] { return selection.sections.empty() && article.sections.empty(); };
  bool in_kept_section = all_sections();
  bool title_dropped = false;
  std::vector<bool> word_used(article.sections.size() + article.exclude_sections.size(), false);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    if (is_heading(block) && block.level <= 2) {
      if (block.level == 2) {
        in_kept_section = keeps_section(block, selection.sections, selection.exclude_sections) &&
                          keeps_section(block, article.sections, article.exclude_sections);
        for (std::size_t w = 0; w < article.sections.size(); ++w)
          word_used[w] = word_used[w] || heading_matches(block, {article.sections[w]});
        for (std::size_t w = 0; w < article.exclude_sections.size(); ++w)
          word_used[article.sections.size() + w] =
              word_used[article.sections.size() + w] || heading_matches(block, {article.exclude_sections[w]});
      } else {
        in_kept_section = all_sections();
      }
    }
    if (!for_audience(block, selection.audience)) continue;
    // The key points are kept wherever they stand: they are the summary of every section.
    if (block.key_points) {
      kept[i] = true;
      continue;
    }
    if (!in_kept_section) continue;
    if (selection.drop_title && !title_dropped && is_heading(block) && block.level == 1) {
      title_dropped = true;
      continue;
    }
    auto has_kind = [&](const std::vector<BlockKind>& kinds) {
      return std::find(kinds.begin(), kinds.end(), block.kind) != kinds.end();
    };
    kept[i] = has_kind(selection.blocks) && (!article.blocks || has_kind(*article.blocks));
  }
  for (std::size_t w = 0; w < article.sections.size(); ++w)
    if (!word_used[w])
      warnings.add(article.section_places[w],
                   fmt::format("no section heading contains '{}'", article.sections[w]));
  for (std::size_t w = 0; w < article.exclude_sections.size(); ++w)
    if (!word_used[article.sections.size() + w])
      warnings.add(article.exclude_places[w],
                   fmt::format("no section heading contains '{}'", article.exclude_sections[w]));
  if (article.blocks)
    for (BlockKind kind : *article.blocks)
      if (std::find(selection.blocks.begin(), selection.blocks.end(), kind) == selection.blocks.end())
        warnings.add(article.place, "the article asks for a kind of block the layout's [select] leaves out; an "
                                    "article can narrow a layout's selection, not widen it");
  for (const std::string& word : selection.sections) {
    bool used = std::any_of(blocks.begin(), blocks.end(), [&](const Block& block) {
      return is_heading(block) && block.level == 2 && heading_matches(block, {word});
    });
    if (!used) warnings.add({document.path}, fmt::format("no section heading contains '{}'", word));
  }

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

  // The key points come first, then the rest in the article's order.
  std::vector<Block> result;
  for (bool key_points : {true, false})
    for (std::size_t i = 0; i < blocks.size(); ++i)
      if (kept[i] && blocks[i].key_points == key_points) result.push_back(blocks[i]);
  for (Block& block : result) drop_other_audiences(block.children, selection.audience);
  return result;
}

std::vector<Block> blocks_for(std::vector<Block> blocks, Audience audience) {
  drop_other_audiences(blocks, audience);
  return blocks;
}

std::vector<Block> select_for_layout(const Document& document, const LayoutSpec& layout, Warnings& warnings) {
  return select_blocks(document, layout.select, warnings, layout_choice_for(document, layout.name));
}

namespace {

void warn_unset_audiences(const std::vector<Block>& blocks, const std::set<Audience>& audiences, Warnings& warnings) {
  for (const Block& block : blocks) {
    if (block.audience != Audience::everyone && !audiences.contains(block.audience)) {
      const char* name = block.audience == Audience::clinician ? "clinician" : "patient";
      warnings.add(block.place, fmt::format("this {} is for {}, and no layout built here is (a layout says "
                                            "audience = \"{}\"): it is set nowhere",
                                            block.key_points ? "key-points box" : "block", audience_name(block.audience),
                                            name));
      continue;
    }
    warn_unset_audiences(block.children, audiences, warnings);
  }
}

}  // namespace

void check_article_choices(const Document& document, const std::vector<const LayoutSpec*>& layouts,
                           Warnings& warnings) {
  std::set<Audience> audiences;
  std::set<std::string> names;
  for (const LayoutSpec* layout : layouts) {
    audiences.insert(layout->select.audience);
    names.insert(layout->name);
  }
  for (const auto& [name, choice] : document.metadata.layouts)
    if (!names.contains(name) && !std::filesystem::is_regular_file(std::filesystem::path("layouts") / (name + ".toml"))) {
      std::string known;
      for (const std::string& layout : names) known += (known.empty() ? "" : ", ") + layout;
      warnings.add(choice.place, fmt::format("no layout named '{}' is built here (the layouts are: {}); this table "
                                             "changes nothing",
                                             name, known.empty() ? "none" : known));
    }
  warn_unset_audiences(document.blocks, audiences, warnings);
}

}  // namespace handout
