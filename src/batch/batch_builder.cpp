#include "batch/batch_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <ostream>
#include <thread>

#include "batch/build_state.h"
#include "batch/input_hash.h"
#include "content/glossary.h"
#include "layout/layout_lint.h"
#include "batch/out_folder_lock.h"
#include "content/content_loader.h"
#include "image/icc_profile.h"
#include "layout/layout_loader.h"
#include "paint/output_writer.h"
#include "readability/readability_report.h"
#include "typeset/fit_search.h"
#include "typeset/font_set.h"
#include "typeset/typesetter.h"
#include "util/atomic_file.h"
#include "util/file_access.h"
#include "util/library_log.h"
#include "util/text.h"

namespace handout {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

int BatchResult::count(OutputResult::Status status) const {
  int n = 0;
  for (const OutputResult& output : outputs) n += output.status == status ? 1 : 0;
  return n;
}

std::string summary_line(const BatchResult& result) {
  return fmt::format("{} built, {} up to date, {} failed in {:.2f} s", result.count(OutputResult::Status::built),
                     result.count(OutputResult::Status::up_to_date),
                     result.count(OutputResult::Status::failed),
                     result.seconds);
}

FontPool::FontPool(const std::string& folder)
    : folder_(folder), catalog_(std::make_shared<const FontCatalog>(folder)), fingerprint_(fonts_fingerprint(folder)) {}

FontSet& FontPool::worker(std::size_t index) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (workers_.size() <= index) workers_.resize(index + 1);
  if (!workers_[index]) workers_[index] = std::make_unique<FontSet>(catalog_);
  return *workers_[index];
}

void FontPool::reload_if_changed() {
  std::string now = fonts_fingerprint(folder_);
  if (now == fingerprint_) return;
  workers_.clear();
  catalog_ = std::make_shared<const FontCatalog>(folder_);
  fingerprint_ = now;
}

namespace {

// The PDF date: SOURCE_DATE_EPOCH when the build system sets it, else the article's review date.
std::string pdf_date(const DocumentMetadata& metadata) {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    long long seconds = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0' && seconds >= 0) {
      std::time_t time = static_cast<std::time_t>(seconds);
      std::tm utc{};
      gmtime_r(&time, &utc);
      return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                         utc.tm_hour, utc.tm_min, utc.tm_sec);
    }
  }
  return metadata.reviewed + "T00:00:00Z";
}

void collect_images(const std::vector<Block>& blocks, std::vector<std::string>& images) {
  for (const Block& block : blocks) {
    if (!block.image_path.empty()) images.push_back(block.image_path);
    collect_images(block.children, images);
  }
}

// An output's files on their way to the disk: its index among its article's results, and the
// commit that returns their paths (or throws).
struct PendingWrite {
  std::size_t index;
  std::future<std::vector<std::string>> files;
};

struct ArticleOutputs {
  std::vector<OutputResult> results;
  std::vector<PendingWrite> pending;
};

struct LoadedLayout {
  std::string path;
  std::string digest;  // of the file's bytes, taken once for all the outputs that use it
  std::optional<LayoutSpec> spec;  // empty when the file has an error
  std::string error;
};

class Batch {
 public:
  Batch(const Project& project, const BatchOptions& options, FontPool& fonts, std::ostream& output,
        std::ostream& errors)
      : project_(project), options_(options), fonts_(fonts), output_(output), errors_(errors) {}

