#include "typeset/link_policy.h"

#include <fmt/format.h>

#include "util/link_target.h"

namespace handout {

namespace {

template <typename Blocks, typename Visit>
void for_each_text(Blocks& blocks, Visit visit) {
  for (auto& block : blocks) {
    visit(block.text);
    for (auto& row : block.rows)
      for (auto& cell : row) visit(cell.text);
    for_each_text(block.children, visit);
  }
}

std::string shown(const std::string& target) {
  std::string text = ascii_uri(target);
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

std::string joined(const std::vector<std::string>& schemes) {
  std::string out;
  for (const std::string& scheme : schemes) out += (out.empty() ? "" : ", ") + scheme;
  return out;
}

}  // namespace

void check_link_schemes(const std::vector<Block>& blocks, const std::vector<std::string>& schemes) {
  for_each_text(blocks, [&](const InlineText& text) {
    for (const TextRun& run : text) {
      if (!(run.styles & style_link) || judge_link(run.link_target, schemes) != LinkVerdict::refused) continue;
      std::optional<std::string> scheme = link_scheme(run.link_target);
      if (!scheme)
        throw HandoutError(run.link_place, fmt::format("link target '{}' starts with a space or control character",
                                                       shown(run.link_target)));
      throw HandoutError(run.link_place,
                         fmt::format("link target '{}' has the scheme '{}', which a handout may not link to "
                                     "(allowed: {}; a layout's [links] schemes lists others)",
                                     shown(run.link_target), *scheme, joined(schemes)));
    }
  });
}

void unlink_relative_links(std::vector<Block>& blocks, const std::vector<std::string>& schemes, Warnings& warnings) {
  for_each_text(blocks, [&](InlineText& text) {
    const TextRun* previous = nullptr;
    for (TextRun& run : text) {
      if ((run.styles & style_link) && judge_link(run.link_target, schemes) == LinkVerdict::relative) {
        // One link split into runs by its styles is one warning.
        bool same_link = previous && previous->link_target == run.link_target &&
                         previous->link_place.line == run.link_place.line &&
                         previous->link_place.column == run.link_place.column;
        if (!same_link)
          warnings.add(run.link_place, run.link_target.empty()
                                           ? std::string("link without a target is set as plain text")
                                           : fmt::format("relative link target '{}' means nothing in a PDF; its "
                                                         "text is set as plain text",
                                                         shown(run.link_target)));
        run.styles &= ~static_cast<unsigned>(style_link);
        previous = &run;
      } else {
        previous = nullptr;
      }
    }
  });
}

}  // namespace handout
