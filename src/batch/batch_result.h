#pragma once
// What a batch is asked to do, and what became of each output.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "batch/shard.h"
#include "layout/output_profile.h"
#include "readability/readability_report.h"
#include "typeset/section_room.h"

namespace handout {

struct BatchOptions {
  int jobs = 1;
  bool force = false;                    // build even what is up to date
  std::vector<OutputProfile> profiles;   // empty: each layout's own
  std::optional<std::string> password;   // email: AES-256; encrypted outputs are always built
  std::optional<double> preview_dpi;
  bool fixed_randomness_for_tests = false;
  bool dump_pages = false;  // write each document's page description as text beside it
  bool quiet = false;     // no line per output
  bool progress = false;  // one self-updating progress line (a terminal)
  // How long to wait for another build that holds the output folder before giving up.
  std::chrono::milliseconds lock_timeout{std::chrono::minutes(5)};
  std::optional<Shard> shard;  // build only this shard's groups (--shard K/N)
};

struct OutputResult {
  // `failed` with no error yet: planned, not finished (built once its files are committed).
  enum class Status { built, up_to_date, failed };
  std::string output;  // the output's (first) file
  std::vector<std::string> files;
  std::string content, layout, variant, profile, inputs_hash;
  Status status = Status::failed;
  int pages = 0;
  double body_size = 0;
  int fit_passes = 0;
  std::optional<ReadabilityReport> readability;  // of the text this output sets, when built
  std::vector<SectionRoom> fit_sections;  // a summary that did not fit: its sections, largest first
  std::vector<std::string> warnings;
  std::string error;
  double milliseconds = 0;
  // Its place in the whole build's list of outputs (article by article, in the project's
  // order), whatever the shard: the order the shards' reports are merged in.
  std::size_t position = 0;
  // Neither up to date, nor built, nor failed with an error: still to be built.
  bool pending() const { return status == Status::failed && error.empty(); }
};

struct BatchResult {
  std::vector<OutputResult> outputs;  // in plan order, whatever the number of threads
  std::vector<std::string> errors;    // problems outside any one output
  bool usage_error = false;           // the options contradict each other; nothing was built
  std::string plan;                   // fingerprint of what the whole build lists (BatchPlan::fingerprint)
  std::optional<Shard> shard;         // the part of it this build was
  double seconds = 0;
  int count(OutputResult::Status status) const;
  bool ok() const { return errors.empty() && count(OutputResult::Status::failed) == 0; }
};

}  // namespace handout