  BatchResult run() {
    auto started = Clock::now();
    BatchResult result;
    fonts_.reload_if_changed();
    fonts_fingerprint_ = fonts_.fingerprint();
    fs::create_directories(project_.out_dir);
    // One build at a time in a folder: from reading the state to recording the last output.
    OutFolderLock folder_lock(project_.out_dir, options_.lock_timeout, errors_);
    // Builds killed before they could clean up left their temporary files; none can be in use now.
    remove_stale_temporaries(project_.out_dir, std::chrono::minutes(60));
    state_path_ = BuildState::path_in(project_.out_dir);
    // Loaded even with --force (which only skips the up-to-date test): what a forced build does
    // not get to rebuild stays recorded as it truly is.
    state_ = BuildState::load(state_path_);
    load_layouts();
    lint_layouts();
    take_variant_digests();
    check_password(result);
    if (result.usage_error) return finish(result, started);

    std::vector<std::vector<OutputResult>> per_content(project_.content.size());
    total_ = planned_outputs();
    std::atomic<std::size_t> next{0};
    // Each worker has a font set of its own: Pango objects serve one thread at a time.
    // No exception may leave a thread (std::terminate): whatever one article throws becomes
    // the failure of its outputs, and the worker goes on with the next article.
    // A worker finishes an article's writes after it has set the next article, so the disk's
    // work and the processor's overlap.
    auto worker = [&](std::size_t slot) {
      FontSet* fonts = nullptr;
      std::size_t previous = 0;
      std::vector<PendingWrite> previous_writes;
      for (std::size_t i = next++; i < project_.content.size(); i = next++) {
        const std::string& content = project_.content[i];
        std::vector<PendingWrite> writes;
        try {
          if (!fonts) fonts = &fonts_.worker(slot);
          ArticleOutputs built = build_content(*fonts, content);
          per_content[i] = std::move(built.results);
          writes = std::move(built.pending);
        } catch (...) {
          per_content[i] = {failed_article(content, current_exception_diagnostic({content}))};
          report_progress(per_content[i].back());
        }
        if (!previous_writes.empty()) finish_writes(per_content[previous], previous_writes);
        previous = i;
        previous_writes = std::move(writes);
      }
      if (!previous_writes.empty()) finish_writes(per_content[previous], previous_writes);
    };
    int threads = std::max(1, std::min<int>(options_.jobs, static_cast<int>(project_.content.size())));
    {
      std::thread saver([this] { save_while_building(); });
      struct StopSaver {  // however this block is left, the saver ends before the state is read again
        Batch& batch;
        std::thread& thread;
        ~StopSaver() { batch.stop_saving(thread); }
      } stop_saver{*this, saver};
      std::vector<std::thread> pool;
      for (int t = 1; t < threads; ++t) pool.emplace_back(worker, static_cast<std::size_t>(t));
      worker(0);
      for (std::thread& thread : pool) thread.join();
    }

    // Built outputs were recorded as each was committed; a failed one is built again next time.
    for (auto& outputs : per_content)
      for (OutputResult& output : outputs) {
        if (output.status == OutputResult::Status::failed) {
          std::lock_guard<std::mutex> guard(state_mutex_);
          state_.forget(output.output);
          ++state_generation_;
        }
        result.outputs.push_back(std::move(output));
      }
    {
      std::unique_lock<std::mutex> lock(state_mutex_);
      if (saved_generation_ != state_generation_ || !state_error_.empty()) save_state(lock);
    }
    if (!state_error_.empty()) {
      result.errors.push_back(state_error_);
      print_lines({state_error_});
    }
    return finish(result, started);
  }

 private:
  BatchResult finish(BatchResult& result, Clock::time_point started) {
    if (options_.progress) errors_ << "\r\033[K" << std::flush;
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return std::move(result);
  }

  // Records an output whose files were just committed; the saver thread writes it down.
  void record_committed(const OutputResult& result) {
    {
      std::lock_guard<std::mutex> guard(state_mutex_);
      state_.record(result.output, result.inputs_hash, result.files);
      ++state_generation_;
    }
    state_changed_.notify_one();
  }

  // Runs beside the workers: saves the state whenever it changed, so a build killed part-way
  // keeps what it committed, without a worker waiting for the disk. Saves coalesce: each writes
  // the whole state, with everything recorded meanwhile.
  void save_while_building() {
    std::unique_lock<std::mutex> lock(state_mutex_);
    for (;;) {
      state_changed_.wait(lock, [&] { return building_done_ || saved_generation_ != state_generation_; });
      if (saved_generation_ == state_generation_) return;  // done, and nothing left to save
      save_state(lock);
    }
  }

