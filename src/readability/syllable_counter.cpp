#include "readability/syllable_counter.h"

#include <hyphen.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <vector>

#include "readability/hyphen_dictionary.h"
#include "readability/vowel_groups.h"
#include "util/text.h"

namespace handout {

namespace {

namespace fs = std::filesystem;

// libhyphen's buffers are sized for words up to this many bytes (its MAXWORDLEN).
constexpr std::size_t longest_pattern_word = 100;

std::string primary_subtag(std::string_view language) {
  std::string primary = lowercase_ascii(std::string(language.substr(0, language.find_first_of("-_"))));
  return primary;
}

}  // namespace

std::optional<fs::path> hyphenation_patterns(std::string_view language) {
  const std::string primary = primary_subtag(language);
  if (primary.empty()) return std::nullopt;
  std::vector<std::string> names;
  std::size_t dash = language.find_first_of("-_");
  if (dash != std::string_view::npos) {
    std::string region(language.substr(dash + 1, language.find_first_of("-_", dash + 1) - dash - 1));
    for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    names.push_back("hyph_" + primary + "_" + region + ".dic");
  }
  names.push_back("hyph_" + primary + ".dic");
  std::string upper = primary;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  names.push_back("hyph_" + primary + "_" + upper + ".dic");
  if (primary == "en") names.push_back("hyph_en_US.dic");
  for (const std::string& name : names) {
    std::error_code ignored;
    fs::path path = fs::path(hyphenation_folder) / name;
    if (fs::is_regular_file(path, ignored)) return path;
  }
  std::vector<fs::path> others;
  std::error_code error;
  for (fs::directory_iterator it(hyphenation_folder, error), end; !error && it != end; it.increment(error))
    if (it->path().filename().string().rfind("hyph_" + primary + "_", 0) == 0) others.push_back(it->path());
  if (others.empty()) return std::nullopt;
  std::sort(others.begin(), others.end());
  return others.front();
}

SyllableCounter::SyllableCounter(std::string language, std::shared_ptr<HyphenDictionary> patterns, std::string method)
    : language_(std::move(language)), patterns_(std::move(patterns)), method_(std::move(method)) {}

namespace {

std::shared_ptr<const SyllableCounter> make_counter(const std::string& language) {
  std::shared_ptr<HyphenDictionary> patterns;
  std::string method;
  if (auto path = hyphenation_patterns(language)) {
    if ((patterns = hyphen_dictionary(*path))) {
      method = "hyphenation patterns (" + path->filename().string() + ") and vowel groups";
    }
  }
  if (method.empty())
    method = "vowel groups only (no hyphenation patterns for '" + language + "' in " + hyphenation_folder + ")";
  return std::make_shared<SyllableCounter>(primary_subtag(language), std::move(patterns), std::move(method));
}

using CounterFuture = std::shared_future<std::shared_ptr<const SyllableCounter>>;

// The counter of a language: made at once (under the lock), or on a thread of its own when asked
// for ahead of its use. Ending the program waits, as these statics are destroyed, for a counter
// still being made (the statics it uses outlive these: hyphen_dictionary.cpp).
CounterFuture counter_for(std::string_view language, bool ahead) {
  static std::mutex mutex;
  static std::map<std::string, CounterFuture, std::less<>> counters;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto found = counters.find(language); found != counters.end()) return found->second;
  CounterFuture counter;
  if (ahead) {
    counter = std::async(std::launch::async, make_counter, std::string(language)).share();
  } else {
    std::promise<std::shared_ptr<const SyllableCounter>> made;
    made.set_value(make_counter(std::string(language)));
    counter = made.get_future().share();
  }
  counters.emplace(std::string(language), counter);
  return counter;
}

}  // namespace

std::shared_ptr<const SyllableCounter> SyllableCounter::for_language(std::string_view language) {
  return counter_for(language, false).get();
}

void SyllableCounter::load_ahead(std::string_view language) { counter_for(language, true); }

int SyllableCounter::pattern_count(const std::string& lower) const {
  if (!patterns_ || lower.size() > longest_pattern_word) return 0;
  std::vector<char> hyphens(lower.size() + 5, '\0');
  char** replacements = nullptr;
  int* positions = nullptr;
  int* cuts = nullptr;
  int points = 0;
  std::lock_guard<std::mutex> lock(patterns_->mutex);
  if (hnj_hyphen_hyphenate2(patterns_->dict.get(), lower.c_str(), static_cast<int>(lower.size()), hyphens.data(),
                            nullptr, &replacements, &positions, &cuts) == 0) {
    // An odd digit after a byte is a break point; the last byte never is one.
    for (std::size_t i = 0; i + 1 < lower.size(); ++i)
      if (hyphens[i] & 1) ++points;
  }
  if (replacements) {
    for (std::size_t i = 0; i < lower.size(); ++i) std::free(replacements[i]);
    std::free(replacements);
  }
  std::free(positions);
  std::free(cuts);
  return points + 1;
}

int SyllableCounter::count(std::string_view word) const {
  {
    std::lock_guard<std::mutex> lock(counted_mutex_);
    if (auto found = counted_.find(word); found != counted_.end()) return found->second;
  }
  const int syllables = count_uncached(word);
  std::lock_guard<std::mutex> lock(counted_mutex_);
  counted_.emplace(std::string(word), syllables);
  return syllables;
}

int SyllableCounter::count_uncached(std::string_view word) const {
  std::string lower;
  icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())))
      .toLower(icu::Locale::getRoot())
      .toUTF8String(lower);
  const int guessed = language_ == "en"   ? english_vowel_groups(lower)
                      : language_ == "es" ? spanish_vowel_groups(lower)
                                          : plain_vowel_groups(lower);
  // Patterns find most syllable breaks inside a word but none near its ends (hyphenmin) and
  // few in short words: the larger of the two counts agrees best with the test word list.
  return std::max(pattern_count(lower), guessed);
}

}  // namespace handout
