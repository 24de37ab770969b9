#include "typeset/glossary_marking.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "layout/template_text.h"
#include "util/text.h"

namespace handout {

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '\''; }

struct Occurrence {
  std::size_t start = 0, end = 0;
  std::size_t entry = 0;
};

class Marker {
 public:
  Marker(const Glossary& glossary, Warnings& warnings, std::string_view source)
      : glossary_(glossary), warnings_(warnings), source_(lowercase_ascii(source)) {}

  void visit(std::vector<Block>& blocks) {
    for (Block& block : blocks) visit(block);
  }

  std::vector<const GlossaryEntry*> used() const { return used_; }

 private:
  void visit(Block& block) {
    switch (block.kind) {
      case BlockKind::heading: scan(block.text, block.place, false); break;
      case BlockKind::paragraph:
      case BlockKind::figure: scan(block.text, block.place, true); break;
      case BlockKind::table:
        for (auto& row : block.rows)
          for (TableCell& cell : row) scan(cell.text, block.place, true);
        break;
      case BlockKind::code:
      case BlockKind::rule: break;
      case BlockKind::list:
      case BlockKind::list_item:
      case BlockKind::callout:
      case BlockKind::glossary: visit(block.children); break;
    }
  }

  // The text in lower case, with code spans and line breaks as non-word bytes and every white
  // space byte as one space, so offsets stay those of the runs.
  static std::string searchable(const InlineText& text) {
    std::string out;
    for (const TextRun& run : text) {
      std::string part = lowercase_ascii(run.text);
      for (char& c : part) {
        if (run.styles & style_code) c = '\x01';
        else if (std::isspace(static_cast<unsigned char>(c))) c = ' ';
      }
      out += part;
    }
    return out;
  }