  void stop_saving(std::thread& saver) {
    {
      std::lock_guard<std::mutex> guard(state_mutex_);
      building_done_ = true;
    }
    state_changed_.notify_one();
    saver.join();
  }

  // Called with state_mutex_ held through `lock`; writes without holding it.
  void save_state(std::unique_lock<std::mutex>& lock) {
    BuildState snapshot = state_;
    const std::uint64_t generation = state_generation_;
    lock.unlock();
    std::string error;
    try {
      // The renames the state is about to vouch for must be on the disk before it: one flush of
      // the folder for all the outputs committed since the last save.
      flush_folder(project_.out_dir);
      snapshot.save(state_path_);
    } catch (...) {
      // The state on the disk stays the last one saved, which never claims more than was
      // committed then: the outputs recorded since are built again next time.
      error = current_exception_diagnostic({state_path_}).to_string();
    }
    lock.lock();
    saved_generation_ = generation;  // a failure is not retried at once; the last save tries again
    state_error_ = error;
  }

  bool is_up_to_date(const std::string& output, const std::string& hash) {
    std::lock_guard<std::mutex> guard(state_mutex_);
    return state_.up_to_date(output, hash);
  }

  // A broken layout is reported here, once; the outputs that need it fail with the same message.
  void load_layouts() {
    std::vector<std::string> paths = project_.layouts;
    for (const Variant& variant : project_.variants)
      if (variant.layouts) paths.insert(paths.end(), variant.layouts->begin(), variant.layouts->end());
    for (const std::string& path : paths) {
      if (layouts_.count(path)) continue;
      LoadedLayout& loaded = layouts_[path];
      loaded.path = path;
      try {
        // The fingerprint is of the very bytes the layout is read from, so an edit made while
        // the batch runs is never recorded as built.
        std::string text = read_file(path);
        loaded.digest = InputHash().add(path).add(text).hex();
        loaded.spec = parse_layout(text, path);
      } catch (...) {
        loaded.error = current_exception_diagnostic({path}).to_string();
        errors_ << loaded.error << '\n';
        reported_errors_.insert(loaded.error);
      }
    }
  }

  // Each layout as each variant sets it, linted once before any article; a finding both the plain
  // build and a clinic's variant share is printed once.
  void lint_layouts() {
    std::set<std::string> printed;
    for (const Variant& variant : project_.variants)
      for (const std::string& path : layouts_of(variant)) {
        const LoadedLayout& layout = layouts_.at(path);
        if (!layout.spec) continue;
        LayoutSpec scaled =
            variant.text_scale == 1.0 ? *layout.spec : with_text_scale(*layout.spec, variant.text_scale);
        std::vector<Diagnostic>& found = lints_[{path, &variant}];
        found = lint_layout(scaled, {variant.large_print, variant.scale_place});
        std::vector<std::string> lines;
        for (const Diagnostic& finding : found)
          if (printed.insert(finding.to_string()).second) lines.push_back(finding.to_string());
        print_lines(lines);
      }
  }

  std::vector<OutputProfile> profiles_of(const LayoutSpec& layout) const {
    return options_.profiles.empty() ? std::vector<OutputProfile>{layout.output.profile} : options_.profiles;
  }

  void check_password(BatchResult& result) const {
    if (!options_.password) return;
    for (const auto& [path, layout] : layouts_)
      if (layout.spec)
        for (OutputProfile profile : profiles_of(*layout.spec))
          if (profile != OutputProfile::email && !result.usage_error) {
            result.errors.push_back(fmt::format("handout: error: a password encrypts only the email profile, but {} "
                                                "would be written as {} (add --profile email)",
                                                path, profile_name(profile)));
            errors_ << result.errors.back() << '\n';
            result.usage_error = true;
          }
  }

  const std::vector<std::string>& layouts_of(const Variant& variant) const {
    return variant.layouts ? *variant.layouts : project_.layouts;
  }

