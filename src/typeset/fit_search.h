#pragma once
// "Fit on N pages": the largest body size, in steps of 0.1 pt down from the layout's max_size to
// its min_size, at which everything the layout selected fits. Every text is shaped once, on one
// line, and measured; the search predicts passes at other sizes from those measurements
// (text_model.h) and ends with a real pass at the size they choose, stepping down while that
// pass does not fit: the pages are always a real typesetting at the chosen size.
#include <string>
#include <vector>

#include "layout/layout_spec.h"
#include "typeset/section_room.h"
#include "typeset/typesetter.h"

namespace handout {

// The sections of a pass, largest first.
std::vector<SectionRoom> section_rooms(const Typesetter::Trial& trial, double page_room);

// A summary that does not fit even at the smallest size; the sections say where the room goes.
class FitError : public HandoutError {
 public:
  FitError(SourcePlace place, std::string message, std::vector<SectionRoom> sections)
      : HandoutError(std::move(place), std::move(message)), sections_(std::move(sections)) {}
  const std::vector<SectionRoom>& sections() const { return sections_; }

 private:
  std::vector<SectionRoom> sections_;
};

struct FitOutcome {
  double body_size = 0;
  int passes = 0;             // real typesetting passes the search ran (Pango breaking the lines)
  int predictions = 0;        // passes it predicted from measurements (text_model.h)
  Typesetter::Trial fitting;  // the pass at body_size, ready for Typesetter::typeset
};

// Throws FitError at `article_place` (the article's first line, or its [layout.NAME] table), saying
// by how much the smallest size overflows and which sections take the room, when nothing in the
// bounds fits. Never truncates.
FitOutcome find_fitting_size(const Typesetter& typesetter, const FitRule& rule, const std::string& document_path,
                             const SourcePlace& article_place);
inline FitOutcome find_fitting_size(const Typesetter& typesetter, const FitRule& rule,
                                    const std::string& document_path) {
  return find_fitting_size(typesetter, rule, document_path, SourcePlace{document_path, 1, 1});
}

}  // namespace handout
