#include "typeset/fit_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace handout {

namespace {

// The size that would just fill `capacity`, given the height `needed` to set everything at
// `size`: set text takes room in proportion to the square of its size (lines wrap into more
// lines, and each line is taller).
double estimate_size(double size, double capacity, double needed) {
  return size * std::sqrt(capacity / needed);
}

// "  Treatment (line 40): 52 lines, 31% of the page", one line per section.
std::string listed(const std::vector<SectionRoom>& sections) {
  std::string text;
  for (const SectionRoom& section : sections)
    text += fmt::format("\n  {} (line {}): {} line{}, {:.0f}% of the page", section.heading, section.place.line,
                        section.lines, section.lines == 1 ? "" : "s", 100 * section.share);
  return text;
}

}  // namespace

std::vector<SectionRoom> section_rooms(const Typesetter::Trial& trial, double page_room) {
  std::vector<SectionRoom> sections;
  double previous_space_after = 0;
  for (const FlowBlock& block : trial.flow) {
    if (sections.empty() || block.heading_level == 2) {
      SectionRoom section;
      section.heading = block.heading_level == 2 ? block.heading_title : "(before the first section heading)";
      section.place = block.place;
      sections.push_back(std::move(section));
    }
    SectionRoom& section = sections.back();
    // The space between two blocks is the larger of the two (as the paginator collapses it).
    double gap = section.lines == 0 && sections.size() == 1 ? 0 : std::max(previous_space_after, block.space_before);
    section.height += gap;
    for (const FlowLine& line : block.lines) section.height += line.height;
    section.lines += static_cast<int>(block.lines.size());
    previous_space_after = block.space_after;
  }
  for (SectionRoom& section : sections) section.share = page_room > 0 ? section.height / page_room : 0;
  std::stable_sort(sections.begin(), sections.end(),
                   [](const SectionRoom& a, const SectionRoom& b) { return a.height > b.height; });
  return sections;
}

FitOutcome find_fitting_size(const Typesetter& typesetter, const FitRule& rule, const std::string& document_path,
                             const SourcePlace& article_place) {
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
  std::vector<SectionRoom> last_sections;  // of the last pass, for the error when even min_size fails
  auto overflow_at = [&](double size) {
    ++outcome.passes;
    // Pagination stops at the first frame past the limit, so a size that overflows fails fast.
    Typesetter::Trial trial = typesetter.trial(size, max_frames);
    needed = trial.pagination.used_height + trial.pagination.overflow;
    double overflow = trial.pagination.overflow;
    // Every fitting pass is larger than the last one kept, so the last one kept is the answer.
    if (overflow == 0)
      outcome.fitting = std::move(trial);
    else if (size <= rule.min_size)
      last_sections = section_rooms(trial, capacity);
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
      throw FitError(article_place,
                     fmt::format("{} does not fit on {} page{} even at the smallest body size, {} pt: it overflows by "
                                 "{:.0f} pt of text ({:.0f}% of a column); choose fewer sections in the article's front "
                                 "matter ([layout.NAME] sections or exclude_sections), shorten the content or lower "
                                 "fit.min_size. The sections by the room they take at {} pt:{}",
                                 document_path, rule.pages, rule.pages == 1 ? "" : "s", rule.min_size, overflow,
                                 100.0 * overflow / typesetter.frame(0).height, rule.min_size, listed(last_sections)),
                     last_sections);
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
