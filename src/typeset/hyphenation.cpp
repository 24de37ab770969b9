#include "typeset/hyphenation.h"

#include <glib.h>
#include <hyphen.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <vector>

#include "readability/hyphen_dictionary.h"
#include "readability/syllable_counter.h"

namespace handout {

namespace {

// libhyphen's buffers are sized for words up to this many bytes (its MAXWORDLEN).
constexpr std::size_t longest_word = 100;
constexpr int shortest_word = 5;  // letters
// At least this many letters stay on each side of a break, whatever the patterns allow.
constexpr int min_left = 3, min_right = 3;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

gunichar char_at(std::string_view text, std::size_t at) {
  return g_utf8_get_char_validated(text.data() + at, static_cast<gssize>(text.size() - at));
}

std::size_t next_char(std::string_view text, std::size_t at) {
  ++at;
  while (at < text.size() && is_continuation(text[at])) ++at;
  return at;
}

bool is_letter(gunichar c) { return g_unichar_isalpha(c) || g_unichar_ismark(c); }
bool is_space(gunichar c) { return g_unichar_isspace(c) || c == 0x2028 || c == 0x2029; }

// A token that is not prose: a URL, an e-mail address, a path or a file name.
bool is_address_like(std::string_view token) {
  if (token.find("://") != std::string_view::npos || token.find('@') != std::string_view::npos ||
      token.find('/') != std::string_view::npos || token.find('\\') != std::string_view::npos)
    return true;
  for (std::size_t dot = token.find('.'); dot != std::string_view::npos; dot = token.find('.', dot + 1))
    if (dot + 1 < token.size() && dot > 0 && g_ascii_isalnum(token[dot + 1]) && g_ascii_isalnum(token[dot - 1]))
      return true;
  return false;
}

}  // namespace

Hyphenator::Hyphenator(std::shared_ptr<HyphenDictionary> patterns, std::string name)
    : patterns_(std::move(patterns)), name_(std::move(name)) {}

std::shared_ptr<const Hyphenator> Hyphenator::for_language(std::string_view language) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Hyphenator>, std::less<>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = loaded.find(language);
  if (found != loaded.end()) return found->second;
  std::shared_ptr<const Hyphenator> hyphenator;
  if (auto path = hyphenation_patterns(language))
    if (auto patterns = hyphen_dictionary(*path)) {
      hyphenator = std::make_shared<Hyphenator>(std::move(patterns), path->filename().string());
    }
  loaded.emplace(std::string(language), hyphenator);
  return hyphenator;
}

std::string Hyphenator::mark_word(std::string_view word) const {
  const glong letters = g_utf8_strlen(word.data(), static_cast<gssize>(word.size()));
  if (letters < shortest_word || word.size() > longest_word) return std::string(word);
  gchar* lowered = g_utf8_strdown(word.data(), static_cast<gssize>(word.size()));
  std::string lower(lowered);
  g_free(lowered);
  // Points are found in the lower-case word and copied to the word as written: only where the
  // two have the same bytes, letter for letter.
  if (lower.size() != word.size()) return std::string(word);
  bool all_capitals = true;
  for (std::size_t i = 0; i < word.size(); i = next_char(word, i))
    if (!g_unichar_isupper(char_at(word, i))) all_capitals = false;
  if (all_capitals) return std::string(word);

  std::vector<char> hyphens(lower.size() + 5, '\0');
  char** replacements = nullptr;
  int* positions = nullptr;
  int* cuts = nullptr;
  bool ok;
  {
    std::lock_guard<std::mutex> lock(patterns_->mutex);
    HyphenDict* dict = patterns_->dict.get();
    ok = hnj_hyphen_hyphenate3(dict, lower.c_str(), static_cast<int>(lower.size()), hyphens.data(), nullptr,
                               &replacements, &positions, &cuts, std::max<int>(dict->lhmin, min_left),
                               std::max<int>(dict->rhmin, min_right), dict->clhmin, dict->crhmin) == 0;
  }
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    out += word[i];
    // An odd digit after the last byte of a letter is a point; one with a replacement
    // ("Schiff-fahrt") changes the spelling, which a soft hyphen cannot: it is left out.
    bool point = ok && (hyphens[i] & 1) && i + 1 < word.size() && !is_continuation(word[i + 1]) &&
                 !(replacements && replacements[i]);
    if (point) out += soft_hyphen;
  }
  if (replacements) {
    for (std::size_t i = 0; i < lower.size(); ++i) std::free(replacements[i]);
    std::free(replacements);
  }
  std::free(positions);
  std::free(cuts);
  return out;
}

std::string Hyphenator::mark(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t i = 0;
  while (i < text.size()) {
    // One token: up to the next space.
    std::size_t end = i;
    while (end < text.size() && !is_space(char_at(text, end))) end = next_char(text, end);
    std::string_view token = text.substr(i, end - i);
    if (token.empty() || is_address_like(token)) {
      out += token;
    } else {
      bool has_digit = false;
      for (std::size_t k = 0; k < token.size(); k = next_char(token, k))
        if (g_unichar_isdigit(char_at(token, k))) has_digit = true;
      if (has_digit) {
        out += token;
      } else {
        // Runs of letters are words; hyphens, apostrophes and punctuation stay between them.
        std::size_t k = 0;
        while (k < token.size()) {
          std::size_t word_end = k;
          while (word_end < token.size() && is_letter(char_at(token, word_end))) word_end = next_char(token, word_end);
          if (word_end > k) {
            out += mark_word(token.substr(k, word_end - k));
            k = word_end;
          } else {
            std::size_t next = next_char(token, k);
            out += token.substr(k, next - k);
            k = next;
          }
        }
      }
    }
    // The spaces after it.
    std::size_t space_end = end;
    while (space_end < text.size() && is_space(char_at(text, space_end))) space_end = next_char(text, space_end);
    out += text.substr(end, space_end - end);
    i = space_end;
  }
  return out;
}

}  // namespace handout
