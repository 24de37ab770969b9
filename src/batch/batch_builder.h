#pragma once
// Building every output a project names: on several threads, skipping outputs whose inputs did
// not change, and going on past failures so that every good document is still written.
#include <chrono>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "batch/project.h"
#include "layout/output_profile.h"
#include "readability/readability_report.h"
#include "typeset/font_set.h"
#include "util/diagnostic.h"

namespace handout {

struct BatchOptions {
  int jobs = 1;
  bool force = false;                    // build even what is up to date
  std::vector<OutputProfile> profiles;   // empty: each layout's own
  std::optional<std::string> password;   // email: AES-256; encrypted outputs are always built
  std::optional<double> preview_dpi;
  bool fixed_randomness_for_tests = false;
  bool quiet = false;     // no line per output
  bool progress = false;  // one self-updating progress line (a terminal)
  // How long to wait for another build that holds the output folder before giving up.
  std::chrono::milliseconds lock_timeout{std::chrono::minutes(5)};
};

struct OutputResult {
  enum class Status { built, up_to_date, failed };
  std::string output;  // the output's (first) file
  std::vector<std::string> files;
  std::string content, layout, variant, profile, inputs_hash;
  Status status = Status::failed;
  int pages = 0;
  double body_size = 0;
  int fit_passes = 0;
  std::optional<ReadabilityReport> readability;  // of the text this output sets, when built
  std::vector<std::string> warnings;
  std::string error;
  double milliseconds = 0;
};

struct BatchResult {
  std::vector<OutputResult> outputs;  // in plan order, whatever the number of threads
  std::vector<std::string> errors;    // problems outside any one output
  bool usage_error = false;           // the options contradict each other; nothing was built
  double seconds = 0;
  int count(OutputResult::Status status) const;
  bool ok() const { return errors.empty() && count(OutputResult::Status::failed) == 0; }
};

// Fonts kept from one batch to the next (watch mode): fontconfig's catalogue, and one Pango
// font set per worker, each used by one thread at a time, with its caches warm.
class FontPool {
 public:
  explicit FontPool(const std::string& folder);
  FontSet& worker(std::size_t index);  // made on first use
  const std::string& folder() const { return catalog_->folder(); }
  // A changed font file means a new catalogue: forget everything.
  void reload_if_changed();
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  std::string folder_;
  std::shared_ptr<const FontCatalog> catalog_;
  std::string fingerprint_;
  std::vector<std::unique_ptr<FontSet>> workers_;
  std::mutex mutex_;
};

// Throws HandoutError only for what stops every output (no fonts, an unwritable out folder).
BatchResult run_batch(const Project& project, const BatchOptions& options, FontPool& fonts, std::ostream& output,
                      std::ostream& errors);

// "4 built, 2 up to date, 0 failed in 0.31 s"
std::string summary_line(const BatchResult& result);

}  // namespace handout
