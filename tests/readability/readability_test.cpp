// Readability: the formulas on hand-counted texts, sentence and word breaking, the syllable
// counter's agreement with a word list, the places of warnings and the languages' scales.
#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "batch/build_report.h"
#include "content/content_loader.h"
#include "readability/readability_formulas.h"
#include "readability/readability_report.h"
#include "readability/syllable_counter.h"
#include "readability/text_segmenter.h"

using namespace handout;

namespace {

// How a counter's syllables agree with a hand-counted list in tests/data ("word count" a line).
struct Agreement {
  int total = 0, exact = 0, within_one = 0;
  std::string misses;  // " word=counted" for each word counted otherwise
};

Agreement agreement(const SyllableCounter& counter, const std::string& list_name) {
  std::ifstream list(std::string(HANDOUT_SOURCE_DIR) + "/tests/data/" + list_name);
  REQUIRE(list);
  Agreement result;
  std::string line;
  while (std::getline(list, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string word;
    int expected = 0;
    fields >> word >> expected;
    int counted = counter.count(word);
    ++result.total;
    result.exact += counted == expected;
    result.within_one += std::abs(counted - expected) <= 1;
    if (counted != expected) result.misses += " " + word + "=" + std::to_string(counted);
  }
  return result;
}

Document article(const std::string& language, const std::string& body, std::string* source = nullptr) {
  std::string text = "+++\ntitle = \"T\"\nlanguage = \"" + language +
                     "\"\nreviewed = 2026-11-20\norganisation = \"O\"\n+++\n\n" + body;
  if (source) *source = text;
  Warnings warnings;
  return parse_document("x.md", text, warnings);
}

ReadabilityReport analyse(const std::string& language, const std::string& body, const ReadabilityTarget& target = {}) {
  std::string source;
  Document document = article(language, body, &source);
  return analyse_readability(document.blocks, "x.md", language, target, source);
}

}  // namespace

TEST_CASE("the formulas as published, on counts") {
  // 2 sentences, 10 words, 19 syllables, 1 polysyllable:
  // FK   = 0.39·10/2 + 11.8·19/10 − 15.59 = 1.95 + 22.42 − 15.59 = 8.78
  // FRE  = 206.835 − 1.015·5 − 84.6·1.9 = 206.835 − 5.075 − 160.74 = 41.02
  // SMOG = 1.0430·√(1·30/2) + 3.1291 = 1.0430·3.872983 + 3.1291 = 7.168621
  // P    = 206.835 − 62.3·1.9 − 5 = 206.835 − 118.37 − 5 = 83.465
  TextCounts counts{2, 10, 19, 1};
  CHECK(flesch_kincaid_grade(counts) == Approx(8.78));
  CHECK(flesch_reading_ease(counts) == Approx(41.02));
  CHECK(smog_grade(counts) == Approx(7.168621).epsilon(1e-6));
  CHECK(szigriszt_pazos(counts) == Approx(83.465));
  CHECK(inflesz_band(83.465) == "very easy");
  CHECK(inflesz_band(50) == "somewhat difficult");
}

TEST_CASE("hand-counted English texts give their counts and scores") {
  SECTION("one-syllable words") {
    // The(1) cat(1) sat(1) on(1) the(1) mat(1). The(1) dog(1) ran(1).
    // 2 sentences, 9 words, 9 syllables, 0 polysyllables:
    // FK = 0.39·4.5 + 11.8·1 − 15.59 = −2.035; FRE = 206.835 − 4.5675 − 84.6 = 117.6675; SMOG = 3.1291
    ReadabilityReport report = analyse("en", "The cat sat on the mat. The dog ran.\n");
    CHECK(report.scores.counts.sentences == 2);
    CHECK(report.scores.counts.words == 9);
    CHECK(report.scores.counts.syllables == 9);
    CHECK(report.scores.counts.polysyllables == 0);
    CHECK(*report.scores.grade == Approx(-2.035));
    CHECK(*report.scores.reading_ease == Approx(117.6675));
    CHECK(*report.scores.smog == Approx(3.1291));
  }
  SECTION("longer words") {
    // Your(1) doctor(2) will(1) explain(2) the(1) treatment(2): 6 words, 9 syllables.
    // Radiotherapy(6) can(1) reduce(2) pain(1): 4 words, 10 syllables, 1 polysyllable.
    // Counts {2, 10, 19, 1}: FK 8.78, FRE 41.02, SMOG 7.1686 (as above).
    ReadabilityReport report = analyse("en", "Your doctor will explain the treatment. Radiotherapy can reduce pain.\n");
    CHECK(report.scores.counts.sentences == 2);
    CHECK(report.scores.counts.words == 10);
    CHECK(report.scores.counts.syllables == 19);
    CHECK(report.scores.counts.polysyllables == 1);
    CHECK(*report.scores.grade == Approx(8.78));
    CHECK(*report.scores.reading_ease == Approx(41.02));
    CHECK(*report.scores.smog == Approx(7.168621).epsilon(1e-6));
    CHECK(report.summary() == "grade 8.8 FK");
    CHECK(readability_values(report).at("grade") == "8.8");
    CHECK(readability_values(report).at("readability") == "grade level 8.8 (FK)");
  }
}

TEST_CASE("headings, tables and code are left out; list items and captions end sentences") {
  // Counted: "Rest" (item, 1 sentence), "Drink water" (item, 1 sentence), "Eat well." (1);
  // the caption "A bone scan" (1). Not counted: the heading, the table, the code block.
  ReadabilityReport report = analyse("en",
                                     "# A very long heading about nephrectomy\n\n"
                                     "- Rest\n- Drink water\n\n"
                                     "Eat well.\n\n"
                                     "| Medicine | Dose |\n|---|---|\n| paracetamol | 500 mg |\n\n"
                                     "```\ncode words here\n```\n\n"
                                     "![A bone scan]()\n");
  CHECK(report.scores.counts.sentences == 4);
  CHECK(report.scores.counts.words == 8);  // Rest, Drink, water, Eat, well, A, bone, scan
}

TEST_CASE("sentences are broken by ICU: abbreviations and decimals end none") {
  TextSegmenter segmenter("en");
  const std::string text = "Take a painkiller, e.g. paracetamol, before the scan. The dose is 3.5 mg twice a day. "
                           "Ask Dr. Patel if the pain gets worse!";
  auto sentences = segmenter.sentences(text);
  REQUIRE(sentences.size() == 3);
  auto word = [&](const WordSpan& span) { return text.substr(span.begin, span.end - span.begin); };
  CHECK(sentences[0].words.size() == 8);  // Take a painkiller e.g paracetamol before the scan
  REQUIRE(sentences[1].words.size() == 8);  // The dose is 3.5 mg twice a day
  CHECK(word(sentences[1].words[3]) == "3.5");
  CHECK(sentences[1].words[3].number);
  CHECK_FALSE(sentences[1].words[4].number);
  CHECK(text.substr(sentences[2].begin, 3) == "Ask");
  CHECK(sentences[2].words.size() == 8);
}

TEST_CASE("the syllable counter agrees with a hand-counted word list") {
  auto counter = SyllableCounter::for_language("en-US");
  REQUIRE(counter->has_patterns());
  CHECK(counter->method() == "hyphenation patterns (hyph_en_US.dic) and vowel groups");
  const Agreement result = agreement(*counter, "syllables-en.txt");
  const int total = result.total, exact = result.exact, within_one = result.within_one;
  const std::string& misses = result.misses;
  REQUIRE(total >= 150);
  const double agreement = 100.0 * exact / total;
  std::cout << "syllable counter: exact on " << exact << " of " << total << " words (" << agreement
            << " %), within one on " << within_one << "; differs on:" << misses << '\n';
  CHECK(agreement >= 85);
  CHECK(within_one >= total - 2);
  CHECK(counter->count("Nephrectomy") == 4);  // case does not matter
}

TEST_CASE("a language without patterns counts vowel groups and says so") {
  auto counter = SyllableCounter::for_language("xx");
  CHECK_FALSE(counter->has_patterns());
  CHECK(counter->method().find("vowel groups only") == 0);
  CHECK(counter->count("banana") == 3);
}

TEST_CASE("long sentences and hard paragraphs are warnings at their places") {
  ReadabilityTarget target;
  target.warn_sentence_words = 10;
  // FK of the first paragraph: 3 sentences, 21 words: about grade 1; of "Sleep.": 0.39 + 11.8 − 15.59 < 0.
  target.warn_paragraph_grade = 0;
  target.max_grade = 0;
  // Line 8 of the file (6 front-matter lines and a blank before the body).
  std::string body =
      "Rest well. This sentence, which goes on and on, holds *many* more words than the layout wants.\n"
      "A short one.\n\n"
      "Sleep.\n";
  ReadabilityReport report = analyse("en", body, target);
  REQUIRE(report.flags.size() >= 2);
  const ReadabilityFlag& sentence = report.flags[0];
  CHECK(sentence.kind == ReadabilityFlag::Kind::sentence);
  CHECK(sentence.place.path == "x.md");
  CHECK(sentence.place.line == 8);
  CHECK(sentence.place.column == 12);  // "This"
  CHECK(sentence.value == 15);  // This sentence which goes on and on holds many more words than the layout wants
  CHECK(sentence.message == "sentence of 15 words (target 10)");
  bool paragraph = false, document = false;
  for (const ReadabilityFlag& flag : report.flags) {
    if (flag.kind == ReadabilityFlag::Kind::paragraph) {
      paragraph = true;
      CHECK(flag.place.line == 8);
      CHECK(flag.place.column == 1);
      CHECK(flag.value > 0);
    }
    if (flag.kind == ReadabilityFlag::Kind::document) document = true;
  }
  CHECK(paragraph);
  CHECK(document == (*report.scores.grade > 0));
  CHECK_FALSE(report.hard_limit);

  SECTION("a sentence on a later line of its paragraph") {
    ReadabilityReport later = analyse("en", "Rest well.\nAfter that, this sentence goes on with far too many words for it.\n",
                                      target);
    REQUIRE_FALSE(later.flags.empty());
    CHECK(later.flags[0].place.line == 9);
    CHECK(later.flags[0].place.column == 1);
  }
  SECTION("above the hard limit") {
    target.max_grade_error = 10;
    CHECK_FALSE(analyse("en", body, target).hard_limit);
    // 1 sentence, 6 words, about 19 syllables: FK = 0.39·6 + 11.8·19/6 − 15.59 ≈ 24
    ReadabilityReport hard = analyse("en", "Radiotherapy can reduce metastatic pain considerably.\n", target);
    REQUIRE(hard.hard_limit);
    CHECK(hard.hard_limit->to_string().find("x.md: error: the text reads at grade") == 0);
  }
}

TEST_CASE("Spanish is scored on the INFLESZ scale") {
  // El(1) perro(2) come(2). La(1) casa(2) es(1) grande(2).
  // 2 sentences, 7 words, 11 syllables: P = 206.835 − 62.3·11/7 − 7/2 = 206.835 − 97.9 − 3.5 = 105.435
  ReadabilityReport report = analyse("es", "El perro come. La casa es grande.\n");
  CHECK(report.scores.scale == ReadabilityScale::inflesz);
  CHECK(report.scores.counts.words == 7);
  CHECK(report.scores.counts.syllables == 11);
  REQUIRE(report.scores.inflesz);
  CHECK(*report.scores.inflesz == Approx(105.435));
  CHECK_FALSE(report.scores.grade);
  CHECK(report.summary() == "INFLESZ 105.4 (very easy)");
  CHECK(report.syllable_method.find("hyph_es") != std::string::npos);
  CHECK(readability_values(report).count("grade") == 0);
  // On the page, which is in Spanish, the band is named as the scale names it.
  CHECK(readability_values(report).at("readability") == "INFLESZ 105.4 (muy fácil)");
}

TEST_CASE("the INFLESZ bands in Spanish follow the scale's limits") {
  CHECK(inflesz_band_es(39.9) == "muy difícil");
  CHECK(inflesz_band_es(40) == "algo difícil");
  CHECK(inflesz_band_es(60) == "normal");
  CHECK(inflesz_band_es(72) == "bastante fácil");
  CHECK(inflesz_band_es(80.5) == "muy fácil");
}

TEST_CASE("a language without a formula says so instead of a number") {
  ReadabilityTarget target;
  target.max_grade = 8;
  ReadabilityReport report = analyse("de", "Der Hund schläft. Die Katze spielt.\n", target);
  CHECK(report.scores.counts.sentences == 2);
  CHECK_FALSE(report.scores.grade);
  CHECK_FALSE(report.scores.inflesz);
  CHECK(report.summary() == "no readability formula for 'de'");
  // The running head gets no English diagnostic: an empty value, whose part is left out.
  CHECK(readability_values(report).at("readability").empty());
  REQUIRE(report.flags.size() == 1);
  CHECK(report.flags[0].message == "the layout's grade target cannot be checked: no readability formula for 'de'");
}

TEST_CASE("the JSON report's readability entry holds the figures and every flagged place") {
  ReadabilityTarget target;
  target.warn_sentence_words = 5;
  ReadabilityReport report = analyse("en", "Your doctor will explain the treatment. Radiotherapy can reduce pain.\n", target);
  toml::table json = readability_json(report);
  CHECK(json["sentences"].value<int64_t>() == 2);
  CHECK(json["words"].value<int64_t>() == 10);
  CHECK(json["syllables"].value<int64_t>() == 19);
  CHECK(json["polysyllables"].value<int64_t>() == 1);
  CHECK(*json["flesch_kincaid_grade"].value<double>() == Approx(8.78));
  CHECK(*json["flesch_reading_ease"].value<double>() == Approx(41.02));
  CHECK(*json["smog_grade"].value<double>() == Approx(7.168621).epsilon(1e-6));
  CHECK(json["syllables_from"].value<std::string>() == "hyphenation patterns (hyph_en.dic) and vowel groups");
  const toml::array* flagged = json["flagged"].as_array();
  REQUIRE(flagged);
  REQUIRE(flagged->size() == 1);
  const toml::table& flag = *flagged->get(0)->as_table();
  CHECK(flag["kind"].value<std::string>() == "sentence");
  CHECK(flag["file"].value<std::string>() == "x.md");
  CHECK(flag["line"].value<int64_t>() == 8);
  CHECK(flag["column"].value<int64_t>() == 1);
  CHECK(flag["value"].value<double>() == 6);
}

TEST_CASE("the Spanish syllable counter agrees with a hand-counted word list") {
  auto counter = SyllableCounter::for_language("es");
  REQUIRE(counter->has_patterns());
  const Agreement result = agreement(*counter, "syllables-es.txt");
  const int total = result.total, exact = result.exact;
  const std::string& misses = result.misses;
  REQUIRE(total >= 40);
  std::cout << "Spanish syllable counter: exact on " << exact << " of " << total << " words; differs on:" << misses
            << '\n';
  CHECK(100.0 * exact / total >= 90);
}

TEST_CASE("an article's memo measures each paragraph once and changes no report") {
  std::string source;
  Document document = article("en",
                              "Rest well. This sentence, which goes on and on, holds many more words than the layout "
                              "wants.\n\nDrink water often.\n\n- Take the tablets with food.\n",
                              &source);
  ReadabilityTarget strict;
  strict.warn_sentence_words = 5;
  strict.warn_paragraph_grade = 0;
  const std::vector<Block> first_only(document.blocks.begin(), document.blocks.begin() + 1);
  ReadabilityMemo memo;
  // A selection and its facts, then the whole text against another target, as a build asks.
  ReadabilityReport part = analyse_readability(first_only, "x.md", "en", {}, source, &memo);
  ReadabilityReport whole = analyse_readability(document.blocks, "x.md", "en", strict, source, &memo);
  ReadabilityReport alone = analyse_readability(document.blocks, "x.md", "en", strict, source);
  CHECK(part.scores.grade == analyse_readability(first_only, "x.md", "en", {}, source).scores.grade);
  CHECK(whole.scores.grade == alone.scores.grade);
  CHECK(whole.scores.smog == alone.scores.smog);
  REQUIRE(whole.flags.size() == alone.flags.size());
  for (std::size_t i = 0; i < whole.flags.size(); ++i) {
    CHECK(whole.flags[i].message == alone.flags[i].message);
    CHECK(whole.flags[i].place.line == alone.flags[i].place.line);
    CHECK(whole.flags[i].place.column == alone.flags[i].place.column);
  }
  // Every unit is measured by now: asking again measures nothing.
  int measured = 0;
  for (const SourcePlace& place : {document.blocks[0].place, document.blocks[1].place}) {
    const Block& block = place.line == document.blocks[0].place.line ? document.blocks[0] : document.blocks[1];
    memo.unit(place, plain_text(block.text), [&] {
      ++measured;
      return ReadabilityMemo::Unit{};
    });
  }
  CHECK(measured == 0);
  // A unit whose text differs at the same place (a layout that changed it) is measured anew.
  memo.unit(document.blocks[0].place, "Other words.", [&] {
    ++measured;
    return ReadabilityMemo::Unit{};
  });
  CHECK(measured == 1);
}

TEST_CASE("segmenters of one language break alike, each on its own text") {
  TextSegmenter first("en"), second("en");
  std::vector<SentenceSpan> a = first.sentences("Dr. Lee saw you. Rest now.");
  std::vector<SentenceSpan> b = second.sentences("One. Two. Three.");
  CHECK(a.size() == 2);
  CHECK(b.size() == 3);
  CHECK(first.sentences("One. Two. Three.").size() == 3);
}
