#include "typeset/fit_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "typeset/text_model.h"

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
  // The sizes tried are max_size, then a step below it each, to min_size: a tenth of a point is
  // below what a reader can tell apart.
  constexpr double step = 0.1;
  // The loader refuses such bounds; the search still must not run on them (NaN never compares).
  if (!(std::isfinite(rule.min_size) && std::isfinite(rule.max_size) && rule.min_size > 0 &&
        rule.min_size <= rule.max_size))
    throw HandoutError(rule.place, fmt::format("fit sizes must be finite with 0 < min_size <= max_size, not {} and {}",
                                               rule.min_size, rule.max_size));
  const int max_frames = rule.pages * typesetter.frames_per_page();
  double capacity = 0;
  for (int frame = 0; frame < max_frames; ++frame) capacity += typesetter.frame(frame).height;
  // Size n of the steps down; the last, `last`, is min_size itself.
  const int last = std::max(0, static_cast<int>(std::ceil((rule.max_size - rule.min_size) / step - 1e-9)));
  auto size_at = [&](int n) { return n >= last ? rule.min_size : rule.max_size - n * step; };

  FitOutcome outcome;
  TextModel model;
  // A real pass: Pango breaks every line. Pagination stops at the first frame past the limit, so
  // a size that overflows fails fast.
  auto real_pass = [&](int n) {
    ++outcome.passes;
    return typesetter.trial(size_at(n), max_frames);
  };
  double predicted_need = 0;  // the height everything took in the last prediction
  auto predicted_to_fit = [&](int n) {
    ++outcome.predictions;
    Pagination pagination = typesetter.predicted_trial(size_at(n), max_frames, model).pagination;
    predicted_need = pagination.used_height + pagination.overflow;
    return pagination.overflow == 0;
  };
  // The step whose size the overflow at step n suggests (room grows with the square of the size).
  auto estimated_step = [&](int n, double needed) {
    double estimate = estimate_size(size_at(n), capacity, needed);
    return std::isfinite(estimate) ? static_cast<int>(std::ceil((rule.max_size - estimate) / step - 1e-9)) : last;
  };
  auto fail = [&](const Typesetter::Trial& trial) {
    std::vector<SectionRoom> sections = section_rooms(trial, capacity);
    std::string message = fmt::format(
        "{} does not fit on {} page{} even at the smallest body size, {} pt: it overflows by {:.0f} pt of text ({:.0f}% "
        "of a column); choose fewer sections in the article's front matter ([layout.NAME] sections or "
        "exclude_sections), shorten the content or lower fit.min_size. The sections by the room they take at {} pt:{}",
        document_path, rule.pages, rule.pages == 1 ? "" : "s", rule.min_size, trial.pagination.overflow,
        100.0 * trial.pagination.overflow / typesetter.frame(0).height, rule.min_size, listed(sections));
    throw FitError(article_place, std::move(message), std::move(sections));
  };

  // Predictions, no line breaking by Pango: the first, at max_size, measures every text on one
  // line. Then estimates from the overflow (each a step down at least) until one fits, a few
  // times, then a step at a time; from there up to the largest size that fits. `above` is the
  // lowest step known not to fit.
  int above = -1;
  int n = 0;
  bool fits = last == 0 || predicted_to_fit(0);  // one size: nothing to choose
  if (!fits && last > 0) {
    above = 0;
    n = std::clamp(estimated_step(0, predicted_need), 1, last);
    fits = predicted_to_fit(n);
    for (int estimates = 0; !fits && estimates < 3 && n < last; ++estimates) {
      above = n;
      n = std::clamp(estimated_step(n, predicted_need), n + 1, last);
      fits = predicted_to_fit(n);
    }
    while (!fits && n < last) {
      above = n;
      fits = predicted_to_fit(++n);
    }
  }
  // Up by strides that double while they fit and halve when they do not.
  for (int stride = 1; fits && n - 1 > above;) {
    int probe = std::max(above + 1, n - stride);
    if (predicted_to_fit(probe)) {
      n = probe;
      stride *= 2;
    } else {
      above = probe;
      stride = std::max(1, stride / 2);
    }
  }
  // Only a real pass decides: the pages are this pass, and a prediction that was wrong near a
  // boundary costs a step down.
  Typesetter::Trial trial;
  for (;; ++n) {
    trial = real_pass(n);
    if (trial.pagination.overflow == 0) break;
    if (n >= last) fail(trial);
  }
  outcome.body_size = size_at(n);
  outcome.fitting = std::move(trial);
  return outcome;
}

}  // namespace handout
