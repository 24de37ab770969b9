#pragma once
// The readability of the text a layout sets: counts, scores, and the places that miss the
// layout's target.
//
// What counts (README, "Readability"): paragraphs, list items, block-quote paragraphs and figure
// captions are text; each list item and each caption ends a sentence even without a full stop.
// Headings (labels, not sentences), table cells (figures and fragments), code, alt text and
// running heads are left out. Numbers are words of one syllable.
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "content/document.h"
#include "layout/layout_spec.h"
#include "layout/template_text.h"
#include "readability/readability_formulas.h"

namespace handout {

struct ReadabilityFlag {
  enum class Kind { sentence, paragraph, document } kind = Kind::sentence;
  SourcePlace place;
  double value = 0;   // words of the sentence, or a grade
  double target = 0;  // the layout's figure it is over
  std::string message;
};

struct ReadabilityReport {
  std::string language;
  ReadabilityScores scores;
  std::string syllable_method;
  std::vector<ReadabilityFlag> flags;    // warnings, in the text's order (the document's last)
  std::optional<Diagnostic> hard_limit;  // max_grade_error exceeded: an error

  // "grade 11.2 FK", "INFLESZ 58.3 (normal)", "no readability formula for 'de'".
  std::string summary() const;
  // For a running head: "grade level 11.2 (FK)", "INFLESZ 58.3 (normal)", or empty when there is no figure.
  std::string facts_phrase() const;
};

// The text units of one article (its file, language and text) measured once each: a unit's
// counts and its sentences' lengths and places, by the unit's place and text. The article's
// facts and the reports of its layouts share one, so a paragraph several of them read is
// segmented and counted once. Thread-safe.
class ReadabilityMemo {
 public:
  struct Sentence {
    int words = 0;
    SourcePlace place;  // of its first word
  };
  struct Unit {
    TextCounts counts;
    std::vector<Sentence> sentences;
  };
  // The unit at `place` reading `text`, measured by `measure` the first time it is asked for.
  const Unit& unit(const SourcePlace& place, const std::string& text, const std::function<Unit()>& measure);
  // The article's own figures for running heads ({readability}, {grade}), made by `make` the
  // first time they are asked for: only layouts that name them wait for them.
  const TemplateValues& facts(const std::function<TemplateValues()>& make);

 private:
  std::mutex mutex_;
  std::map<std::tuple<int, int, std::string>, Unit> units_;  // a map: references stay valid
  std::mutex facts_mutex_;  // apart: making the facts measures units
  std::optional<TemplateValues> facts_;
};

// `source` is the article file's text (for the line and column of each sentence; empty: the
// places of blocks); `target` may be empty (no warnings), as for a document's facts.
ReadabilityReport analyse_readability(const std::vector<Block>& blocks, const std::string& path,
                                      const std::string& language, const ReadabilityTarget& target,
                                      std::string_view source, ReadabilityMemo* memo = nullptr);

// {grade}, {reading_ease}, {smog} (English only) and {readability} for running heads.
TemplateValues readability_values(const ReadabilityReport& report);

}  // namespace handout
