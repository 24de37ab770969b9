#include "readability/readability_report.h"

#include <fmt/format.h>

#include <optional>

#include "readability/source_locator.h"
#include "readability/syllable_counter.h"
#include "readability/text_segmenter.h"

namespace handout {

namespace {

enum class UnitKind { paragraph, list_item, caption };

// One piece of text the formulas read: a paragraph, a list item's paragraph, a caption.
struct TextUnit {
  UnitKind kind;
  std::string text;
  SourcePlace place;
};

void collect_units(const std::vector<Block>& blocks, bool in_list, std::vector<TextUnit>& units) {
  for (const Block& block : blocks) {
    switch (block.kind) {
      case BlockKind::paragraph:
        units.push_back({in_list ? UnitKind::list_item : UnitKind::paragraph, plain_text(block.text), block.place});
        break;
      case BlockKind::list:
      case BlockKind::list_item:
        collect_units(block.children, true, units);
        break;
      case BlockKind::callout:
        collect_units(block.children, in_list, units);
        break;
      case BlockKind::figure:
        units.push_back({UnitKind::caption, plain_text(block.text), block.place});
        break;
      case BlockKind::heading:  // labels, not sentences
      case BlockKind::table:    // cells are figures and fragments
      case BlockKind::code:
      case BlockKind::rule:
      case BlockKind::glossary:  // the words-to-know box: the glossary's words, not the article's
        break;
    }
  }
}

std::string grade_text(double grade) { return fmt::format("{:.1f}", grade); }

}  // namespace

std::string ReadabilityReport::summary() const {
  if (scores.grade) return fmt::format("grade {:.1f} FK", *scores.grade);
  if (scores.inflesz) return fmt::format("INFLESZ {:.1f} ({})", *scores.inflesz, inflesz_band(*scores.inflesz));
  if (scores.scale == ReadabilityScale::none) return fmt::format("no readability formula for '{}'", language);
  return "no sentences to score";
}

std::string ReadabilityReport::facts_phrase() const {
  if (scores.grade) return fmt::format("grade level {:.1f} (FK)", *scores.grade);
  // INFLESZ scores Spanish only, so its band is printed as the scale names it.
  if (scores.inflesz) return fmt::format("INFLESZ {:.1f} ({})", *scores.inflesz, inflesz_band_es(*scores.inflesz));
  // No figure: an empty value, so the running head leaves its part out rather than print a
  // diagnostic in English on a page in another language.
  return {};
}

TemplateValues readability_values(const ReadabilityReport& report) {
  TemplateValues values{{"readability", report.facts_phrase()}};
  if (report.scores.grade) values["grade"] = grade_text(*report.scores.grade);
  if (report.scores.reading_ease) values["reading_ease"] = fmt::format("{:.0f}", *report.scores.reading_ease);
  if (report.scores.smog) values["smog"] = grade_text(*report.scores.smog);
  return values;
}

const ReadabilityMemo::Unit& ReadabilityMemo::unit(const SourcePlace& place, const std::string& text,
                                                   const std::function<Unit()>& measure) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto key = std::make_tuple(place.line, place.column, text);
  auto found = units_.find(key);
  if (found == units_.end()) found = units_.emplace(std::move(key), measure()).first;
  return found->second;
}

const TemplateValues& ReadabilityMemo::facts(const std::function<TemplateValues()>& make) {
  std::lock_guard<std::mutex> lock(facts_mutex_);
  if (!facts_) facts_ = make();
  return *facts_;
}

