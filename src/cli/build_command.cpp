#include "cli/build_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <thread>

#include "build/batch_builder.h"
#include "build/build_report.h"
#include "build/project.h"
#include "build/watcher.h"
#include "paint/pdf_finisher.h"

namespace handout {

namespace {

// The project file, with what the command line names in place of its lists.
Project project_for(const BuildOptions& options) {
  if (options.project_given && !std::filesystem::exists(options.project))
    throw HandoutError({options.project}, "project file not found");
  Project project = load_project(options.no_project ? std::string() : options.project,
                                 GivenLists{!options.content.empty(), !options.layouts.empty()});
  if (!options.content.empty()) project.content = options.content;
  if (!options.layouts.empty()) {
    project.layouts.clear();
    for (const std::string& layout : options.layouts) project.layouts.push_back(layout_path(layout));
    for (Variant& variant : project.variants) variant.layouts.reset();
  }
  if (options.out_dir) project.out_dir = *options.out_dir;
  return project;
}

BatchOptions batch_options(const BuildOptions& options, bool progress) {
  if (options.fixed_randomness_for_tests) use_fixed_randomness_for_tests();  // before any thread
  BatchOptions batch;
  batch.jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  batch.force = options.force;
  batch.profiles = options.profiles;
  batch.password = options.password;
  batch.preview_dpi = options.preview_dpi;
  batch.fixed_randomness_for_tests = options.fixed_randomness_for_tests;
  batch.quiet = options.quiet;
  batch.progress = progress;
  return batch;
}

// A progress line only where a person watches: a terminal, and not in CI.
bool wants_progress() { return ::isatty(STDERR_FILENO) && !std::getenv("CI"); }

}  // namespace

int run_build(const BuildOptions& options, std::ostream& output, std::ostream& errors) {
  try {
    Project project = project_for(options);
    FontPool fonts(options.fonts_dir);
    BatchResult result = run_batch(project, batch_options(options, wants_progress()), fonts, output, errors);
    if (result.usage_error) return 2;
    output << summary_line(result) << '\n';
    if (options.report) write_report(result, *options.report);
    return result.ok() ? 0 : 1;
  } catch (const HandoutError& error) {
    errors << error.diagnostic().to_string() << '\n';
    return 1;
  } catch (const std::filesystem::filesystem_error& error) {
    errors << fmt::format("{}: error: {}\n", error.path1().string(), error.code().message());
    return 1;
  }
}

int run_watch(const BuildOptions& options, std::ostream& output, std::ostream& errors) {
  BatchOptions batch = batch_options(options, false);
  batch.quiet = true;  // one line per rebuild, not one per file
  Project project;
  std::unique_ptr<FontPool> fonts;  // kept warm across rebuilds
  try {
    project = project_for(options);
    fonts = std::make_unique<FontPool>(options.fonts_dir);
  } catch (const HandoutError& error) {
    errors << error.diagnostic().to_string() << '\n';
    return 1;
  }
  // Each rebuild reads the project again, so articles added to a watched folder are built too.
  auto build = [&](bool first) {
    auto started = std::chrono::steady_clock::now();
    try {
      BatchResult result = run_batch(project_for(options), batch, *fonts, output, errors);
      if (result.usage_error) return false;
      output << fmt::format("{} {}\n", first ? "built" : "rebuilt", summary_line(result)) << std::flush;
      if (options.report) write_report(result, *options.report);
    } catch (const std::filesystem::filesystem_error& error) {
      errors << fmt::format("{}: error: {}\n", error.path1().string(), error.code().message()) << std::flush;
    } catch (const HandoutError& error) {
      // A file that is briefly invalid while an editor saves it: say so, keep the last good
      // outputs and keep watching.
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      errors << error.diagnostic().to_string() << fmt::format(" ({:.0f} ms)", ms) << '\n' << std::flush;
    }
    return true;
  };
  WatchSet watched = watch_set_for(project, options.fonts_dir, options.project);
  SignalGuard signals;  // before any thread starts, so every thread leaves SIGINT to the watcher
  if (!build(true)) return 2;
  output << "watching for changes; Ctrl-C stops\n" << std::flush;
  return watch_for_changes(watched, signals, errors, [&] {
    build(false);
    // The project file may now name other folders: watch those too.
    try {
      watched = watch_set_for(project_for(options), options.fonts_dir, options.project);
    } catch (const HandoutError&) {
      // An invalid project file was reported by the build; keep watching what was watched.
    }
    return watched;
  });
}

}  // namespace handout
