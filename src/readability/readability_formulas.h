#pragma once
// The published readability formulas, on counts of sentences, words and syllables.
#include <optional>
#include <string>
#include <string_view>

namespace handout {

struct TextCounts {
  int sentences = 0;
  int words = 0;
  int syllables = 0;
  int polysyllables = 0;  // words of 3 syllables or more (SMOG)
  TextCounts& operator+=(const TextCounts& other);
};

// Flesch–Kincaid grade: 0.39·words/sentences + 11.8·syllables/words − 15.59.
double flesch_kincaid_grade(const TextCounts& counts);
// Flesch reading ease: 206.835 − 1.015·words/sentences − 84.6·syllables/words.
double flesch_reading_ease(const TextCounts& counts);
// SMOG grade: 1.0430·√(polysyllables·30/sentences) + 3.1291.
double smog_grade(const TextCounts& counts);
// Szigriszt–Pazos perspicuity (the INFLESZ scale): 206.835 − 62.3·syllables/words − words/sentences.
double szigriszt_pazos(const TextCounts& counts);
// The INFLESZ band of a Szigriszt–Pazos score: "very difficult" (< 40) to "very easy" (> 80).
std::string_view inflesz_band(double score);
// The same band as the scale names it in Spanish, for a page in Spanish: "muy difícil" to "muy fácil".
std::string_view inflesz_band_es(double score);

// Which formulas a language has: English the Flesch family and SMOG, Spanish INFLESZ.
enum class ReadabilityScale { flesch_kincaid, inflesz, none };
ReadabilityScale scale_for_language(std::string_view language);

// The figures of some text in its language's scale; those the scale lacks are empty.
struct ReadabilityScores {
  ReadabilityScale scale = ReadabilityScale::none;
  TextCounts counts;
  std::optional<double> grade;         // Flesch–Kincaid
  std::optional<double> reading_ease;  // Flesch
  std::optional<double> smog;
  std::optional<double> inflesz;       // Szigriszt–Pazos
};
// Empty figures also when the text has no sentence.
ReadabilityScores score(const TextCounts& counts, ReadabilityScale scale);

}  // namespace handout
