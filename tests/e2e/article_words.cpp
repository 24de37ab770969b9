#include "e2e/article_words.h"

#include <algorithm>
#include <cctype>

namespace handout::testing {

std::vector<std::string> words_of(const std::string& source) {
  // A hard line break (U+2028) and no-break spaces separate words like any other space: a PDF
  // reader may give a no-break space back as a plain one.
  const std::string_view spaces[] = {"\u2028", "\u00A0", "\u202F"};
  std::string text;
  for (std::size_t i = 0; i < source.size(); ++i) {
    auto space = std::find_if(std::begin(spaces), std::end(spaces),
                              [&](std::string_view s) { return source.compare(i, s.size(), s) == 0; });
    if (space != std::end(spaces)) {
      text += ' ';
      i += space->size() - 1;
    } else {
      text += source[i];
    }
  }
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    // Bytes of multi-byte UTF-8 characters count as letters, so "µg" stays one word.
    if (std::isalnum(u) || c == '%' || u >= 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

std::string document_text(const std::vector<Block>& blocks) {
  std::string text;
  for (const Block& block : blocks) {
    text += plain_text(block.text) + "\n";
    for (const auto& row : block.rows)
      for (const TableCell& cell : row) text += plain_text(cell.text) + "\n";
    text += document_text(block.children);
  }
  return text;
}

std::vector<std::string> document_words(const std::vector<Block>& blocks) { return words_of(document_text(blocks)); }

std::size_t first_mismatch(const std::vector<std::string>& wanted, const std::vector<std::string>& text,
                           const std::vector<std::string>& extras) {
  std::size_t position = 0;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    while (position < text.size() && text[position] != wanted[i] &&
           std::find(extras.begin(), extras.end(), text[position]) != extras.end())
      ++position;
    if (position == text.size() || text[position] != wanted[i]) return i;
    ++position;
  }
  return wanted.size();
}

std::string without_lines_starting(const std::string& text, const std::vector<std::string>& prefixes) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && line.front() == '\f') line.erase(0, 1);  // pdftotext's page breaks
    bool drop = false;
    for (const std::string& prefix : prefixes) drop = drop || line.rfind(prefix, 0) == 0;
    if (!drop) out += line + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace handout::testing
