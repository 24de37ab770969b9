#pragma once
// Sentences and words of a text by ICU's break iterators (UAX #29 with the language's
// abbreviation list, so "e.g." and "Dr." end no sentence and "3.5" is one number).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

struct WordSpan {
  std::size_t begin = 0, end = 0;  // byte offsets into the text
  bool number = false;             // digits ("3.5", "2026"), not letters
};

struct SentenceSpan {
  std::size_t begin = 0, end = 0;  // byte offsets into the text
  std::vector<WordSpan> words;     // letters and numbers only: punctuation and spaces are no words
};

// One per thread: its iterators are clones of ones built once per process and language.
class TextSegmenter {
 public:
  explicit TextSegmenter(std::string_view language);  // BCP 47; throws HandoutError if ICU fails
  ~TextSegmenter();
  TextSegmenter(const TextSegmenter&) = delete;
  TextSegmenter& operator=(const TextSegmenter&) = delete;

  // `text` is UTF-8. Sentences without a word (a lone dash) are left out.
  std::vector<SentenceSpan> sentences(std::string_view text);

  struct Iterators;

 private:
  std::unique_ptr<Iterators> iterators_;
};

}  // namespace handout
