#include "readability/readability_formulas.h"

#include <cmath>

#include "util/text.h"

namespace handout {

TextCounts& TextCounts::operator+=(const TextCounts& other) {
  sentences += other.sentences;
  words += other.words;
  syllables += other.syllables;
  polysyllables += other.polysyllables;
  return *this;
}

namespace {
double words_per_sentence(const TextCounts& c) { return double(c.words) / c.sentences; }
double syllables_per_word(const TextCounts& c) { return double(c.syllables) / c.words; }
}  // namespace

double flesch_kincaid_grade(const TextCounts& c) {
  return 0.39 * words_per_sentence(c) + 11.8 * syllables_per_word(c) - 15.59;
}

double flesch_reading_ease(const TextCounts& c) {
  return 206.835 - 1.015 * words_per_sentence(c) - 84.6 * syllables_per_word(c);
}

double smog_grade(const TextCounts& c) { return 1.0430 * std::sqrt(c.polysyllables * 30.0 / c.sentences) + 3.1291; }

double szigriszt_pazos(const TextCounts& c) {
  return 206.835 - 62.3 * syllables_per_word(c) - words_per_sentence(c);
}

std::string_view inflesz_band(double score) {
  if (score < 40) return "very difficult";
  if (score < 55) return "somewhat difficult";
  if (score < 65) return "normal";
  if (score <= 80) return "fairly easy";
  return "very easy";
}

std::string_view inflesz_band_es(double score) {
  if (score < 40) return "muy difícil";
  if (score < 55) return "algo difícil";
  if (score < 65) return "normal";
  if (score <= 80) return "bastante fácil";
  return "muy fácil";
}

ReadabilityScale scale_for_language(std::string_view language) {
  std::string primary = lowercase_ascii(language.substr(0, language.find_first_of("-_")));
  if (primary == "en") return ReadabilityScale::flesch_kincaid;
  if (primary == "es") return ReadabilityScale::inflesz;
  return ReadabilityScale::none;
}

ReadabilityScores score(const TextCounts& counts, ReadabilityScale scale) {
  ReadabilityScores scores;
  scores.scale = scale;
  scores.counts = counts;
  if (counts.sentences == 0 || counts.words == 0) return scores;
  if (scale == ReadabilityScale::flesch_kincaid) {
    scores.grade = flesch_kincaid_grade(counts);
    scores.reading_ease = flesch_reading_ease(counts);
    scores.smog = smog_grade(counts);
  } else if (scale == ReadabilityScale::inflesz) {
    scores.inflesz = szigriszt_pazos(counts);
  }
  return scores;
}

}  // namespace handout
