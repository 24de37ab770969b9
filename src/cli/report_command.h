#pragma once
// `handout report merge`: the shards' reports as the report of the whole build.
#include <iosfwd>

#include "cli/arguments.h"

namespace handout {

// Returns the exit status: 0 when merged, 1 when a report cannot be read or the reports are not
// the shards of one build (the reason on `errors`, at the report concerned).
int run_report_merge(const Command& command, std::ostream& output, std::ostream& errors);

}  // namespace handout
