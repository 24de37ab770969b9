#include "typeset/fit_search.h"

#include <fmt/format.h>

#include <cmath>

namespace handout {

namespace {

// The size that would just fill `capacity`, given the height `needed` to set everything at
// `size`: set text takes room in proportion to the square of its size (lines wrap into more
// lines, and each line is taller).
double estimate_size(double size, double capacity, double needed) {
  return size * std::sqrt(capacity / needed);
}

}  // namespace

FitOutcome find_fitting_size(const Typesetter& typesetter, const FitRule& rule, const std::string& document_path) {
  // Points of body size: a tenth of a point is below what a reader can tell apart, and each
  // halving of it would cost a typesetting pass.
  constexpr double tolerance = 0.1;
  // Estimates from the overflow usually land within a step or two; after this many misses the
  // search tries min_size itself, so phase 1 ends whatever the content does.
  constexpr int max_estimates = 6;
  // The loader refuses such bounds; the search still must not run on them (NaN never compares).
  if (!(std::isfinite(rule.min_size) && std::isfinite(rule.max_size) && rule.min_size > 0 &&
        rule.min_size <= rule.max_size))
    throw HandoutError(rule.place, fmt::format("fit sizes must be finite with 0 < min_size <= max_size, not {} and {}",
                                               rule.min_size, rule.max_size));
  const int max_frames = rule.pages * typesetter.frames_per_page();
  double capacity = 0;
  for (int frame = 0; frame < max_frames; ++frame) capacity += typesetter.frame(frame).height;

  FitOutcome outcome;
  double needed = 0;  // set by each pass: the height everything took, placed or overflowing
  auto overflow_at = [&](double size) {
    ++outcome.passes;
    // Pagination stops at the first frame past the limit, so a size that overflows fails fast.
    Typesetter::Trial trial = typesetter.trial(size, max_frames);
    needed = trial.pagination.used_height + trial.pagination.overflow;
    double overflow = trial.pagination.overflow;
    // Every fitting pass is larger than the last one kept, so the last one kept is the answer.
    if (overflow == 0) outcome.fitting = std::move(trial);
    return overflow;
  };

  double high = rule.max_size;
  if (overflow_at(high) == 0) {
    outcome.body_size = high;
    return outcome;
  }
  // Phase 1: estimate a size from the overflow until one fits. Each miss gives a new estimate
  // below the last, and after max_estimates misses the probe is min_size: this ends there at
  // the latest.
  double low = 0;
  for (int estimates = 0;; ++estimates) {
    double estimate = estimate_size(high, capacity, needed);
    double probe = estimates < max_estimates && std::isfinite(estimate)
                       ? std::max(rule.min_size, std::min(high - tolerance, estimate))
                       : rule.min_size;
    double overflow = overflow_at(probe);
    if (overflow == 0) {
      low = probe;
      break;
    }
    if (probe <= rule.min_size) {
      throw HandoutError(
          rule.place,
          fmt::format("{} does not fit on {} page{} even at the smallest body size, {} pt: it overflows by {:.0f} pt "
                      "of text ({:.0f}% of a column); shorten the content, select fewer sections or lower "
                      "fit.min_size",
                      document_path, rule.pages, rule.pages == 1 ? "" : "s", rule.min_size, overflow,
                      100.0 * overflow / typesetter.frame(0).height));
    }
    high = probe;
  }
  // Phase 2: the estimate is usually within a step of the answer, so try one step up first,
  // then bisect. `low` always fits and `high` never does.
  double step_up = std::min(low + tolerance, (low + high) / 2);
  if (high - low > tolerance) {
    if (overflow_at(step_up) == 0)
      low = step_up;
    else
      high = step_up;
  }
  while (high - low > tolerance) {
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
