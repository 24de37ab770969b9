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

}  // namespace

std::vector<std::vector<OutputResult>> execute_batch(const Project& project, const BatchOptions& options,
                                                     const BatchPlan& plan, FontPool& fonts, ConsoleReport& report,
                                                     StateRecorder& state) {
  std::vector<std::vector<OutputResult>> per_content(project.content.size());
  ArticleBuilder builder(project, options, report, state);
  const UpToDate up_to_date = [&state](const std::string& output, const std::string& hash) {
    return state.up_to_date(output, hash);
  };
  std::vector<WorkerSlot> slots(static_cast<std::size_t>(std::max(1, options.jobs)));
  // A worker finishes an article's writes after it has set the next article, so the disk's work
  // and the processor's overlap.
  run_workers(
      project.content.size(), options.jobs,
      [&](std::size_t slot_index, std::size_t i) {
        WorkerSlot& slot = slots[slot_index];
        const std::string& content = project.content[i];
        if (!plan.builds_any_of(content)) return;  // all of its groups are other shards'
        std::vector<PendingWrite> writes;
        // The one entry of an article whose outputs could not even be listed.
        OutputResult whole;
        whole.output = content;
        whole.content = content;
        whole.position = i * plan.outputs_per_article();
        if (!fail_on_error({&whole}, {content}, [&] {
              if (!slot.fonts) slot.fonts = &fonts.worker(slot_index);
              BuiltArticle built = builder.build(*slot.fonts, plan.plan_article(content, up_to_date, i));
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
