#include "cli/build_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <set>
#include <thread>

#include "batch/batch_builder.h"
#include "batch/build_report.h"
#include "batch/project.h"
#include "batch/watcher.h"
#include "layout/layout_loader.h"
#include "paint/pdf_finisher.h"
#include "util/text.h"

namespace handout {

// The project file, with what the command line names in place of its lists.
Project project_for(const BuildOptions& options) {
  if (options.project_given)
    if (auto problem = regular_file_problem(options.project)) throw HandoutError({options.project}, "project file " + *problem);
  Project project = load_project(options.no_project ? std::string() : options.project,
                                 GivenLists{!options.content.empty(), !options.layouts.empty()});
  if (!options.content.empty()) {
    // A folder stands for every .md file in it, as in the project's `content` key.
    project.content.clear();
    project.content_folders.clear();
    for (const std::string& entry : options.content) {
      std::error_code error;
      if (std::filesystem::is_directory(entry, error)) {
        project.content_folders.push_back(entry);
        for (const std::string& file : files_in(entry, ".md")) project.content.push_back(file);
      } else {
        project.content.push_back(entry);
      }
    }
  }
  if (!options.layouts.empty()) {
    project.layouts.clear();
    for (const std::string& layout : options.layouts) project.layouts.push_back(layout_path(layout));
    for (Variant& variant : project.variants) variant.layouts.reset();
  }
  if (options.out_dir) project.out_dir = *options.out_dir;
  return project;
}

namespace {

BatchOptions batch_options(const BuildOptions& options, bool progress, std::ostream& errors) {
  if (options.fixed_randomness_for_tests) {
    use_fixed_randomness_for_tests();  // before any thread
    errors << "handout: warning: test build with fixed encryption randomness: encrypted PDFs are not secret\n";
  }
  BatchOptions batch;
  batch.jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  batch.force = options.force;
  batch.profiles = options.profiles;
  batch.password = options.password;
  batch.preview_dpi = options.preview_dpi;
  batch.fixed_randomness_for_tests = options.fixed_randomness_for_tests;
  batch.quiet = options.quiet;
  batch.dump_pages = options.dump_pages;
  batch.lock_timeout = std::chrono::milliseconds(static_cast<long long>(options.lock_timeout_seconds * 1000));
  batch.progress = progress;
  batch.shard = options.shard;
  return batch;
}

// A progress line only where a person watches: a terminal, and not in CI.
bool wants_progress() { return ::isatty(STDERR_FILENO) && !std::getenv("CI"); }

}  // namespace

int run_build(const BuildOptions& options, std::ostream& output, std::ostream& errors) {
  try {
    Project project = project_for(options);
    FontPool fonts(options.fonts_dir);
    BatchResult result = run_batch(project, batch_options(options, wants_progress(), errors), fonts, output, errors);
    if (result.usage_error) return 2;
    if (options.shard) output << "shard " << options.shard->text() << ": ";
    output << summary_line(result) << '\n';
    // The shards of a build share a folder: each writes a report of its own.
    if (options.report)
      write_report(result, options.shard ? shard_file_name(*options.report, *options.shard) : *options.report);
    return result.ok() ? 0 : 1;
  } catch (...) {
    // What stops every output (no fonts, a broken project file, an unwritable out folder), of
    // whatever type: one located line and status 1, never an uncaught exception.
    errors << current_exception_diagnostic({}).to_string() << '\n';
    return 1;
  }
}

namespace {

// What `handout watch` checks before it starts: every layout the project names must load, since
// a mistake in a layout or argument is better reported at once than after every save.
void check_layouts(const Project& project) {
  std::set<std::string> paths(project.layouts.begin(), project.layouts.end());
  for (const Variant& variant : project.variants)
    if (variant.layouts) paths.insert(variant.layouts->begin(), variant.layouts->end());
  for (const std::string& path : paths) {
    if (auto problem = regular_file_problem(path)) throw HandoutError({path}, "layout file " + *problem);
    load_layout(path);
  }
}

// The articles the changes named, when they named nothing but articles (saved, added or
// deleted in the content folders): only those need planning again. Nothing when any other file
// changed (a layout, an image, a glossary, the project file, a font), since that can concern
// every article.
std::optional<std::set<std::string>> articles_only(const std::optional<std::set<std::string>>& named,
                                                   const Project& project) {
  if (!named || named->empty()) return std::nullopt;
  namespace fs = std::filesystem;
  std::set<std::string> articles, folders;
  for (const std::string& article : project.content) {
    articles.insert(fs::path(article).lexically_normal().string());
    folders.insert(fs::path(article).parent_path().lexically_normal().string());
  }
  for (const std::string& folder : project.content_folders) folders.insert(fs::path(folder).lexically_normal().string());
  for (const std::string& path : *named) {
    const bool article = articles.count(path) ||
                         (fs::path(path).extension() == ".md" && folders.count(fs::path(path).parent_path().string()));
    if (!article) return std::nullopt;
  }
  return named;
}

class Watch {
 public:
  Watch(const BuildOptions& options, std::ostream& output, std::ostream& errors)
      : options_(options), output_(output), errors_(errors), batch_(batch_options(options, false, errors)) {
    batch_.quiet = true;  // one line per rebuild, not one per file
  }

