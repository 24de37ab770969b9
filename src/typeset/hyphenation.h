#pragma once
// Hyphenation points from the hyphenation patterns of a language (Debian's hyphen-* packages,
// read with libhyphen), marked in text as soft hyphens (U+00AD): Pango then breaks a word only
// there, and shows a hyphen only where it does break.
#include <memory>
#include <string>
#include <string_view>

namespace handout {

struct HyphenDictionary;

class Hyphenator {
 public:
  // The hyphenator for a BCP 47 language ("en", "pt-BR"); nothing when no patterns are
  // installed for it. Patterns are loaded once per process and shared by threads.
  static std::shared_ptr<const Hyphenator> for_language(std::string_view language);

  // `text` with a soft hyphen at each hyphenation point of its words. Words that are not plain
  // words are left whole: a token with "/", "@", "://" or a dot between letters (a URL, an
  // address, a file name), a word with digits, an all-capital abbreviation, a word shorter than
  // five letters.
  std::string mark(std::string_view text) const;

  // The patterns' file name, for messages: "hyph_en_US.dic".
  const std::string& patterns_name() const { return name_; }

  Hyphenator(std::shared_ptr<HyphenDictionary> patterns, std::string name);

 private:
  std::string mark_word(std::string_view word) const;

  std::shared_ptr<HyphenDictionary> patterns_;
  std::string name_;
};

inline constexpr std::string_view soft_hyphen = "\u00AD";

}  // namespace handout
