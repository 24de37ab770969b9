#pragma once
// The command line: what to build, from what, into where.
#include <optional>
#include <string>
#include <vector>

#include "batch/shard.h"
#include "layout/output_profile.h"

namespace handout {

struct BuildOptions {
  std::string project = "handout.toml";  // used when it exists (an explicit --project must exist)
  bool project_given = false;
  bool no_project = false;               // ignore handout.toml: the defaults alone
  std::vector<std::string> content;  // article files; empty: the project's (every .md in content/)
  std::vector<std::string> layouts;  // names or paths; empty: the project's (every .toml in layouts/)
  std::optional<std::string> out_dir;  // empty: the project's (out/)
  int jobs = 0;          // 0: one per core
  bool force = false;
  std::optional<std::string> report;
  std::string fonts_dir = "fonts";
  bool quiet = false;
  bool dump_pages = false;
  std::vector<OutputProfile> profiles;   // empty: each layout's own [output] profile
  std::optional<std::string> password;   // email: encrypt with AES-256
  std::optional<double> preview_dpi;     // overrides the layouts' preview_dpi
  double lock_timeout_seconds = 300;     // waiting for another build of the same output folder
  std::optional<Shard> shard;            // build only this part of the outputs (--shard K/N)
  bool fixed_randomness_for_tests = false;
};

struct Command {
  enum class Kind { build, watch, check, schema, report_merge, help, version } kind = Kind::help;
  BuildOptions build;
  std::string schema;  // `schema`: "layout", "article" or "project"; empty for all three
  // `report merge [--out FILE] REPORT...`: the shards' reports, and where the merged one goes
  // (standard output when not given).
  std::vector<std::string> reports;
  std::optional<std::string> merged_report;
};

// Throws UsageError for anything it does not understand.
Command parse_arguments(const std::vector<std::string>& arguments);

struct UsageError {
  std::string message;
};

std::string usage_text();

}  // namespace handout