  std::vector<Occurrence> occurrences(const std::string& text) const {
    std::vector<Occurrence> found;
    for (std::size_t e = 0; e < glossary_.entries.size(); ++e)
      for (const std::string& form : glossary_.entries[e].forms)
        for (std::size_t at = text.find(form); at != std::string::npos; at = text.find(form, at + 1)) {
          std::size_t end = at + form.size();
          bool starts = at == 0 || !is_word_byte(static_cast<unsigned char>(text[at - 1]));
          bool ends = end == text.size() || !is_word_byte(static_cast<unsigned char>(text[end]));
          if (starts && ends) found.push_back({at, end, e});
        }
    // Earliest first; at one place the longest ("renal cell carcinoma" before "carcinoma").
    std::sort(found.begin(), found.end(), [](const Occurrence& a, const Occurrence& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    return found;
  }

  void scan(InlineText& text, const SourcePlace& place, bool mark) {
    const std::string lower = searchable(text);
    const std::vector<Occurrence> found = occurrences(lower);
    std::vector<std::pair<std::size_t, std::size_t>> marks;
    std::size_t taken_until = 0;
    for (const Occurrence& occurrence : found) {
      if (occurrence.start < taken_until) continue;  // inside a longer term already matched here
      taken_until = occurrence.end;
      if (!mark || !first_uses_.insert(occurrence.entry).second) continue;
      used_.push_back(&glossary_.entries[occurrence.entry]);
      marks.emplace_back(occurrence.start, occurrence.end);
    }
    check_watch_list(lower, found, place);
    if (!marks.empty()) text = with_marks(text, marks);
  }

  void check_watch_list(const std::string& lower, const std::vector<Occurrence>& found, const SourcePlace& place) {
    if (glossary_.watch.empty()) return;
    for (std::size_t at = 0; at < lower.size();) {
      if (!is_word_byte(static_cast<unsigned char>(lower[at]))) {
        ++at;
        continue;
      }
      std::size_t end = at;
      while (end < lower.size() && is_word_byte(static_cast<unsigned char>(lower[end]))) ++end;
      std::string word = lower.substr(at, end - at);
      if (word.ends_with("'s")) word.resize(word.size() - 2);
      bool covered = std::any_of(found.begin(), found.end(),
                                 [&](const Occurrence& o) { return o.start <= at && end <= o.end; });
      if (!covered) {
        for (const WatchPattern& pattern : glossary_.watch) {
          bool matches = pattern.suffix ? word.size() > pattern.text.size() + 1 && word.ends_with(pattern.text)
                                        : word.starts_with(pattern.text);
          if (matches && warned_.insert(word).second) {
            warnings_.add(word_place(word, place, lower.size()), fmt::format("'{}' looks like a medical term (watch list \"{}\") but {} does not "
                                             "explain it",
                                             word, pattern.written, glossary_.path));
            break;
          }
        }
      }
      at = end;
    }
  }

  // Where the word is written: its first whole-word occurrence in the source from its block's
  // start, within about the block's length. Markup inside a word ("**splen**ectomy") hides it,
  // and the block's place stands in.
  SourcePlace word_place(const std::string& word, const SourcePlace& block, std::size_t text_size) const {
    if (source_.empty() || block.line < 1 || block.column < 1) return block;
    std::size_t line_start = 0;
    for (int line = 1; line < block.line; ++line) {
      line_start = source_.find('\n', line_start);
      if (line_start == std::string::npos) return block;
      ++line_start;
    }
    const std::size_t start = line_start + static_cast<std::size_t>(block.column - 1);
    const std::size_t limit = std::min(source_.size(), start + 2 * text_size + 64);
    for (std::size_t at = source_.find(word, start); at != std::string::npos && at + word.size() <= limit;
         at = source_.find(word, at + 1)) {
      std::size_t end = at + word.size();
      if ((at > 0 && is_word_byte(static_cast<unsigned char>(source_[at - 1]))) ||
          (end < source_.size() && is_word_byte(static_cast<unsigned char>(source_[end])) &&
           source_.compare(end, 2, "'s") != 0))
        continue;
      int line = block.line;
      std::size_t this_line = line_start;
      for (std::size_t i = line_start; i < at; ++i)
        if (source_[i] == '\n') {
          ++line;
          this_line = i + 1;
        }
      return {block.path, line, static_cast<int>(at - this_line) + 1};
    }
    return block;
  }

  // The runs again, cut where a mark begins or ends, the marked parts with style_term.
  static InlineText with_marks(const InlineText& text, const std::vector<std::pair<std::size_t, std::size_t>>& marks) {
    InlineText out;
    std::size_t offset = 0;
    for (const TextRun& run : text) {
      std::size_t run_end = offset + run.text.size();
      std::vector<std::size_t> cuts{offset, run_end};
      for (const auto& [start, end] : marks) {
        if (start > offset && start < run_end) cuts.push_back(start);
        if (end > offset && end < run_end) cuts.push_back(end);
      }
      std::sort(cuts.begin(), cuts.end());
      for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        if (cuts[i] == cuts[i + 1]) continue;
        TextRun piece = run;
        piece.text = run.text.substr(cuts[i] - offset, cuts[i + 1] - cuts[i]);
        for (const auto& [start, end] : marks)
          if (cuts[i] >= start && cuts[i + 1] <= end) piece.styles |= style_term;
        out.push_back(std::move(piece));
      }
      offset = run_end;
    }
    return out;
  }

  const Glossary& glossary_;
  Warnings& warnings_;
  const std::string source_;  // lower case, so offsets are the file's
  std::set<std::size_t> first_uses_;
  std::vector<const GlossaryEntry*> used_;
  std::set<std::string> warned_;
};

std::string capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

std::vector<const GlossaryEntry*> mark_glossary_terms(std::vector<Block>& blocks, const Glossary& glossary,
                                                      Warnings& warnings, std::string_view source) {
  Marker marker(glossary, warnings, source);
  marker.visit(blocks);
  return marker.used();
}

Block glossary_box(const std::vector<const GlossaryEntry*>& used, const GlossarySpec& spec, const std::string& path) {
  std::vector<const GlossaryEntry*> entries = used;
  if (spec.order == GlossarySpec::Order::alphabetical)
    std::stable_sort(entries.begin(), entries.end(), [](const GlossaryEntry* a, const GlossaryEntry* b) {
      return lowercase_ascii(a->term) < lowercase_ascii(b->term);
    });
  auto block = [](BlockKind kind, const SourcePlace& place) {
    Block made;
    made.kind = kind;
    made.place = place;
    return made;
  };
  const SourcePlace place{path};
  Block box = block(BlockKind::glossary, place);
  Block heading = block(BlockKind::heading, place);
  heading.level = 2;
  heading.text = {TextRun{spec.title, style_plain, {}}};
  box.children.push_back(std::move(heading));
  Block list = block(BlockKind::list, place);
  for (const GlossaryEntry* entry : entries) {
    Block paragraph = block(BlockKind::paragraph, entry->place);
    paragraph.text = {TextRun{capitalised(entry->term), style_strong, {}}};
    if (!entry->sounds_like.empty())
      paragraph.text.push_back(TextRun{
          " (" + expand_template(spec.sounds_like, {{"sounds_like", entry->sounds_like}}) + ")", style_plain, {}});
    paragraph.text.push_back(TextRun{": " + entry->definition, style_plain, {}});
    Block item = block(BlockKind::list_item, entry->place);
    item.children.push_back(std::move(paragraph));
    list.children.push_back(std::move(item));
  }
  box.children.push_back(std::move(list));
  return box;
}

void apply_glossary(std::vector<Block>& blocks, const Glossary& glossary, const GlossarySpec& spec, Warnings& warnings,
                    std::string_view source) {
  if (!spec.enabled || glossary.empty()) return;
  std::vector<const GlossaryEntry*> used = mark_glossary_terms(blocks, glossary, warnings, source);
  if (used.empty()) return;
  Block box = glossary_box(used, spec, glossary.path);
  auto at = blocks.end();
  if (spec.where == GlossarySpec::Where::after_first_section) {
    auto is_section = [](const Block& block) { return block.kind == BlockKind::heading && block.level <= 2; };
    auto first = std::find_if(blocks.begin(), blocks.end(),
                              [](const Block& block) { return block.kind == BlockKind::heading && block.level == 2; });
    if (first != blocks.end()) at = std::find_if(first + 1, blocks.end(), is_section);
  }
  blocks.insert(at, std::move(box));
}

}  // namespace handout
