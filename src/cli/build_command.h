#pragma once
// `handout build` and `handout watch`.
#include <iosfwd>

#include "batch/project.h"
#include "cli/arguments.h"

namespace handout {

// The project file (handout.toml unless told otherwise), with the lists the command line gives.
Project project_for(const BuildOptions& options);

// Returns the exit status: 0 when every output was built or up to date, 1 when any failed, 2
// when the options contradict each other (a password for a profile that cannot encrypt). Each
// failure is reported on `errors` as "path:line:col: error: message"; the other outputs are
// still built.
int run_build(const BuildOptions& options, std::ostream& output, std::ostream& errors);

// Builds, then rebuilds on every change to the project's inputs until SIGINT or SIGTERM.
int run_watch(const BuildOptions& options, std::ostream& output, std::ostream& errors);

}  // namespace handout