  std::size_t planned_outputs() const {
    std::size_t n = 0;
    for (const Variant& variant : project_.variants)
      for (const std::string& path : layouts_of(variant)) {
        const LoadedLayout& layout = layouts_.at(path);
        n += layout.spec ? profiles_of(*layout.spec).size() : 1;
      }
    return n * project_.content.size();
  }

  // A variant's name, scale and values, and the bytes of any value that names a file (a logo):
  // taken once per variant, before the workers start, rather than once per output.
  void take_variant_digests() {
    for (const Variant& variant : project_.variants) {
      InputHash hash;
      hash.add(variant.name).add(fmt::format("{}", variant.text_scale));
      for (const auto& [name, value] : variant.values) {
        hash.add(name).add(value);
        std::error_code not_a_file;  // most values are not paths at all: no error for those
        if (fs::is_regular_file(value, not_a_file)) hash.add_file(value);
      }
      variant_digests_[&variant] = hash.hex();
    }
  }

  // `content_digest` covers the article and its images; it is taken once per article.
  std::string inputs_hash(const std::string& content_digest, const LoadedLayout& layout, const Variant& variant,
                          OutputProfile profile, const std::string& target) const {
    InputHash hash;
    hash.add("handout " HANDOUT_VERSION).add(target).add(fonts_fingerprint_);
    hash.add(content_digest);
    hash.add(layout.digest);
    hash.add(variant_digests_.at(&variant));
    for (const std::string& scheme : project_.link_schemes) hash.add("link scheme " + scheme);
    hash.add(profile_name(profile));
    if (profile == OutputProfile::preview)
      hash.add(fmt::format("{}", options_.preview_dpi.value_or(layout.spec->output.preview_dpi)));
    if (profile == OutputProfile::archive) hash.add_file(layout.spec->output.icc_profile);
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    hash.add(epoch ? epoch : "");
    return hash.hex();
  }

