#pragma once
// Comparing an article's words with the words a PDF gives back.
#include <string>
#include <vector>

#include "content/document.h"

namespace handout::testing {

// Lower-cased words: runs of letters, digits and '%'; everything else separates them.
std::vector<std::string> words_of(const std::string& text);

// The text of every block of the document in reading order: a line for each block's own text
// and for each table cell, children after their parent.
std::string document_text(const std::vector<Block>& blocks);

// The words of every block of the document, in reading order.
std::vector<std::string> document_words(const std::vector<Block>& blocks);

// Walks both lists together: `text` must hold exactly the words of `wanted`, in order, with
// nothing between them but words from `extras` (list numbers, labels). Returns the index of the
// first word of `wanted` that breaks this, or wanted.size() when all match.
std::size_t first_mismatch(const std::vector<std::string>& wanted, const std::vector<std::string>& text,
                           const std::vector<std::string>& extras);

// The text without the lines that begin with any of `prefixes` (running heads, a title band).
std::string without_lines_starting(const std::string& text, const std::vector<std::string>& prefixes);

}  // namespace handout::testing
