#pragma once
// `handout check`: the content checks of a build (articles, layouts, each layout's selection,
// links, readability) without fonts, typesetting or files written.
#include <iosfwd>

#include "cli/arguments.h"

namespace handout {

// Prints each warning and error, and one line per article and layout with its readability
// figures. Returns 1 when an article or layout has an error or a text is above a layout's hard
// limit (max_grade_error), else 0.
int run_check(const BuildOptions& options, std::ostream& output, std::ostream& errors);

}  // namespace handout