  ArticleOutputs build_content(const FontSet& fonts, const std::string& content_path) {
    ArticleOutputs outputs;
    std::vector<OutputResult>& results = outputs.results;
    Warnings content_warnings;
    std::optional<Document> document;
    std::string content_error;
    std::string article;
    try {
      article = read_file(content_path);
      document = parse_document(content_path, article, content_warnings);
    } catch (...) {
      content_error = current_exception_diagnostic({content_path}).to_string();
    }
    std::vector<std::string> warning_lines;
    for (const Diagnostic& warning : content_warnings.items()) warning_lines.push_back(warning.to_string());
    print_lines(warning_lines);
    std::vector<std::string> images;
    if (document) collect_images(document->blocks, images);
    // The article's own readability (all of its text, whatever a layout selects), for the
    // document-facts placeholders of running heads ({readability}, {grade}).
    TemplateValues facts;
    if (document) {
      try {
        facts = readability_values(
            analyse_readability(document->blocks, document->path, document->metadata.language, {}, article));
      } catch (...) {
        content_error = current_exception_diagnostic({content_path}).to_string();
      }
    }
    // The article's fingerprint is of the bytes this build set, not of the file as it is later.
    // Images are read after their fingerprint is taken, so an image edited meanwhile makes the
    // next build set the output again rather than skip it.
    InputHash content_hash;
    content_hash.add(content_path).add(article);
    for (const std::string& image : images) content_hash.add_file(image);
    const std::string content_digest = content_hash.hex();
    // The glossary is read once per article, and fingerprinted from the bytes read, for the
    // layouts that use it; its error fails only those layouts' outputs.
    std::optional<Glossary> glossary;
    std::string glossary_digest, glossary_error;
    if (const std::string glossary_path = glossary_path_for(project_, content_path); !glossary_path.empty()) {
      try {
        std::string text = read_file(glossary_path);
        glossary_digest = InputHash().add(content_digest).add(glossary_path).add(text).hex();
        glossary = parse_glossary(text, glossary_path);
      } catch (...) {
        glossary_error = current_exception_diagnostic({glossary_path}).to_string();
      }
    }
    const std::string name = fs::path(content_path).stem().string();

    for (const Variant& variant : project_.variants) {
      for (const std::string& layout_file : layouts_of(variant)) {
        const LoadedLayout& layout = layouts_.at(layout_file);
        std::string stem_name = name + "." + fs::path(layout_file).stem().string();
        if (!variant.name.empty()) stem_name += "." + variant.name;
        const std::string stem = (fs::path(project_.out_dir) / stem_name).string();
        std::vector<OutputProfile> profiles =
            layout.spec ? profiles_of(*layout.spec) : std::vector<OutputProfile>{OutputProfile::print};
        std::vector<OutputResult> group;
        for (OutputProfile profile : profiles) {
          OutputResult result;
          result.output = output_path(stem, profile);
          result.content = content_path;
          result.layout = layout_file;
          result.variant = variant.name;
          result.profile = std::string(profile_name(profile));
          result.warnings = warning_lines;
          const bool uses_glossary = layout.spec && layout.spec->glossary.enabled;
          static const std::vector<Diagnostic> no_lints;
          auto linted = lints_.find({layout_file, &variant});  // read only: the workers share the map
          const std::vector<Diagnostic>& lints = linted != lints_.end() ? linted->second : no_lints;
          for (const Diagnostic& finding : lints)
            if (finding.severity == Severity::warning) result.warnings.push_back(finding.to_string());
          auto lint_error = std::find_if(lints.begin(), lints.end(),
                                         [](const Diagnostic& d) { return d.severity == Severity::error; });
          if (!content_error.empty() || !layout.spec) {
            result.error = !content_error.empty() ? content_error : layout.error;
          } else if (lint_error != lints.end()) {
            result.error = lint_error->to_string();
          } else if (uses_glossary && !glossary_error.empty()) {
            result.error = glossary_error;
          } else {
            try {
              result.inputs_hash = inputs_hash(uses_glossary && glossary ? glossary_digest : content_digest, layout,
                                               variant, profile, result.output);
              if (!options_.force && !options_.password && is_up_to_date(result.output, result.inputs_hash))
                result.status = OutputResult::Status::up_to_date;
            } catch (...) {
              result.error = current_exception_diagnostic({content_path}).to_string();
            }
          }
          group.push_back(std::move(result));
        }
        const std::size_t first_index = results.size();
        const std::size_t pending_before = outputs.pending.size();
        if (document && layout.spec)
          build_group(fonts, *document, article, facts, *layout.spec, variant, stem, profiles, group, outputs.pending,
                      first_index, glossary ? &*glossary : nullptr);
        // Those being written are reported once committed (finish_writes).
        for (std::size_t k = 0; k < group.size(); ++k) {
          bool writing = false;
          for (std::size_t w = pending_before; w < outputs.pending.size(); ++w)
            writing = writing || outputs.pending[w].index == first_index + k;
          if (!writing) report_progress(group[k]);
        }
        results.insert(results.end(), group.begin(), group.end());
      }
    }
    return outputs;
  }

  // Waits for an article's outputs to reach the disk, records each committed one in the state
  // and reports it; one that could not be written fails, and the file it would have replaced stays.
  void finish_writes(std::vector<OutputResult>& results, std::vector<PendingWrite>& pending) {
    for (PendingWrite& write : pending) {
      OutputResult& result = results[write.index];
      try {
        result.files = write.files.get();
        record_committed(result);
      } catch (...) {
        result.status = OutputResult::Status::failed;
        result.error = current_exception_diagnostic({result.output}).to_string();
      }
      report_progress(result);
    }
    pending.clear();
  }

