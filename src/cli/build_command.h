#pragma once
// `handout build`: every article with every layout, each output written atomically.
#include <iosfwd>

#include "cli/arguments.h"

namespace handout {

// Returns the exit status: 0 when every document was built, 1 when any failed, 2 when the
// options contradict each other (a password for a profile that cannot encrypt). Each failure is
// reported on `errors` as "path:line:col: error: message"; the other documents are still built.
int run_build(const BuildOptions& options, std::ostream& output, std::ostream& errors);

}  // namespace handout
