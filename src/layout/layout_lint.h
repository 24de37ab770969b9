#pragma once
// Layout lints: the rules of accessible patient material, checked on a layout as a variant sets
// it. Each finding is at the key to change; a warning, or an error when the layout says
// `[lint] strict = true`.
//
// - A layout is a patient layout when it says `[lint] audience = "patient"`: its body must be
//   12 pt or more, left-aligned (not justified).
// - Large print (a variant that enlarges text, or says `large_print = true`): body 18 pt or more
//   and leading 1.5 or more; otherwise leading 1.2 or more.
// - Lines of about 70 characters at most, estimated as the column's width over an average
//   character width of 0.5 em of the body size (typical of running text in sans-serif faces).
// - Every colour pair the layout defines meets WCAG 2.1 AA contrast: 4.5:1, or 3:1 for large text
//   (18 pt or more, or 14 pt or more in bold).
#include <vector>

#include "layout/layout_spec.h"

namespace handout {

// WCAG 2.1 relative luminance of an sRGB colour, and the contrast ratio of two colours (1 to 21).
double relative_luminance(const Rgb& colour);
double contrast_ratio(const Rgb& a, const Rgb& b);

struct LintContext {
  bool large_print = false;
  SourcePlace scale_place;  // where the variant's text scale is set, for the large-print size
};

// `spec` as the variant sets it (its text scale already applied).
std::vector<Diagnostic> lint_layout(const LayoutSpec& spec, const LintContext& context = {});

}  // namespace handout
