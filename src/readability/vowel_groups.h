#pragma once
// Syllables guessed from the spelling: runs of vowels, with the corrections a language needs.
#include <string_view>

namespace handout {

// English: vowel groups less a silent final "e", "-ed" and "-es", plus vowel pairs that are
// usually two syllables ("ia" in "anaemia", "io" in "opioid", "eo" in "osteo-"). `word` in lower case.
int english_vowel_groups(std::string_view word);

// Spanish: vowel groups where two strong vowels (a, e, o) or an accented í or ú split a group.
int spanish_vowel_groups(std::string_view word);

// Any other language: runs of the letters a, e, i, o, u, y and their accented forms.
int plain_vowel_groups(std::string_view word);

}  // namespace handout
