#include "batch/batch_executor.h"

#include "batch/article_builder.h"
#include "batch/output_failure.h"
#include "batch/worker_pool.h"

namespace handout {

namespace {

// What each worker keeps between articles.
struct WorkerSlot {
  FontSet* fonts = nullptr;
  std::size_t previous = 0;                  // the article whose writes are still running
  std::vector<PendingWrite> previous_writes;
};

bool needs_building(const ArticlePlan& article) {
  for (const PlannedGroup& group : article.groups)
    if (group.needs_building()) return true;
  return false;
}

}  // namespace

std::vector<std::vector<OutputResult>> execute_batch(const Project& project, const BatchOptions& options,
                                                     const BatchPlan& plan, FontPool& fonts, ConsoleReport& report,
                                                     StateRecorder& state, const BatchMemory* memory) {
  std::vector<std::vector<OutputResult>> per_content(project.content.size());
  ArticleBuilder builder(project, options, report, state);
  const UpToDate up_to_date = [&state](const std::string& output, const std::string& hash) {
    return state.up_to_date(output, hash);
  };
  // First, on this thread, the articles whose outputs are all up to date by their files' stamps:
  // no parsing, no fonts, no thread. Only the rest go to the workers.
  std::vector<std::size_t> to_plan;
  for (std::size_t i = 0; i < project.content.size(); ++i) {
    // All of its groups are other shards': left alone, not even stamped, so a shard's cost is
    // its share of the articles.
    if (!plan.builds_any_of(project.content[i])) continue;
    if (const std::vector<OutputResult>* kept = memory ? memory->unchanged_results(project.content[i]) : nullptr) {
      per_content[i] = *kept;
      for (OutputResult& output : per_content[i]) {
        output.status = OutputResult::Status::up_to_date;
        report.finished(output);
      }
      continue;
    }
    std::optional<ArticlePlan> unchanged;
    try {
      unchanged = plan.plan_unchanged(project.content[i], up_to_date, i, state);
    } catch (...) {
      // Whatever went wrong is the full plan's to report, on a worker.
    }
    if (unchanged)
      per_content[i] = builder.report_unchanged(std::move(*unchanged));
    else
      to_plan.push_back(i);
  }
  std::vector<WorkerSlot> slots(static_cast<std::size_t>(std::max(1, options.jobs)));
  // A worker finishes an article's writes after it has set the next article, so the disk's work
  // and the processor's overlap.
  run_workers(
      to_plan.size(), options.jobs,
      [&](std::size_t slot_index, std::size_t k) {
        WorkerSlot& slot = slots[slot_index];
        const std::size_t i = to_plan[k];
        const std::string& content = project.content[i];
        std::vector<PendingWrite> writes;
        // The one entry of an article whose outputs could not even be listed.
        OutputResult whole;
        whole.output = content;
        whole.content = content;
        whole.position = i * plan.outputs_per_article();
        if (!fail_on_error({&whole}, {content}, [&] {
              ArticlePlan article = plan.plan_changed(content, up_to_date, i, &state);
              if (!slot.fonts && needs_building(article)) slot.fonts = &fonts.worker(slot_index);
              BuiltArticle built = builder.build(slot.fonts, std::move(article));
              per_content[i] = std::move(built.results);
              writes = std::move(built.pending);
            })) {
          per_content[i] = {std::move(whole)};
          report.finished(per_content[i].back());
        }
        if (!slot.previous_writes.empty()) builder.finish_writes(per_content[slot.previous], slot.previous_writes);
        slot.previous = i;
        slot.previous_writes = std::move(writes);
      },
      [&](std::size_t slot_index) {
        WorkerSlot& slot = slots[slot_index];
        if (!slot.previous_writes.empty()) builder.finish_writes(per_content[slot.previous], slot.previous_writes);
      });
  return per_content;
}

}  // namespace handout