  int run() {
    // A bad argument, project file or layout at the start is an error, before any watching.
    try {
      Project project = project_for(options_);
      check_layouts(project);
      fonts_ = std::make_unique<FontPool>(options_.fonts_dir);  // kept warm across rebuilds
      signals_ = std::make_unique<SignalGuard>();  // before any thread, so threads leave SIGINT to it
      watcher_ = std::make_unique<ChangeWatcher>();
      // Watched first, read second: nothing saved in between is missed.
      watcher_->watch(watch_set_for(project, options_.fonts_dir, options_.project));
      BatchResult result = run_batch(project_for(options_), batch_, *fonts_, output_, errors_, &memory_);
      if (result.usage_error) return 2;
      report(result, "built");
    } catch (...) {
      errors_ << current_exception_diagnostic({}).to_string() << '\n' << std::flush;
      return 1;
    }
    output_ << "watching for changes; Ctrl-C stops\n" << std::flush;
    for (;;) {
      try {
        if (!watcher_->wait_for_changes(*signals_)) return 0;
      } catch (...) {
        errors_ << current_exception_diagnostic({}).to_string() << '\n' << std::flush;
        return 1;
      }
      rebuild();
    }
  }

 private:
  // A file that is briefly invalid while an editor saves it (an article, a layout, the project
  // file) is reported; the last good outputs stay and the watch goes on.
  void rebuild() {
    auto started = std::chrono::steady_clock::now();
    const std::optional<std::set<std::string>> named = watcher_->take_changes();
    try {
      Project project = project_for(options_);
      // Folders the project file now names are watched before the build reads them; if there
      // are any, the project is read again, so a file saved into one meanwhile is built now or
      // raises another event.
      bool added = false;
      try {
        added = watcher_->watch(watch_set_for(project, options_.fonts_dir, options_.project));
      } catch (const HandoutError& error) {
        errors_ << error.diagnostic().to_string() << '\n' << std::flush;  // a folder that went away
      }
      if (added) project = project_for(options_);
      memory_.changed_articles = added ? std::nullopt : articles_only(named, project);
      BatchResult result = run_batch(project, batch_, *fonts_, output_, errors_, &memory_);
      if (!result.usage_error) report(result, "rebuilt");
    } catch (...) {
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      errors_ << current_exception_diagnostic({}).to_string() << fmt::format(" ({:.0f} ms)", ms) << '\n'
              << std::flush;
    }
  }

  void report(const BatchResult& result, const char* verb) {
    output_ << fmt::format("{} {}\n", verb, summary_line(result)) << std::flush;
    if (options_.report) write_report(result, *options_.report);
  }

  const BuildOptions& options_;
  std::ostream& output_;
  std::ostream& errors_;
  BatchOptions batch_;
  BatchMemory memory_;  // what the last build left: the rebuild pays only for what changed
  std::unique_ptr<FontPool> fonts_;
  std::unique_ptr<SignalGuard> signals_;
  std::unique_ptr<ChangeWatcher> watcher_;
};

}  // namespace

int run_watch(const BuildOptions& options, std::ostream& output, std::ostream& errors) {
  return Watch(options, output, errors).run();
}

}  // namespace handout
