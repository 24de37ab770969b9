#pragma once
// The --report file: one JSON entry per output, for dashboards and scripts.
#include <string>

#include <toml++/toml.h>

#include "batch/batch_result.h"

namespace handout {

// The figures and flagged places of one document, as the report and `handout check --report` write them.
toml::table readability_json(const ReadabilityReport& report);

// The report as a table: the counts, the problems outside any one output, the tool's version,
// the fingerprint of what the whole build lists ("plan"), the shard when the build was one, and
// an entry per output with its "position" in the whole build's list.
toml::table report_table(const BatchResult& result);

// Writes a report table as JSON, atomically; throws HandoutError when the file cannot be written.
void write_report_table(const toml::table& report, const std::string& path);

// Throws HandoutError when the file cannot be written.
void write_report(const BatchResult& result, const std::string& path);

}  // namespace handout
