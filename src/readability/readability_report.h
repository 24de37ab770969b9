#pragma once
// The readability of the text a layout sets: counts, scores, and the places that miss the
// layout's target.
//
// What counts (README, "Readability"): paragraphs, list items, block-quote paragraphs and figure
// captions are text; each list item and each caption ends a sentence even without a full stop.
// Headings (labels, not sentences), table cells (figures and fragments), code, alt text and
// running heads are left out. Numbers are words of one syllable.
#include <optional>
#include <string>
#include <string_view>
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
  // For a running head: "grade level 11.2 (FK)" and so on.
  std::string facts_phrase() const;
};

// `source` is the article file's text (for the line and column of each sentence; empty: the
// places of blocks); `target` may be empty (no warnings), as for a document's facts.
ReadabilityReport analyse_readability(const std::vector<Block>& blocks, const std::string& path,
                                      const std::string& language, const ReadabilityTarget& target,
                                      std::string_view source);

// {grade}, {reading_ease}, {smog} (English only) and {readability} for running heads.
TemplateValues readability_values(const ReadabilityReport& report);

}  // namespace handout
