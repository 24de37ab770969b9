#include "batch/batch_builder.h"

#include <chrono>
#include <filesystem>

#include "batch/batch_executor.h"
#include "batch/batch_plan.h"
#include "batch/out_folder_lock.h"
#include "batch/state_recorder.h"
#include "util/atomic_file.h"

namespace handout {

BatchResult run_batch(const Project& project, const BatchOptions& options, FontPool& fonts, std::ostream& output,
                      std::ostream& errors, BatchMemory* memory) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  BatchResult result;
  ConsoleReport report(output, errors, options.quiet, options.progress);
  auto finish = [&] {
    report.end();
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return std::move(result);
  };
  fonts.reload_if_changed();
  std::filesystem::create_directories(project.out_dir);
  // One build at a time in a folder: from reading the state to recording the last output.
  // Shards of one build hold it together (out_folder_lock.h).
  OutFolderLock folder_lock(project.out_dir, options.lock_timeout, errors, options.shard);
  // Builds killed before they could clean up left their temporary files; none can be in use now
  // (but a shard's, which only its age tells apart from a live one's).
  remove_stale_temporaries(project.out_dir, std::chrono::minutes(60), !options.shard);
  // Loaded even with --force (which only skips the up-to-date test): what a forced build does
  // not get to rebuild stays recorded as it truly is.
  // A long-lived process keeps the state it saved last: read again only if another build
  // rewrote the file since (the lock is held, so nobody writes it now). Shards' states are read
  // every time (state_recorder.h).
  const std::string state_path = BuildState::path_in(project.out_dir);
  std::optional<BuildState> kept;
  if (memory && !options.shard && memory->state && memory->state_path == state_path && memory->state_stamp &&
      memory->state_stamp == source_stamp(state_path))
    kept = std::move(memory->state);
  if (memory) memory->state.reset();
  StateRecorder state(project.out_dir, options.shard, std::move(kept));

  BatchPlan plan(project, options, fonts.fingerprint());
  result.shard = options.shard;
  for (const std::string& error : plan.load_layouts(memory ? &memory->layouts : nullptr)) report.error(error);
  if (memory) memory->layouts = plan.layouts();
  report.lines(plan.lint_layouts());
  plan.take_variant_digests();
  result.plan = plan.fingerprint();
  if (std::optional<std::string> problem = plan.password_problem()) {
    result.errors.push_back(*problem);
    report.error(*problem);
    result.usage_error = true;
    return finish();
  }

  report.set_total(plan.planned_outputs());
  state.start_saving();
  std::vector<std::vector<OutputResult>> per_content =
      execute_batch(project, options, plan, fonts, report, state, memory);
  if (memory) {
    memory->results.clear();
    for (std::size_t i = 0; i < per_content.size(); ++i) memory->results[project.content[i]] = per_content[i];
  }
  state.stop_saving();  // before the state is read again

  // Built outputs were recorded as each was committed; a failed one is built again next time.
  for (std::vector<OutputResult>& outputs : per_content)
    for (OutputResult& entry : outputs) {
      if (entry.status == OutputResult::Status::failed) state.forget(entry.output);
      result.outputs.push_back(std::move(entry));
    }
  if (std::string error = state.save_remaining(); !error.empty()) {
    result.errors.push_back(error);
    report.lines({error});
  } else if (memory) {
    memory->state_path = state.path();
    memory->state = state.snapshot();
    memory->state_stamp = source_stamp(state.path());
  }
  return finish();
}

}  // namespace handout
