#pragma once
// Building every output a project names: planned (batch_plan: what to build, fingerprints and
// skips), executed on several threads (batch_executor, article_builder: every error of an output
// is that output's failure) and reported (console_report, state_recorder, build_report), going
// on past failures so that every good document is still written.
#include <iosfwd>

#include "batch/batch_memory.h"
#include "batch/batch_result.h"
#include "batch/console_report.h"
#include "batch/font_pool.h"
#include "batch/project.h"

namespace handout {

// Throws HandoutError only for what stops every output (no fonts, an unwritable out folder).
// `memory`: what the last batch of this process left (handout watch), updated for the next.
BatchResult run_batch(const Project& project, const BatchOptions& options, FontPool& fonts, std::ostream& output,
                      std::ostream& errors, BatchMemory* memory = nullptr);

}  // namespace handout