  // Typesets once for all the profiles of one article, layout and variant that need building.
  // Outputs painted are handed to `pending` (their index: `first_index` + their place in the
  // group), to be committed on the disk.
  void build_group(const FontSet& fonts, const Document& document, std::string_view article,
                   const TemplateValues& facts, const LayoutSpec& base_layout,
                   const Variant& variant, const std::string& stem, const std::vector<OutputProfile>& profiles,
                   std::vector<OutputResult>& group, std::vector<PendingWrite>& pending, std::size_t first_index,
                   const Glossary* glossary) {
    bool needed = false;
    for (const OutputResult& result : group)
      needed = needed || (result.status != OutputResult::Status::up_to_date && result.error.empty());
    if (!needed) return;
    auto started = Clock::now();
    Warnings warnings;
    std::vector<std::string> warning_lines;
    // A library's message while this group is set (a Pango warning) is one of its warnings.
    LibraryLogScope library_log({document.path}, warnings);
    try {
      LayoutSpec layout = variant.text_scale == 1.0 ? base_layout : with_text_scale(base_layout, variant.text_scale);
      for (const std::string& scheme : project_.link_schemes)
        if (std::find(layout.link_schemes.begin(), layout.link_schemes.end(), scheme) == layout.link_schemes.end())
          layout.link_schemes.push_back(scheme);
      Typesetter typesetter(fonts, layout, document, warnings, variant.values, variant.value_places, files_,
                            glossary);
      typesetter.set_facts(facts);
      // The text this layout sets, against the layout's plain-language target (the words-to-know
      // box is the glossary's text, which readability leaves out).
      ReadabilityReport readability = analyse_readability(typesetter.selected_blocks(), document.path,
                                                          document.metadata.language, layout.readability, article);
      std::vector<std::string> readability_lines;
      for (const ReadabilityFlag& flag : readability.flags)
        readability_lines.push_back(Diagnostic{Severity::warning, flag.place, flag.message}.to_string());
      // Variants change values and sizes, not the text: an article's readability warnings for a
      // layout are printed once per build, and kept in every output's report entry.
      if (first_readability_report(document.path, base_layout.path)) print_lines(readability_lines);
      if (readability.hard_limit) throw HandoutError(readability.hard_limit->place, readability.hard_limit->message);
      FitOutcome fit;
      Pages pages;
      if (layout.fit.enabled) {
        fit = find_fitting_size(typesetter, layout.fit, document.path);
        pages = typesetter.typeset(std::move(fit.fitting));
      } else {
        pages = typesetter.typeset(layout.body.size);
      }
      pages.info.creator = "handout " HANDOUT_VERSION;
      pages.info.date = pdf_date(document.metadata);
      for (const Diagnostic& warning : warnings.items()) warning_lines.push_back(warning.to_string());
      print_lines(warning_lines);
      warning_lines.insert(warning_lines.end(), readability_lines.begin(), readability_lines.end());
      for (std::size_t i = 0; i < profiles.size(); ++i) {
        OutputResult& result = group[i];
        if (result.status == OutputResult::Status::up_to_date || !result.error.empty()) continue;
        result.warnings.insert(result.warnings.end(), warning_lines.begin(), warning_lines.end());
        try {
          if (profiles[i] == OutputProfile::archive) check_layout_icc(layout.output);
          OutputRequest request{profiles[i], options_.password,
                                options_.preview_dpi.value_or(layout.output.preview_dpi), layout.output.icc_profile,
                                options_.fixed_randomness_for_tests};
          PreparedOutput prepared = prepare_outputs(pages, stem, request);
          // The disk's part (writes, fsync, rename) runs while this worker sets the next
          // document; the folder is flushed once before each state save.
          pending.push_back({first_index + i, std::async(std::launch::async, [job = std::move(prepared)] {
                               return commit_outputs(job, false);
                             })});
          result.status = OutputResult::Status::built;  // once committed: finish_writes says
          result.pages = static_cast<int>(pages.pages.size());
          result.body_size = pages.body_size;
          result.fit_passes = fit.passes;
          result.readability = readability;
        } catch (...) {
          // Any exception, not only ours: this output fails, the group's other profiles go on.
          result.error = current_exception_diagnostic({document.path}).to_string();
        }
        result.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        started = Clock::now();
      }
    } catch (...) {
      const std::string error = current_exception_diagnostic({document.path}).to_string();
      if (warning_lines.empty()) {  // not printed yet: the failure came while typesetting
        for (const Diagnostic& warning : warnings.items()) warning_lines.push_back(warning.to_string());
        print_lines(warning_lines);
      }
      for (OutputResult& result : group)
        if (result.status != OutputResult::Status::up_to_date && result.status != OutputResult::Status::built &&
            result.error.empty())
          result.error = error;
    }
  }

