#include "build/batch_builder.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <ostream>
#include <thread>

#include "build/build_state.h"
#include "build/input_hash.h"
#include "content/content_loader.h"
#include "layout/layout_loader.h"
#include "paint/output_writer.h"
#include "typeset/fit_search.h"
#include "typeset/font_set.h"
#include "typeset/typesetter.h"

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
    state_path_ = BuildState::path_in(project_.out_dir);
    state_ = options_.force ? BuildState{} : BuildState::load(state_path_);
    load_layouts();
    take_variant_digests();
    check_password(result);
    if (result.usage_error) return finish(result, started);

    std::vector<std::vector<OutputResult>> per_content(project_.content.size());
    total_ = planned_outputs();
    std::atomic<std::size_t> next{0};
    // Each worker has a font set of its own: Pango objects serve one thread at a time.
    auto worker = [&](std::size_t slot) {
      FontSet& fonts = fonts_.worker(slot);
      for (std::size_t i = next++; i < project_.content.size(); i = next++)
        per_content[i] = build_content(fonts, project_.content[i]);
    };
    int threads = std::max(1, std::min<int>(options_.jobs, static_cast<int>(project_.content.size())));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker, static_cast<std::size_t>(t));
    worker(0);
    for (std::thread& thread : pool) thread.join();

    for (auto& outputs : per_content)
      for (OutputResult& output : outputs) {
        if (output.status == OutputResult::Status::built)
          state_.record(output.output, BuiltOutput{output.inputs_hash, output.files});
        else if (output.status == OutputResult::Status::failed)
          state_.forget(output.output);
        result.outputs.push_back(std::move(output));
      }
    try {
      state_.save(state_path_);
    } catch (const HandoutError& error) {
      result.errors.push_back(error.diagnostic().to_string());
      errors_ << result.errors.back() << '\n';
    }
    return finish(result, started);
  }

 private:
  BatchResult finish(BatchResult& result, Clock::time_point started) {
    if (options_.progress) errors_ << "\r\033[K" << std::flush;
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return std::move(result);
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
      loaded.digest = InputHash().add_file(path).hex();
      try {
        loaded.spec = load_layout(path);
      } catch (const HandoutError& error) {
        loaded.error = error.diagnostic().to_string();
        errors_ << loaded.error << '\n';
        reported_errors_.insert(loaded.error);
      }
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
        std::error_code error;  // most values name no file, and some cannot (too long to be a name)
        if (fs::is_regular_file(value, error)) hash.add_file(value);
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
    hash.add(profile_name(profile));
    if (profile == OutputProfile::preview)
      hash.add(fmt::format("{}", options_.preview_dpi.value_or(layout.spec->output.preview_dpi)));
    if (profile == OutputProfile::archive) hash.add_file(layout.spec->output.icc_profile);
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    hash.add(epoch ? epoch : "");
    return hash.hex();
  }

  std::vector<OutputResult> build_content(const FontSet& fonts, const std::string& content_path) {
    std::vector<OutputResult> results;
    Warnings content_warnings;
    std::optional<Document> document;
    std::string content_error;
    try {
      document = load_document(content_path, content_warnings);
    } catch (const HandoutError& error) {
      content_error = error.diagnostic().to_string();
    }
    std::vector<std::string> warning_lines;
    for (const Diagnostic& warning : content_warnings.items()) warning_lines.push_back(warning.to_string());
    print_lines(warning_lines);
    std::vector<std::string> images;
    if (document) collect_images(document->blocks, images);
    InputHash content_hash;
    content_hash.add_file(content_path);
    for (const std::string& image : images) content_hash.add_file(image);
    const std::string content_digest = content_hash.hex();
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
          if (!content_error.empty() || !layout.spec) {
            result.error = !content_error.empty() ? content_error : layout.error;
          } else {
            result.inputs_hash = inputs_hash(content_digest, layout, variant, profile, result.output);
            if (!options_.force && !options_.password && state_.up_to_date(result.output, result.inputs_hash))
              result.status = OutputResult::Status::up_to_date;
          }
          group.push_back(std::move(result));
        }
        if (document && layout.spec) build_group(fonts, *document, *layout.spec, variant, stem, profiles, group);
        for (OutputResult& result : group) report_progress(result);
        results.insert(results.end(), group.begin(), group.end());
      }
    }
    return results;
  }

  // Typesets once for all the profiles of one article, layout and variant that need building.
  void build_group(const FontSet& fonts, const Document& document, const LayoutSpec& base_layout,
                   const Variant& variant, const std::string& stem, const std::vector<OutputProfile>& profiles,
                   std::vector<OutputResult>& group) {
    bool needed = false;
    for (const OutputResult& result : group) needed = needed || result.status != OutputResult::Status::up_to_date;
    if (!needed) return;
    auto started = Clock::now();
    Warnings warnings;
    std::vector<std::string> warning_lines;
    try {
      LayoutSpec layout = variant.text_scale == 1.0 ? base_layout : with_text_scale(base_layout, variant.text_scale);
      Typesetter typesetter(fonts, layout, document, warnings, variant.values);
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
      for (std::size_t i = 0; i < profiles.size(); ++i) {
        OutputResult& result = group[i];
        if (result.status == OutputResult::Status::up_to_date) continue;
        result.warnings.insert(result.warnings.end(), warning_lines.begin(), warning_lines.end());
        try {
          std::error_code unreadable;  // a name too long to look up is as missing as an absent file
          if (profiles[i] == OutputProfile::archive && !fs::is_regular_file(layout.output.icc_profile, unreadable))
            throw HandoutError(layout.output.icc_place,
                               fmt::format("ICC profile '{}' not found; the archive profile needs an sRGB profile "
                                           "for its output intent (Debian's icc-profiles-free installs one)",
                                           layout.output.icc_profile));
          OutputRequest request{profiles[i], options_.password,
                                options_.preview_dpi.value_or(layout.output.preview_dpi), layout.output.icc_profile,
                                options_.fixed_randomness_for_tests};
          result.files = write_outputs(pages, stem, request);
          result.status = OutputResult::Status::built;
          result.pages = static_cast<int>(pages.pages.size());
          result.body_size = pages.body_size;
          result.fit_passes = fit.passes;
        } catch (const HandoutError& error) {
          result.error = error.diagnostic().to_string();
        }
        result.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        started = Clock::now();
      }
    } catch (const HandoutError& error) {
      for (const Diagnostic& warning : warnings.items()) warning_lines.push_back(warning.to_string());
      print_lines(warning_lines);
      for (OutputResult& result : group)
        if (result.status != OutputResult::Status::up_to_date) result.error = error.diagnostic().to_string();
    }
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
      output_ << fmt::format("wrote {}{} ({} page{}, body {:.2f} pt{}, {:.0f} ms)\n", result.output,
                             result.files.size() > 1 ? fmt::format(" and {} more", result.files.size() - 1) : "",
                             result.pages, result.pages == 1 ? "" : "s", result.body_size,
                             result.fit_passes ? fmt::format(", fitted in {} passes", result.fit_passes) : "",
                             result.milliseconds)
              << std::flush;
    }
    if (options_.progress)
      errors_ << fmt::format("[{}/{}] {}", done_, total_, fs::path(result.output).filename().string()) << std::flush;
  }

  const Project& project_;
  const BatchOptions& options_;
  FontPool& fonts_;
  std::ostream& output_;
  std::ostream& errors_;
  std::string fonts_fingerprint_;
  std::string state_path_;
  BuildState state_;
  std::map<std::string, LoadedLayout> layouts_;
  std::map<const Variant*, std::string> variant_digests_;  // read-only once the workers start
  std::mutex print_mutex_;
  std::set<std::string> reported_errors_;
  std::size_t done_ = 0, total_ = 0;
};

}  // namespace

BatchResult run_batch(const Project& project, const BatchOptions& options, FontPool& fonts, std::ostream& output,
                      std::ostream& errors) {
  return Batch(project, options, fonts, output, errors).run();
}

}  // namespace handout
