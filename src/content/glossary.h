#pragma once
// The words-to-know glossary: terms an article may use, each with a plain-language definition,
// and a watch list of word parts (suffixes such as "-ectomy", stems such as "metasta") that make
// a word look medical, so that such a word without a definition can be reported.
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace handout {

struct GlossaryEntry {
  std::string term;         // as the "Words to know" box shows it
  std::string definition;   // plain language
  std::string sounds_like;  // a pronunciation for readers ("neh-FREK-tuh-mee"); may be empty
  std::vector<std::string> forms;  // lower-case words that count as the term: the term first, then its `forms`
  SourcePlace place;        // the entry's table
};

struct WatchPattern {
  std::string text;     // lower case, without the leading '-'
  bool suffix = false;  // "-itis": the word ends with it; else the word starts with it
  std::string written;  // as the glossary writes it, for messages
};

struct Glossary {
  std::string path;
  std::vector<GlossaryEntry> entries;
  std::vector<WatchPattern> watch;
  bool empty() const { return entries.empty() && watch.empty(); }
};

// Strict: unknown keys, missing definitions, a form given to two terms are errors at their place.
Glossary parse_glossary(std::string_view text, const std::string& path);
Glossary load_glossary(const std::string& path);

}  // namespace handout
