#include "readability/vowel_groups.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace handout {

namespace {

bool ends_with(std::string_view word, std::string_view end) {
  return word.size() >= end.size() && word.substr(word.size() - end.size()) == end;
}

bool english_vowel(std::string_view w, std::size_t i) {
  if (std::strchr("aeiou", w[i]) && w[i] != '\0') return true;
  return w[i] == 'y' && i > 0;  // "y" starts a word as a consonant ("yes")
}

// Next UTF-8 code point starting at `i`; advances `i`.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  char32_t point = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
  ++i;
  for (int k = 0; k < extra && i < s.size(); ++k, ++i) point = (point << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return point;
}

// Latin vowels with and without accents: 0 not a vowel, 1 weak (i, u, y), 2 strong, 3 accented weak.
int latin_vowel(char32_t c) {
  switch (c) {
    case U'a': case U'e': case U'o': case U'á': case U'é': case U'ó': case U'à': case U'è': case U'ò':
    case U'â': case U'ê': case U'ô': case U'ä': case U'ë': case U'ö': case U'ã': case U'õ': case U'å':
    case U'æ': case U'ø': case U'œ':
      return 2;
    case U'i': case U'u': case U'y': case U'ü': case U'ï': case U'î': case U'û': case U'ù': case U'ì':
      return 1;
    case U'í': case U'ú':
      return 3;
    default:
      return 0;
  }
}

}  // namespace

int english_vowel_groups(std::string_view w) {
  const std::size_t n = w.size();
  int count = 0;
  bool previous = false;
  for (std::size_t i = 0; i < n; ++i) {
    bool vowel = english_vowel(w, i);
    if (vowel && !previous) ++count;
    previous = vowel;
  }
  auto consonant = [&](std::size_t i) { return !english_vowel(w, i); };
  if (n > 3 && ends_with(w, "e") && consonant(n - 2) && !(ends_with(w, "le") && consonant(n - 3))) {
    --count;  // make, bone; but table, little
  } else if (n > 3 && ends_with(w, "ed") && !ends_with(w, "ted") && !ends_with(w, "ded") && consonant(n - 3)) {
    --count;  // walked, helped; but wanted, needed
  } else if (n > 3 && ends_with(w, "es") && consonant(n - 3) && !std::strchr("sxzcg", w[n - 3]) &&
             !ends_with(w, "ches") && !ends_with(w, "shes") && !(ends_with(w, "les") && n > 4 && consonant(n - 4))) {
    --count;  // bones, makes; but places, changes, muscles
  }
  // Vowel pairs that are usually spoken as two syllables.
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const char a = w[i], b = w[i + 1];
    const char before = i > 0 ? w[i - 1] : '\0';
    bool split = false;
    if (a == 'i' && b == 'a') split = before != 'c' && before != 't';                  // anaemia; not special
    else if (a == 'i' && b == 'o') split = !std::strchr("tsgcx", before) || before == '\0';  // opioid; not -tion
    else if (a == 'i' && b == 'u') split = true;                                       // calcium
    else if (a == 'u' && b == 'a') split = before != 'q';                              // usually; not quality
    else if (a == 'e' && b == 'o') split = before != 'p';                              // osteo-; not people
    else if (a == 'e' && b == 'a') split = i + 2 == n;                                 // area, idea
    else if (a == 'i' && b == 'e') split = before == 'u' || (before == 'c' && i > 1 && w[i - 2] == 's');  // quiet, science
    else if (a == 'o' && b == 'e') split = i + 2 < n && w[i + 2] == 'm';               // poem
    if (split) ++count;
  }
  return std::max(count, 1);
}

int spanish_vowel_groups(std::string_view word) {
  int count = 0;
  int previous = 0;  // the kind of the letter before (0: consonant)
  for (std::size_t i = 0; i < word.size();) {
    int kind = latin_vowel(next_code_point(word, i));
    // A new syllable starts at a vowel after a consonant, between two strong vowels (hiatus) and
    // at or after an accented weak vowel (día, reúne).
    if (kind != 0 && (previous == 0 || (kind == 2 && previous == 2) || kind == 3 || previous == 3)) ++count;
    previous = kind;
  }
  return std::max(count, 1);
}

int plain_vowel_groups(std::string_view word) {
  int count = 0;
  bool previous = false;
  for (std::size_t i = 0; i < word.size();) {
    bool vowel = latin_vowel(next_code_point(word, i)) != 0;
    if (vowel && !previous) ++count;
    previous = vowel;
  }
  return std::max(count, 1);
}

}  // namespace handout