ReadabilityReport analyse_readability(const std::vector<Block>& blocks, const std::string& path,
                                      const std::string& language, const ReadabilityTarget& target,
                                      std::string_view source, ReadabilityMemo* memo) {
  ReadabilityReport report;
  report.language = language;
  const ReadabilityScale scale = scale_for_language(language);
  auto syllables = SyllableCounter::for_language(language);
  report.syllable_method = syllables->method();
  std::vector<TextUnit> units;
  collect_units(blocks, false, units);
  ReadabilityMemo own_memo;
  if (!memo) memo = &own_memo;
  // Made on the first unit not measured yet.
  std::optional<TextSegmenter> segmenter;
  std::optional<SourceLocator> locator;
  TextCounts total;
  for (const TextUnit& unit : units) {
    const ReadabilityMemo::Unit& measured = memo->unit(unit.place, unit.text, [&] {
      if (!segmenter) segmenter.emplace(language);
      if (!locator) locator.emplace(path, source);
      locator->start_block(unit.place);
      ReadabilityMemo::Unit result;
      for (const SentenceSpan& sentence : segmenter->sentences(unit.text)) {
        ++result.counts.sentences;
        ReadabilityMemo::Sentence& measured_sentence = result.sentences.emplace_back();
        measured_sentence.words = static_cast<int>(sentence.words.size());
        for (std::size_t i = 0; i < sentence.words.size(); ++i) {
          const WordSpan& span = sentence.words[i];
          std::string_view word = std::string_view(unit.text).substr(span.begin, span.end - span.begin);
          SourcePlace word_place = locator->find_word(word);
          if (i == 0) measured_sentence.place = word_place;
          int n = span.number ? 1 : syllables->count(word);
          ++result.counts.words;
          result.counts.syllables += n;
          if (n >= 3) ++result.counts.polysyllables;
        }
      }
      return result;
    });
    if (target.warn_sentence_words)
      for (const ReadabilityMemo::Sentence& sentence : measured.sentences)
        if (sentence.words > *target.warn_sentence_words)
          report.flags.push_back({ReadabilityFlag::Kind::sentence, sentence.place, double(sentence.words),
                                  double(*target.warn_sentence_words),
                                  fmt::format("sentence of {} words (target {})", sentence.words,
                                              *target.warn_sentence_words)});
    const TextCounts& counts = measured.counts;
    // A paragraph over the target is worth a rewrite; list items and captions are too short for
    // a grade of their own to mean much.
    if (unit.kind == UnitKind::paragraph && target.warn_paragraph_grade && scale == ReadabilityScale::flesch_kincaid &&
        counts.sentences > 0) {
      double grade = flesch_kincaid_grade(counts);
      if (grade > *target.warn_paragraph_grade)
        report.flags.push_back({ReadabilityFlag::Kind::paragraph, unit.place, grade, *target.warn_paragraph_grade,
                                fmt::format("paragraph at grade {:.1f} (FK; target {})", grade,
                                            *target.warn_paragraph_grade)});
    }
    total += counts;
  }
  report.scores = score(total, scale);
  const SourcePlace document_place{path};
  if (report.scores.grade) {
    const double grade = *report.scores.grade;
    if (target.max_grade && grade > *target.max_grade)
      report.flags.push_back({ReadabilityFlag::Kind::document, document_place, grade, *target.max_grade,
                              fmt::format("the text reads at grade {:.1f} (FK), above the layout's target of {} "
                                          "({}:{})",
                                          grade, *target.max_grade, target.max_grade_place.path,
                                          target.max_grade_place.line)});
    if (target.max_grade_error && grade > *target.max_grade_error)
      report.hard_limit = Diagnostic{Severity::error, document_place,
                                     fmt::format("the text reads at grade {:.1f} (FK), above the layout's limit of "
                                                 "{} ({}:{}: max_grade_error)",
                                                 grade, *target.max_grade_error, target.max_grade_error_place.path,
                                                 target.max_grade_error_place.line)};
  } else if ((target.max_grade || target.max_grade_error) && scale != ReadabilityScale::flesch_kincaid) {
    // A grade target cannot be checked in a language without a grade formula: say so.
    report.flags.push_back({ReadabilityFlag::Kind::document, document_place, 0, target.max_grade.value_or(0),
                            fmt::format("the layout's grade target cannot be checked: {}", report.summary())});
  }
  return report;
}

}  // namespace handout
