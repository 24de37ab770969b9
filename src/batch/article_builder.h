#pragma once
// Executing one article's plan: each group of outputs that needs building is typeset once and
// painted in each of its profiles; the painted files are handed to a thread of their own to be
// committed while the worker goes on. Every error lands on the output it belongs to
// (output_failure.h): an error while typesetting fails the group's outputs, an error while
// painting or writing fails that output alone.
#include <cstddef>
#include <future>
#include <string>
#include <vector>

#include "batch/batch_plan.h"
#include "batch/batch_result.h"
#include "batch/console_report.h"
#include "batch/project.h"
#include "batch/state_recorder.h"
#include "typeset/font_set.h"
#include "util/file_access.h"

namespace handout {

// An output's files on their way to the disk: its index among its article's results, and the
// commit that returns their paths (or throws).
struct PendingWrite {
  std::size_t index;
  std::future<std::vector<std::string>> files;
};

struct BuiltArticle {
  std::vector<OutputResult> results;  // in plan order
  std::vector<PendingWrite> pending;  // reported once committed (finish_writes)
};

class ArticleBuilder {
 public:
  ArticleBuilder(const Project& project, const BatchOptions& options, ConsoleReport& report, StateRecorder& state)
      : project_(project), options_(options), report_(report), state_(state) {}

  // `fonts` may be null when no output of the plan needs building.
  BuiltArticle build(const FontSet* fonts, ArticlePlan plan);
  // An article whose outputs are all up to date: its warnings and its outputs reported.
  std::vector<OutputResult> report_unchanged(ArticlePlan plan);
  // Waits for an article's outputs to reach the disk, records each committed one in the state
  // and reports it; one that could not be written fails, and the file it would have replaced stays.
  void finish_writes(std::vector<OutputResult>& results, std::vector<PendingWrite>& pending);

 private:
  void build_group(const FontSet& fonts, const ArticlePlan& article, PlannedGroup& group, std::size_t first_index,
                   std::vector<PendingWrite>& pending);
  void check_layout_icc(const OutputSpec& output) const;

  const Project& project_;
  const FileAccess files_{project_.allowed_folders};
  const BatchOptions& options_;
  ConsoleReport& report_;
  StateRecorder& state_;
};

}  // namespace handout
