#include "content/audience_marks.h"

#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "util/text.h"

namespace handout {

namespace {

enum class Mark { none, clinician, patient, key_points };

// The mark at the start of `text` ("[!CLINICIAN]", any case) and its length, if any.
std::optional<std::pair<Mark, std::size_t>> leading_mark(std::string_view text) {
  static const std::pair<std::string_view, Mark> marks[] = {
      {"[!clinician]", Mark::clinician}, {"[!patient]", Mark::patient}, {"[!key-points]", Mark::key_points}};
  for (const auto& [word, mark] : marks)
    if (text.size() >= word.size() && lowercase_ascii(std::string(text.substr(0, word.size()))) == word)
      return std::pair{mark, word.size()};
  return std::nullopt;
}

// Removes the mark and the blank or line break after it from the paragraph's first run.
void strip_mark(Block& paragraph, std::size_t length) {
  std::string& text = paragraph.text.front().text;
  text.erase(0, length);
  static constexpr std::string_view line_separator = "\u2028";
  for (;;) {
    if (!text.empty() && (text[0] == ' ' || text[0] == '\t')) text.erase(0, 1);
    else if (text.starts_with(line_separator)) text.erase(0, line_separator.size());
    else break;
  }
  if (text.empty()) paragraph.text.erase(paragraph.text.begin());
}

Mark take_mark(Block& quote) {
  if (quote.children.empty() || quote.children.front().kind != BlockKind::paragraph) return Mark::none;
  Block& first = quote.children.front();
  if (first.text.empty() || first.text.front().styles != style_plain) return Mark::none;
  auto mark = leading_mark(first.text.front().text);
  if (!mark) return Mark::none;
  strip_mark(first, mark->second);
  if (first.text.empty()) quote.children.erase(quote.children.begin());
  return mark->first;
}

void apply(std::vector<Block>& blocks, Warnings& warnings) {
  std::vector<Block> result;
  result.reserve(blocks.size());
  for (Block& block : blocks) {
    if (block.kind == BlockKind::paragraph && !block.text.empty() && block.text.front().styles == style_plain &&
        leading_mark(block.text.front().text))
      warnings.add(block.place, "an audience mark counts only on the first line of a block quote ('> [!CLINICIAN]'); "
                                "this paragraph is for everyone");
    const Mark mark = block.kind == BlockKind::callout ? take_mark(block) : Mark::none;
    apply(block.children, warnings);
    if (mark == Mark::none) {
      result.push_back(std::move(block));
      continue;
    }
    if (block.children.empty())
      warnings.add(block.place, "this block quote has an audience mark and nothing else: it marks nothing");
    if (mark == Mark::key_points) {
      block.key_points = true;
      block.audience = Audience::clinician;
      if (!block.children.empty()) result.push_back(std::move(block));
      continue;
    }
    // The quote was only the mark's container: its blocks are set in its place, as the
    // article's own, for the audience it names.
    Audience audience = mark == Mark::clinician ? Audience::clinician : Audience::patient;
    for (Block& child : block.children) {
      child.audience = audience;
      result.push_back(std::move(child));
    }
  }
  blocks = std::move(result);
}

}  // namespace

void apply_audience_marks(std::vector<Block>& blocks, Warnings& warnings) { apply(blocks, warnings); }

const char* audience_name(Audience audience) {
  switch (audience) {
    case Audience::clinician: return "clinicians";
    case Audience::patient: return "patients";
    case Audience::everyone: return "everyone";
  }
  return "everyone";
}

}  // namespace handout
