#pragma once
// Executing a batch: the articles on `options.jobs` threads, each worker with a font set of its
// own (Pango objects serve one thread at a time). Whatever one article throws, even before its
// outputs could be listed, is that article's failure; the worker goes on with the next.
#include <vector>

#include "batch/batch_memory.h"
#include "batch/batch_plan.h"
#include "batch/batch_result.h"
#include "batch/console_report.h"
#include "batch/font_pool.h"
#include "batch/project.h"
#include "batch/state_recorder.h"

namespace handout {

// The results of each article of `project.content`, in that order. With `memory`, an article
// the changes did not name keeps its last results (BatchMemory::unchanged_results).
std::vector<std::vector<OutputResult>> execute_batch(const Project& project, const BatchOptions& options,
                                                     const BatchPlan& plan, FontPool& fonts, ConsoleReport& report,
                                                     StateRecorder& state, const BatchMemory* memory = nullptr);

}  // namespace handout