  // The archive profile's ICC profile: a regular file, inside the project, and ICC for RGB.
  void check_layout_icc(const OutputSpec& output) const {
    if (auto problem = regular_file_problem(output.icc_profile))
      throw HandoutError(output.icc_place,
                         fmt::format("ICC profile '{}' {}; the archive profile needs an sRGB profile "
                                     "for its output intent (Debian's icc-profiles-free installs one)",
                                     output.icc_profile, *problem));
    if (auto refused = files_.refusal(output.icc_profile))
      throw HandoutError(output.icc_place, fmt::format("ICC profile '{}' {}", output.icc_profile, *refused));
    check_icc_profile(output.icc_profile, output.icc_place);
  }

  // The one entry of an article whose outputs could not even be listed.
  static OutputResult failed_article(const std::string& content_path, const Diagnostic& error) {
    OutputResult result;
    result.output = content_path;
    result.content = content_path;
    result.error = error.to_string();
    return result;
  }

  bool first_readability_report(const std::string& article, const std::string& layout) {
    std::lock_guard<std::mutex> lock(print_mutex_);
    return readability_reported_.insert(article + '\n' + layout).second;
  }

  void print_lines(const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    std::lock_guard<std::mutex> lock(print_mutex_);
    if (options_.progress) errors_ << "\r\033[K";
    for (const std::string& line : lines) errors_ << line << '\n';
  }

  void report_progress(const OutputResult& result) {
    std::lock_guard<std::mutex> lock(print_mutex_);
    ++done_;
    if (options_.progress) errors_ << "\r\033[K";
    if (result.status == OutputResult::Status::failed) {
      // One message per cause: an article's error is printed once, not once per layout.
      if (reported_errors_.insert(result.error).second) errors_ << result.error << '\n';
    } else if (result.status == OutputResult::Status::built && !options_.quiet) {
      output_ << fmt::format("wrote {}{} ({} page{}, body {:.2f} pt{}, {}, {:.0f} ms)\n", result.output,
                             result.files.size() > 1 ? fmt::format(" and {} more", result.files.size() - 1) : "",
                             result.pages, result.pages == 1 ? "" : "s", result.body_size,
                             result.fit_passes ? fmt::format(", fitted in {} passes", result.fit_passes) : "",
                             result.readability ? result.readability->summary() : "no readability figures",
                             result.milliseconds)
              << std::flush;
    }
    if (options_.progress)
      errors_ << fmt::format("[{}/{}] {}", done_, total_, fs::path(result.output).filename().string()) << std::flush;
  }

  const Project& project_;
  const FileAccess files_{project_.allowed_folders};
  const BatchOptions& options_;
  FontPool& fonts_;
  std::ostream& output_;
  std::ostream& errors_;
  std::string fonts_fingerprint_;
  std::map<std::pair<std::string, const Variant*>, std::vector<Diagnostic>> lints_;
  std::string state_path_;
  std::mutex state_mutex_;  // guards the state and the five fields below it
  BuildState state_;
  std::uint64_t state_generation_ = 0;  // changes recorded so far
  std::uint64_t saved_generation_ = 0;  // changes the last save attempt covered
  std::string state_error_;             // why the last save failed, if it did
  bool building_done_ = false;
  std::condition_variable state_changed_;
  std::map<std::string, LoadedLayout> layouts_;
  std::map<const Variant*, std::string> variant_digests_;  // read-only once the workers start
  std::mutex print_mutex_;
  std::set<std::string> reported_errors_;
  std::set<std::string> readability_reported_;  // article and layout, once their warnings are printed
  std::size_t done_ = 0, total_ = 0;
};

}  // namespace

BatchResult run_batch(const Project& project, const BatchOptions& options, FontPool& fonts, std::ostream& output,
                      std::ostream& errors) {
  return Batch(project, options, fonts, output, errors).run();
}

}  // namespace handout
