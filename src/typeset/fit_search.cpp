#include "typeset/fit_search.h"

#include <fmt/format.h>


namespace handout {

FitOutcome find_fitting_size(const Typesetter& typesetter, const FitRule& rule, const std::string& document_path) {
  const int max_frames = rule.pages * typesetter.frames_per_page();
  FitOutcome outcome;
  auto overflow_at = [&](double size) {
    ++outcome.passes;
    // Pagination stops at the first frame past the limit, so a size that overflows fails fast.
    return typesetter.trial(size, max_frames).pagination.overflow;
  };
  if (overflow_at(rule.max_size) == 0) {
    outcome.body_size = rule.max_size;
    return outcome;
  }
  double overflow = overflow_at(rule.min_size);
  if (overflow > 0) {
    FrameBox column = typesetter.frame(0);
    throw HandoutError(
        rule.place,
        fmt::format("{} does not fit on {} page{} even at the smallest body size, {} pt: it overflows by {:.0f} pt "
                    "of text ({:.0f}% of a column); shorten the content, select fewer sections or lower fit.min_size",
                    document_path, rule.pages, rule.pages == 1 ? "" : "s", rule.min_size, overflow,
                    100.0 * overflow / column.height));
  }
  // Bisection: `low` always fits, `high` never does; stop when they are within 0.05 pt.
  double low = rule.min_size, high = rule.max_size;
  while (high - low > 0.05) {
    double middle = (low + high) / 2;
    if (overflow_at(middle) == 0)
      low = middle;
    else
      high = middle;
  }
  outcome.body_size = low;  // a size a pass has shown to fit, not a rounded neighbour of it
  return outcome;
}

}  // namespace handout
