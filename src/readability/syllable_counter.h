#pragma once
// Syllables of a word, from the hyphenation patterns of its language (Debian's hyphen-* packages,
// read with libhyphen) together with vowel groups; vowel groups alone where no patterns exist.
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace handout {

struct HyphenDictionary;

class SyllableCounter {
 public:
  // The counter for a BCP 47 language ("en", "en-GB", "es-MX"); patterns are loaded once per
  // process and shared by threads.
  static std::shared_ptr<const SyllableCounter> for_language(std::string_view language);
  // Starts loading a language's patterns on a thread of its own (reading a file of patterns
  // takes milliseconds), so that for_language finds them ready; once per process and language.
  static void load_ahead(std::string_view language);

  // `word`: one word of letters, UTF-8, any case. At least 1.
  int count(std::string_view word) const;

  // How counts are made, for reports: "hyphenation patterns hyph_en_US.dic + vowel groups".
  const std::string& method() const { return method_; }
  bool has_patterns() const { return patterns_ != nullptr; }

  SyllableCounter(std::string language, std::shared_ptr<HyphenDictionary> patterns, std::string method);

 private:
  int count_uncached(std::string_view word) const;
  int pattern_count(const std::string& lower) const;

  // Words already counted: an article's common words recur, and so do its paragraphs in the
  // reports of its layouts and of a batch's other articles.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view word) const { return std::hash<std::string_view>{}(word); }
  };
  mutable std::mutex counted_mutex_;
  mutable std::unordered_map<std::string, int, Hash, std::equal_to<>> counted_;

  std::string language_;  // primary subtag, lower case: "en"
  std::shared_ptr<HyphenDictionary> patterns_;
  std::string method_;
};

// The folder searched for hyph_LANG[_REGION].dic files.
inline constexpr const char* hyphenation_folder = "/usr/share/hyphen";

// The patterns for a BCP 47 language: hyph_en_GB.dic for "en-GB", else hyph_en.dic,
// hyph_en_EN.dic (es_ES, de_DE), en_US for English, and otherwise the first of the language's
// files; nothing when the folder has none.
std::optional<std::filesystem::path> hyphenation_patterns(std::string_view language);

}  // namespace handout
